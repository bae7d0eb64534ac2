#!/usr/bin/env python3
"""Writes reference/activations.json: every keras.activations function on a value grid.

float32 input grid (incl. +-large values, +-0, tiny values), Keras (JAX backend)
float32 results, the function's default parameters, variants of parameters,
and what `keras.activations.get` returns for each identifier.
See README.md in this folder for the schema.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import refcommon as rc  # noqa: E402  (first: it may re-exec with a fixed hash seed)

import inspect  # noqa: E402
import warnings  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.activations import ALL_OBJECTS_DICT  # noqa: E402

rc.keras_backend_check("jax")
warnings.simplefilter("ignore")

GRID = np.asarray([-1e4, -100.0, -88.0, -20.0, -10.0, -6.0, -3.0, -2.5, -1.0, -0.5, -0.25,
                   -1e-7, -0.0, 0.0, 1e-7, 0.25, 0.5, 1.0, 2.5, 3.0, 6.0, 6.5, 10.0, 20.0,
                   88.0, 100.0, 1e4], np.float32)
rng = np.random.default_rng(5)
MATRIX = np.asarray(np.concatenate([rng.normal(size=(2, 6)) * 3,
                                    [[1e4, 0.0, -1e4, 5.0, 5.0, -3.0]],
                                    [[-1e4, -1e4, -1e4, -1e4, -1e4, -1e4]]]), np.float32)

# axis-wise activations work on MATRIX rows; element-wise ones on GRID
AXIS_WISE = {"softmax", "log_softmax", "sparsemax", "glu"}

VARIANTS = {
    "relu": [{"negative_slope": 0.1}, {"max_value": 6.0}, {"threshold": 1.0},
             {"negative_slope": 0.1, "max_value": 3.0, "threshold": -1.0},
             {"max_value": 0.0}],
    "leaky_relu": [{"negative_slope": 0.01}],
    "elu": [{"alpha": 0.5}],
    "celu": [{"alpha": 2.0}],
    "gelu": [{"approximate": True}],
    "hard_shrink": [{"threshold": 1.0}],
    "soft_shrink": [{"threshold": 1.0}],
    "squareplus": [{"b": 0.0}],
    "softmax": [{"axis": 0}],
    "log_softmax": [{"axis": 0}],
    "sparsemax": [{"axis": 0}],
    "glu": [{"axis": 0}],
}
REQUIRED = {"threshold": {"threshold": 0.5, "default_value": -1.0}}


def defaults_of(fn):
    out = {}
    for name, p in inspect.signature(fn).parameters.items():
        if name == "x":
            continue
        out[name] = None if p.default is inspect.Parameter.empty else p.default
    return out


def evaluate(name, fn, kwargs):
    x = MATRIX if name in AXIS_WISE else GRID
    entry = {"id": name + ("/" + ",".join(f"{k}={v}" for k, v in kwargs.items()) if kwargs else ""),
             "name": name, "function": fn.__name__, "kwargs": rc.jsonable(kwargs),
             "x": rc.tensor(x)}
    try:
        entry["y"] = rc.tensor(np.asarray(fn(keras.ops.convert_to_tensor(x), **kwargs)))
    except Exception as e:
        entry["error"] = rc.error(e)
    return entry


def main():
    cases, defaults, get_table = [], [], []
    for key in sorted(ALL_OBJECTS_DICT):
        fn = ALL_OBJECTS_DICT[key]
        get_table.append({"identifier": key, "function": fn.__name__,
                          "serialized": keras.activations.serialize(fn)})
        if key != fn.__name__:
            continue  # an alias (swish, hard_swish)
        defaults.append({"name": key, "defaults": rc.jsonable(defaults_of(fn))})
        base = dict(REQUIRED.get(key, {}))
        cases.append(evaluate(key, fn, base))
        for v in VARIANTS.get(key, []):
            cases.append(evaluate(key, fn, dict(base, **v)))
    for ident in (None, "Relu", "RELU", "gelu_approximate", "swish", "hard_swish", "leakyrelu",
                  "prelu", "logsoftmax"):
        try:
            fn = keras.activations.get(ident)
            get_table.append({"identifier": ident, "function": fn.__name__})
        except Exception as e:
            get_table.append({"identifier": ident, "error": rc.error(e)})
    schema = {
        "cases[]": "{id, name, function (the Python function's name), kwargs, x: tensor, "
                   "y: tensor (float32 Keras result) | error}; element-wise activations use the "
                   "1-D grid, softmax/log_softmax/sparsemax/glu a 4x6 matrix (axis -1 unless "
                   "kwargs.axis)",
        "defaults[]": "{name, defaults: {param: default}} (null = required, no default)",
        "get[]": "{identifier, function, serialized?} or {identifier, error}: "
                 "keras.activations.get(identifier); null identifier gives linear",
    }
    hdr = rc.header("activations.py", "keras.activations on a float32 grid (JAX backend)", schema)
    rc.write("activations.json", hdr, {"cases": cases, "defaults": defaults, "get": get_table})


if __name__ == "__main__":
    main()
