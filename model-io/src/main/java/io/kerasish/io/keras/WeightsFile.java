package io.kerasish.io.keras;

import java.util.List;

/**
 * The weights of a Keras file, in file order, with what the reader needs to convert them.
 *
 * @param format       which Keras wrote the layout
 * @param kerasVersion the {@code keras_version} attribute ("1" when absent, as Keras 2 assumes)
 * @param backend      the {@code backend} attribute, or null ("theano" means flipped convolution kernels)
 * @param layers       every layer group in the file's order, weightless layers included
 */
public record WeightsFile(Format format, String kerasVersion, String backend, List<LayerWeights> layers) {
    /** Keras 1 and 2 ({@code save_weights}/{@code save} HDF5 layout) or Keras 3 ({@code .weights.h5}). */
    public enum Format { KERAS1, KERAS2, KERAS3 }

    public WeightsFile {
        layers = List.copyOf(layers);
    }

    /** The layers that hold weights, in file order: what Keras matches by position. */
    public List<LayerWeights> layersWithWeights() {
        return layers.stream().filter(l -> !l.values().isEmpty()).toList();
    }
}
