#!/usr/bin/python3
"""numpy reference of Keras's VGG-16 conv base (no top), for the zoo's VGG16WeightsTest.

    /usr/bin/python3 src-test-data/vgg16_numpy_ref.py WEIGHTS.h5 INPUT.h5 OUTPUT.h5

Reads a weights file in the layout of Keras's vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 (root attribute
layer_names; per layer weight_names, kernel then bias) with h5py, runs the dataset 'input' of INPUT.h5
(channels-last, already preprocessed) through the layers named there (blockN_convM: 3x3 'same' ReLU convolution,
blockN_pool: 2x2 max pooling) in float64 with keras_numpy_ref.py, and writes the dataset 'output' to OUTPUT.h5.
"""
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keras_numpy_ref as ref  # noqa: E402


def text(v):
    return v.decode("utf-8") if isinstance(v, bytes) else str(v)


def main(weights, inp, out):
    with h5py.File(inp, "r") as f:
        x = np.asarray(f["input"][()], np.float64)
    with h5py.File(weights, "r") as f:
        for name in [text(n) for n in f.attrs["layer_names"]]:
            g = f[name]
            wn = [text(n) for n in g.attrs["weight_names"]]
            if "_conv" in name:
                x = ref.conv2d(x, g[wn[0]][()], g[wn[1]][()], padding="same", act="relu")
            elif name.endswith("_pool"):
                x = ref.maxpool2d(x, (2, 2), (2, 2))
            elif wn:
                raise ValueError("unexpected layer with weights: %s" % name)
    with h5py.File(out, "w") as f:
        f.create_dataset("output", data=x.astype(np.float32))


if __name__ == "__main__":
    main(*sys.argv[1:4])
