#!/usr/bin/env python3
"""Writes reference/layers.json: Keras 3 layer forward values with fixed weights,
and Conv2D gradients of sum(output * R) by jax.grad.

See README.md in this folder for the schema.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import refcommon as rc  # noqa: E402  (first: it may re-exec with a fixed hash seed)

import warnings  # noqa: E402

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

rc.keras_backend_check("jax")
warnings.simplefilter("ignore")
rng = np.random.default_rng(2026)
CASES = []


def f32(a):
    return np.asarray(a, np.float32)


def rnd(*shape, scale=1.0):
    return f32(rng.normal(size=shape) * scale)


def weight_name(v):
    return v.path.split("/")[-1]


def layer_case(cid, cls, config, x, weights=None, training=None, note=None):
    """Builds cls(**config) on x's shape, sets `weights` (dict by Keras variable name),
    calls it, and records weights, output and (for BatchNormalization) updated weights."""
    try:
        layer = getattr(keras.layers, cls)(**config)
    except Exception as e:  # constructor validation
        entry = {"id": cid, "layer": cls, "config": rc.jsonable(config), "input": rc.tensor(x),
                 "training": training, "error": rc.error(e)}
        if note:
            entry["note"] = note
        CASES.append(entry)
        return entry
    layer.build(x.shape)
    if weights:
        for v in layer.weights:
            name = weight_name(v)
            if name in weights:
                v.assign(weights[name])
    entry = {"id": cid, "layer": cls, "config": rc.jsonable(config),
             "full_config": rc.jsonable({k: v for k, v in layer.get_config().items()
                                         if k not in ("name", "dtype", "trainable")}),
             "weights": {weight_name(v): rc.tensor(np.asarray(v)) for v in layer.weights},
             "input": rc.tensor(x), "training": training}
    try:
        kw = {} if training is None else {"training": training}
        out = layer(jnp.asarray(x), **kw)
        entry["output"] = rc.tensor(np.asarray(out))
        if training:
            entry["weights_after"] = {weight_name(v): rc.tensor(np.asarray(v)) for v in layer.weights}
    except Exception as e:
        entry["error"] = rc.error(e)
    if note:
        entry["note"] = note
    CASES.append(entry)
    return entry


# ---------------------------------------------------------------- dense etc.
def dense():
    x = rnd(3, 4)
    w = {"kernel": rnd(4, 5, scale=0.5), "bias": rnd(5, scale=0.1)}
    for act in (None, "relu", "tanh", "sigmoid", "softmax", "gelu"):
        layer_case(f"Dense/activation_{act}", "Dense", {"units": 5, "activation": act}, x, w)
    layer_case("Dense/no_bias", "Dense", {"units": 5, "use_bias": False}, x, {"kernel": w["kernel"]})
    layer_case("Dense/3d_input", "Dense", {"units": 5}, rnd(2, 3, 4), w,
               note="kernel applies to the last axis")
    for act in ("relu", "softmax", "linear", "leaky_relu"):
        layer_case(f"Activation/{act}", "Activation", {"activation": act}, rnd(3, 4, scale=2.0))
    x = rnd(3, 4, scale=2.0)
    layer_case("PReLU/default", "PReLU", {}, x, {"alpha": rnd(4, scale=0.3)})
    layer_case("PReLU/initial_zero", "PReLU", {}, x,
               note="alpha_initializer default is zeros: behaves as relu")
    x4 = rnd(2, 3, 3, 2, scale=2.0)
    layer_case("PReLU/shared_axes_1_2", "PReLU", {"shared_axes": [1, 2]}, x4,
               {"alpha": rnd(1, 1, 2, scale=0.3)})
    layer_case("Flatten/3d", "Flatten", {}, rnd(2, 3, 4))
    layer_case("Flatten/4d", "Flatten", {}, rnd(2, 2, 3, 2))
    layer_case("Flatten/2d", "Flatten", {}, rnd(2, 5))


def batchnorm():
    for tag, shape in (("2d", (6, 4)), ("4d", (2, 3, 3, 4))):
        x = rnd(*shape, scale=2.0) + f32(1.5)
        w = {"gamma": f32(rng.uniform(0.5, 1.5, 4)), "beta": rnd(4, scale=0.2),
             "moving_mean": rnd(4, scale=0.3), "moving_variance": f32(rng.uniform(0.5, 2.0, 4))}
        for training in (True, False):
            layer_case(f"BatchNormalization/{tag}/training_{training}", "BatchNormalization", {},
                       x, w, training=training)
        layer_case(f"BatchNormalization/{tag}/momentum_0.9_eps_0.01", "BatchNormalization",
                   {"momentum": 0.9, "epsilon": 0.01}, x, w, training=True)
        layer_case(f"BatchNormalization/{tag}/no_center_no_scale", "BatchNormalization",
                   {"center": False, "scale": False}, x,
                   {k: w[k] for k in ("moving_mean", "moving_variance")}, training=True)
    x = rnd(2, 4, 3, 3)
    layer_case("BatchNormalization/axis_1/training_True", "BatchNormalization", {"axis": 1}, x,
               {"gamma": f32(rng.uniform(0.5, 1.5, 4)), "beta": rnd(4, scale=0.2)}, training=True)
    layer_case("BatchNormalization/batch_of_one", "BatchNormalization", {}, rnd(1, 4),
               training=True, note="variance 0 within the batch: output = beta")


# ---------------------------------------------------------------- conv
def conv_forward(x, kernel, bias, strides, padding, dilation):
    y = keras.ops.conv(x, kernel, strides=strides, padding=padding, dilation_rate=dilation,
                       data_format="channels_last")
    return y + bias


def conv2d():
    x = rnd(2, 7, 7, 3)
    combos = [(k, p, s, d) for k in ((3, 3), (2, 2), (2, 3)) for p in ("valid", "same")
              for s in (1, 2) for d in (1, 2) if not (s > 1 and d > 1)]
    combos.append(((1, 1), "valid", 1, 1))
    combos.append(((3, 3), "same", 3, 1))
    for (kh, kw), padding, s, d in combos:
        kernel = rnd(kh, kw, 3, 4, scale=0.4)
        bias = rnd(4, scale=0.1)
        cfg = {"filters": 4, "kernel_size": [kh, kw], "strides": s, "padding": padding,
               "dilation_rate": d}
        cid = f"Conv2D/k{kh}x{kw}/{padding}/s{s}/d{d}"
        e = layer_case(cid, "Conv2D", cfg, x, {"kernel": kernel, "bias": bias})
        if "output" not in e:
            continue
        ref = np.asarray(conv_forward(jnp.asarray(x), jnp.asarray(kernel), jnp.asarray(bias),
                                      s, padding, d))
        layer_out = np.asarray(e["output"]["data"], np.float32).reshape(e["output"]["shape"])
        assert np.array_equal(ref, layer_out), cid  # the gradient below is of this very function
        r = rnd(*ref.shape)

        def objective(xx, kk, bb, s=s, padding=padding, d=d, r=r):
            return jnp.sum(conv_forward(xx, kk, bb, s, padding, d) * r)

        gx, gk, gb = jax.grad(objective, argnums=(0, 1, 2))(jnp.asarray(x), jnp.asarray(kernel),
                                                          jnp.asarray(bias))
        e["R"] = rc.tensor(r)
        e["grads"] = {"input": rc.tensor(np.asarray(gx)), "kernel": rc.tensor(np.asarray(gk)),
                      "bias": rc.tensor(np.asarray(gb))}
    layer_case("Conv2D/no_bias", "Conv2D", {"filters": 2, "kernel_size": 3, "use_bias": False},
               rnd(1, 5, 5, 3), {"kernel": rnd(3, 3, 3, 2, scale=0.4)})
    layer_case("Conv2D/relu", "Conv2D", {"filters": 2, "kernel_size": 3, "activation": "relu"},
               rnd(1, 5, 5, 3), {"kernel": rnd(3, 3, 3, 2, scale=0.4), "bias": rnd(2, scale=0.1)})
    layer_case("Conv2D/strides_and_dilation", "Conv2D",
               {"filters": 2, "kernel_size": 3, "strides": 2, "dilation_rate": 2}, rnd(1, 9, 9, 3),
               note="Keras rejects strides > 1 together with dilation_rate > 1")


# ---------------------------------------------------------------- pooling etc.
def pooling():
    for shape in ((2, 6, 6, 3), (1, 7, 5, 2)):
        x = rnd(*shape)
        tag = "x".join(map(str, shape[1:3]))
        for cls in ("MaxPooling2D", "AveragePooling2D"):
            for pool in (2, 3):
                for strides in (None, 1, 2):
                    for padding in ("valid", "same"):
                        cfg = {"pool_size": pool, "strides": strides, "padding": padding}
                        layer_case(f"{cls}/{tag}/pool{pool}/strides_{strides}/{padding}", cls, cfg, x)
        layer_case(f"MaxPooling2D/{tag}/pool_2x3", "MaxPooling2D", {"pool_size": [2, 3]}, x)
        for cls in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
            for kd in (False, True):
                layer_case(f"{cls}/{tag}/keepdims_{kd}", cls, {"keepdims": kd}, x)
        for pad in (1, [1, 2], [[1, 2], [0, 1]]):
            layer_case(f"ZeroPadding2D/{tag}/{pad}".replace(" ", ""), "ZeroPadding2D",
                       {"padding": pad}, x)


SCHEMA = {
    "cases[]": {
        "id": "<Layer>/<variant>",
        "layer": "keras.layers class",
        "config": "constructor kwargs passed",
        "full_config": "get_config() without name/dtype/trainable",
        "weights": "the layer's variables before the call, by Keras name (kernel, bias, gamma, "
                   "beta, moving_mean, moving_variance, alpha); Conv2D kernel is "
                   "(kh, kw, cin, cout), input/output channels_last (N, H, W, C)",
        "input": "tensor", "training": "true/false for BatchNormalization, else null",
        "output": "tensor | absent with error",
        "weights_after": "BatchNormalization training=True: variables after the call (moving "
                         "statistics updated: m = m*momentum + batch*(1-momentum), batch variance "
                         "is the biased one)",
        "R": "Conv2D: fixed random tensor of the output shape",
        "grads": "Conv2D: {input, kernel, bias} gradients of sum(output * R) (jax.grad, float32)",
        "error": "{type, message}",
    }
}


def main():
    dense()
    batchnorm()
    conv2d()
    pooling()
    hdr = rc.header("layers.py", "Keras 3 layers: forward values with fixed weights, Conv2D "
                    "gradients (JAX backend, float32)", SCHEMA)
    rc.write("layers.json", hdr, {"cases": CASES})
    for c in CASES:
        if "error" in c:
            print("ERROR", c["id"], c["error"])


if __name__ == "__main__":
    main()
