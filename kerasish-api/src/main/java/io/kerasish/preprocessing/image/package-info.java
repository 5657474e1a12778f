/**
 * Keras's image utilities: {@link io.kerasish.preprocessing.image.Images} ({@code load_img}, {@code img_to_array},
 * and {@code image_dataset_from_directory} as {@code Images.fromDirectory}).
 */
package io.kerasish.preprocessing.image;
