#!/usr/bin/env python3
"""Writes reference/losses.json: Keras 3 loss values (JAX backend, float32).

For every loss class: the class call `Cls(**config)(y_true, y_pred,
sample_weight)` (with an optional Keras mask attached to y_pred) and the
function form `keras.losses.<fn>(y_true, y_pred, **function_kwargs)`, over
all reductions, sample-weight shapes, masks, options and edge inputs. Also the
`keras.losses.get` identifier table, constructor validation errors, the
default configs, and the numbers printed in Keras's docstrings.
See README.md in this folder for the schema.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import refcommon as rc  # noqa: E402  (first: it may re-exec with a fixed hash seed)

import warnings  # noqa: E402

import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import losses as KL  # noqa: E402
from keras.src import backend as KB  # noqa: E402

rc.keras_backend_check("jax")
warnings.simplefilter("ignore")

rng = np.random.default_rng(20261121)

FUNCTION_OF = {
    "MeanSquaredError": "mean_squared_error",
    "MeanAbsoluteError": "mean_absolute_error",
    "MeanAbsolutePercentageError": "mean_absolute_percentage_error",
    "MeanSquaredLogarithmicError": "mean_squared_logarithmic_error",
    "CosineSimilarity": "cosine_similarity",
    "Huber": "huber",
    "LogCosh": "log_cosh",
    "KLDivergence": "kl_divergence",
    "Poisson": "poisson",
    "Hinge": "hinge",
    "SquaredHinge": "squared_hinge",
    "CategoricalHinge": "categorical_hinge",
    "BinaryCrossentropy": "binary_crossentropy",
    "BinaryFocalCrossentropy": "binary_focal_crossentropy",
    "CategoricalCrossentropy": "categorical_crossentropy",
    "CategoricalFocalCrossentropy": "categorical_focal_crossentropy",
    "SparseCategoricalCrossentropy": "sparse_categorical_crossentropy",
    "CategoricalGeneralizedCrossEntropy": "categorical_generalized_cross_entropy",
    "Dice": "dice",
    "Tversky": "tversky",
    "Circle": "circle",
    "CTC": "ctc",
}

REDUCTIONS = ["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none"]

CASES = []
IDS = set()


# ---------------------------------------------------------------- inputs
def f32(a):
    return np.asarray(a, dtype=np.float32)


def i32(a):
    return np.asarray(a, dtype=np.int32)


def normal(*shape, scale=1.0):
    return f32(rng.normal(size=shape) * scale)


def uniform(lo, hi, *shape):
    return f32(rng.uniform(lo, hi, size=shape))


def probs(*shape):
    z = rng.normal(size=shape)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return f32(e / e.sum(axis=-1, keepdims=True))


def labels(k, *shape):
    return i32(rng.integers(0, k, size=shape))


def onehot(lab, k):
    return f32(np.eye(k)[np.asarray(lab)])


def binary(*shape):
    return f32(rng.integers(0, 2, size=shape))


def weights(shape):
    """Positive random weights with one exact zero (zeros stay in the mean)."""
    w = rng.uniform(0.1, 2.0, size=shape)
    if w.size > 1:
        w.flat[1] = 0.0
    return f32(w)


def random_mask(shape):
    m = rng.integers(0, 2, size=shape).astype(bool)
    m.flat[0] = True
    if m.size > 1:
        m.flat[-1] = False
    return m


# ---------------------------------------------------------------- runner
def run(cid, cls, config, y_true, y_pred, sample_weight=None, mask=None,
        class_form=True, function_form=True, function_kwargs=None,
        documented=None, note=None):
    """Evaluates one case in class form and/or function form and records it."""
    if cid in IDS:
        raise ValueError("duplicate case id " + cid)
    IDS.add(cid)
    case = {"id": cid, "class": cls, "config": rc.jsonable(config),
            "y_true": rc.tensor(y_true), "y_pred": rc.tensor(y_pred)}
    if sample_weight is not None:
        case["sample_weight"] = rc.tensor(sample_weight)
    if mask is not None:
        case["mask"] = rc.tensor(np.asarray(mask, dtype=bool))
    obj = None
    if class_form:
        try:
            obj = getattr(KL, cls)(**config)
            case["full_config"] = rc.jsonable(obj.get_config())
            yp = jnp.asarray(y_pred)
            if mask is not None:
                KB.set_keras_mask(yp, jnp.asarray(mask, dtype=bool))
            sw = None if sample_weight is None else jnp.asarray(sample_weight)
            case["call"] = rc.tensor(obj(jnp.asarray(y_true), yp, sample_weight=sw))
        except Exception as e:  # recorded: Java must reject the same input
            case["call_error"] = rc.error(e)
    if function_form:
        fn = FUNCTION_OF[cls]
        if function_kwargs is None:
            if obj is not None:
                function_kwargs = dict(obj._fn_kwargs)
            else:
                function_kwargs = {k: v for k, v in config.items()
                                   if k not in ("reduction", "name", "dtype")}
        case["function"] = fn
        case["function_kwargs"] = rc.jsonable(function_kwargs)
        try:
            kw = {k: (jnp.asarray(v) if isinstance(v, np.ndarray) else v)
                  for k, v in function_kwargs.items()}
            r = getattr(KL, fn)(jnp.asarray(y_true), jnp.asarray(y_pred), **kw)
            case["function_result"] = rc.tensor(r)
            m = KB.get_keras_mask(r)
            if m is not None:
                case["function_result_mask"] = rc.tensor(np.asarray(m, dtype=bool))
        except Exception as e:
            case["function_error"] = rc.error(e)
    if documented is not None:
        case["documented"] = documented
    if note is not None:
        case["note"] = note
    CASES.append(case)
    return case


def values_shape(cls, config, y_true, y_pred):
    cfg = dict(config, reduction="none")
    return tuple(np.asarray(getattr(KL, cls)(**cfg)(jnp.asarray(y_true), jnp.asarray(y_pred))).shape)


def matrix(prefix, cls, config, y_true, y_pred, masks=True):
    """Every reduction x every sample-weight shape, plus masks."""
    vshape = values_shape(cls, config, y_true, y_pred)
    n = y_pred.shape[0]
    sws = [("nosw", None), ("sw_N", weights((n,))), ("sw_N1", weights((n, 1))),
           ("sw_scalar", f32(0.7))]
    if len(vshape) >= 2:
        sws.append(("sw_elem", weights(vshape)))
        sws.append(("sw_elem1", weights(vshape + (1,))))
    for red in REDUCTIONS:
        for tag, sw in sws:
            run(f"{prefix}/{red}/{tag}", cls, dict(config, reduction=red),
                y_true, y_pred, sample_weight=sw)
    run(f"{prefix}/reduction_None_object", cls, dict(config, reduction=None),
        y_true, y_pred)
    if masks and len(vshape) >= 1:
        m = random_mask(vshape)
        for red in REDUCTIONS:
            run(f"{prefix}/mask/{red}", cls, dict(config, reduction=red),
                y_true, y_pred, mask=m)
            wshape = (n,) if len(vshape) == 1 else (n, 1)
            run(f"{prefix}/mask/{red}/sw_" + ("N" if len(vshape) == 1 else "N1"), cls,
                dict(config, reduction=red), y_true, y_pred, mask=m,
                sample_weight=weights(wshape))
            if len(vshape) >= 2:
                run(f"{prefix}/mask/{red}/sw_elem", cls, dict(config, reduction=red),
                    y_true, y_pred, mask=m, sample_weight=weights(vshape))
        none = np.zeros(vshape, dtype=bool)
        for red in ("sum_over_batch_size", "mean_with_sample_weight"):
            run(f"{prefix}/mask_all_false/{red}", cls, dict(config, reduction=red),
                y_true, y_pred, mask=none)
        zshape = (n,) if len(vshape) == 1 else (n, 1)
        run(f"{prefix}/zero_weights", cls, dict(config), y_true, y_pred,
            sample_weight=np.zeros(zshape, np.float32))
        run(f"{prefix}/zero_weights/mean_with_sample_weight", cls,
            dict(config, reduction="mean_with_sample_weight"), y_true, y_pred,
            sample_weight=np.zeros(zshape, np.float32))


def variant(prefix, cls, config, y_true, y_pred, **kw):
    """An option/input variant: default reduction, none, and per-sample weights."""
    run(f"{prefix}", cls, dict(config), y_true, y_pred, **kw)
    if "function_kwargs" in kw or kw.get("class_form") is False:
        return
    run(f"{prefix}/none", cls, dict(config, reduction="none"), y_true, y_pred, **kw)
    n = y_pred.shape[0]
    try:
        per_sample = len(values_shape(cls, config, y_true, y_pred)) <= 1
    except Exception:
        per_sample = True
    if per_sample:
        run(f"{prefix}/sum/sw_N", cls, dict(config, reduction="sum"), y_true, y_pred,
            sample_weight=weights((n,)), **kw)
    else:
        run(f"{prefix}/sum/sw_N1", cls, dict(config, reduction="sum"), y_true, y_pred,
            sample_weight=weights((n, 1)), **kw)


def regression_like(cls, name, config=None, make=None):
    """Common structure for element-wise per-sample losses."""
    config = config or {}
    make = make or (lambda *s: (normal(*s), normal(*s)))
    yt, yp = make(4, 3)
    matrix(f"{name}/2d", cls, config, yt, yp)
    yt, yp = make(2, 3, 4)
    matrix(f"{name}/3d", cls, config, yt, yp)
    yt, yp = make(5)
    variant(f"{name}/1d", cls, config, yt, yp)
    yt, yp = make(4, 1)
    variant(f"{name}/rank/t_N_p_N1", cls, config, yt.reshape(4), yp)
    variant(f"{name}/rank/t_N1_p_N", cls, config, yt, yp.reshape(4))
    yt, yp = make(4, 3)
    variant(f"{name}/rank/t_N3_p_N31", cls, config, yt, yp.reshape(4, 3, 1))
    variant(f"{name}/shape_mismatch", cls, config, yt, make(4, 2)[1])


# ---------------------------------------------------------------- losses
def regression():
    regression_like("MeanSquaredError", "mse")
    regression_like("MeanAbsoluteError", "mae")

    regression_like("MeanAbsolutePercentageError", "mape",
                    make=lambda *s: (uniform(0.5, 3.0, *s), normal(*s)))
    variant("mape/zero_targets", "MeanAbsolutePercentageError", {},
            f32([[0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]), f32([[0.5, 1.0, 0.0], [-2.0, 1e-3, 0.0]]))
    variant("mape/negative_targets", "MeanAbsolutePercentageError", {},
            f32([[-1.0, -2.0, 4.0], [-0.5, 3.0, -3.0]]), normal(2, 3))

    regression_like("MeanSquaredLogarithmicError", "msle",
                    make=lambda *s: (uniform(0.0, 4.0, *s), uniform(0.0, 4.0, *s)))
    variant("msle/negative_and_zero", "MeanSquaredLogarithmicError", {},
            f32([[-1.0, 0.0, 2.0], [0.0, -5.0, 1.0]]), f32([[0.0, -2.0, 2.0], [3.0, 1.0, -1e-3]]))

    regression_like("Huber", "huber")
    for d in (0.5, 2.5):
        yt, yp = normal(4, 3, scale=2.0), normal(4, 3, scale=2.0)
        variant(f"huber/delta_{d}", "Huber", {"delta": d}, yt, yp)
    variant("huber/boundary_exact_delta", "Huber", {"delta": 1.0},
            f32([[0.0, 0.0, 1.0, 2.0]]), f32([[1.0, -1.0, 0.0, 4.0]]))
    variant("huber/boundary_delta_0.5", "Huber", {"delta": 0.5},
            f32([[0.0, 0.0, 0.25]]), f32([[0.5, -0.5, 0.75]]))
    variant("huber/large_errors", "Huber", {}, f32([[0.0, 1e4], [-1e4, 3.0]]),
            f32([[1e4, -1e4], [0.0, 3.5]]))

    regression_like("LogCosh", "log_cosh")
    variant("log_cosh/large", "LogCosh", {},
            f32([[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]),
            f32([[1e4, -1e4, 50.0, -50.0], [89.0, -89.0, 1e-4, 0.0]]))

    def cos_make(*s):
        return normal(*s), normal(*s)
    regression_like("CosineSimilarity", "cosine", make=cos_make)
    yt, yp = normal(2, 3, 4), normal(2, 3, 4)
    for ax in (0, 1, -2):
        variant(f"cosine/3d/axis_{ax}", "CosineSimilarity", {"axis": ax}, yt, yp)
    variant("cosine/2d/axis_0", "CosineSimilarity", {"axis": 0}, normal(4, 3), normal(4, 3))
    variant("cosine/zero_vectors", "CosineSimilarity", {},
            f32([[0.0, 0.0, 0.0], [1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]),
            f32([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]))
    variant("cosine/aligned_opposite_orthogonal", "CosineSimilarity", {},
            f32([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [1.0, 0.0, 0.0]]),
            f32([[2.0, 4.0, 6.0], [-1.0, -2.0, -3.0], [0.0, 5.0, 0.0]]))
    variant("cosine/feature_axis_size_1", "CosineSimilarity", {},
            f32([[2.0], [-3.0], [0.5], [0.0]]), f32([[4.0], [1.0], [-0.1], [2.0]]))
    variant("cosine/tiny_norm", "CosineSimilarity", {},
            f32([[1e-8, 0.0], [1e-30, 1e-30]]), f32([[1.0, 1.0], [1.0, 0.0]]))


def probabilistic():
    regression_like("KLDivergence", "kld",
                    make=lambda *s: (probs(*s), probs(*s)))
    variant("kld/zero_targets_and_above_one", "KLDivergence", {},
            f32([[0.0, 1.0, 0.0], [0.0, 2.0, 0.5]]), f32([[0.2, 0.5, 0.3], [0.0, 0.9, 1.5]]))
    variant("kld/pred_zero", "KLDivergence", {},
            f32([[0.5, 0.5, 0.0]]), f32([[0.0, 1.0, 0.0]]))

    regression_like("Poisson", "poisson",
                    make=lambda *s: (f32(rng.integers(0, 4, size=s)), uniform(0.05, 4.0, *s)))
    variant("poisson/pred_zero", "Poisson", {},
            f32([[0.0, 1.0, 2.0]]), f32([[0.0, 0.0, 1.0]]))
    variant("poisson/pred_negative_nan", "Poisson", {},
            f32([[1.0, 2.0]]), f32([[-0.5, 1.0]]))


def hinges():
    for cls, name in (("Hinge", "hinge"), ("SquaredHinge", "squared_hinge")):
        def pm1(*s):
            return f32(rng.choice([-1.0, 1.0], size=s)), normal(*s)
        regression_like(cls, name, make=pm1)
        variant(f"{name}/labels_01_converted", cls, {}, binary(4, 3), normal(4, 3))
        variant(f"{name}/labels_all_zero_converted", cls, {}, f32(np.zeros((2, 3))), normal(2, 3))
        variant(f"{name}/labels_mixed_not_converted", cls, {},
                f32([[0.0, 1.0, -1.0], [1.0, 0.0, 0.0]]), normal(2, 3))
        variant(f"{name}/labels_fractional", cls, {},
                f32([[0.5, 1.0, 0.0], [1.0, 0.0, 0.25]]), normal(2, 3))
    lab = labels(3, 4)
    matrix("categorical_hinge/2d", "CategoricalHinge", {}, onehot(lab, 3), normal(4, 3))
    lab = labels(4, 2, 3)
    matrix("categorical_hinge/3d", "CategoricalHinge", {}, onehot(lab, 4), normal(2, 3, 4))
    variant("categorical_hinge/not_onehot", "CategoricalHinge", {},
            f32([[0.5, 0.5, 0.0], [-1.0, 1.0, 0.0]]), normal(2, 3))
    variant("categorical_hinge/rank/t_N_p_N1", "CategoricalHinge", {}, f32([1.0, 0.0, 1.0]),
            normal(3, 1))


def binary_ce():
    cls = "BinaryCrossentropy"
    yt, yp = binary(4, 3), uniform(0.02, 0.98, 4, 3)
    matrix("bce/probs", cls, {}, yt, yp)
    lg = normal(4, 3, scale=3.0)
    matrix("bce/logits", cls, {"from_logits": True}, yt, lg)
    yt3, yp3 = binary(2, 3, 4), uniform(0.02, 0.98, 2, 3, 4)
    matrix("bce/3d", cls, {}, yt3, yp3)
    soft = uniform(0.0, 1.0, 4, 3)
    for ls in (0.1, 0.5, 1.0):
        variant(f"bce/probs/label_smoothing_{ls}", cls, {"label_smoothing": ls}, yt, yp)
        variant(f"bce/logits/label_smoothing_{ls}", cls,
                {"from_logits": True, "label_smoothing": ls}, yt, lg)
    variant("bce/soft_targets", cls, {}, soft, yp)
    variant("bce/soft_targets/logits", cls, {"from_logits": True}, soft, lg)
    for ax in (0, 1, -2):
        variant(f"bce/3d/axis_{ax}", cls, {"axis": ax}, yt3, yp3)
    variant("bce/2d/axis_0", cls, {"axis": 0}, yt, yp)
    variant("bce/3d/axis_1/logits", cls, {"axis": 1, "from_logits": True}, yt3,
            normal(2, 3, 4, scale=2.0))
    ext_t = f32([[0.0, 1.0, 0.0, 1.0], [0.5, 0.5, 1.0, 0.0]])
    ext_p = f32([[0.0, 1.0, 1.0, 0.0], [0.0, 1.0, 1e-8, 1.0 - 1e-8]])
    variant("bce/extreme_probs", cls, {}, ext_t, ext_p)
    variant("bce/extreme_probs/label_smoothing_0.2", cls, {"label_smoothing": 0.2}, ext_t, ext_p)
    ext_l = f32([[-1e4, 1e4, 1e4, -1e4], [1e4, -1e4, 100.0, -100.0]])
    variant("bce/extreme_logits", cls, {"from_logits": True}, ext_t, ext_l)
    variant("bce/1d", cls, {}, binary(5), uniform(0.02, 0.98, 5))
    variant("bce/rank/t_N_p_N1", cls, {}, binary(4), uniform(0.02, 0.98, 4, 1))
    variant("bce/rank/t_N1_p_N", cls, {}, binary(4, 1), uniform(0.02, 0.98, 4))
    variant("bce/shape_mismatch", cls, {}, binary(4, 3), uniform(0.02, 0.98, 4, 2))

    cls = "BinaryFocalCrossentropy"
    matrix("bfce/probs", cls, {}, yt, yp)
    matrix("bfce/3d", cls, {}, yt3, yp3, masks=False)
    for gamma in (0.0, 1.0, 3.0):
        variant(f"bfce/gamma_{gamma}", cls, {"gamma": gamma}, yt, yp)
    for acb in (False, True):
        for alpha in (0.25, 0.6):
            variant(f"bfce/balancing_{acb}/alpha_{alpha}", cls,
                    {"apply_class_balancing": acb, "alpha": alpha}, yt, yp)
            variant(f"bfce/balancing_{acb}/alpha_{alpha}/logits", cls,
                    {"apply_class_balancing": acb, "alpha": alpha, "from_logits": True}, yt, lg)
    variant("bfce/logits", cls, {"from_logits": True}, yt, lg)
    variant("bfce/label_smoothing_0.1", cls, {"label_smoothing": 0.1}, yt, yp)
    variant("bfce/label_smoothing_0.1/logits", cls,
            {"label_smoothing": 0.1, "from_logits": True, "apply_class_balancing": True}, yt, lg)
    variant("bfce/3d/axis_1", cls, {"axis": 1}, yt3, yp3)
    variant("bfce/gamma_0_equals_bce", cls, {"gamma": 0.0}, soft, yp)
    variant("bfce/extreme_probs", cls, {}, ext_t, ext_p)
    variant("bfce/extreme_logits", cls, {"from_logits": True}, ext_t, ext_l)
    variant("bfce/rank/t_N_p_N1", cls, {}, binary(4), uniform(0.02, 0.98, 4, 1))


def categorical_ce():
    cls = "CategoricalCrossentropy"
    lab = labels(4, 5)
    yt, yp = onehot(lab, 4), probs(5, 4)
    matrix("cce/probs", cls, {}, yt, yp)
    lg = normal(5, 4, scale=3.0)
    matrix("cce/logits", cls, {"from_logits": True}, yt, lg)
    lab3 = labels(4, 2, 3)
    yt3, yp3 = onehot(lab3, 4), probs(2, 3, 4)
    matrix("cce/3d", cls, {}, yt3, yp3)
    variant("cce/unnormalized_probs", cls, {}, yt, uniform(0.1, 2.0, 5, 4))
    soft = probs(5, 4)
    variant("cce/soft_targets", cls, {}, soft, yp)
    for ls in (0.1, 0.5):
        variant(f"cce/label_smoothing_{ls}", cls, {"label_smoothing": ls}, yt, yp)
        variant(f"cce/label_smoothing_{ls}/logits", cls,
                {"label_smoothing": ls, "from_logits": True}, yt, lg)
    # class axis 1 of (2, 4, 3): 4 classes along axis 1
    yt_ax = np.moveaxis(yt3, -1, 1).copy()
    yp_ax = np.moveaxis(yp3, -1, 1).copy()
    variant("cce/3d/axis_1", cls, {"axis": 1}, yt_ax, yp_ax)
    variant("cce/3d/axis_1/label_smoothing_0.2", cls, {"axis": 1, "label_smoothing": 0.2},
            yt_ax, yp_ax)
    variant("cce/3d/axis_1/logits", cls, {"axis": 1, "from_logits": True}, yt_ax,
            normal(2, 4, 3, scale=2.0))
    variant("cce/2d/axis_0", cls, {"axis": 0}, yt, yp)
    ext_t = f32([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.5, 0.5, 0]])
    ext_p = f32([[1, 0, 0], [1, 0, 0], [0, 0, 1], [0, 0, 1]])
    variant("cce/extreme_probs", cls, {}, ext_t, ext_p)
    ext_l = f32([[1e4, -1e4, 0], [1e4, -1e4, 0], [0, 0, 1e4], [-1e4, -1e4, -1e4]])
    variant("cce/extreme_logits", cls, {"from_logits": True}, ext_t, ext_l)
    variant("cce/class_axis_size_1", cls, {}, f32([[1.0], [1.0], [0.0]]),
            f32([[0.7], [1.0], [0.2]]))
    variant("cce/rank/t_N_p_N1", cls, {}, f32([1.0, 1.0, 0.0]), f32([[0.3], [1.0], [0.5]]))
    variant("cce/shape_mismatch", cls, {}, onehot(labels(3, 4), 3), probs(4, 4))
    run("cce/axis_bool_error", cls, {"axis": True}, yt, yp)

    cls = "CategoricalFocalCrossentropy"
    matrix("cfce/probs", cls, {}, yt, yp)
    for alpha in (0.5, [0.1, 0.2, 0.3, 0.4]):
        tag = "list" if isinstance(alpha, list) else alpha
        variant(f"cfce/alpha_{tag}", cls, {"alpha": alpha}, yt, yp)
        variant(f"cfce/alpha_{tag}/soft", cls, {"alpha": alpha}, soft, yp)
    for gamma in (0.0, 1.0, 3.5):
        variant(f"cfce/gamma_{gamma}", cls, {"gamma": gamma}, yt, yp)
    variant("cfce/logits", cls, {"from_logits": True}, yt, lg)
    variant("cfce/label_smoothing_0.1", cls, {"label_smoothing": 0.1}, yt, yp)
    variant("cfce/label_smoothing_0.1/logits", cls,
            {"label_smoothing": 0.1, "from_logits": True}, yt, lg)
    variant("cfce/unnormalized_probs", cls, {}, yt, uniform(0.1, 2.0, 5, 4))
    variant("cfce/3d", cls, {}, yt3, yp3)
    variant("cfce/3d/axis_1", cls, {"axis": 1}, yt_ax, yp_ax)
    variant("cfce/3d/axis_1/label_smoothing_0.2", cls, {"axis": 1, "label_smoothing": 0.2},
            yt_ax, yp_ax)
    variant("cfce/extreme_probs", cls, {}, ext_t, ext_p)
    variant("cfce/extreme_logits", cls, {"from_logits": True}, ext_t, ext_l)
    run("cfce/axis_bool_error", cls, {"axis": False}, yt, yp)


def sparse_ce():
    cls = "SparseCategoricalCrossentropy"
    lab = labels(4, 5)
    yp = probs(5, 4)
    lg = normal(5, 4, scale=3.0)
    matrix("scce/probs", cls, {}, lab, yp)
    matrix("scce/logits", cls, {"from_logits": True}, lab, lg, masks=False)
    lab3 = labels(4, 2, 3)
    yp3 = probs(2, 3, 4)
    matrix("scce/3d", cls, {}, lab3, yp3)
    variant("scce/labels_N1", cls, {}, lab.reshape(5, 1), yp)
    run("scce/labels_N1/ignore_-1", cls, {"ignore_class": -1},
        np.where(np.arange(5) == 2, -1, lab).astype(np.int32).reshape(5, 1), yp)
    variant("scce/labels_N1/logits", cls, {"from_logits": True}, lab.reshape(5, 1), lg)
    variant("scce/labels_float", cls, {}, lab.astype(np.float32), yp)
    variant("scce/unnormalized_probs", cls, {}, lab, uniform(0.1, 2.0, 5, 4))
    variant("scce/3d/labels_BT1", cls, {}, lab3.reshape(2, 3, 1), yp3)
    variant("scce/3d/axis_1", cls, {"axis": 1}, lab3, np.moveaxis(yp3, -1, 1).copy())
    # ignore_class
    lab_ig = lab.copy()
    lab_ig[[1, 3]] = -1
    for red in REDUCTIONS:
        run(f"scce/ignore_-1/{red}", cls, {"ignore_class": -1, "reduction": red}, lab_ig, yp)
        run(f"scce/ignore_-1/logits/{red}", cls,
            {"ignore_class": -1, "from_logits": True, "reduction": red}, lab_ig, lg)
        run(f"scce/ignore_-1/{red}/sw_N", cls, {"ignore_class": -1, "reduction": red},
            lab_ig, yp, sample_weight=weights((5,)))
    lab_ig2 = lab.copy()
    lab_ig2[0] = 2
    lab_ig2[2] = 2
    variant("scce/ignore_class_2", cls, {"ignore_class": 2}, lab_ig2, yp)
    variant("scce/ignore_class_no_match", cls, {"ignore_class": 255}, lab, yp)
    variant("scce/ignore_all", cls, {"ignore_class": -1}, i32([-1, -1, -1, -1, -1]), yp)
    lab3_ig = lab3.copy()
    lab3_ig[0, 1] = -1
    lab3_ig[1, 2] = -1
    variant("scce/3d/ignore_-1", cls, {"ignore_class": -1}, lab3_ig, yp3)
    for red in ("sum_over_batch_size", "sum", "mean_with_sample_weight", "none"):
        run(f"scce/3d/ignore_-1/in_mask/{red}/sw_N1", cls, {"ignore_class": -1, "reduction": red},
            lab3_ig, yp3, mask=random_mask((2, 3)), sample_weight=weights((2, 1)))
        run(f"scce/3d/ignore_-1/in_mask/{red}", cls, {"ignore_class": -1, "reduction": red},
            lab3_ig, yp3, mask=random_mask((2, 3)))
    variant("scce/labels_out_of_range", cls, {}, i32([0, -1, 4, 7, 1]), yp,
            note="no ignore_class: JAX one-hot of an out-of-range id is all zeros, so the loss is 0")
    variant("scce/labels_out_of_range/logits", cls, {"from_logits": True}, i32([0, -1, 4, 7, 1]), lg)
    variant("scce/extreme_probs", cls, {}, i32([0, 1, 2, 2]),
            f32([[1, 0, 0], [1, 0, 0], [0, 0, 1], [1, 0, 0]]))
    variant("scce/extreme_logits", cls, {"from_logits": True}, i32([0, 1, 2, 0]),
            f32([[1e4, -1e4, 0], [1e4, -1e4, 0], [0, 0, 1e4], [-1e4, -1e4, -1e4]]))

    cls = "CategoricalGeneralizedCrossEntropy"
    lab = labels(4, 6)
    yp = probs(6, 4)
    matrix("cgce/default", cls, {}, lab, yp)
    for q in (0.2, 0.9, 1e-3):
        variant(f"cgce/q_{q}", cls, {"q": q}, lab, yp)
    variant("cgce/labels_N1", cls, {}, lab.reshape(6, 1), yp,
            note="Keras does not squeeze [B,1] labels: the one-hot broadcasts to [B,B,K]")
    variant("cgce/p_true_zero", cls, {"q": 0.5}, i32([0, 1, 2]),
            f32([[0.0, 0.5, 0.5], [1.0, 0.0, 0.0], [0.2, 0.8, 0.0]]))
    variant("cgce/p_true_one", cls, {"q": 0.5}, i32([0, 1]), f32([[1.0, 0.0], [0.0, 1.0]]))
    variant("cgce/segmentation", cls, {"q": 0.7}, labels(3, 2, 4), probs(2, 4, 3))
    for q in (0.0, 1.0, -0.5):
        run(f"cgce/invalid_q_{q}", cls, {"q": q}, lab, yp, function_form=False)


def segmentation():
    for cls, name in (("Dice", "dice"), ("Tversky", "tversky")):
        yt = binary(2, 4, 4, 1)
        yp = uniform(0.0, 1.0, 2, 4, 4, 1)
        matrix(f"{name}/axis_None", cls, {}, yt, yp, masks=False)
        matrix(f"{name}/axis_123", cls, {"axis": (1, 2, 3)}, yt, yp)
        variant(f"{name}/axis_12", cls, {"axis": (1, 2)}, yt, yp)
        variant(f"{name}/axis_1", cls, {"axis": 1}, yt, yp)
        variant(f"{name}/axis_-1_2d", cls, {"axis": -1}, binary(4, 5), uniform(0.0, 1.0, 4, 5))
        variant(f"{name}/outside_01", cls, {"axis": -1},
                f32([[2.0, -1.0, 0.5], [1.0, 1.0, 1.0]]), f32([[1.5, 0.5, -0.5], [3.0, 0.0, 0.0]]))
        variant(f"{name}/all_zero", cls, {"axis": -1}, f32(np.zeros((2, 3))),
                f32(np.zeros((2, 3))))
        variant(f"{name}/all_zero/axis_None", cls, {}, f32(np.zeros((2, 3))),
                f32(np.zeros((2, 3))))
        variant(f"{name}/rank/t_N_p_N1", cls, {}, binary(4), uniform(0, 1, 4, 1))
    yt = binary(2, 4, 4, 1)
    yp = uniform(0.0, 1.0, 2, 4, 4, 1)
    for a, b in ((0.7, 0.3), (0.3, 0.7), (1.0, 0.0), (0.0, 1.0)):
        variant(f"tversky/alpha_{a}_beta_{b}", "Tversky", {"alpha": a, "beta": b}, yt, yp)
        variant(f"tversky/alpha_{a}_beta_{b}/axis_123", "Tversky",
                {"alpha": a, "beta": b, "axis": (1, 2, 3)}, yt, yp)
    variant("tversky/fp_only", "Tversky", {"alpha": 0.9, "beta": 0.1, "axis": -1},
            f32([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]]), f32([[1.0, 1.0, 1.0], [1.0, 0.0, 0.0]]),
            note="row 0 has only false positives, row 1 only false negatives")


def unit(x):
    x = np.asarray(x, dtype=np.float64)
    return f32(x / np.linalg.norm(x, axis=-1, keepdims=True))


def circle_ctc():
    cls = "Circle"
    lab = i32([0, 1, 0, 2, 1, 2])
    emb = unit(rng.normal(size=(6, 4)))
    matrix("circle/default", cls, {}, lab, emb)
    for g in (10.0, 1.0):
        variant(f"circle/gamma_{g}", cls, {"gamma": g}, lab, emb)
    for m in (0.25, 0.0):
        variant(f"circle/margin_{m}", cls, {"margin": m, "gamma": 10.0}, lab, emb)
    variant("circle/keep_diagonal", cls, {"remove_diagonal": False, "gamma": 10.0}, lab, emb)
    variant("circle/keep_diagonal/gamma_80", cls, {"remove_diagonal": False}, lab, emb)
    variant("circle/one_class_no_negatives", cls, {"gamma": 10.0}, i32([3, 3, 3, 3]),
            unit(rng.normal(size=(4, 3))))
    variant("circle/distinct_no_positives", cls, {"gamma": 10.0}, i32([0, 1, 2, 3]),
            unit(rng.normal(size=(4, 3))))
    variant("circle/some_singletons", cls, {"gamma": 10.0}, i32([0, 0, 1, 2, 3]),
            unit(rng.normal(size=(5, 3))),
            note="samples 2..4 have no positives: loss 0, masked out of the mean")
    variant("circle/labels_float", cls, {"gamma": 10.0}, f32([0, 1, 0, 2, 1, 2]), emb)
    run("circle/in_mask", cls, {"gamma": 10.0}, lab, emb,
        mask=np.array([True, True, False, True, True, True]))
    ref_lab = i32([0, 1, 2, 2, 1])
    ref_emb = unit(rng.normal(size=(5, 4)))
    for rd in (True, False):
        run(f"circle/function_ref_set/remove_diagonal_{rd}", cls, {}, lab, emb,
            class_form=False,
            function_kwargs={"ref_labels": ref_lab, "ref_embeddings": ref_emb,
                             "remove_diagonal": rd, "gamma": 10.0, "margin": 0.3})
    run("circle/function_ref_labels_only", cls, {}, lab, emb, class_form=False,
        function_kwargs={"ref_labels": i32([1, 1, 0, 0, 2, 2]), "gamma": 10.0})

    cls = "CTC"
    yt = i32([[1, 2, 2, 0], [3, 1, 0, 0], [4, 4, 4, 1]])
    yp = normal(3, 9, 5, scale=2.0)
    matrix("ctc/default", cls, {}, yt, yp)
    variant("ctc/zero_inside_label", cls, {}, i32([[1, 0, 2, 0], [0, 3, 0, 0]]),
            normal(2, 6, 4, scale=2.0),
            note="label length = count of non-zero entries; the first `length` entries are used")
    variant("ctc/full_length_labels", cls, {}, i32([[1, 2, 3], [2, 2, 2]]),
            normal(2, 6, 4, scale=1.5))
    variant("ctc/too_short_input", cls, {}, i32([[1, 1, 1, 1]]), normal(1, 4, 3),
            note="repeated labels need 2L-1=7 frames but T=4: infeasible alignment")
    variant("ctc/all_blank_label", cls, {}, i32([[0, 0, 0], [1, 0, 0]]), normal(2, 5, 3))
    variant("ctc/large_logits", cls, {}, i32([[1, 2, 0]]),
            f32([[[0, 1e4, 0], [0, 0, 1e4], [1e4, 0, 0], [0, 0, 0]]]))
    variant("ctc/T_equals_1", cls, {}, i32([[2]]), normal(1, 1, 3))
    run("ctc/rank_error_labels", cls, {}, i32([1, 2, 0]), normal(3, 5, 4))
    run("ctc/rank_error_logits", cls, {}, i32([[1, 2, 0]]), normal(1, 5))


# ---------------------------------------------------------------- docstrings
def docstrings():
    """The numbers printed in Keras's docstrings (rounded as printed)."""
    def doc(cid, cls, config, yt, yp, value, sw=None, function_kwargs=None, class_form=True):
        run("doc/" + cid, cls, config, f32(yt), f32(yp), sample_weight=None if sw is None else f32(sw),
            documented=value, class_form=class_form, function_kwargs=function_kwargs)

    doc("MeanSquaredError", "MeanSquaredError", {}, [1.0, 0.0, 1.0], [0.9, 0.1, 0.8], [0.02])
    doc("MeanAbsoluteError", "MeanAbsoluteError", {}, [1.0, 0.3, 1.0], [1.9, 0.3, 1.8], [0.5666667])
    doc("MeanAbsolutePercentageError", "MeanAbsolutePercentageError", {},
        [100.0, 200.0, 300.0], [90.0, 210.0, 310.0], [6.111111])
    t, p = [0, 1, 0, 0], [-18.6, 0.51, 2.94, -12.8]
    doc("BinaryCrossentropy/1", "BinaryCrossentropy", {"from_logits": True}, t, p, [0.8654])
    t2, p2 = [[0, 1], [0, 0]], [[-18.6, 0.51], [2.94, -12.8]]
    doc("BinaryCrossentropy/2", "BinaryCrossentropy", {"from_logits": True}, t2, p2, [0.8654])
    doc("BinaryCrossentropy/2/sw", "BinaryCrossentropy", {"from_logits": True}, t2, p2, [0.243],
        sw=[0.8, 0.2])
    doc("BinaryCrossentropy/2/sum", "BinaryCrossentropy", {"from_logits": True, "reduction": "sum"},
        t2, p2, [1.730])
    doc("BinaryCrossentropy/2/none", "BinaryCrossentropy", {"from_logits": True, "reduction": None},
        t2, p2, [0.235, 1.496])
    bf = "BinaryFocalCrossentropy"
    doc("BinaryFocalCrossentropy/1", bf, {"gamma": 2, "from_logits": True}, t, p, [0.691])
    doc("BinaryFocalCrossentropy/1/balanced", bf,
        {"apply_class_balancing": True, "gamma": 2, "from_logits": True}, t, p, [0.51])
    doc("BinaryFocalCrossentropy/2", bf, {"gamma": 3, "from_logits": True}, t2, p2, [0.647])
    doc("BinaryFocalCrossentropy/2/balanced", bf,
        {"apply_class_balancing": True, "gamma": 3, "from_logits": True}, t2, p2, [0.482])
    doc("BinaryFocalCrossentropy/2/sw", bf, {"gamma": 3, "from_logits": True}, t2, p2, [0.133],
        sw=[0.8, 0.2])
    doc("BinaryFocalCrossentropy/2/sw/balanced", bf,
        {"apply_class_balancing": True, "gamma": 3, "from_logits": True}, t2, p2, [0.097],
        sw=[0.8, 0.2])
    doc("BinaryFocalCrossentropy/2/sum", bf, {"gamma": 4, "from_logits": True, "reduction": "sum"},
        t2, p2, [1.222])
    doc("BinaryFocalCrossentropy/2/sum/balanced", bf,
        {"apply_class_balancing": True, "gamma": 4, "from_logits": True, "reduction": "sum"},
        t2, p2, [0.914])
    doc("BinaryFocalCrossentropy/2/none", bf, {"gamma": 5, "from_logits": True, "reduction": None},
        t2, p2, [0.0017, 1.1561])
    doc("BinaryFocalCrossentropy/2/none/balanced", bf,
        {"apply_class_balancing": True, "gamma": 5, "from_logits": True, "reduction": None},
        t2, p2, [0.0004, 0.8670])
    ct, cp = [[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]
    for cls in ("CategoricalCrossentropy", "SparseCategoricalCrossentropy"):
        yt = ct if cls == "CategoricalCrossentropy" else [1, 2]
        doc(f"{cls}", cls, {}, yt, cp, [1.177])
        doc(f"{cls}/sw", cls, {}, yt, cp, [0.814], sw=[0.3, 0.7])
        doc(f"{cls}/sum", cls, {"reduction": "sum"}, yt, cp, [2.354])
        doc(f"{cls}/none", cls, {"reduction": None}, yt, cp, [0.0513, 2.303])
    cf = "CategoricalFocalCrossentropy"
    doc(cf, cf, {}, ct, cp, [0.23315276])
    doc(f"{cf}/sw", cf, {}, ct, cp, [0.1632], sw=[0.3, 0.7])
    doc(f"{cf}/sum", cf, {"reduction": "sum"}, ct, cp, [0.46631])
    doc(f"{cf}/none", cf, {"reduction": None}, ct, cp, [3.2058331e-05, 4.6627346e-01])
    doc("categorical_focal_crossentropy_fn", cf, {}, ct, [[0.05, 0.9, 0.05], [0.1, 0.85, 0.05]],
        [2.63401289e-04, 6.75912094e-01], class_form=False, function_kwargs={})
    dt = [[[[1.0], [1.0]], [[0.0], [0.0]]], [[[1.0], [1.0]], [[0.0], [0.0]]]]
    dp = [[[[0.0], [1.0]], [[0.0], [1.0]]], [[[0.4], [0.0]], [[0.0], [0.9]]]]
    doc("Dice/axis_123/none", "Dice", {"axis": (1, 2, 3), "reduction": None}, dt, dp,
        [0.5, 0.75757575])
    doc("Dice/default", "Dice", {}, dt, dp, [0.6164384])
    doc("cosine_similarity_fn", "CosineSimilarity", {},
        [[0., 1.], [1., 1.], [1., 1.]], [[1., 0.], [1., 1.], [-1., -1.]],
        [-0., -0.99999994, 0.99999994], class_form=False, function_kwargs={"axis": -1})
    doc("huber_fn", "Huber", {}, [[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], [0.155],
        class_form=False, function_kwargs={})
    doc("log_cosh_fn", "LogCosh", {}, [[0., 1.], [0., 0.]], [[1., 1.], [0., 0.]], [0.108],
        class_form=False, function_kwargs={})
    doc("binary_crossentropy_fn", "BinaryCrossentropy", {}, [[0, 1], [0, 0]],
        [[0.6, 0.4], [0.4, 0.6]], [0.916, 0.714], class_form=False, function_kwargs={})
    doc("binary_focal_crossentropy_fn/gamma_2", bf, {}, [[0, 1], [0, 0]],
        [[0.6, 0.4], [0.4, 0.6]], [0.330, 0.206], class_form=False,
        function_kwargs={"gamma": 2})
    doc("binary_focal_crossentropy_fn/default_called_bce_loss", bf, {}, [[0, 1], [0, 0]],
        [[0.6, 0.4], [0.4, 0.6]], [0.916, 0.714], class_form=False, function_kwargs={})
    CASES[-1]["note"] = ("the docstring names this `bce_loss` and prints BCE numbers, but the "
                         "call is binary_focal_crossentropy with the default gamma=2")
    doc("CategoricalGeneralizedCrossEntropy", "CategoricalGeneralizedCrossEntropy", {},
        [0, 1, 0, 1], [[0.7, 0.3], [0.2, 0.8], [0.6, 0.4], [0.4, 0.6]], None)
    CASES[-1]["note"] = "docstring shows the call without a printed value"
    CASES[-1]["y_true"] = rc.tensor(i32([0, 1, 0, 1]))


# ---------------------------------------------------------------- spec notes
TVERSKY_NOTE = ("Keras 3.15.1 multiplies alpha with sum(t*(1-p)) (false negatives) and beta "
                "with sum((1-t)*p) (false positives); the spec (after Keras #23333) has alpha "
                "on false positives. spec_config gives the same value under the spec's naming.")


def annotate_spec_differences():
    """Marks cases whose Keras 3.15.1 value differs from the spec's reading."""
    for c in CASES:
        if c["class"] == "Tversky":
            for src, dst in (("config", "spec_config"), ("function_kwargs", "spec_function_kwargs")):
                if src in c:
                    cfg = dict(c[src])
                    a, b = cfg.get("alpha", 0.5), cfg.get("beta", 0.5)
                    cfg["alpha"], cfg["beta"] = b, a
                    c[dst] = cfg
            if c["config"].get("alpha", 0.5) != c["config"].get("beta", 0.5):
                c["note"] = TVERSKY_NOTE


def label_smoothing_axis_cases():
    """CCE/CFCE with axis != -1 and label smoothing: Keras takes K from the last axis.

    The spec (section 3.15) takes K along `axis`. spec_call / spec_function_result
    are Keras's values for targets smoothed with K along `axis` and no further smoothing.
    """
    for c in CASES:
        cfg = c.get("config") or {}
        if c["class"] not in ("CategoricalCrossentropy", "CategoricalFocalCrossentropy"):
            continue
        ax, ls = cfg.get("axis", -1), cfg.get("label_smoothing", 0.0)
        if ax in (-1, None) or not ls or isinstance(ax, bool):
            continue
        yt = np.asarray(c["y_true"]["data"], np.float32).reshape(c["y_true"]["shape"])
        yp = np.asarray(c["y_pred"]["data"], np.float32).reshape(c["y_pred"]["shape"])
        k = yt.shape[ax]
        smoothed = f32(yt * (1.0 - ls) + ls / k)
        cfg2 = dict(cfg, label_smoothing=0.0)
        obj = getattr(KL, c["class"])(**cfg2)
        sw = c.get("sample_weight")
        sw = None if sw is None else np.asarray(sw["data"], np.float32).reshape(sw["shape"])
        try:
            c["spec_call"] = rc.tensor(obj(jnp.asarray(smoothed), jnp.asarray(yp), sample_weight=sw))
        except Exception as e:
            c["spec_call_error"] = rc.error(e)
        c["spec_function_result"] = rc.tensor(
            getattr(KL, c["function"])(jnp.asarray(smoothed), jnp.asarray(yp), **obj._fn_kwargs))
        c["note"] = (f"Keras 3.15.1 smooths with K = size of the last axis ({yt.shape[-1]}), "
                     f"not of axis {ax} ({k}) as the spec says; spec_* hold the spec's values")


# ---------------------------------------------------------------- registry
GET_REJECT_PROBES = [
    "kullback_leibler_divergence", "logcosh", "huber_loss", "Mse", "mSE", "Mae", "Bce",
    "crossentropy", "ce", "CE", "categorical_generalized_cross_entropy",
    "CategoricalGeneralizedCrossEntropy", "LogCoshError", "log_cosh_error", "KLD ",
    " mse", "", "auto", "accuracy", "sparse_categorical_accuracy", "binary_focal_loss",
    "focal", "cosine", "cosine_proximity", "squared_error", "rmse", "RootMeanSquaredError",
    "Reduction", "mean_squared_error()", "meansquarederror", "MEAN_SQUARED_ERROR",
    "sparse_categorical_focal_crossentropy", "circle_loss", "ctc_loss", "dice_loss",
]


def registry():
    from keras.src.losses import ALL_OBJECTS_DICT
    import inspect
    accepted = []
    for key in sorted(ALL_OBJECTS_DICT):
        entry = {"identifier": key}
        try:
            obj = KL.get(key)
            if inspect.isfunction(obj):
                entry.update(kind="function", name=obj.__name__)
            else:
                entry.update(kind="class", name=type(obj).__name__,
                             config=rc.jsonable(obj.get_config()))
        except Exception as e:
            target = ALL_OBJECTS_DICT[key]
            entry.update(kind="class_fails_to_build", name=target.__name__, error=rc.error(e))
        accepted.append(entry)
    rejected = []
    for key in GET_REJECT_PROBES:
        assert key not in ALL_OBJECTS_DICT, key
        try:
            obj = KL.get(key)
            rejected.append({"identifier": key, "unexpectedly_accepted": repr(obj)})
        except Exception as e:
            rejected.append({"identifier": key, "error": rc.error(e)})
    return accepted, rejected


def constructor_checks():
    """Constructor validation: reductions and arguments Keras rejects or accepts."""
    out = []
    probes = [("MeanSquaredError", {"reduction": r}) for r in
              ("auto", "SUM", "Sum", "avg", "batch", "mean", "none", None, "sum_over_batch_size",
               "sum", "mean_with_sample_weight")]
    probes += [("CategoricalGeneralizedCrossEntropy", {"q": q}) for q in (0.0, 1.0, 0.5, 1e-9)]
    probes += [("CategoricalCrossentropy", {"axis": True}),
               ("CategoricalFocalCrossentropy", {"axis": True}),
               ("Huber", {"delta": -1.0}), ("Huber", {"delta": 0.0}),
               ("BinaryCrossentropy", {"label_smoothing": 2.0}),
               ("Circle", {"gamma": -1.0})]
    for cls, cfg in probes:
        entry = {"class": cls, "config": rc.jsonable(cfg)}
        try:
            obj = getattr(KL, cls)(**cfg)
            entry["accepted"] = True
            entry["full_config"] = rc.jsonable(obj.get_config())
        except Exception as e:
            entry["accepted"] = False
            entry["error"] = rc.error(e)
        out.append(entry)
    return out


def defaults():
    out = []
    for cls in FUNCTION_OF:
        obj = getattr(KL, cls)()
        out.append({"class": cls, "function": FUNCTION_OF[cls],
                    "config": rc.jsonable(obj.get_config()),
                    "function_kwargs": rc.jsonable(obj._fn_kwargs)})
    return out


SCHEMA = {
    "tensor": "{shape: [int], dtype: float32|int32|bool, data: [flat row-major]}; scalar: shape []",
    "cases[]": {
        "id": "unique string, '/'-separated: <loss>/<variant>/<reduction>/<weights>",
        "class": "Keras class name",
        "config": "constructor kwargs actually passed (snake_case; tuples as lists; null = None)",
        "full_config": "get_config() of the built object (absent if construction failed)",
        "y_true, y_pred": "tensors passed to both forms (the class form converts both to float32)",
        "sample_weight": "optional tensor passed to __call__",
        "mask": "optional bool tensor attached to y_pred as its Keras mask (class form only)",
        "call": "__call__ result (absent when class form not evaluated or it raised)",
        "call_error": "{type, message} when __call__ (or the constructor) raised",
        "function": "keras.losses function name",
        "function_kwargs": "kwargs passed to the function (tensors as tensor objects)",
        "function_result": "unreduced function-form result",
        "function_result_mask": "Keras mask attached to the function result (SCCE ignore_class, Circle)",
        "function_error": "{type, message} when the function raised",
        "documented": "numbers printed in the Keras docstring (rounded; compare loosely)",
        "note": "optional explanation",
        "spec_config, spec_function_kwargs": "Tversky only: the config that gives the same value "
                                             "under the spec's alpha/beta naming (swapped)",
        "spec_call, spec_function_result": "CCE/CFCE label smoothing with axis != -1: the value "
                                           "under the spec's reading (K along axis)",
    },
    "get_accepted[]": "{identifier, kind: class|function|class_fails_to_build, name, config?, error?}",
    "get_rejected[]": "{identifier, error: {type, message}}",
    "constructor_checks[]": "{class, config, accepted, full_config? | error?}",
    "defaults[]": "{class, function, config: get_config() of Cls(), function_kwargs}",
}


def main():
    regression()
    probabilistic()
    hinges()
    binary_ce()
    categorical_ce()
    sparse_ce()
    segmentation()
    circle_ctc()
    docstrings()
    annotate_spec_differences()
    label_smoothing_axis_cases()
    accepted, rejected = registry()
    hdr = rc.header("losses.py",
                    "Keras 3 losses: class and function forms, float32, JAX backend, "
                    "epsilon 1e-7", SCHEMA)
    hdr["epsilon"] = float(keras.backend.epsilon())
    hdr["floatx"] = keras.backend.floatx()
    rc.write("losses.json", hdr, {
        "defaults": defaults(),
        "get_accepted": accepted,
        "get_rejected": rejected,
        "constructor_checks": constructor_checks(),
        "cases": CASES,
    })
    classes = sorted({c["class"] for c in CASES})
    print(len(classes), "classes;", len(CASES), "cases")


if __name__ == "__main__":
    main()
