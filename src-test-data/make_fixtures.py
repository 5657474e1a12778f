#!/usr/bin/python3
"""Writes the Keras-format test fixtures under src-test-data/fixtures/.

Run with Debian's python (h5py 3.7, numpy, PyYAML):

    /usr/bin/python3 src-test-data/make_fixtures.py

There is no Keras here: every file is written by hand with h5py/json/yaml in the layout the named Keras
version writes (see README.md for the source each layout was checked against), and the expected
outputs come from the numpy reference in keras_numpy_ref.py.  Deterministic: fixed seeds, fixed zip
timestamps; running it twice gives byte-identical files.
"""

import io
import json
import os
import shutil
import sys
import zipfile

import h5py
import numpy as np
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ next to the committed files
import keras_numpy_ref as ref  # noqa: E402

OUT = os.path.join(HERE, "fixtures")
SEED = 20240611

TF_KERAS_VERSION = "2.4.0"   # tf.keras 2.4 (TensorFlow 2.4, h5py 2.10 era)
TF_KERAS_H5PY3_VERSION = "2.6.0"  # tf.keras with h5py >= 3 (variable-length string attributes)
KERAS1_VERSION = "1.2.2"
KERAS3_VERSION = "3.5.0"


# ============================================================================ small helpers

def rs(offset):
    """A fresh RandomState per fixture, so adding a fixture never changes the others."""
    return np.random.RandomState(SEED + offset)


def glorot(r, shape, fan_in=None, fan_out=None):
    if fan_in is None:
        if len(shape) == 2:
            fan_in, fan_out = shape
        else:  # conv kernel (kh, kw, cin, cout)
            rf = int(np.prod(shape[:-2]))
            fan_in, fan_out = shape[-2] * rf, shape[-1] * rf
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return r.uniform(-limit, limit, size=shape).astype(np.float32)


def small(r, shape, scale=0.1):
    return (r.standard_normal(shape) * scale).astype(np.float32)


def fixed_strings(strings):
    """What h5py 2.x wrote for a Python list of bytes: a fixed-length |S<n> array ([] -> float64 (0,))."""
    data = [s.encode("utf8") for s in strings]
    return np.array(data) if data else np.array([])


def vlen_strings(strings):
    """What h5py 3.x writes for a Python list of bytes: variable-length ASCII strings."""
    return [s.encode("utf8") for s in strings]


def write_dataset(group, name, value):
    # hdf5_format.save_weights_to_hdf5_group: create_dataset(name, val.shape, dtype=val.dtype), then
    # param_dset[()] = val for scalars, param_dset[:] = val otherwise.  A '/' in name makes subgroups.
    value = np.asarray(value)
    dset = group.create_dataset(name, value.shape, dtype=value.dtype)
    if not value.shape:
        dset[()] = value
    else:
        dset[:] = value


def save_weights_to_group(g, layers, keras_version=None, backend=None, h5py3=False):
    """layers: list of (layer_name, [(weight_name, array), ...]) in model.layers order.

    keras_version None -> Keras 1.x layout (only `layer_names`, no backend/keras_version attributes).
    """
    to_attr = vlen_strings if h5py3 else fixed_strings
    g.attrs["layer_names"] = to_attr([name for name, _ in layers])
    if keras_version is not None:
        g.attrs["backend"] = backend.encode("utf8")          # bytes -> vlen ASCII string
        g.attrs["keras_version"] = keras_version.encode("utf8")
    for name, weights in layers:
        lg = g.create_group(name)
        lg.attrs["weight_names"] = to_attr([wn for wn, _ in weights])
        for wn, val in weights:
            write_dataset(lg, wn, val)


def dump_json(obj, path, indent=None):
    # Keras writes json.dumps(config) with the default separators (", ", ": ").
    with open(path, "w") as f:
        f.write(json.dumps(obj, indent=indent))
        if indent is not None:
            f.write("\n")


def write_expected(path, x, y, extra=None, description=""):
    with h5py.File(path, "w") as f:
        f.create_dataset("input", data=np.asarray(x, np.float32))
        f.create_dataset("output", data=np.asarray(y, np.float32))
        for k, v in (extra or {}).items():
            f.create_dataset(k, data=np.asarray(v, np.float32))
        f.attrs["description"] = description


def mkdir(*parts):
    p = os.path.join(OUT, *parts)
    os.makedirs(p, exist_ok=True)
    return p


# ============================================================================ tf.keras 2.4 configs
# Keys and their order as tf.keras 2.4 get_config() returns them (checked against real 2.4 to_json
# output).  Shapes are tuples, as in memory, so yaml.dump writes !!python/tuple like to_yaml() did;
# json.dumps turns them into lists like to_json()/model.save() did.

