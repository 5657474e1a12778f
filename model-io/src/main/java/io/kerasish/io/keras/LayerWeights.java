package io.kerasish.io.keras;

import io.kerasish.io.hdf5.H5Array;
import java.util.List;

/**
 * One layer's weights as a Keras weights file holds them: the layer name, the weight names as stored
 * ({@code dense_1/kernel:0} in Keras 2, {@code dense_1_W} in Keras 1, {@code 0} in Keras 3) and the arrays.
 */
public record LayerWeights(String layer, List<String> names, List<H5Array> values) {
    public LayerWeights {
        names = List.copyOf(names);
        values = List.copyOf(values);
        if (names.size() != values.size()) {
            throw new IllegalArgumentException("names and values differ in length for layer " + layer);
        }
    }
}
