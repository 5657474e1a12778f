/**
 * Weight initializers with Keras's names. Layers take either a string ({@code kernelInitializer("he_normal")})
 * or an {@link io.kerasish.initializers.Initializer} from {@link io.kerasish.initializers.Initializers}
 * ({@code kernelInitializer(Initializers.randomNormal(0, 0.01))}). Kernels default to {@code glorot_uniform}
 * and biases to {@code zeros}, as in Keras. Biases accept only constant initializers ({@code zeros},
 * {@code ones}, {@code constant}), a limit of DL4J.
 */
package io.kerasish.initializers;
