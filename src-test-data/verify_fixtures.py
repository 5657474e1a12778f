#!/usr/bin/python3
"""Checks the generated fixtures by reading them back from disk, and the numpy reference against files
written by real Keras.

    /usr/bin/python3 src-test-data/verify_fixtures.py [--real /work/shared/keras-fixtures]

For every fixture: parse the model file (JSON / YAML / model_config attribute / .keras zip), read the
weights through their layout (layer_names -> weight_names -> group[name]; Keras 3 layers/<n>/vars/<i>),
run keras_numpy_ref.run_sequential and compare with expected.h5 (max abs diff must be < 1e-6).
With --real (default: /work/shared/keras-fixtures when present) also runs the real Keras 2.0.6
mnist_mlp and Keras 2.3.1 simple_sparse_xent_mlp files and compares with their recorded predictions.
Exit code 0 when everything passes.
"""

import io
import json
import os
import re
import sys
import zipfile

import h5py
import numpy as np
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ next to the committed files
import keras_numpy_ref as ref  # noqa: E402

FIX = os.path.join(HERE, "fixtures")
TOL = 1e-6
failures = []


def report(name, ok, detail=""):
    print("%-4s %s %s" % ("ok" if ok else "FAIL", name, detail))
    if not ok:
        failures.append(name)


def dec(v):
    return v.decode("utf8") if isinstance(v, bytes) else v


def read_tf_weights(g):
    """load_weights_from_hdf5_group: {layer_name: [arrays in weight_names order]}, plus attrs."""
    out = {}
    for name in [dec(n) for n in g.attrs["layer_names"]]:
        lg = g[name]
        out[name] = [np.asarray(lg[dec(wn)]) for wn in lg.attrs["weight_names"]]
    return out


def layers_of(config):
    """Sequential config: Keras 1/2.0 list form or {'layers': [...]}."""
    inner = config["config"]
    return inner if isinstance(inner, list) else inner["layers"]


def compare(name, got, expected_path, key="output"):
    with h5py.File(expected_path, "r") as e:
        want = np.asarray(e[key], np.float64)
    diff = float(np.max(np.abs(got - want)))
    report(name, got.shape == want.shape and diff < TOL, "max|diff|=%.3g shape=%s" % (diff, got.shape))


def expected_input(path):
    with h5py.File(path, "r") as e:
        return np.asarray(e["input"])


# --------------------------------------------------------------------------- generated fixtures

def verify_keras1():
    d = os.path.join(FIX, "keras1_mlp")
    cfg = json.load(open(os.path.join(d, "model.json")))
    assert isinstance(cfg["config"], list) and cfg["keras_version"] == "1.2.2"
    with h5py.File(os.path.join(d, "weights.h5"), "r") as f:
        assert set(f.attrs.keys()) == {"layer_names"}, f.attrs.keys()
        w = read_tf_weights(f)
    y = ref.run_sequential(layers_of(cfg), w, expected_input(os.path.join(d, "expected.h5")))
    compare("keras1_mlp", y, os.path.join(d, "expected.h5"))

    d = os.path.join(FIX, "keras1_cnn_th")
    cfg = json.load(open(os.path.join(d, "model.json")))
    with h5py.File(os.path.join(d, "weights.h5"), "r") as f:
        assert set(f.attrs.keys()) == {"layer_names"}, f.attrs.keys()
        w = read_tf_weights(f)
    x = expected_input(os.path.join(d, "expected.h5"))
    compare("keras1_cnn_th output (no flip)", ref.run_sequential(layers_of(cfg), w, x, "no_flip"),
            os.path.join(d, "expected.h5"))
    compare("keras1_cnn_th output_theano_flipped", ref.run_sequential(layers_of(cfg), w, x, "flip"),
            os.path.join(d, "expected.h5"), "output_theano_flipped")


def normalize(obj):
    """tuples -> lists, for comparing YAML (tuples) with JSON (lists)."""
    if isinstance(obj, (list, tuple)):
        return [normalize(v) for v in obj]
    if isinstance(obj, dict):
        return {k: normalize(v) for k, v in obj.items()}
    return obj


class TupleOnlyLoader(yaml.SafeLoader):
    """SafeLoader plus the one python tag a Keras to_yaml() document needs."""


