/**
 * Keras's datasets, loaded as Keras loads them and returned in Keras's layouts.
 *
 * <h2>The loaders</h2>
 * <pre>{@code
 * ImageData mnist = Mnist.loadData();            // x (60000, 28, 28) UINT8, y (60000,) UINT8 class ids
 * ImageData fashion = FashionMnist.loadData();   // the same layout, clothing (FashionMnist.CLASS_NAMES)
 * ImageData cifar = Cifar10.loadData();          // x (50000, 32, 32, 3) channels last, y (50000, 1)
 * Cifar10.Labeled few = Cifar10.loadFolder(Path.of("train"), Path.of("trainLabels.csv"));  // PNGs + "1.png,frog"
 * Imdb.Data imdb = Imdb.options().numWords(10000).load();   // int[][] reviews of word indices, int[] labels
 * Map<String, Integer> words = Imdb.getWordIndex();
 * AutoMpg.Data cars = AutoMpg.loadData();        // UCI's Auto MPG, rows with '?' dropped
 * String alice = TextFiles.alice();              // plain text
 * }</pre>
 * Images and labels are UINT8 {@code INDArray}s as Keras's are uint8 numpy arrays: scale them yourself
 * ({@code x.castTo(DataType.FLOAT).div(255)}). IMDB reviews keep their varying lengths, as in Keras; pad them
 * before training. Each loader also takes an explicit path ({@code Mnist.loadData(path)},
 * {@code Imdb.options().load(path)}, {@code Cifar10.loadData(dir)}, {@code AutoMpg.loadData(path)}).
 *
 * <h2>Where files come from</h2>
 * A loader looks for its files, in order, in
 * <ol>
 *   <li>{@code $KERASISH_DATA/<name>/} ({@code scripts/kerasish} sets it to the project's shared data when there is
 *       one),</li>
 *   <li>the cache, {@code ~/.kerasish/datasets/<name>/} (or {@code $KERASISH_HOME/datasets/<name>/}),</li>
 *   <li>where a system package installs them (Debian's {@code dataset-fashion-mnist}).</li>
 * </ol>
 * When none has them, the loader downloads them from the canonical address (Keras's for MNIST and IMDB, the
 * authors' for CIFAR-10, UCI's for Auto MPG) into the cache, checks the published checksum (Keras's
 * {@code file_hash}), and moves the file into place only then, so an interrupted or corrupt download leaves
 * nothing. Offline, the error names the URL and the exact folder and file name to put a copy at. Files found
 * locally are used as they are (their checksums are not checked, so your own copies work).
 *
 * <table>
 *   <caption>Names, files and sources</caption>
 *   <tr><th>name</th><th>files</th><th>downloaded from</th></tr>
 *   <tr><td>mnist</td><td>mnist.npz, or the four IDX files (gzipped or not)</td><td>{@link io.kerasish.datasets.Mnist#URL}</td></tr>
 *   <tr><td>fashion-mnist</td><td>the four IDX files</td><td>not downloaded</td></tr>
 *   <tr><td>cifar10</td><td>data_batch_1..5.bin, test_batch.bin (or in cifar-10-batches-bin/)</td><td>{@link io.kerasish.datasets.Cifar10#URL}, extracted</td></tr>
 *   <tr><td>imdb</td><td>imdb.npz, imdb_word_index.json</td><td>{@link io.kerasish.datasets.Imdb#URL}, {@link io.kerasish.datasets.Imdb#WORD_INDEX_URL}</td></tr>
 *   <tr><td>auto-mpg</td><td>auto-mpg.data</td><td>{@link io.kerasish.datasets.AutoMpg#URL}</td></tr>
 * </table>
 *
 * <h2>Keras's numpy files</h2>
 * {@code .npz} files are read by {@link io.kerasish.io.npy.Npz} (model-io). IMDB's reviews are numpy object arrays,
 * which numpy pickles: they are read by a strict reader that accepts only numpy's pickle of an array of lists of
 * ints and refuses anything else, never by a general unpickler. IMDB's shuffle reproduces numpy's
 * {@code RandomState}, so {@code seed(113)} gives Keras's order exactly.
 */
package io.kerasish.datasets;
