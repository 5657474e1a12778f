package io.kerasish.internal;

/**
 * One Keras weight of a layer and where it lives in DL4J: the Keras name ({@code kernel}), its Keras shape,
 * whether Keras counts it as trainable, the DL4J parameter key ({@code W}), the conversion between layouts and
 * the Keras initializer kerasish draws its first value from (null where DL4J's own init is already Keras's).
 */
public record Weight(String name, long[] shape, boolean trainable, String dl4jKey, WeightConversions.Conversion conversion,
        io.kerasish.initializers.Initializer initializer) {
    /** A weight whose initial value DL4J sets (biases, BatchNormalization's statistics). */
    public Weight(String name, long[] shape, boolean trainable, String dl4jKey, WeightConversions.Conversion conversion) {
        this(name, shape, trainable, dl4jKey, conversion, null);
    }

    public long count() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