TupleOnlyLoader.add_constructor("tag:yaml.org,2002:python/tuple",
                                lambda loader, node: tuple(loader.construct_sequence(node)))


def verify_tfkeras2_cnn():
    d = os.path.join(FIX, "tfkeras2_cnn")
    with h5py.File(os.path.join(d, "model.h5"), "r") as f:
        mc = json.loads(dec(f.attrs["model_config"]))
        tc = json.loads(dec(f.attrs["training_config"]))
        w = read_tf_weights(f["model_weights"])
        og = f["optimizer_weights"]
        onames = [dec(n) for n in og.attrs["weight_names"]]
        opt_ok = (onames[0] == "Adam/iter:0" and og[onames[0]].dtype == np.int64 and og[onames[0]].shape == ()
                  and len(onames) == 1 + 2 * 10 and all(og[n].shape for n in onames[1:]))
    report("tfkeras2_cnn optimizer_weights", opt_ok, "%d names" % len(onames))
    report("tfkeras2_cnn training_config", tc["optimizer_config"]["class_name"] == "Adam")
    x = expected_input(os.path.join(d, "expected.h5"))
    compare("tfkeras2_cnn model.h5", ref.run_sequential(layers_of(mc), w, x), os.path.join(d, "expected.h5"))

    js = json.load(open(os.path.join(d, "model.json")))
    report("tfkeras2_cnn model.json == model_config", js["config"] == mc["config"])
    text = open(os.path.join(d, "model.yaml")).read()
    try:
        yaml.safe_load(text)
        report("tfkeras2_cnn model.yaml rejected by plain SafeLoader (python/tuple)", False)
    except yaml.constructor.ConstructorError:
        report("tfkeras2_cnn model.yaml rejected by plain SafeLoader (python/tuple)", True)
    ym = yaml.load(text, Loader=TupleOnlyLoader)
    report("tfkeras2_cnn model.yaml (tuple-only loader) == model.json", normalize(ym) == js)
    report("tfkeras2_cnn model.yaml uses !!python/tuple and aliases", "!!python/tuple" in text and "*id0" in text)
    try:
        yaml.load(open(os.path.join(d, "model_tf_listwrapper.yaml")).read(), Loader=TupleOnlyLoader)
        report("tfkeras2_cnn model_tf_listwrapper.yaml rejected by tuple-only loader", False)
    except yaml.constructor.ConstructorError:
        report("tfkeras2_cnn model_tf_listwrapper.yaml rejected by tuple-only loader", True)


def verify_tfkeras2_lstm():
    d = os.path.join(FIX, "tfkeras2_lstm")
    cfg = json.load(open(os.path.join(d, "model.json")))
    with h5py.File(os.path.join(d, "weights.h5"), "r") as f:
        w = read_tf_weights(f)
    x = expected_input(os.path.join(d, "expected.h5"))
    report("tfkeras2_lstm input holds integer ids", bool(np.all(x == np.round(x))) and x.min() >= 0 and x.max() < 20)
    compare("tfkeras2_lstm", ref.run_sequential(layers_of(cfg), w, x), os.path.join(d, "expected.h5"))


def snake(name):
    s = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", s).lower()


def read_keras3_weights(f, layers):
    """saving_lib: Sequential.layers (InputLayer excluded) -> layers/<snake(class)>[_n]/vars/<i>."""
    out, used = {}, {}
    for layer in layers:
        if layer["class_name"] == "InputLayer":
            continue
        key = snake(layer["class_name"])
        if key in used:
            used[key] += 1
            key = "%s_%d" % (key, used[key])
        else:
            used[key] = 0
        g = f["layers/%s/vars" % key]
        out[layer["config"]["name"]] = [np.asarray(g[str(i)]) for i in range(len(g))]
    return out