def k2_glorot():
    return {"class_name": "GlorotUniform", "config": {"seed": None}}


def k2_zeros():
    return {"class_name": "Zeros", "config": {}}


def k2_ones():
    return {"class_name": "Ones", "config": {}}


def k2_orthogonal():
    return {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": None}}


def k2_base(name, batch_input_shape=None):
    c = {"name": name, "trainable": True}
    if batch_input_shape is not None:
        c["batch_input_shape"] = tuple(batch_input_shape)
    c["dtype"] = "float32"
    return c


def k2_input(name, batch_input_shape, dtype="float32"):
    return {"class_name": "InputLayer",
            "config": {"batch_input_shape": tuple(batch_input_shape), "dtype": dtype,
                       "sparse": False, "ragged": False, "name": name}}


def k2_dense(name, units, activation, batch_input_shape=None):
    c = k2_base(name, batch_input_shape)
    c.update({"units": units, "activation": activation, "use_bias": True,
              "kernel_initializer": k2_glorot(), "bias_initializer": k2_zeros(),
              "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
              "kernel_constraint": None, "bias_constraint": None})
    return {"class_name": "Dense", "config": c}


def k2_conv2d(name, filters, kernel, strides, padding, activation, batch_input_shape=None):
    c = k2_base(name, batch_input_shape)
    c.update({"filters": filters, "kernel_size": (kernel, kernel), "strides": (strides, strides),
              "padding": padding, "data_format": "channels_last", "dilation_rate": (1, 1), "groups": 1,
              "activation": activation, "use_bias": True,
              "kernel_initializer": k2_glorot(), "bias_initializer": k2_zeros(),
              "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
              "kernel_constraint": None, "bias_constraint": None})
    return {"class_name": "Conv2D", "config": c}


def k2_batchnorm(name, axis_value):
    c = k2_base(name)
    c.update({"axis": axis_value, "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True,
              "beta_initializer": k2_zeros(), "gamma_initializer": k2_ones(),
              "moving_mean_initializer": k2_zeros(), "moving_variance_initializer": k2_ones(),
              "beta_regularizer": None, "gamma_regularizer": None,
              "beta_constraint": None, "gamma_constraint": None})
    return {"class_name": "BatchNormalization", "config": c}


def k2_maxpool(name, pool=2):
    c = k2_base(name)
    c.update({"pool_size": (pool, pool), "padding": "valid", "strides": (pool, pool),
              "data_format": "channels_last"})
    return {"class_name": "MaxPooling2D", "config": c}


def k2_flatten(name):
    c = k2_base(name)
    c["data_format"] = "channels_last"
    return {"class_name": "Flatten", "config": c}


def k2_dropout(name, rate):
    c = k2_base(name)
    c.update({"rate": rate, "noise_shape": None, "seed": None})
    return {"class_name": "Dropout", "config": c}


def k2_embedding(name, input_dim, output_dim, input_length):
    c = k2_base(name, (None, input_length))
    c.update({"input_dim": input_dim, "output_dim": output_dim,
              "embeddings_initializer": {"class_name": "RandomUniform",
                                         "config": {"minval": -0.05, "maxval": 0.05, "seed": None}},
              "embeddings_regularizer": None, "activity_regularizer": None,
              "embeddings_constraint": None, "mask_zero": False, "input_length": input_length})
    return {"class_name": "Embedding", "config": c}


def k2_rnn_common(name, return_sequences):
    c = k2_base(name)
    c.update({"return_sequences": return_sequences, "return_state": False, "go_backwards": False,
              "stateful": False, "unroll": False, "time_major": False})
    return c


def k2_lstm(name, units, return_sequences):
    c = k2_rnn_common(name, return_sequences)
    c.update({"units": units, "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": True,
              "kernel_initializer": k2_glorot(), "recurrent_initializer": k2_orthogonal(),
              "bias_initializer": k2_zeros(), "unit_forget_bias": True,
              "kernel_regularizer": None, "recurrent_regularizer": None, "bias_regularizer": None,
              "activity_regularizer": None, "kernel_constraint": None, "recurrent_constraint": None,
              "bias_constraint": None, "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 2})
    return {"class_name": "LSTM", "config": c}


def k2_simple_rnn(name, units, return_sequences):
    c = k2_rnn_common(name, return_sequences)
    c.update({"units": units, "activation": "tanh", "use_bias": True,
              "kernel_initializer": k2_glorot(), "recurrent_initializer": k2_orthogonal(),
              "bias_initializer": k2_zeros(),
              "kernel_regularizer": None, "recurrent_regularizer": None, "bias_regularizer": None,
              "activity_regularizer": None, "kernel_constraint": None, "recurrent_constraint": None,
              "bias_constraint": None, "dropout": 0.0, "recurrent_dropout": 0.0})
    return {"class_name": "SimpleRNN", "config": c}


def k2_to_json_dict(class_name, config, keras_version=TF_KERAS_VERSION):
    # Model.to_json(): json.dumps(self._updated_config())
    return {"class_name": class_name, "config": config, "keras_version": keras_version,
            "backend": "tensorflow"}


class ListWrapper(list):
    """Stand-in for tf's trackable ListWrapper, which BatchNormalization.axis became after build();
    yaml.dump(Dumper=yaml.Dumper) wrote it as a python/object/apply tag (tensorflow issue #37885)."""

    def __reduce_ex__(self, protocol):
        return (self.__class__, (list(self),))


ListWrapper.__module__ = "tensorflow.python.training.tracking.data_structures"
ListWrapper.__qualname__ = "ListWrapper"


# ============================================================================ a. keras1_mlp

def keras1_dense(name, output_dim, activation, input_dim, first=False, l2=None):
    c = {"name": name, "trainable": True}
    if first:
        c["batch_input_shape"] = [None, input_dim]
        c["input_dtype"] = "float32"
    c.update({
        "output_dim": output_dim,
        "init": "glorot_uniform",
        "activation": activation,
        # Keras 1.2 regularizers.l2(l) == L1L2Regularizer(l2=l); get_config() is
        # {'name': class name, 'l1': float(self.l1), 'l2': float(self.l2)} with l1/l2 cast_to_floatx'd.
        "W_regularizer": ({"name": "L1L2Regularizer", "l1": 0.0, "l2": float(np.float32(l2))}
                          if l2 is not None else None),
        "b_regularizer": None,
        "activity_regularizer": None,
        "W_constraint": None,
        "b_constraint": None,
        "bias": True,
        "input_dim": input_dim,
    })
    return {"class_name": "Dense", "config": c}


def make_keras1_mlp():
    d = mkdir("keras1_mlp")
    r = rs(1)
    W1, b1 = glorot(r, (6, 5)), small(r, (5,))
    W2, b2 = glorot(r, (5, 3)), small(r, (3,))
    layers = [
        keras1_dense("dense_1", 5, "relu", 6, first=True, l2=0.01),
        {"class_name": "Dropout", "config": {"name": "dropout_1", "trainable": True, "p": 0.5}},
        keras1_dense("dense_2", 3, "linear", 5),
        {"class_name": "Activation", "config": {"name": "activation_1", "trainable": True,
                                                "activation": "softmax"}},
    ]
    # Keras 1.2 Container.to_json(): {'class_name', 'config' (a LIST for Sequential), 'keras_version'}
    dump_json({"class_name": "Sequential", "config": layers, "keras_version": KERAS1_VERSION},
              os.path.join(d, "model.json"))
    # Keras 1.2 TensorFlow backend: variable names '<layer>_W' / '<layer>_b' + TF's ':0' suffix.
    with h5py.File(os.path.join(d, "weights.h5"), "w") as f:
        save_weights_to_group(f, [
            ("dense_1", [("dense_1_W:0", W1), ("dense_1_b:0", b1)]),
            ("dropout_1", []),
            ("dense_2", [("dense_2_W:0", W2), ("dense_2_b:0", b2)]),
            ("activation_1", []),
        ])
    x = r.standard_normal((4, 6)).astype(np.float32)
    y = ref.softmax(ref.dense(ref.dense(x, W1, b1, "relu"), W2, b2, "linear"))
    write_expected(os.path.join(d, "expected.h5"), x, y,
                   description="Keras 1.2.2 Sequential Dense(6->5 relu, l2) - Dropout(0.5) - Dense(5->3) - "
                               "Activation(softmax); input (batch, 6); Dropout is identity.")


# ============================================================================ b. keras1_cnn_th

def make_keras1_cnn_th():
    d = mkdir("keras1_cnn_th")
    r = rs(2)
    nb_filter, stack, rows, cols = 3, 2, 3, 3
    W_th = glorot(r, (rows, cols, stack, nb_filter)).transpose(3, 2, 0, 1).copy()  # (f, c, r, c)
    b_c = small(r, (nb_filter,))
    Wd, bd = glorot(r, (12, 3)), small(r, (3,))
    layers = [
        {"class_name": "Convolution2D", "config": {
            "name": "convolution2d_1", "trainable": True,
            "batch_input_shape": [None, stack, 6, 6], "input_dtype": "float32",
            "nb_filter": nb_filter, "nb_row": rows, "nb_col": cols, "init": "glorot_uniform",
            "activation": "linear", "border_mode": "valid", "subsample": [1, 1], "dim_ordering": "th",
            "W_regularizer": None, "b_regularizer": None, "activity_regularizer": None,
            "W_constraint": None, "b_constraint": None, "bias": True}},
        {"class_name": "Activation", "config": {"name": "activation_1", "trainable": True,
                                                "activation": "relu"}},
        {"class_name": "MaxPooling2D", "config": {
            "name": "maxpooling2d_1", "trainable": True, "pool_size": [2, 2], "border_mode": "valid",
            "strides": [2, 2], "dim_ordering": "th"}},
        {"class_name": "Flatten", "config": {"name": "flatten_1", "trainable": True}},
        keras1_dense("dense_1", 3, "softmax", 12),
    ]
    dump_json({"class_name": "Sequential", "config": layers, "keras_version": KERAS1_VERSION},
              os.path.join(d, "model.json"))
    # Theano backend: theano.shared(value, name='<layer>_W') -> names without TF's ':0'.
    # Keras 1.2 save_weights writes no 'backend' and no 'keras_version' attribute.
    with h5py.File(os.path.join(d, "weights.h5"), "w") as f:
        save_weights_to_group(f, [
            ("convolution2d_1", [("convolution2d_1_W", W_th), ("convolution2d_1_b", b_c)]),
            ("activation_1", []),
            ("maxpooling2d_1", []),
            ("flatten_1", []),
            ("dense_1", [("dense_1_W", Wd), ("dense_1_b", bd)]),
        ])

    x = r.standard_normal((3, 6, 6, stack)).astype(np.float32)  # channels-last (batch, h, w, c)
    k_cl = np.transpose(W_th, (2, 3, 1, 0))  # Keras 2 preprocess_weights_for_loading, Keras 1 Conv2D

    def head(pooled_flat):
        return ref.dense(pooled_flat, Wd, bd, "softmax")

    def body(kernel):
        return ref.maxpool2d(ref.conv2d(x, kernel, b_c, (1, 1), "valid", "relu"), (2, 2), (2, 2))

    out = head(ref.flatten(body(k_cl)))                                   # no flip (no backend attr)
    pooled_flip = body(ref.convert_kernel(k_cl))
    out_flip = head(ref.flatten(pooled_flip))                             # convert_kernel applied
    out_orig = head(pooled_flip.transpose(0, 3, 1, 2).reshape(3, -1))     # Keras 1 theano: (c, h, w) flatten

    # Independent check of the "original" number: NCHW true convolution as Theano computed it.
    conv_th = np.maximum(ref.theano_conv2d_nchw(x.transpose(0, 3, 1, 2), W_th, b_c), 0)
    pooled_th = conv_th.reshape(3, nb_filter, 2, 2, 2, 2).max(axis=(3, 5))
    assert np.allclose(head(pooled_th.reshape(3, -1)), out_orig, atol=1e-12)
    assert not np.allclose(out, out_flip, atol=1e-4), "kernel flip must change the output"
    assert not np.allclose(out_flip, out_orig, atol=1e-4), "flatten order must change the output"

    write_expected(
        os.path.join(d, "expected.h5"), x, out,
        extra={"output_theano_flipped": out_flip, "output_keras1_original": out_orig},
        description="Keras 1.2.2 dim_ordering='th' Convolution2D(3,3,3)-relu-MaxPooling2D-Flatten-Dense(softmax). "
                    "input: channels-last (batch, 6, 6, 2). output: channels-last model, conv kernel "
                    "transposed (2,3,1,0), NOT flipped (file has no backend attr), Flatten (h,w,c), Dense "
                    "kernel as stored. output_theano_flipped: same plus convert_kernel. "
                    "output_keras1_original: what the Theano Keras 1 model computed (flip + (c,h,w) Flatten).")


# ============================================================================ c. tfkeras2_cnn

def make_tfkeras2_cnn():
    d = mkdir("tfkeras2_cnn")
    r = rs(3)
    K1, B1 = glorot(r, (3, 3, 3, 4)), small(r, (4,))
    gamma = r.uniform(0.5, 1.5, 4).astype(np.float32)
    beta = small(r, (4,), 0.2)
    mmean = (0.3 + small(r, (4,), 0.3)).astype(np.float32)
    mvar = r.uniform(0.5, 2.0, 4).astype(np.float32)
    K2, B2 = glorot(r, (3, 3, 4, 2)), small(r, (2,))
    D1, c1 = glorot(r, (8, 5)), small(r, (5,))
    D2, c2 = glorot(r, (5, 3)), small(r, (3,))

    def layers(bn_axis):
        return [
            k2_input("conv2d_input", (None, 8, 8, 3)),
            k2_conv2d("conv2d", 4, 3, 1, "same", "relu", batch_input_shape=(None, 8, 8, 3)),
            k2_batchnorm("batch_normalization", bn_axis),
            k2_maxpool("max_pooling2d"),
            k2_conv2d("conv2d_1", 2, 3, 1, "valid", "linear"),
            k2_flatten("flatten"),
            k2_dense("dense", 5, "relu"),
            k2_dropout("dropout", 0.5),
            k2_dense("dense_1", 3, "softmax"),
        ]

    seq_config = {"name": "sequential", "layers": layers([3])}
    model_config = {"class_name": "Sequential", "config": seq_config}
    training_config = {
        "loss": "categorical_crossentropy",
        "metrics": [[{"class_name": "MeanMetricWrapper",
                      "config": {"name": "accuracy", "dtype": "float32", "fn": "categorical_accuracy"}}]],
        "weighted_metrics": None,
        "loss_weights": None,
        "optimizer_config": {"class_name": "Adam", "config": {
            "name": "Adam", "learning_rate": float(np.float32(0.001)), "decay": 0.0,
            "beta_1": float(np.float32(0.9)), "beta_2": float(np.float32(0.999)), "epsilon": 1e-07,
            "amsgrad": False}},
    }
    weights = [
        ("conv2d", [("conv2d/kernel:0", K1), ("conv2d/bias:0", B1)]),
        ("batch_normalization", [("batch_normalization/gamma:0", gamma),
                                 ("batch_normalization/beta:0", beta),
                                 ("batch_normalization/moving_mean:0", mmean),
                                 ("batch_normalization/moving_variance:0", mvar)]),
        ("max_pooling2d", []),
        ("conv2d_1", [("conv2d_1/kernel:0", K2), ("conv2d_1/bias:0", B2)]),
        ("flatten", []),
        ("dense", [("dense/kernel:0", D1), ("dense/bias:0", c1)]),
        ("dropout", []),
        ("dense_1", [("dense_1/kernel:0", D2), ("dense_1/bias:0", c2)]),
    ]
    trainable = [(wn, v) for _, ws in weights for wn, v in ws
                 if "moving_" not in wn]
    with h5py.File(os.path.join(d, "model.h5"), "w") as f:
        # hdf5_format.save_model_to_hdf5 + saving_utils.model_metadata: keras_version and backend are
        # str (-> vlen UTF-8), model_config/training_config are json.dumps(...).encode('utf8').
        f.attrs["keras_version"] = TF_KERAS_VERSION
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(model_config).encode("utf8")
        f.attrs["training_config"] = json.dumps(training_config).encode("utf8")
        save_weights_to_group(f.create_group("model_weights"), weights, TF_KERAS_VERSION, "tensorflow")
        # save_optimizer_weights_to_hdf5_group: OptimizerV2.weights = [iterations] + m slots + v slots.
        og = f.create_group("optimizer_weights")
        opt = [("Adam/iter:0", np.array(12, dtype=np.int64))]
        opt += [("Adam/" + wn.replace(":0", "/m:0"), small(r, v.shape, 0.01)) for wn, v in trainable]
        opt += [("Adam/" + wn.replace(":0", "/v:0"), (np.abs(small(r, v.shape, 0.01)) ** 2).astype(np.float32))
                for wn, v in trainable]
        og.attrs["weight_names"] = fixed_strings([wn for wn, _ in opt])
        for wn, v in opt:
            write_dataset(og, wn, v)

    dump_json(k2_to_json_dict("Sequential", seq_config), os.path.join(d, "model.json"))
    # Model.to_yaml(): yaml.dump(self._updated_config()) -- default Dumper, sort_keys, tuples tagged.
    with open(os.path.join(d, "model.yaml"), "w") as f:
        f.write(yaml.dump(k2_to_json_dict("Sequential", {"name": "sequential", "layers": layers([3])})))
    with open(os.path.join(d, "model_tf_listwrapper.yaml"), "w") as f:
        f.write(yaml.dump(k2_to_json_dict("Sequential",
                                          {"name": "sequential", "layers": layers(ListWrapper([3]))})))

    x = r.standard_normal((3, 8, 8, 3)).astype(np.float32)
    h = ref.conv2d(x, K1, B1, (1, 1), "same", "relu")
    h = ref.batchnorm(h, gamma, beta, mmean, mvar, 1e-3)
    h = ref.maxpool2d(h, (2, 2), (2, 2), "valid")
    h = ref.conv2d(h, K2, B2, (1, 1), "valid", "linear")
    h = ref.flatten(h)
    h = ref.dense(h, D1, c1, "relu")
    y = ref.dense(h, D2, c2, "softmax")
    write_expected(os.path.join(d, "expected.h5"), x, y,
                   description="tf.keras 2.4 Sequential Conv2D(4,3,same,relu)-BatchNormalization-MaxPooling2D-"
                               "Conv2D(2,3,valid)-Flatten-Dense(5,relu)-Dropout(0.5)-Dense(3,softmax); input "
                               "channels-last (batch, 8, 8, 3); BN inference with moving stats, epsilon 1e-3.")


# ============================================================================ d. tfkeras2_lstm

def make_tfkeras2_lstm():
    d = mkdir("tfkeras2_lstm")
    r = rs(4)
    vocab, dim, steps, units, rnn_units = 20, 6, 5, 4, 3
    E = r.uniform(-0.5, 0.5, (vocab, dim)).astype(np.float32)
    LW = glorot(r, (dim, 4 * units))
    LU = glorot(r, (units, 4 * units))
    Lb = small(r, (4 * units,), 0.2)
    Lb[units:2 * units] += 1.0  # unit_forget_bias-like forget gate bias
    SW, SU, Sb = glorot(r, (units, rnn_units)), glorot(r, (rnn_units, rnn_units)), small(r, (rnn_units,))
    DW, Db = glorot(r, (rnn_units, 2)), small(r, (2,))
    config = {"name": "sequential", "layers": [
        k2_input("embedding_input", (None, steps)),
        k2_embedding("embedding", vocab, dim, steps),
        k2_lstm("lstm", units, True),
        k2_simple_rnn("simple_rnn", rnn_units, False),
        k2_dense("dense", 2, "softmax"),
    ]}
    dump_json(k2_to_json_dict("Sequential", config), os.path.join(d, "model.json"))
    with h5py.File(os.path.join(d, "weights.h5"), "w") as f:
        save_weights_to_group(f, [
            ("embedding", [("embedding/embeddings:0", E)]),
            ("lstm", [("lstm/lstm_cell/kernel:0", LW), ("lstm/lstm_cell/recurrent_kernel:0", LU),
                      ("lstm/lstm_cell/bias:0", Lb)]),
            ("simple_rnn", [("simple_rnn/simple_rnn_cell/kernel:0", SW),
                            ("simple_rnn/simple_rnn_cell/recurrent_kernel:0", SU),
                            ("simple_rnn/simple_rnn_cell/bias:0", Sb)]),
            ("dense", [("dense/kernel:0", DW), ("dense/bias:0", Db)]),
        ], TF_KERAS_VERSION, "tensorflow")
    ids = r.randint(0, vocab, size=(4, steps))
    ids[0, :] = [0, 1, 2, 3, 19]  # both ends of the vocabulary
    x = ids.astype(np.float32)
    h = ref.embedding(x, E)
    h = ref.lstm(h, LW, LU, Lb, "tanh", "sigmoid", return_sequences=True)
    h = ref.simple_rnn(h, SW, SU, Sb, "tanh", return_sequences=False)
    y = ref.dense(h, DW, Db, "softmax")
    write_expected(os.path.join(d, "expected.h5"), x, y,
                   description="tf.keras 2.4 Sequential Embedding(20,6,input_length=5)-LSTM(4,return_sequences)-"
                               "SimpleRNN(3)-Dense(2,softmax); input: integer token ids as float32 "
                               "(batch, 5); LSTM gates i,f,c,o, recurrent_activation sigmoid.")


# ============================================================================ e. keras3_mlp

def k3_dtype_policy():
    return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
            "registered_name": None}


def k3_init(class_name, config):
    return {"module": "keras.initializers", "class_name": class_name, "config": config,
            "registered_name": None}


def k3_dense(name, units, activation, input_shape):
    return {"module": "keras.layers", "class_name": "Dense", "config": {
        "name": name, "trainable": True, "dtype": k3_dtype_policy(), "units": units,
        "activation": activation, "use_bias": True,
        "kernel_initializer": k3_init("GlorotUniform", {"seed": None}),
        "bias_initializer": k3_init("Zeros", {}),
        "kernel_regularizer": None, "bias_regularizer": None,
        "kernel_constraint": None, "bias_constraint": None},
        "registered_name": None, "build_config": {"input_shape": list(input_shape)}}


def write_keras3_weights(fileobj, layer_weights):
    """saving_lib.save_weights_only -> _save_state: H5Entry(path='') makes /vars for the model's own
    (none) variables, then the Sequential's `layers` container: layers/<snake_case(class)[_n]>/vars/<i>."""
    with h5py.File(fileobj, "w") as f:
        f.create_group("vars")
        for path, ws in layer_weights:
            g = f.create_group(path).create_group("vars")
            for i, v in enumerate(ws):
                g[str(i)] = v


def make_keras3_mlp():
    d = mkdir("keras3_mlp")
    r = rs(5)
    W1, b1 = glorot(r, (6, 5)), small(r, (5,))
    W2, b2 = glorot(r, (5, 3)), small(r, (3,))
    config = {"module": "keras", "class_name": "Sequential", "config": {
        "name": "sequential", "trainable": True, "dtype": k3_dtype_policy(),
        "layers": [
            {"module": "keras.layers", "class_name": "InputLayer",
             "config": {"batch_shape": [None, 6], "dtype": "float32", "sparse": False, "ragged": False,
                        "name": "input_layer"},
             "registered_name": None},
            k3_dense("dense", 5, "relu", (None, 6)),
            k3_dense("dense_1", 3, "softmax", (None, 5)),
        ],
        "build_input_shape": [None, 6]},
        "registered_name": None, "build_config": {"input_shape": [None, 6]}}
    config_json = json.dumps(config)
    with open(os.path.join(d, "config.json"), "w") as f:
        f.write(config_json)
    layer_weights = [("layers/dense", [W1, b1]), ("layers/dense_1", [W2, b2])]
    write_keras3_weights(os.path.join(d, "model.weights.h5"), layer_weights)

    # The same model as a .keras archive (saving_lib._save_model_to_fileobj): metadata.json,
    # config.json, model.weights.h5, stored (no compression).  Fixed timestamps for reproducibility.
    buf = io.BytesIO()
    write_keras3_weights(buf, layer_weights)
    metadata = json.dumps({"keras_version": KERAS3_VERSION, "date_saved": "2024-06-11@12:00:00"})
    with zipfile.ZipFile(os.path.join(d, "model.keras"), "w") as zf:
        for name, data in (("metadata.json", metadata.encode()), ("config.json", config_json.encode()),
                           ("model.weights.h5", buf.getvalue())):
            zi = zipfile.ZipInfo(name, date_time=(2024, 6, 11, 12, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED
            zi.external_attr = 0o644 << 16
            zf.writestr(zi, data)

    x = r.standard_normal((4, 6)).astype(np.float32)
    y = ref.dense(ref.dense(x, W1, b1, "relu"), W2, b2, "softmax")
    write_expected(os.path.join(d, "expected.h5"), x, y,
                   description="Keras 3 Sequential Dense(5,relu,input (6,))-Dense(3,softmax); input (batch, 6).")


# ============================================================================ f. functional

def k2_node(layer, inbound):
    layer = dict(layer)
    layer["name"] = layer["config"]["name"]
    layer["inbound_nodes"] = [[[src, 0, 0, {}] for src in inbound]] if inbound else []
    return layer


def make_functional():
    d = mkdir("functional")
    r = rs(6)
    W1, b1 = glorot(r, (6, 5)), small(r, (5,))
    W2, b2 = glorot(r, (5, 3)), small(r, (3,))
    chain = {"name": "model", "layers": [
        k2_node(k2_input("input_1", (None, 6)), None),
        k2_node(k2_dense("dense", 5, "relu"), ["input_1"]),
        k2_node(k2_dense("dense_1", 3, "softmax"), ["dense"]),
    ], "input_layers": [["input_1", 0, 0]], "output_layers": [["dense_1", 0, 0]]}
    dump_json(k2_to_json_dict("Functional", chain, TF_KERAS_H5PY3_VERSION),
              os.path.join(d, "functional_chain.json"))
    # tf.keras >= 2.5 with h5py 3: the same calls now give variable-length string attributes.
    with h5py.File(os.path.join(d, "functional_chain.weights.h5"), "w") as f:
        save_weights_to_group(f, [
            ("input_1", []),
            ("dense", [("dense/kernel:0", W1), ("dense/bias:0", b1)]),
            ("dense_1", [("dense_1/kernel:0", W2), ("dense_1/bias:0", b2)]),
        ], TF_KERAS_H5PY3_VERSION, "tensorflow", h5py3=True)
    x = r.standard_normal((4, 6)).astype(np.float32)
    y = ref.dense(ref.dense(x, W1, b1, "relu"), W2, b2, "softmax")
    write_expected(os.path.join(d, "expected.h5"), x, y,
                   description="tf.keras Functional chain Input(6)-Dense(5,relu)-Dense(3,softmax); input (batch, 6).")

    add_layer = {"class_name": "Add", "config": {"name": "add", "trainable": True, "dtype": "float32"}}
    branching = {"name": "model_1", "layers": [
        k2_node(k2_input("input_1", (None, 6)), None),
        k2_node(k2_dense("dense", 4, "relu"), ["input_1"]),
        k2_node(k2_dense("dense_1", 4, "tanh"), ["input_1"]),
        k2_node(add_layer, ["dense", "dense_1"]),
        k2_node(k2_dense("dense_2", 3, "softmax"), ["add"]),
    ], "input_layers": [["input_1", 0, 0]], "output_layers": [["dense_2", 0, 0]]}
    dump_json(k2_to_json_dict("Functional", branching), os.path.join(d, "functional_branching.json"))


# ============================================================================ g. bad

YAML_BOMB = """\
# The classic "billion laughs": 9 levels of 9 aliases, 9^9 (387,420,489) strings once expanded.
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
class_name: Sequential
config:
  name: sequential
  layers: *i
"""


def make_bad():
    d = mkdir("bad")
    r = rs(7)
    unknown = {"name": "sequential", "layers": [
        k2_input("dense_input", (None, 6)),
        k2_dense("dense", 5, "relu", batch_input_shape=(None, 6)),
        {"class_name": "FancyLayer", "config": {"name": "fancy_layer", "trainable": True,
                                                "dtype": "float32", "units": 3}},
    ]}
    dump_json(k2_to_json_dict("Sequential", unknown), os.path.join(d, "unknown_layer.json"))

    no_units = k2_dense("dense", 5, "relu", batch_input_shape=(None, 6))
    del no_units["config"]["units"]
    dump_json(k2_to_json_dict("Sequential", {"name": "sequential", "layers": [
        k2_input("dense_input", (None, 6)), no_units]}), os.path.join(d, "missing_units.json"))

    with open(os.path.join(d, "yaml_bomb.yaml"), "w") as f:
        f.write(YAML_BOMB)

    # A legit tf.keras to_yaml() document with a python/object/apply tag smuggled into a layer config.
    legit = yaml.dump(k2_to_json_dict("Sequential", {"name": "sequential", "layers": [
        k2_input("dense_input", (None, 6)),
        k2_dense("dense", 3, "softmax", batch_input_shape=(None, 6))]}))
    evil = legit.replace("      name: dense\n",
                         '      name: !!python/object/apply:os.system ["echo pwned"]\n', 1)
    assert evil != legit
    with open(os.path.join(d, "yaml_python_object.yaml"), "w") as f:
        f.write(evil)

    with open(os.path.join(d, "not_hdf5.h5"), "w") as f:
        f.write("This is a plain text file with an .h5 name, not HDF5.\n")

    # tf.keras 2.4 save_weights layout for Input(6)-Dense(5)-Dense(3) (the functional_chain /
    # keras3_mlp architecture) with the first kernel stored transposed: (5, 6) instead of (6, 5).
    with h5py.File(os.path.join(d, "wrong_shape.weights.h5"), "w") as f:
        save_weights_to_group(f, [
            ("input_1", []),
            ("dense", [("dense/kernel:0", glorot(r, (5, 6))), ("dense/bias:0", small(r, (5,)))]),
            ("dense_1", [("dense_1/kernel:0", glorot(r, (5, 3))), ("dense_1/bias:0", small(r, (3,)))]),
        ], TF_KERAS_VERSION, "tensorflow")


# ============================================================================ main

def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    make_keras1_mlp()
    make_keras1_cnn_th()
    make_tfkeras2_cnn()
    make_tfkeras2_lstm()
    make_keras3_mlp()
    make_functional()
    make_bad()
    total = 0
    for root, _, files in sorted(os.walk(OUT)):
        for name in sorted(files):
            p = os.path.join(root, name)
            total += os.path.getsize(p)
            print("%7d  %s" % (os.path.getsize(p), os.path.relpath(p, HERE)))
    print("%7d  total" % total)


if __name__ == "__main__":
    main()
