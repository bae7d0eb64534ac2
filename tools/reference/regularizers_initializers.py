#!/usr/bin/env python3
"""Writes reference/regularizers.json and reference/initializers.json (Keras 3).

Regularizers: values of L1, L2, L1L2 (and OrthogonalRegularizer) on fixed float32
weights. Initializers: exact outputs of the deterministic ones; for the random
ones the distribution parameters (limit / stddev) that Keras's VarianceScaling
formula gives for each shape, computed here from the initializer's config
(stated formula below), plus moments of one large Keras draw as a sanity check.
See README.md in this folder for the schema.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import refcommon as rc  # noqa: E402  (first: it may re-exec with a fixed hash seed)

import math  # noqa: E402
import warnings  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402

rc.keras_backend_check("jax")
warnings.simplefilter("ignore")
rng = np.random.default_rng(99)

TRUNC_CORRECTION = 0.87962566103423978  # std of a unit normal truncated to [-2, 2]


def f32(a):
    return np.asarray(a, np.float32)


# ---------------------------------------------------------------- regularizers
def regularizers():
    weights = [("vector", f32(rng.normal(size=5))), ("matrix", f32(rng.normal(size=(3, 4)))),
               ("kernel4d", f32(rng.normal(size=(2, 2, 3, 2)))), ("zeros", np.zeros((2, 2), np.float32)),
               ("scalar", f32(-1.5))]
    configs = [("L1", {}), ("L1", {"l1": 0.1}), ("L2", {}), ("L2", {"l2": 0.5}),
               ("L1L2", {}), ("L1L2", {"l1": 0.01}), ("L1L2", {"l2": 0.01}),
               ("L1L2", {"l1": 0.1, "l2": 0.2}),
               ("OrthogonalRegularizer", {}), ("OrthogonalRegularizer", {"factor": 0.1, "mode": "columns"})]
    cases = []
    for cls, cfg in configs:
        reg = getattr(keras.regularizers, cls)(**cfg)
        for wname, w in weights:
            e = {"id": f"{cls}/{','.join(f'{k}={v}' for k, v in cfg.items()) or 'default'}/{wname}",
                 "regularizer": cls, "config": rc.jsonable(cfg),
                 "full_config": rc.jsonable(reg.get_config()), "x": rc.tensor(w)}
            try:
                e["value"] = rc.tensor(np.asarray(reg(keras.ops.convert_to_tensor(w))))
            except Exception as ex:
                e["error"] = rc.error(ex)
            cases.append(e)
    invalid = []
    for cls, cfg in (("L1", {"l1": -0.1}), ("L2", {"l2": -1.0}), ("L1L2", {"l1": -1.0}),
                     ("L1", {"l1": None}), ("L2", {"l2": float("inf")})):
        e = {"regularizer": cls, "config": rc.jsonable(cfg)}
        try:
            r = getattr(keras.regularizers, cls)(**cfg)
            e["accepted"] = True
            e["full_config"] = rc.jsonable(r.get_config())
        except Exception as ex:
            e["accepted"] = False
            e["error"] = rc.error(ex)
        invalid.append(e)
    get_table = []
    for ident in ("l1", "l2", "l1_l2", "L1", "L2", "L1L2", "orthogonal_regularizer",
                  "OrthogonalRegularizer", "l1l2", "L1l2", None):
        try:
            r = keras.regularizers.get(ident)
            get_table.append({"identifier": ident, "class": None if r is None else type(r).__name__,
                              "config": None if r is None else rc.jsonable(r.get_config())})
        except Exception as ex:
            get_table.append({"identifier": ident, "error": rc.error(ex)})
    schema = {"cases[]": "{id, regularizer, config, full_config, x: weight tensor, value: float32 "
                         "scalar tensor | error}",
              "constructor_checks[]": "{regularizer, config, accepted, full_config? | error?}",
              "get[]": "{identifier, class, config} | {identifier, error}: keras.regularizers.get"}
    hdr = rc.header("regularizers_initializers.py", "Keras 3 weight regularizers (float32)", schema)
    rc.write("regularizers.json", hdr, {"cases": cases, "constructor_checks": invalid, "get": get_table})


# ---------------------------------------------------------------- initializers
def fans(shape):
    """Keras's compute_fans: dense (in, out); conv kernels (..., in, out) times receptive field."""
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    rf = int(np.prod(shape[:-2]))
    return shape[-2] * rf, shape[-1] * rf