def verify_keras3():
    d = os.path.join(FIX, "keras3_mlp")
    cfg = json.load(open(os.path.join(d, "config.json")))
    layers = cfg["config"]["layers"]
    x = expected_input(os.path.join(d, "expected.h5"))
    with h5py.File(os.path.join(d, "model.weights.h5"), "r") as f:
        report("keras3_mlp root has only layers/ and vars/", sorted(f.keys()) == ["layers", "vars"]
               and len(f["vars"]) == 0 and len(f.attrs) == 0)
        w = read_keras3_weights(f, layers)
    compare("keras3_mlp model.weights.h5", ref.run_sequential(layers, w, x), os.path.join(d, "expected.h5"))
    with zipfile.ZipFile(os.path.join(d, "model.keras")) as zf:
        report("keras3_mlp model.keras entries", zf.namelist() == ["metadata.json", "config.json", "model.weights.h5"])
        zcfg = json.loads(zf.read("config.json"))
        with h5py.File(io.BytesIO(zf.read("model.weights.h5")), "r") as f:
            w = read_keras3_weights(f, zcfg["config"]["layers"])
    compare("keras3_mlp model.keras", ref.run_sequential(zcfg["config"]["layers"], w, x), os.path.join(d, "expected.h5"))


def chain_order(config):
    """Functional config -> layers in order if the graph is a plain chain, else None."""
    inner = config["config"]
    by_name = {l["name"]: l for l in inner["layers"]}
    if len(inner["input_layers"]) != 1 or len(inner["output_layers"]) != 1:
        return None
    consumers = {}
    for l in inner["layers"]:
        nodes = l["inbound_nodes"]
        if len(nodes) > 1 or (nodes and len(nodes[0]) != 1):
            return None
        for node in nodes:
            consumers.setdefault(node[0][0], []).append(l["name"])
    order = [inner["input_layers"][0][0]]
    while order[-1] in consumers:
        nxt = consumers[order[-1]]
        if len(nxt) != 1:
            return None
        order.append(nxt[0])
    if order[-1] != inner["output_layers"][0][0] or len(order) != len(by_name):
        return None
    return [by_name[n] for n in order]


def verify_functional():
    d = os.path.join(FIX, "functional")
    chain = json.load(open(os.path.join(d, "functional_chain.json")))
    layers = chain_order(chain)
    report("functional_chain is a chain", layers is not None)
    with h5py.File(os.path.join(d, "functional_chain.weights.h5"), "r") as f:
        w = read_tf_weights(f)
        report("functional_chain attrs are vlen strings",
               h5py.check_string_dtype(f.attrs.get_id("layer_names").dtype).length is None)
    x = expected_input(os.path.join(d, "expected.h5"))
    compare("functional_chain", ref.run_sequential(layers, w, x), os.path.join(d, "expected.h5"))
    branching = json.load(open(os.path.join(d, "functional_branching.json")))
    report("functional_branching is not a chain", chain_order(branching) is None)


def verify_bad():
    d = os.path.join(FIX, "bad")
    u = json.load(open(os.path.join(d, "unknown_layer.json")))
    report("bad/unknown_layer has FancyLayer", any(l["class_name"] == "FancyLayer" for l in layers_of(u)))
    m = json.load(open(os.path.join(d, "missing_units.json")))
    report("bad/missing_units Dense without units",
           any(l["class_name"] == "Dense" and "units" not in l["config"] for l in layers_of(m)))

    bomb = open(os.path.join(d, "yaml_bomb.yaml")).read()
    # PyYAML shares aliased nodes instead of copying them, so loading is cheap; count the expansion.
    doc = yaml.safe_load(bomb)
    memo = {}

    def count(o):
        if isinstance(o, list):
            if id(o) not in memo:
                memo[id(o)] = sum(count(v) for v in o)
            return memo[id(o)]
        return 1
    n = count(doc["config"]["layers"])
    report("bad/yaml_bomb small on disk, 9^9 strings expanded", len(bomb) < 1024 and n == 9 ** 9,
           "%d bytes, %d strings" % (len(bomb), n))

    evil = open(os.path.join(d, "yaml_python_object.yaml")).read()
    try:
        yaml.load(evil, Loader=TupleOnlyLoader)  # never load it with yaml.Loader / unsafe_load
        report("bad/yaml_python_object rejected by tuple-only loader", False)
    except yaml.constructor.ConstructorError as e:
        report("bad/yaml_python_object rejected by tuple-only loader", "os.system" in str(e))

    try:
        h5py.File(os.path.join(d, "not_hdf5.h5"), "r")
        report("bad/not_hdf5 is not HDF5", False)
    except OSError:
        report("bad/not_hdf5 is not HDF5", True)

    chain = chain_order(json.load(open(os.path.join(FIX, "functional", "functional_chain.json"))))
    with h5py.File(os.path.join(d, "wrong_shape.weights.h5"), "r") as f:
        w = read_tf_weights(f)
    expected_shapes = {"dense": [(6, 5), (5,)], "dense_1": [(5, 3), (3,)]}
    wrong = [(name, i, v.shape) for name, ws in w.items() for i, v in enumerate(ws)
             if v.shape != expected_shapes[name][i]]
    report("bad/wrong_shape has exactly one wrong kernel", wrong == [("dense", 0, (5, 6))], str(wrong))
    assert chain is not None


