"""Small numpy reference implementation of the Keras layer math used by the fixtures.

Inference mode only, everything computed in float64 from the stored float32 values:

* Dense: ``act(x @ kernel + bias)``; kernel is ``(in, out)`` as Keras stores it.
* Conv2D: channels-last cross-correlation (TensorFlow ``conv2d``), kernel ``(rows, cols, in, out)``,
  ``padding='valid'|'same'`` with TensorFlow's same-padding split (extra pixel at the bottom/right).
* MaxPooling2D: channels-last, ``'valid'`` or ``'same'`` padding (padding never wins the max).
* BatchNormalization: ``gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta``.
* Dropout: identity.  Flatten: row-major over the non-batch axes (channels-last: h, w, c).
* Embedding: row lookup, ids given as floats are truncated to int.
* LSTM (Keras 2 / tf.keras 2 gate order i, f, c, o): ``z = x W + h U + b``,
  ``i = rec(z_i); f = rec(z_f); c = f c + i act(z_c); o = rec(z_o); h = o act(c)``.
* SimpleRNN: ``h = act(x W + h U + b)``.

Also the interpreter ``run_sequential`` used by ``verify_fixtures.py`` to run a model straight from a
parsed Keras config plus a ``{layer_name: [weights...]}`` dict, so the fixtures are checked through a
code path that reads the files from disk.
"""

import numpy as np

BN_EPSILON = 1e-3


# ----------------------------------------------------------------------------- activations

def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def hard_sigmoid(x):
    # Keras 1/2 hard_sigmoid: clip(0.2 x + 0.5, 0, 1)
    return np.clip(0.2 * x + 0.5, 0.0, 1.0)


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


ACTIVATIONS = {
    "linear": lambda x: x,
    None: lambda x: x,
    "relu": lambda x: np.maximum(x, 0.0),
    "tanh": np.tanh,
    "sigmoid": sigmoid,
    "hard_sigmoid": hard_sigmoid,
    "softmax": softmax,
}


def activation(name, x):
    if name not in ACTIVATIONS:
        raise ValueError("activation not in the reference: %r" % (name,))
    return ACTIVATIONS[name](x)


# ----------------------------------------------------------------------------- layers

def dense(x, kernel, bias=None, act="linear"):
    y = np.asarray(x, np.float64) @ np.asarray(kernel, np.float64)
    if bias is not None:
        y = y + np.asarray(bias, np.float64)
    return activation(act, y)


def _same_pads(size, k, s):
    out = -(-size // s)  # ceil
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def conv2d(x, kernel, bias=None, strides=(1, 1), padding="valid", act="linear"):
    """Channels-last cross-correlation. x: (n, h, w, c); kernel: (kh, kw, c, f)."""
    x = np.asarray(x, np.float64)
    kernel = np.asarray(kernel, np.float64)
    kh, kw, cin, f = kernel.shape
    n, h, w, c = x.shape
    if c != cin:
        raise ValueError("conv2d: input has %d channels, kernel expects %d" % (c, cin))
    sh, sw = strides
    if padding == "same":
        pt, pb = _same_pads(h, kh, sh)
        pl, pr = _same_pads(w, kw, sw)
        x = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)))
    elif padding != "valid":
        raise ValueError("padding %r" % (padding,))
    hp, wp = x.shape[1], x.shape[2]
    oh = (hp - kh) // sh + 1
    ow = (wp - kw) // sw + 1
    y = np.zeros((n, oh, ow, f))
    for i in range(oh):
        for j in range(ow):
            patch = x[:, i * sh:i * sh + kh, j * sw:j * sw + kw, :]  # (n, kh, kw, c)
            y[:, i, j, :] = np.tensordot(patch, kernel, axes=([1, 2, 3], [0, 1, 2]))
    if bias is not None:
        y = y + np.asarray(bias, np.float64)
    return activation(act, y)