def variance_scaling_params(cfg, shape):
    fan_in, fan_out = fans(shape)
    scale = cfg["scale"]
    n = {"fan_in": max(1.0, fan_in), "fan_out": max(1.0, fan_out),
         "fan_avg": max(1.0, (fan_in + fan_out) / 2.0)}[cfg["mode"]]
    s = scale / n
    dist = cfg["distribution"]
    if dist == "truncated_normal":
        return {"distribution": "truncated_normal", "mean": 0.0,
                "stddev": math.sqrt(s) / TRUNC_CORRECTION,
                "truncate_at_stddevs": 2.0, "fan_in": fan_in, "fan_out": fan_out, "n": n}
    if dist == "untruncated_normal":
        return {"distribution": "normal", "mean": 0.0, "stddev": math.sqrt(s),
                "fan_in": fan_in, "fan_out": fan_out, "n": n}
    lim = math.sqrt(3.0 * s)
    return {"distribution": "uniform", "minval": -lim, "maxval": lim, "limit": lim,
            "fan_in": fan_in, "fan_out": fan_out, "n": n}


def params_of(init, shape):
    cfg = init.get_config()
    name = type(init).__name__
    if isinstance(init, keras.initializers.VarianceScaling):
        # Glorot/He/Lecun subclasses do not serialize scale/mode/distribution: read attributes
        return variance_scaling_params({"scale": init.scale, "mode": init.mode,
                                        "distribution": init.distribution}, shape)
    if name == "RandomNormal":
        return {"distribution": "normal", "mean": cfg["mean"], "stddev": cfg["stddev"]}
    if name == "TruncatedNormal":
        return {"distribution": "truncated_normal", "mean": cfg["mean"], "stddev": cfg["stddev"],
                "truncate_at_stddevs": 2.0,
                "note": "stddev is that of the underlying normal (no correction)"}
    if name == "RandomUniform":
        return {"distribution": "uniform", "minval": cfg["minval"], "maxval": cfg["maxval"]}
    if name == "Orthogonal":
        return {"distribution": "orthogonal", "gain": cfg["gain"]}
    return None


RANDOM = [("GlorotUniform", {}), ("GlorotNormal", {}), ("HeNormal", {}), ("HeUniform", {}),
          ("LecunNormal", {}), ("LecunUniform", {}), ("RandomNormal", {}),
          ("RandomNormal", {"mean": 1.0, "stddev": 0.5}), ("RandomUniform", {}),
          ("RandomUniform", {"minval": -1.0, "maxval": 2.0}), ("TruncatedNormal", {}),
          ("TruncatedNormal", {"stddev": 1.0}), ("VarianceScaling", {}),
          ("VarianceScaling", {"scale": 2.0, "mode": "fan_out", "distribution": "uniform"}),
          ("VarianceScaling", {"scale": 0.5, "mode": "fan_avg", "distribution": "untruncated_normal"}),
          ("Orthogonal", {}), ("Orthogonal", {"gain": 2.0})]
SHAPES = [(4, 5), (5,), (3, 3, 2, 4), (2, 3, 4), (7, 1), (1, 1)]


