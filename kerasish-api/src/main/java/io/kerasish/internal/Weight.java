package io.kerasish.internal;

/**
 * One Keras weight of a layer and where it lives in DL4J: the Keras name ({@code kernel}), its Keras shape,
 * whether Keras counts it as trainable, the DL4J parameter key ({@code W}) and the conversion between layouts.
 */
public record Weight(String name, long[] shape, boolean trainable, String dl4jKey, WeightConversions.Conversion conversion) {
    public long count() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