def maxpool2d(x, pool_size=(2, 2), strides=None, padding="valid"):
    x = np.asarray(x, np.float64)
    ph, pw = pool_size
    sh, sw = strides if strides is not None else pool_size
    n, h, w, c = x.shape
    if padding == "same":
        pt, pb = _same_pads(h, ph, sh)
        pl, pr = _same_pads(w, pw, sw)
        x = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)), constant_values=-np.inf)
    elif padding != "valid":
        raise ValueError("padding %r" % (padding,))
    hp, wp = x.shape[1], x.shape[2]
    oh = (hp - ph) // sh + 1
    ow = (wp - pw) // sw + 1
    y = np.zeros((n, oh, ow, c))
    for i in range(oh):
        for j in range(ow):
            y[:, i, j, :] = x[:, i * sh:i * sh + ph, j * sw:j * sw + pw, :].max(axis=(1, 2))
    return y


def batchnorm(x, gamma, beta, moving_mean, moving_variance, epsilon=BN_EPSILON):
    x = np.asarray(x, np.float64)
    g = np.asarray(gamma, np.float64)
    b = np.asarray(beta, np.float64)
    m = np.asarray(moving_mean, np.float64)
    v = np.asarray(moving_variance, np.float64)
    return g * (x - m) / np.sqrt(v + epsilon) + b


def flatten(x):
    x = np.asarray(x)
    return x.reshape(x.shape[0], -1)


def embedding(ids, table):
    return np.asarray(table, np.float64)[np.asarray(ids).astype(np.int64)]


def lstm(x, kernel, recurrent_kernel, bias, act="tanh", recurrent_act="sigmoid",
         return_sequences=False):
    """Keras 2 LSTM, gate order i, f, c, o in the 4*units axis."""
    x = np.asarray(x, np.float64)
    W = np.asarray(kernel, np.float64)
    U = np.asarray(recurrent_kernel, np.float64)
    b = np.asarray(bias, np.float64) if bias is not None else 0.0
    n, t, _ = x.shape
    u = U.shape[0]
    h = np.zeros((n, u))
    c = np.zeros((n, u))
    outs = []
    for step in range(t):
        z = x[:, step, :] @ W + h @ U + b
        i = activation(recurrent_act, z[:, :u])
        f = activation(recurrent_act, z[:, u:2 * u])
        cc = activation(act, z[:, 2 * u:3 * u])
        o = activation(recurrent_act, z[:, 3 * u:])
        c = f * c + i * cc
        h = o * activation(act, c)
        outs.append(h)
    return np.stack(outs, axis=1) if return_sequences else h


def simple_rnn(x, kernel, recurrent_kernel, bias, act="tanh", return_sequences=False):
    x = np.asarray(x, np.float64)
    W = np.asarray(kernel, np.float64)
    U = np.asarray(recurrent_kernel, np.float64)
    b = np.asarray(bias, np.float64) if bias is not None else 0.0
    n, t, _ = x.shape
    h = np.zeros((n, U.shape[0]))
    outs = []
    for step in range(t):
        h = activation(act, x[:, step, :] @ W + h @ U + b)
        outs.append(h)
    return np.stack(outs, axis=1) if return_sequences else h


def convert_kernel(kernel):
    """Keras 2 ``conv_utils.convert_kernel``: flip every axis except the last two."""
    kernel = np.asarray(kernel)
    slices = [slice(None, None, -1)] * (kernel.ndim - 2) + [slice(None), slice(None)]
    return np.copy(kernel[tuple(slices)])


def theano_conv2d_nchw(x_nchw, kernel_th, bias=None):
    """Keras 1 Theano-backend Convolution2D(dim_ordering='th', border_mode='valid') computed the
    direct way: a TRUE convolution (Theano ``conv2d`` flips the kernel) of an NCHW input with a
    ``(nb_filter, stack, rows, cols)`` kernel.  Used only to cross-check the channels-last path."""
    x = np.asarray(x_nchw, np.float64)
    k = np.asarray(kernel_th, np.float64)
    f, c, kh, kw = k.shape
    n, c2, h, w = x.shape
    assert c == c2
    oh, ow = h - kh + 1, w - kw + 1
    y = np.zeros((n, f, oh, ow))
    kf = k[:, :, ::-1, ::-1]  # convolution == correlation with the flipped kernel
    for i in range(oh):
        for j in range(ow):
            patch = x[:, :, i:i + kh, j:j + kw]  # (n, c, kh, kw)
            y[:, :, i, j] = np.tensordot(patch, kf, axes=([1, 2, 3], [1, 2, 3]))
    if bias is not None:
        y = y + np.asarray(bias, np.float64)[None, :, None, None]
    return y


