/**
 * Not API. Every translation to DL4J and every DL4J quirk kerasish works around, in one place: the layer-list
 * builder ({@code Translation}; image layers run channels-last, as Keras's data are), weight layout conversions,
 * Keras's initializers, the oneDNN helper fix, Keras-exact updaters and losses DL4J lacks, sample weights, process settings, and the
 * layer kernels kerasish runs where DL4J's measured slow ({@code NativePooling}, {@code NativeDense},
 * {@code NativeConv}, {@code NativeLstm} with {@code LstmBptt} and {@code FastTanh}, {@code NativeEmbedding},
 * {@code NativeOutput}, {@code KerasAdam}, {@code Relu}, {@code Softmax}, {@code SoftmaxCrossentropy}, the small
 * element-wise loops of {@code JavaFloats}; each tested against DL4J's for the same values), and the first layer's
 * input gradient that a training step skips
 * ({@code UnusedInputGradient}), the parameter update in one pass ({@code FusedStep}) and a convolution's ReLU
 * moved after its max pooling ({@code Translation#takeConvRelu}).
 */
package io.kerasish.internal;
