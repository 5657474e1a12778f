package io.kerasish.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What Keras's {@code load_data()} returns: {@code (x_train, y_train), (x_test, y_test)}, as UINT8 arrays in
 * Keras's layouts: images {@code (N, 28, 28)} for MNIST and Fashion-MNIST, {@code (N, 32, 32, 3)} (channels last)
 * for CIFAR-10; labels are class ids, {@code (N,)} for MNIST and Fashion-MNIST, {@code (N, 1)} for CIFAR-10.
 */
public record ImageData(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest) {
    /** A UINT8 array of this shape over these bytes (0..255; Java's negative bytes are the values 128..255). */
    static INDArray uint8(byte[] data, long... shape) {
        return Nd4j.createFromArray(data).castTo(DataType.UINT8).reshape('c', shape);
    }
}
