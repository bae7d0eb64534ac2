#!/usr/bin/env python3
"""Writes reference/optimizers.json: Keras 3 optimizer trajectories and LR schedules.

Each trajectory applies a fixed sequence of gradients (float32) to one or two
variables with `optimizer.apply_gradients` and records every variable after each
step, plus the optimizer's own variables at the end. Schedules are evaluated at
steps 0..20 and a few larger steps. See README.md in this folder for the schema.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import refcommon as rc  # noqa: E402  (first: it may re-exec with a fixed hash seed)

import warnings  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402

rc.keras_backend_check("jax")
warnings.simplefilter("ignore")

rng = np.random.default_rng(7)

INIT = [np.asarray([1.0, -2.0, 0.5], np.float32),
        np.asarray([[0.3, -0.7], [1.5, 0.0]], np.float32)]


def gradient_sequence():
    """Six steps: ordinary, tiny, zero, large (hits clipping), sign flip, ordinary."""
    steps = []
    for k, scale in enumerate((1.0, 1e-3, 0.0, 8.0, -1.0, 0.5)):
        steps.append([np.asarray(rng.normal(size=v.shape) * scale, np.float32) for v in INIT])
    return steps


GRADS = gradient_sequence()

TRAJECTORIES = [
    ("SGD", {}), ("SGD", {"learning_rate": 0.1}),
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9}),
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    ("SGD", {"learning_rate": 0.1, "weight_decay": 0.1}),
    ("SGD", {"learning_rate": 0.1, "clipnorm": 1.0}),
    ("SGD", {"learning_rate": 0.1, "clipvalue": 0.5}),
    ("SGD", {"learning_rate": 0.1, "global_clipnorm": 1.0}),
    ("SGD", {"learning_rate": 0.1, "gradient_accumulation_steps": 2}),
    ("Adam", {}), ("Adam", {"learning_rate": 0.1}),
    ("Adam", {"learning_rate": 0.1, "amsgrad": True}),
    ("Adam", {"learning_rate": 0.1, "beta_1": 0.5, "beta_2": 0.9, "epsilon": 1e-3}),
    ("Adam", {"learning_rate": 0.1, "weight_decay": 0.01}),
    ("Adam", {"learning_rate": 0.1, "clipnorm": 1.0}),
    ("Adam", {"learning_rate": 0.1, "global_clipnorm": 1.0}),
    ("AdamW", {}), ("AdamW", {"learning_rate": 0.1, "weight_decay": 0.1}),
    ("AdamW", {"learning_rate": 0.1, "weight_decay": 0.1, "amsgrad": True}),
    ("RMSprop", {}), ("RMSprop", {"learning_rate": 0.01, "momentum": 0.9}),
    ("RMSprop", {"learning_rate": 0.01, "centered": True}),
    ("RMSprop", {"learning_rate": 0.01, "centered": True, "momentum": 0.5, "rho": 0.8}),
    ("Adagrad", {}), ("Adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 0.5,
                                  "epsilon": 1e-3}),
    ("Adadelta", {}), ("Adadelta", {"learning_rate": 1.0, "rho": 0.9}),
    ("Adamax", {}), ("Adamax", {"learning_rate": 0.1}),
    ("Nadam", {}), ("Nadam", {"learning_rate": 0.1}),
    ("Lion", {}), ("Lion", {"learning_rate": 0.01, "beta_1": 0.5, "beta_2": 0.9}),
    ("Ftrl", {}), ("Lamb", {}), ("Adafactor", {}),
]


def schedule_lr_case():
    sched = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=2, decay_rate=0.5)
    return ("SGD", {"learning_rate": sched}, "SGD/lr_ExponentialDecay_0.1_2_0.5")


def trajectory(cls, config, cid=None):
    var_list = [keras.Variable(v.copy(), name=f"v{i}") for i, v in enumerate(INIT)]
    entry = {"id": cid or (cls + "/" + (",".join(f"{k}={v}" for k, v in config.items())
                                        or "default")),
             "optimizer": cls,
             "config": rc.jsonable({k: (v.get_config() if hasattr(v, "get_config") else v)
                                    for k, v in config.items()}),
             "initial": [rc.tensor(v) for v in INIT],
             "gradients": [[rc.tensor(g) for g in step] for step in GRADS]}
    try:
        opt = getattr(keras.optimizers, cls)(**config)
        entry["full_config"] = rc.jsonable(keras.saving.serialize_keras_object(opt)["config"])
        steps = []
        for step in GRADS:
            opt.apply_gradients(list(zip([keras.ops.convert_to_tensor(g) for g in step], var_list)))
            steps.append([rc.tensor(np.asarray(v)) for v in var_list])
        entry["trajectory"] = steps
        entry["iterations"] = int(np.asarray(opt.iterations))
        entry["final_optimizer_variables"] = {
            v.path.split("/", 1)[-1]: rc.tensor(np.asarray(v)) for v in opt.variables}
    except Exception as e:
        entry["error"] = rc.error(e)
    return entry


SCHEDULES = [
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 5, "decay_rate": 0.5}),
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 5, "decay_rate": 0.5,
                          "staircase": True}),
    ("PiecewiseConstantDecay", {"boundaries": [5, 10], "values": [1.0, 0.5, 0.1]}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 5, "decay_rate": 0.5}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 5, "decay_rate": 0.5,
                          "staircase": True}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 10}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "alpha": 0.1}),
    ("CosineDecay", {"initial_learning_rate": 0.0, "decay_steps": 10, "warmup_target": 0.1,
                     "warmup_steps": 5}),
    ("CosineDecay", {"initial_learning_rate": 0.01, "decay_steps": 10, "alpha": 0.2,
                     "warmup_target": 0.1, "warmup_steps": 4}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 10,
                         "end_learning_rate": 0.01}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 10,
                         "end_learning_rate": 0.01, "power": 2.0, "cycle": True}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 5}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 4, "t_mul": 1.0,
                             "m_mul": 0.5, "alpha": 0.1}),
]
STEPS = list(range(21)) + [25, 50, 100, 1000]


def schedule(cls, config):
    entry = {"id": cls + "/" + ",".join(f"{k}={v}" for k, v in config.items()),
             "schedule": cls, "config": rc.jsonable(config)}
    try:
        s = getattr(keras.optimizers.schedules, cls)(**config)
        entry["full_config"] = rc.jsonable(s.get_config())
        entry["steps"] = STEPS
        entry["values"] = [float(np.asarray(s(step), np.float32)) for step in STEPS]
    except Exception as e:
        entry["error"] = rc.error(e)
    return entry


def defaults():
    out = []
    for cls in ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam",
                "Lion", "Ftrl", "Lamb", "Adafactor"):
        opt = getattr(keras.optimizers, cls)()
        out.append({"optimizer": cls,
                    "config": rc.jsonable(keras.saving.serialize_keras_object(opt)["config"])})
    return out


def optimizer_get():
    out = []
    for ident in ("sgd", "SGD", "adam", "Adam", "adamw", "AdamW", "rmsprop", "RMSprop", "adagrad",
                  "adadelta", "adamax", "nadam", "lion", "ftrl", "lamb", "adafactor", "Sgd",
                  "ADAM", "momentum", "rms_prop"):
        try:
            o = keras.optimizers.get(ident)
            out.append({"identifier": ident, "class": type(o).__name__})
        except Exception as e:
            out.append({"identifier": ident, "error": rc.error(e)})
    return out


SCHEMA = {
    "trajectories[]": {
        "id": "<Optimizer>/<config>",
        "optimizer": "keras.optimizers class name",
        "config": "constructor kwargs passed (a schedule appears as its config)",
        "full_config": "the optimizer's serialized config (all defaults filled in)",
        "initial": "initial values of the variables (list of tensors)",
        "gradients": "per step, one gradient per variable (list of lists of tensors)",
        "trajectory": "per step, every variable's value after apply_gradients",
        "iterations": "optimizer.iterations at the end",
        "final_optimizer_variables": "the optimizer's own variables at the end, by Keras path "
                                     "without the optimizer-name prefix (e.g. v0_momentum)",
        "error": "{type, message} if Keras refused",
    },
    "schedules[]": "{id, schedule, config, full_config, steps: [int], values: [float32 lr]}",
    "defaults[]": "{optimizer, config: serialized config of Cls()}",
    "get[]": "{identifier, class | error}: keras.optimizers.get(identifier)",
}


def main():
    trajs = [trajectory(c, cfg) for c, cfg in TRAJECTORIES]
    cls, cfg, cid = schedule_lr_case()
    trajs.append(trajectory(cls, cfg, cid))
    scheds = [schedule(c, cfg) for c, cfg in SCHEDULES]
    hdr = rc.header("optimizers.py", "Keras 3 optimizer trajectories (float32 variables) and "
                    "learning-rate schedules", SCHEMA)
    rc.write("optimizers.json", hdr, {"trajectories": trajs, "schedules": scheds,
                                      "defaults": defaults(), "get": optimizer_get()})
    for t in trajs:
        if "error" in t:
            print("ERROR", t["id"], t["error"])


if __name__ == "__main__":
    main()