def initializers():
    deterministic = []
    for cls, cfg in (("Zeros", {}), ("Ones", {}), ("Constant", {"value": 0.3}),
                     ("Constant", {"value": -2}), ("Identity", {}), ("Identity", {"gain": 2.0})):
        init = getattr(keras.initializers, cls)(**cfg)
        for shape in ((3, 3), (2, 4), (4, 2), (3,), (2, 2, 2)):
            e = {"id": f"{cls}/{','.join(f'{k}={v}' for k, v in cfg.items()) or 'default'}/"
                       + "x".join(map(str, shape)),
                 "initializer": cls, "config": rc.jsonable(cfg),
                 "full_config": rc.jsonable(init.get_config()), "shape": list(shape)}
            try:
                e["value"] = rc.tensor(np.asarray(init(shape, dtype="float32")))
            except Exception as ex:
                e["error"] = rc.error(ex)
            deterministic.append(e)
    random_cases = []
    for cls, cfg in RANDOM:
        init = getattr(keras.initializers, cls)(seed=1234, **cfg)
        full = {k: v for k, v in init.get_config().items() if k != "seed"}
        if isinstance(init, keras.initializers.VarianceScaling):
            full.update(scale=init.scale, mode=init.mode, distribution=init.distribution)
        for shape in SHAPES:
            random_cases.append({
                "id": f"{cls}/{','.join(f'{k}={v}' for k, v in cfg.items()) or 'default'}/"
                      + "x".join(map(str, shape)),
                "initializer": cls, "config": rc.jsonable(cfg), "full_config": rc.jsonable(full),
                "shape": list(shape), "params": rc.jsonable(params_of(init, shape))})
        big = (300, 400)
        sample = np.asarray(init(big, dtype="float32"), np.float64)
        random_cases.append({
            "id": f"{cls}/{','.join(f'{k}={v}' for k, v in cfg.items()) or 'default'}/sample_300x400",
            "initializer": cls, "config": rc.jsonable(cfg), "full_config": rc.jsonable(full),
            "shape": list(big), "params": rc.jsonable(params_of(init, big)),
            "sample_stats": {"mean": float(sample.mean()), "std": float(sample.std()),
                             "min": float(sample.min()), "max": float(sample.max())}})
    get_table = []
    for ident in ("zeros", "ones", "glorot_uniform", "glorot_normal", "he_normal", "he_uniform",
                  "lecun_normal", "lecun_uniform", "random_normal", "random_uniform",
                  "truncated_normal", "variance_scaling", "orthogonal", "identity", "constant",
                  "GlorotUniform", "Zeros", "uniform", "normal", "xavier", "Glorot_Uniform",
                  "RandomNormal", "one", "zero"):
        try:
            i = keras.initializers.get(ident)
            get_table.append({"identifier": ident, "class": type(i).__name__})
        except Exception as ex:
            get_table.append({"identifier": ident, "error": rc.error(ex)})
    defaults = []
    for cls in ("Dense", "Conv2D"):
        layer = getattr(keras.layers, cls)(**({"units": 2} if cls == "Dense" else
                                              {"filters": 2, "kernel_size": 3}))
        cfg = layer.get_config()
        defaults.append({"layer": cls, "kernel_initializer": rc.jsonable(cfg["kernel_initializer"]),
                         "bias_initializer": rc.jsonable(cfg["bias_initializer"])})
    schema = {
        "deterministic[]": "{id, initializer, config, full_config, shape, value: float32 tensor "
                           "| error}",
        "random[]": "{id, initializer, config, full_config (seed removed; scale, mode and "
                    "distribution added for the VarianceScaling family), shape, params, "
                    "sample_stats?}; params for VarianceScaling family: fan_in, fan_out, n "
                    "(the mode's divisor, at least 1), and for uniform limit = sqrt(3*scale/n) "
                    "(minval=-limit, maxval=limit), for truncated_normal stddev = "
                    "sqrt(scale/n)/0.87962566103423978 of the underlying normal truncated at "
                    "+-2 stddev, for untruncated_normal stddev = sqrt(scale/n); fans: rank 0 -> "
                    "(1,1), rank 1 -> (d,d), rank 2 -> (d0,d1), rank>2 -> (d[-2]*rf, d[-1]*rf) with "
                    "rf = product of the leading dims. sample_stats: moments of one Keras draw of "
                    "shape 300x400 (seed 1234; jax PRNG, not reproducible elsewhere)",
        "get[]": "{identifier, class} | {identifier, error}: keras.initializers.get",
        "layer_defaults[]": "{layer, kernel_initializer, bias_initializer} (serialized)",
    }
    hdr = rc.header("regularizers_initializers.py", "Keras 3 initializers: deterministic "
                    "values and the random ones' distribution parameters", schema)
    hdr["truncated_normal_correction"] = TRUNC_CORRECTION
    rc.write("initializers.json", hdr, {"deterministic": deterministic, "random": random_cases,
                                        "get": get_table, "layer_defaults": defaults})


def main():
    regularizers()
    initializers()


if __name__ == "__main__":
    main()
