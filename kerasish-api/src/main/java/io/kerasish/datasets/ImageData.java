package io.kerasish.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What Keras's {@code load_data()} returns: {@code (x_train, y_train), (x_test, y_test)}. Images are UINT8
 * {@code (N, 28, 28)} and labels UINT8 class ids {@code (N,)}, as in Keras.
 */
public record ImageData(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest) {
}
