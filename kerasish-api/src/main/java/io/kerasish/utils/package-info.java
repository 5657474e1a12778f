/**
 * Keras's {@code keras.utils}: {@link io.kerasish.utils.Utils#toCategorical} turns class ids into the one-hot rows
 * that {@code categorical_crossentropy} expects ({@code sparse_categorical_crossentropy} takes the ids as they are).
 */
package io.kerasish.utils;
