#!/usr/bin/env python3
"""Writes reference/metrics.json: Keras 3 stateful metrics over two update_state batches,
plus how `compile` resolves 'accuracy'/'acc' and 'crossentropy'/'ce' for given shapes.

See README.md in this folder for the schema.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import refcommon as rc  # noqa: E402  (first: it may re-exec with a fixed hash seed)

import warnings  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402

rc.keras_backend_check("jax")
warnings.simplefilter("ignore")
keras.utils.set_random_seed(3)
rng = np.random.default_rng(11)


def f32(a):
    return np.asarray(a, np.float32)


def probs(n, k):
    z = rng.normal(size=(n, k)) * 1.5
    e = np.exp(z - z.max(-1, keepdims=True))
    return f32(e / e.sum(-1, keepdims=True))


def sw(n):
    w = rng.uniform(0.1, 2.0, size=n)
    w[1] = 0.0
    return f32(w)


def batches(kind):
    """Two batches (4 and 3 samples) of (y_true, y_pred) for a metric family."""
    out = []
    for n in (4, 3):
        if kind == "binary":
            out.append((f32(rng.integers(0, 2, size=(n, 2))), f32(rng.uniform(0, 1, size=(n, 2)))))
        elif kind == "binary_logits":
            out.append((f32(rng.integers(0, 2, size=(n, 2))), f32(rng.normal(size=(n, 2)) * 2)))
        elif kind == "categorical":
            lab = rng.integers(0, 4, size=n)
            out.append((f32(np.eye(4)[lab]), probs(n, 4)))
        elif kind == "sparse":
            out.append((f32(rng.integers(0, 4, size=(n,))), probs(n, 4)))
        elif kind == "sparse_n1":
            out.append((f32(rng.integers(0, 4, size=(n, 1))), probs(n, 4)))
        elif kind == "regression":
            out.append((f32(rng.normal(size=(n, 3))), f32(rng.normal(size=(n, 3)))))
        elif kind == "positive":
            out.append((f32(rng.uniform(0.5, 3, size=(n, 3))), f32(rng.normal(size=(n, 3)))))
        elif kind == "equal":
            t = f32(rng.integers(0, 3, size=(n, 2)))
            p = t.copy()
            p[0, 0] += 1
            out.append((t, p))
        elif kind == "values":
            out.append((None, f32(rng.normal(size=(n,)))))
    out[1] = (out[1][0], out[1][1])
    return out


METRICS = [
    ("Accuracy", {}, "equal"),
    ("BinaryAccuracy", {}, "binary"),
    ("BinaryAccuracy", {"threshold": 0.0}, "binary_logits"),
    ("BinaryAccuracy", {"threshold": 0.7}, "binary"),
    ("CategoricalAccuracy", {}, "categorical"),
    ("SparseCategoricalAccuracy", {}, "sparse"),
    ("SparseCategoricalAccuracy", {}, "sparse_n1"),
    ("TopKCategoricalAccuracy", {}, "categorical"),
    ("TopKCategoricalAccuracy", {"k": 2}, "categorical"),
    ("SparseTopKCategoricalAccuracy", {}, "sparse"),
    ("SparseTopKCategoricalAccuracy", {"k": 2}, "sparse"),
    ("SparseTopKCategoricalAccuracy", {"k": 2}, "sparse_n1"),
    ("MeanSquaredError", {}, "regression"),
    ("MeanAbsoluteError", {}, "regression"),
    ("RootMeanSquaredError", {}, "regression"),
    ("MeanAbsolutePercentageError", {}, "positive"),
    ("Precision", {}, "binary"),
    ("Precision", {"thresholds": 0.3}, "binary"),
    ("Precision", {"thresholds": [0.3, 0.6]}, "binary"),
    ("Precision", {"top_k": 1}, "binary"),
    ("Recall", {}, "binary"),
    ("Recall", {"thresholds": 0.3}, "binary"),
    ("AUC", {}, "binary"),
    ("AUC", {"curve": "PR"}, "binary"),
    ("AUC", {"num_thresholds": 5}, "binary"),
    ("AUC", {"from_logits": True}, "binary_logits"),
    ("AUC", {"summation_method": "minoring"}, "binary"),
    ("BinaryCrossentropy", {}, "binary"),
    ("BinaryCrossentropy", {"from_logits": True}, "binary_logits"),
    ("BinaryCrossentropy", {"label_smoothing": 0.1}, "binary"),
    ("CategoricalCrossentropy", {}, "categorical"),
    ("CategoricalCrossentropy", {"label_smoothing": 0.1}, "categorical"),
    ("Mean", {}, "values"),
]


def metric_case(cls, config, kind, weighted):
    data = batches(kind)
    cid = f"{cls}/{kind}" + "".join(f"/{k}={v}" for k, v in config.items())
    cid += "/weighted" if weighted else ""
    entry = {"id": cid, "metric": cls, "config": rc.jsonable(config), "batches": []}
    m = getattr(keras.metrics, cls)(**config)
    entry["full_config"] = rc.jsonable(m.get_config())
    results = []
    try:
        for yt, yp in data:
            b = {"y_pred": rc.tensor(yp)} if yt is None else {"y_true": rc.tensor(yt),
                                                               "y_pred": rc.tensor(yp)}
            w = sw(yp.shape[0]) if weighted else None
            if w is not None:
                b["sample_weight"] = rc.tensor(w)
            entry["batches"].append(b)
            if yt is None:
                m.update_state(yp, sample_weight=w)
            else:
                m.update_state(yt, yp, sample_weight=w)
            results.append(rc.tensor(np.asarray(m.result())))
        entry["results"] = results
        m.reset_state()
        entry["result_after_reset"] = rc.tensor(np.asarray(m.result()))
    except Exception as e:
        entry["error"] = rc.error(e)
    return entry


# ---------------------------------------------------------------- compile resolution
def flat_metrics(model):
    cm = model._compile_metrics
    out = []
    for ml in cm._flat_metrics:
        if ml is None:
            continue
        for m in ml.metrics:
            out.append({"name": m.name, "class": type(m).__name__})
    return out


def flat_losses(model):
    cl = model._compile_loss
    out = []
    for item in cl._flat_losses:
        lo = item.loss  # CompileLoss.Loss(path, loss, loss_weight, name)
        fn = getattr(lo, "fn", None)
        out.append({"name": lo.name, "class": type(lo).__name__,
                    "fn": getattr(fn, "__name__", None), "reduction": lo.reduction})
    return out


OUTPUT_SETUPS = [
    # (description, units, activation, y_true shape per sample, y_true maker)
    ("pred_N1_true_N1_binary", 1, "sigmoid", (1,), lambda n: rng.integers(0, 2, size=(n, 1))),
    ("pred_N1_true_N_binary", 1, "sigmoid", (), lambda n: rng.integers(0, 2, size=(n,))),
    ("pred_N3_true_N3_onehot", 3, "softmax", (3,), lambda n: np.eye(3)[rng.integers(0, 3, size=n)]),
    ("pred_N3_true_N_labels", 3, "softmax", (), lambda n: rng.integers(0, 3, size=(n,))),
    ("pred_N3_true_N1_labels", 3, "softmax", (1,), lambda n: rng.integers(0, 3, size=(n, 1))),
    ("pred_N2_true_N2_binary_multilabel", 2, "sigmoid", (2,),
     lambda n: rng.integers(0, 2, size=(n, 2))),
]
LOSSES_FOR_PROBE = {
    1: ["binary_crossentropy", "mse", "crossentropy"],
    2: ["binary_crossentropy", "categorical_crossentropy", "crossentropy"],
    3: ["categorical_crossentropy", "sparse_categorical_crossentropy", "mse", "crossentropy",
        "ce", "CE", "CrossEntropy"],
}


def compile_table():
    rows = []
    n = 6
    x = f32(rng.normal(size=(n, 4)))
    for desc, units, act, _, make_y in OUTPUT_SETUPS:
        y = f32(make_y(n))
        for loss in LOSSES_FOR_PROBE[units]:
            if loss in ("sparse_categorical_crossentropy",) and y.ndim == 2 and y.shape[1] == 3:
                continue
            if loss == "categorical_crossentropy" and desc.endswith("labels"):
                continue
            for metric in ("accuracy", "acc", "ACC", "Accuracy"):
                model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(units, activation=act)])
                model.compile(optimizer="sgd", loss=loss, metrics=[metric])
                row = {"output": desc, "y_true_shape": list(y.shape), "y_pred_shape": [n, units],
                       "loss": loss, "metric": metric}
                try:
                    model.evaluate(x, y, verbose=0)
                    row["resolved_metrics"] = flat_metrics(model)
                    row["resolved_loss"] = flat_losses(model)
                except Exception as e:
                    row["error"] = rc.error(e)
                    try:
                        row["resolved_metrics"] = flat_metrics(model)
                    except Exception:
                        pass
                rows.append(row)
    return rows


def metrics_get():
    out = []
    for ident in ("accuracy", "acc", "mse", "MSE", "mae", "mape", "msle", "bce", "BCE",
                  "mean_squared_error", "root_mean_squared_error", "binary_accuracy",
                  "categorical_accuracy", "sparse_categorical_accuracy",
                  "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "auc",
                  "AUC", "precision", "recall", "logcosh", "log_cosh_error", "kl_divergence",
                  "kld", "cosine_similarity", "binary_crossentropy", "categorical_crossentropy",
                  "rmse", "Accuracy", "BinaryAccuracy", "f1_score", "r2_score"):
        try:
            m = keras.metrics.get(ident)
            out.append({"identifier": ident, "kind": "class" if isinstance(m, keras.metrics.Metric)
                        else "function", "name": getattr(m, "name", None) or m.__name__,
                        "type": type(m).__name__ if isinstance(m, keras.metrics.Metric) else None})
        except Exception as e:
            out.append({"identifier": ident, "error": rc.error(e)})
    return out


SCHEMA = {
    "cases[]": {
        "id": "<Metric>/<data kind>[/<config>][/weighted]",
        "metric": "keras.metrics class",
        "config": "constructor kwargs passed", "full_config": "get_config()",
        "batches": "two batches {y_true?, y_pred, sample_weight?} given to update_state in order "
                   "(Mean: y_pred holds the values)",
        "results": "result() after each batch (running over both)",
        "result_after_reset": "result() after reset_state()",
        "error": "{type, message}",
    },
    "compile_resolution[]": "{output, y_true_shape, y_pred_shape, loss, metric, resolved_metrics: "
                            "[{name, class}], resolved_loss: [{name, class, fn, reduction}]} "
                            "from model.compile(loss=..., metrics=[metric]) and one evaluate",
    "metrics_get[]": "{identifier, kind: class|function, name, type} | {identifier, error}: "
                     "keras.metrics.get",
}


def main():
    cases = []
    for cls, cfg, kind in METRICS:
        for weighted in (False, True):
            cases.append(metric_case(cls, cfg, kind, weighted))
    table = compile_table()
    hdr = rc.header("metrics.py", "Keras 3 metrics over two batches; compile-time "
                    "'accuracy'/'crossentropy' resolution", SCHEMA)
    rc.write("metrics.json", hdr, {"cases": cases, "compile_resolution": table,
                                   "metrics_get": metrics_get()})
    for c in cases + table:
        if "error" in c:
            print("ERROR", c.get("id") or c, c["error"])


if __name__ == "__main__":
    main()
