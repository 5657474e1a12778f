/**
 * Keras-like dataset loaders returning arrays in Keras's layouts: {@code FashionMnist.loadData()}. Files are
 * looked for in {@code $KERASISH_DATA/<name>/}, then {@code ~/.kerasish/datasets/<name>/}, then where a system
 * package installs them; when missing, the error says which files to put where.
 */
package io.kerasish.datasets;
