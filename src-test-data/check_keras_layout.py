#!/usr/bin/python3
"""Check that an HDF5 file has the layout tf.keras 2 reads (h5py only, no Keras needed).

    /usr/bin/python3 src-test-data/check_keras_layout.py FILE.h5          # model.save_weights() file
    /usr/bin/python3 src-test-data/check_keras_layout.py FILE.h5 --full   # model.save() file

Reads the file the way tf.keras 2's hdf5_format does:
  * load_weights (save_weights files): attributes on the root; like Model.load_weights, a file without a
    root `layer_names` but with a `model_weights` group is read from that group (reported as a warning).
  * load_model_from_hdf5 (--full): root attrs `model_config` (JSON, class_name + config.layers) and,
    when present, `training_config` (JSON); the weights under the `model_weights` group; an
    `optimizer_weights` group, when present, must resolve like a layer group.
  * load_attributes_from_hdf5_group: `layer_names` / `weight_names` may be split into
    `<name>0`, `<name>1`, ... chunks; each element is decoded with .decode('utf8') when it is bytes.
  * every name in `layer_names` must be a group with a `weight_names` attribute, and every weight name
    must resolve to a dataset with group[weight_name] (a '/' in a name is a path into subgroups).
  * `backend` and `keras_version` must be present (without them tf.keras treats the file as Keras 1).

Prints one JSON object on stdout:
  {"ok": bool, "errors": [...], "warnings": [...], "layer_names": [...in file order...],
   "layers": {layer: {weight_name: [shape...]}}, "model_config_class": str|null,
   "keras_version": str|null, "backend": str|null, "file": str, "mode": "weights"|"full",
   "optimizer_weights": {weight_name: [shape...]} (--full, when the file has that group)}
Exit code 0 when ok, 1 otherwise.
"""

import json
import sys


def _decode(value):
    if isinstance(value, bytes):
        return value.decode("utf8")
    if hasattr(value, "item") and not hasattr(value, "__len__"):
        value = value.item()
        if isinstance(value, bytes):
            return value.decode("utf8")
    return value


def _decode_elements(values, what, errors):
    out = []
    try:
        iterator = list(values)
    except TypeError:
        errors.append("%s is a scalar, expected an array of strings" % what)
        return out
    for n in iterator:
        if hasattr(n, "decode"):
            try:
                n = n.decode("utf8")
            except UnicodeDecodeError as e:
                errors.append("%s: element not UTF-8: %s" % (what, e))
                continue
        if not isinstance(n, str):
            errors.append("%s: element %r is not a string" % (what, n))
            continue
        out.append(n)
    return out


def load_attributes(group, name, errors, what):
    """hdf5_format.load_attributes_from_hdf5_group, with per-element decode checks."""
    if name in group.attrs:
        return _decode_elements(group.attrs[name], what, errors)
    chunks = []
    chunk_id = 0
    while "%s%d" % (name, chunk_id) in group.attrs:
        chunks.extend(_decode_elements(group.attrs["%s%d" % (name, chunk_id)], what, errors))
        chunk_id += 1
    if chunk_id == 0:
        return None
    return chunks


def _string_attr(group, name, errors, warnings, where):
    if name not in group.attrs:
        errors.append("%s: missing attribute %r" % (where, name))
        return None
    value = _decode(group.attrs[name])
    if not isinstance(value, str):
        errors.append("%s: attribute %r is not a string (%r)" % (where, name, type(value).__name__))
        return None
    return value


def check_weight_group(h5py, g, where, errors, layers_out, key):
    names = load_attributes(g, "weight_names", errors, "%s weight_names" % where)
    if names is None:
        errors.append("%s: missing attribute 'weight_names'" % where)
        return
    entry = {}
    for wn in names:
        try:
            obj = g[wn]
        except (KeyError, ValueError) as e:
            errors.append("%s: weight %r does not resolve: %s" % (where, wn, e))
            continue
        if not isinstance(obj, h5py.Dataset):
            errors.append("%s: weight %r is not a dataset" % (where, wn))
            continue
        entry[wn] = list(obj.shape)
    layers_out[key] = entry


