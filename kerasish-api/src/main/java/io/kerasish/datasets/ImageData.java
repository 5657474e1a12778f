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
    /**
     * What Keras scripts do with these images before {@code fit}: {@code x.astype("float32") / 255}, channels last;
     * grey images {@code (N, h, w)} get their channel axis, {@code (N, h, w, 1)}. A new array; {@code images} is
     * left as it is.
     */
    public static INDArray scaled(INDArray images) {
        INDArray x = images.castTo(DataType.FLOAT).divi(255f);
        return images.rank() == 3 ? x.reshape('c', images.size(0), images.size(1), images.size(2), 1) : x;
    }

    /** A UINT8 array of this shape over these bytes (0..255; Java's negative bytes are the values 128..255). */
    static INDArray uint8(byte[] data, long... shape) {
        return Nd4j.createFromArray(data).castTo(DataType.UINT8).reshape('c', shape);
    }
}
