/**
 * Keras's losses, by name ({@code "categorical_crossentropy"}, {@code "mse"}, ...) or as objects
 * ({@code new Huber(2.0)}). {@code compile} checks that the loss fits the last activation (a cross-entropy needs
 * softmax or sigmoid outputs) and says what to change when it does not.
 */
package io.kerasish.losses;