# --------------------------------------------------------------------------- real Keras files

def verify_real(root):
    # Keras 2.0.6 mnist_mlp: config list form, Dense/Dropout, save_weights file, recorded predictions.
    d = os.path.join(root, "mnist_mlp")
    cfg = json.load(open(os.path.join(d, "mnist_mlp_tf_keras_2_config.json")))
    with h5py.File(os.path.join(d, "mnist_mlp_tf_keras_2_weights.h5"), "r") as f:
        w = read_tf_weights(f)
    with h5py.File(os.path.join(d, "mnist_mlp_tf_keras_2_inputs_and_outputs.h5"), "r") as io_:
        x = np.asarray(io_["inputs/dense_1_input"])
        want = np.asarray(io_["predictions/dense_3"], np.float64)
    y = ref.run_sequential(layers_of(cfg), w, x)
    diff = float(np.max(np.abs(y - want)))
    report("REAL mnist_mlp (Keras 2.0.6) vs predictions/dense_3", diff < 1e-5, "max|diff|=%.3g" % diff)

    # Keras 2.3.1 simple_sparse_xent_mlp: config JSON + save_weights file, and the model.save file.
    d = os.path.join(root, "simple_sparse_xent_mlp")
    with h5py.File(os.path.join(d, "simple_sparse_xent_mlp_keras_2_inputs_and_outputs.h5"), "r") as io_:
        x = np.asarray(io_["inputs/dense_1_input"])
        want = np.asarray(io_["predictions/activation_1"], np.float64)
    cfg = json.load(open(os.path.join(d, "simple_sparse_xent_mlp_keras_2_config.json")))
    with h5py.File(os.path.join(d, "simple_sparse_xent_mlp_keras_2_weights.h5"), "r") as f:
        w = read_tf_weights(f)
    y = ref.run_sequential(layers_of(cfg), w, x)
    diff = float(np.max(np.abs(y - want)))
    report("REAL simple_sparse_xent_mlp (Keras 2.3.1) weights.h5 vs predictions/activation_1", diff < 1e-5,
           "max|diff|=%.3g" % diff)
    with h5py.File(os.path.join(d, "simple_sparse_xent_mlp_keras_2_model.h5"), "r") as f:
        mc = json.loads(dec(f.attrs["model_config"]))
        w = read_tf_weights(f["model_weights"])
    y = ref.run_sequential(layers_of(mc), w, x)
    diff2 = float(np.max(np.abs(y - want)))
    report("REAL simple_sparse_xent_mlp (Keras 2.3.1) model.h5 vs predictions/activation_1", diff2 < 1e-5,
           "max|diff|=%.3g" % diff2)

    # tf.keras 2.2.4-tf lenet: no recorded outputs; check the two known kernel values.
    with h5py.File(os.path.join(root, "lenet_dropout", "weights.h5"), "r") as f:
        w = read_tf_weights(f)
    k12, k13 = float(w["conv2d_12"][0][0, 0, 0, 0]), float(w["conv2d_13"][0][0, 0, 0, 0])
    report("REAL lenet_dropout known kernel values", abs(k12 - 0.041764896) < 1e-8 and abs(k13 - 0.021932468) < 1e-8,
           "%r %r" % (k12, k13))


def main(argv):
    real = "/work/shared/keras-fixtures"
    if "--real" in argv:
        real = argv[argv.index("--real") + 1]
    verify_keras1()
    verify_tfkeras2_cnn()
    verify_tfkeras2_lstm()
    verify_keras3()
    verify_functional()
    verify_bad()
    if os.path.isdir(real):
        verify_real(real)
    else:
        print("skip real-Keras cross-check: %s not present" % real)
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
