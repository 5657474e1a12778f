/**
 * numpy's file formats, {@code .npy} and {@code .npz}, read into plain Java arrays. This layer knows the formats,
 * not what the arrays mean (the dataset loaders in {@code io.kerasish.datasets} do).
 *
 * <ul>
 *   <li>{@link io.kerasish.io.npy.Npy#read}: one {@code .npy} file (format 1.0, 2.0, 3.0) into an
 *       {@link io.kerasish.io.npy.NpyArray}: bool, int8-64, uint8-64, float32, float64 in either byte order, C or
 *       Fortran order, any rank, always returned in C order.</li>
 *   <li>{@link io.kerasish.io.npy.Npz#read}: a {@code .npz} archive ({@code np.savez} or
 *       {@code np.savez_compressed}), read with {@code java.util.zip} in memory, keyed as numpy keys it.</li>
 *   <li>Object arrays ({@code |O}), which numpy stores as a pickle: only arrays whose elements are Python lists of
 *       ints (Keras's {@code imdb.npz}) are read, by a strict reader of the few pickle opcodes numpy uses for them
 *       and of three numpy globals. It never imports, calls or instantiates anything; every other opcode or global
 *       is refused with an {@link io.kerasish.InvalidFileException} naming the file, entry and opcode.</li>
 * </ul>
 *
 * Every size a file states is checked against the bytes present before anything is allocated; a truncated or
 * damaged file gives an {@link io.kerasish.InvalidFileException} naming the file (and the entry), never another
 * exception (a fuzz test damages files hundreds of ways per run). Arrays are limited to 2 GB each.
 */
package io.kerasish.io.npy;
