/**
 * Keras's optimizers with Keras's defaults and update rules: {@code new Adam(0.01)}, {@code new SGD(0.1).momentum(0.9)
 * .nesterov(true)}, or by name: {@code compile("rmsprop", ...)}, {@link io.kerasish.optimizers.Optimizers#get}.
 * Every optimizer accepts Keras 2's {@code decay} and a {@link io.kerasish.optimizers.LearningRateSchedule}.
 */
package io.kerasish.optimizers;