def check(path, full):
    result = {"ok": False, "errors": [], "warnings": [], "layer_names": [], "layers": {},
              "model_config_class": None,
              "keras_version": None, "backend": None, "file": path, "mode": "full" if full else "weights"}
    errors, warnings = result["errors"], result["warnings"]
    try:
        import h5py
    except ImportError:
        errors.append("h5py not importable; run with /usr/bin/python3")
        return result
    try:
        f = h5py.File(path, "r")
    except Exception as e:  # not HDF5, unreadable, missing
        errors.append("cannot open as HDF5: %s" % e)
        return result
    with f:
        if full:
            mc = f.attrs.get("model_config")
            if mc is None:
                errors.append("root: missing attribute 'model_config' (load_model: 'No model found in config file.')")
            else:
                try:
                    cfg = json.loads(_decode(mc))
                except (ValueError, TypeError) as e:
                    cfg = None
                    errors.append("root: model_config is not JSON: %s" % e)
                if isinstance(cfg, dict):
                    result["model_config_class"] = cfg.get("class_name")
                    if "class_name" not in cfg:
                        errors.append("model_config: no 'class_name'")
                    inner = cfg.get("config")
                    if isinstance(inner, dict) and isinstance(inner.get("layers"), list):
                        pass
                    elif isinstance(inner, list):
                        warnings.append("model_config: 'config' is a bare layer list (Keras <= 2.1 Sequential)")
                    else:
                        errors.append("model_config: no 'config.layers' list")
                elif cfg is not None:
                    errors.append("model_config: JSON is not an object")
            tc = f.attrs.get("training_config")
            if tc is not None:
                try:
                    tcv = json.loads(_decode(tc))
                    if not isinstance(tcv, dict):
                        errors.append("training_config: JSON is not an object")
                except (ValueError, TypeError) as e:
                    errors.append("root: training_config is not JSON: %s" % e)
            for name in ("keras_version", "backend"):
                if name not in f.attrs:
                    warnings.append("root: no %r attribute (tf.keras writes one on model.save files)" % name)
            if "model_weights" not in f:
                errors.append("root: no 'model_weights' group")
                return result
            g = f["model_weights"]
            where = "model_weights"
        else:
            g = f
            where = "root"
            if "layer_names" not in f.attrs and "model_weights" in f:
                warnings.append("no root 'layer_names'; reading 'model_weights' like Model.load_weights does "
                                "(this is a model.save file: use --full)")
                g = f["model_weights"]
                where = "model_weights"

        result["keras_version"] = _string_attr(g, "keras_version", errors, warnings, where)
        result["backend"] = _string_attr(g, "backend", errors, warnings, where)
        layer_names = load_attributes(g, "layer_names", errors, "%s layer_names" % where)
        if layer_names is None:
            errors.append("%s: missing attribute 'layer_names'" % where)
            layer_names = []
        result["layer_names"] = layer_names
        if len(set(layer_names)) != len(layer_names):
            errors.append("%s: duplicate names in layer_names" % where)
        for name in layer_names:
            if name not in g or not isinstance(g[name], h5py.Group):
                errors.append("%s: layer %r has no group" % (where, name))
                continue
            check_weight_group(h5py, g[name], "%s/%s" % (where, name), errors, result["layers"], name)

        if full and "optimizer_weights" in f:
            opt = {}
            check_weight_group(h5py, f["optimizer_weights"], "optimizer_weights", errors, opt, "optimizer_weights")
            result["optimizer_weights"] = opt.get("optimizer_weights", {})

        if full and result["model_config_class"] is not None:
            try:
                cfg = json.loads(_decode(f.attrs["model_config"]))
                inner = cfg.get("config")
                cfg_layers = inner.get("layers") if isinstance(inner, dict) else inner
                cfg_names = {(l.get("config") or {}).get("name", l.get("name")) for l in cfg_layers}
                missing = [n for n in layer_names if n not in cfg_names]
                if missing:
                    warnings.append("layer_names not found in model_config: %s" % missing)
            except Exception:
                pass

    result["ok"] = not errors
    return result


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = [a for a in argv[1:] if a.startswith("--")]
    if len(args) != 1 or any(fl != "--full" for fl in flags):
        sys.stderr.write("usage: check_keras_layout.py FILE.h5 [--full]\n")
        return 2
    result = check(args[0], "--full" in flags)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
