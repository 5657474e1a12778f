/**
 * HDF5 files as in-memory trees, for Keras's weight files. This layer knows HDF5, not models.
 *
 * <h2>The model</h2>
 * {@link io.kerasish.io.hdf5.Hdf5#read} turns a file into an {@link io.kerasish.io.hdf5.H5Group}: attributes
 * ({@code String}, {@code String[]}, {@code Long}, {@code Double}, {@code long[]}, {@code double[]}), child groups
 * and child datasets ({@link io.kerasish.io.hdf5.H5Array}: type, shape, row-major {@code float[]}).
 * {@link io.kerasish.io.hdf5.Hdf5#write} stores such a tree. Paths use {@code '/'}; names may contain {@code ':'}.
 *
 * <h2>The Keras layouts it serves</h2>
 * <pre>
 * Keras 1/2 save_weights            Keras 2 model.save               Keras 3 .weights.h5
 * /  layer_names = [b'dense_1',..]  /  model_config, training_config  /layers/dense/vars/0, 1
 *    keras_version, backend            keras_version, backend         /optimizer/vars/0, ...
 * /dense_1  weight_names = [b'dense_1/kernel:0', ...]
 * /dense_1/dense_1/kernel:0         /model_weights/... as on the left
 * /dropout_1  weight_names = []     /optimizer_weights/...  (iterations: int64 scalar)
 * </pre>
 * h5py writes {@code layer_names}/{@code weight_names} as fixed-length byte strings (read here as {@code String[]},
 * decoded as UTF-8), an empty list as an empty float64 array (read as {@code double[0]}), and Keras splits lists
 * longer than 64,512 bytes into {@code name0, name1, ...}: {@link io.kerasish.io.hdf5.H5Group#stringArrayAttr}
 * undoes both.
 *
 * <h2>What is written</h2>
 * Strings as null-terminated UTF-8 fixed-length strings (h5py gives {@code bytes}); {@code String[]} as arrays of
 * them, split like Keras when too long, an empty one as an empty {@code |S1} array; numbers as int64/float64;
 * datasets as contiguous little-endian float32/float64/int64 of rank 0 to 32 (not zero-size: jhdf cannot). jhdf adds
 * a root attribute {@code _jHDF}; group and attribute order in the file is jhdf's, not insertion order (Keras orders
 * by {@code layer_names}, never by file order). Writes go to a temporary file, which is read back and compared in
 * structure before it is moved over the target. jhdf 0.13.0's own {@code close()} corrupts group headers written
 * after the last dataset (its trailer lands on them); {@code H5Writer.finish} does the closing instead.
 *
 * <h2>Robustness</h2>
 * Reading checks the signature, reads the file into memory (no mapping; the handle is closed at once), parses in a
 * daemon thread with a time limit, bounds depth, object count and every allocation by the file size, refuses
 * cycles, and turns whatever jhdf throws (errors included) into {@link io.kerasish.InvalidFileException}.
 * jhdf's own logging under slf4j-simple is set to {@code error} unless {@code org.slf4j.simpleLogger.log.io.jhdf}
 * is set.
 */
package io.kerasish.io.hdf5;
