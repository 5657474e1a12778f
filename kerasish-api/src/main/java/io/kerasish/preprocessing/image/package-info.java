/** Keras's image utilities: {@link io.kerasish.preprocessing.image.Images} ({@code load_img}, {@code img_to_array}). */
package io.kerasish.preprocessing.image;