# ----------------------------------------------------------------------------- interpreter

def _pair(v):
    if isinstance(v, int):
        return (v, v)
    return tuple(v)


def run_sequential(layers, weights, x, keras1_conv_policy=None):
    """Run a list of ``{"class_name", "config"}`` layer dicts (Keras 1, tf.keras 2 or Keras 3 form).

    weights: ``{layer_name: [np.ndarray, ...]}`` in Keras order.
    keras1_conv_policy: for Keras 1 ``Convolution2D`` with ``dim_ordering='th'``: ``"no_flip"``
    (Keras 2 rule when the file has no ``backend`` attribute) or ``"flip"`` (theano convert_kernel).
    Inputs are always channels-last; Keras 1 'th' layers are run as their channels-last conversion
    (kernel transposed (2, 3, 1, 0)); Flatten is always (h, w, c) order.
    """
    y = np.asarray(x, np.float64)
    for layer in layers:
        cls = layer["class_name"]
        cfg = layer["config"]
        name = cfg.get("name")
        w = weights.get(name, [])
        if cls == "InputLayer":
            continue
        if cls == "Dense":
            act = cfg.get("activation", "linear")
            y = dense(y, w[0], w[1] if len(w) > 1 else None, act)
        elif cls in ("Dropout", "SpatialDropout2D"):
            pass
        elif cls == "Activation":
            y = activation(cfg["activation"], y)
        elif cls == "Flatten":
            y = flatten(y)
        elif cls == "Conv2D":
            if cfg.get("data_format", "channels_last") != "channels_last":
                raise ValueError("reference runs channels_last only")
            y = conv2d(y, w[0], w[1] if len(w) > 1 else None, _pair(cfg.get("strides", 1)),
                       cfg.get("padding", "valid"), cfg.get("activation", "linear"))
        elif cls == "Convolution2D":  # Keras 1
            k = np.asarray(w[0])
            if cfg.get("dim_ordering") == "th":
                k = np.transpose(k, (2, 3, 1, 0))
                if keras1_conv_policy == "flip":
                    k = convert_kernel(k)
                elif keras1_conv_policy != "no_flip":
                    raise ValueError("say how to treat a Keras 1 'th' kernel")
            y = conv2d(y, k, w[1] if len(w) > 1 else None, _pair(cfg.get("subsample", 1)),
                       cfg.get("border_mode", "valid"), cfg.get("activation", "linear"))
        elif cls == "MaxPooling2D":
            pad = cfg.get("padding", cfg.get("border_mode", "valid"))
            y = maxpool2d(y, _pair(cfg["pool_size"]), _pair(cfg.get("strides") or cfg["pool_size"]), pad)
        elif cls == "BatchNormalization":
            y = batchnorm(y, w[0], w[1], w[2], w[3], cfg.get("epsilon", BN_EPSILON))
        elif cls == "Embedding":
            y = embedding(y, w[0])
        elif cls == "LSTM":
            y = lstm(y, w[0], w[1], w[2] if len(w) > 2 else None, cfg.get("activation", "tanh"),
                     cfg.get("recurrent_activation", "sigmoid"), cfg.get("return_sequences", False))
        elif cls == "SimpleRNN":
            y = simple_rnn(y, w[0], w[1], w[2] if len(w) > 2 else None, cfg.get("activation", "tanh"),
                           cfg.get("return_sequences", False))
        else:
            raise ValueError("layer not in the reference: %s" % cls)
    return y
