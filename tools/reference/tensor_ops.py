#!/usr/bin/env python3
"""Writes reference/tensor_ops.json: numpy forward values for the Tensor API ops.

Inputs are float32 (stored exactly); `expected` is computed by numpy in float64
from those float32 values (integer results as int32, comparisons as 0/1 in the
input's float dtype). See README.md in this folder for the schema and argument
conventions.
"""

import math

import numpy as np

import refcommon as rc

rng = np.random.default_rng(1121)
CASES = []


def f32(a):
    return np.asarray(a, dtype=np.float32)


def rnd(*shape, scale=1.0):
    return f32(rng.normal(size=shape) * scale)


def case(cid, op, inputs, expected_fn, args=None, note=None, result_dtype=None):
    """Records op(inputs, args); expected_fn receives float64 copies of float inputs."""
    ins = [np.asarray(x) for x in inputs]
    ins64 = [x.astype(np.float64) if x.dtype == np.float32 else x for x in ins]
    entry = {"id": cid, "op": op, "inputs": [rc.tensor(x) for x in ins]}
    if args is not None:
        entry["args"] = rc.jsonable(args)
    try:
        with np.errstate(all="ignore"):
            out = np.asarray(expected_fn(*ins64))
        if result_dtype is not None:
            out = out.astype(result_dtype)
        entry["expected"] = rc.tensor(out)
    except Exception as e:  # numpy refuses: the port must throw IllegalArgumentException
        entry["error"] = rc.error(e)
    if note:
        entry["note"] = note
    CASES.append(entry)


# ---------------------------------------------------------------- elementwise
BINARY = {
    "add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide,
    "pow": np.power, "maximum": np.maximum, "minimum": np.minimum,
}
BROADCAST_SHAPES = [((2, 3), (2, 3)), ((2, 3), (3,)), ((3,), (2, 3)), ((2, 1), (1, 3)),
                    ((2, 3, 4), (3, 1)), ((2, 3, 4), ()), ((), (2, 3)), ((4, 1, 3), (2, 1)),
                    ((1,), (2, 2))]


def elementwise():
    for op, fn in BINARY.items():
        for sa, sb in BROADCAST_SHAPES:
            a, b = rnd(*sa), rnd(*sb)
            if op == "pow":
                a = f32(np.abs(a) + 0.1)
            if op == "div":
                b = f32(np.where(np.abs(b) < 0.05, 0.5, b))
            tag = "x".join(map(str, sa)) + "_" + "x".join(map(str, sb))
            case(f"{op}/{tag}", op, [a, b], fn)
        a = rnd(2, 3)
        case(f"{op}/double_operand", op, [np.abs(a) + f32(0.5) if op == "pow" else a],
             lambda x, fn=fn: fn(x, 1.5), args={"scalar": 1.5},
             note="second operand is the double `scalar`")
        case(f"{op}/incompatible", op, [rnd(2, 3), rnd(4)], fn)
    special = f32([0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, 3.0])
    special_b = f32([0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 1.0, np.nan])
    for op in ("div", "maximum", "minimum", "pow"):
        case(f"{op}/special_values", op, [special, special_b], BINARY[op],
             note="IEEE special values: NaN propagates through maximum/minimum (numpy)")
    case("pow/negative_base", "pow", [f32([-2.0, -2.0, -8.0, 0.0, 0.0]), f32([2.0, 0.5, 1 / 3, 0.0, -1.0])],
         np.power)


def unary_grid():
    return f32([-1e4, -100.0, -88.0, -20.0, -3.0, -1.0, -0.5, -1e-7, -0.0, 0.0, 1e-7,
                0.5, 1.0, 3.0, 20.0, 88.0, 100.0, 1e4])


def softplus64(x):
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def sigmoid64(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))


def logcosh64(x):
    a = np.abs(x)
    return a + np.log1p(np.exp(-2 * a)) - math.log(2.0)


UNARY = {
    "neg": np.negative, "exp": np.exp, "abs": np.abs, "sign": np.sign, "square": np.square,
    "sigmoid": sigmoid64, "tanh": np.tanh, "relu": lambda x: np.maximum(x, 0.0),
    "softplus": softplus64, "logCosh": logcosh64, "round": np.round, "floor": np.floor,
}
POSITIVE_DOMAIN = {"log": np.log, "log1p": np.log1p, "sqrt": np.sqrt}


def unary():
    g = unary_grid()
    for op, fn in UNARY.items():
        case(f"{op}/grid", op, [g], fn)
        case(f"{op}/2d", op, [rnd(3, 4, scale=2.0)], fn)
    case("round/half_even", "round", [f32([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999997, 3.7])],
         np.round, note="numpy rounds half to even (like Math.rint)")
    case("exp/overflow", "exp", [f32([88.0, 88.7, 89.0, -104.0])], np.exp,
         note="float64 result; in float32 exp(89) overflows to Infinity")
    dom = f32([0.0, 1e-30, 1e-7, 0.5, 1.0, 2.0, 1e4, 3.0e38])
    for op, fn in POSITIVE_DOMAIN.items():
        case(f"{op}/grid", op, [dom], fn)
        case(f"{op}/negative", op, [f32([-1.0, -1e-7])], fn, note="NaN (log1p(-1) is -Infinity)")
    case("log1p/near_minus_one", "log1p", [f32([-1.0, -0.9999999, -0.5, 1e-10])], np.log1p)
    g = unary_grid()
    for lo, hi in ((-1.0, 1.0), (0.0, 6.0), (1e-7, 1 - 1e-7)):
        case(f"clip/{lo}_{hi}", "clip", [g], lambda x, lo=lo, hi=hi: np.clip(x, lo, hi),
             args={"lo": lo, "hi": hi})
    cond = f32(rng.integers(0, 2, size=(2, 3)))
    case("where/same_shape", "where", [cond, rnd(2, 3), rnd(2, 3)],
         lambda c, a, b: np.where(c != 0, a, b), note="cond is 0/1 in float; nonzero = true")
    case("where/broadcast", "where", [f32([[1.0], [0.0]]), rnd(3), rnd(2, 1)],
         lambda c, a, b: np.where(c != 0, a, b))
    for op, fn in (("greater", np.greater), ("greaterEqual", np.greater_equal), ("less", np.less),
                   ("lessEqual", np.less_equal), ("equal", np.equal), ("notEqual", np.not_equal)):
        a = f32([[1.0, 2.0, 3.0], [np.nan, -0.0, 5.0]])
        b = f32([2.0, 2.0, 0.0])
        case(f"{op}/broadcast", op, [a, b], fn, result_dtype=np.float32,
             note="0/1 in the input float dtype; NaN compares false except notEqual")
        case(f"{op}/double_operand", op, [a], lambda x, fn=fn: fn(x, 2.0), args={"scalar": 2.0},
             result_dtype=np.float32)


# ---------------------------------------------------------------- matmul
def matmul():
    shapes = [((2, 3), (3, 4)), ((3,), (3, 4)), ((2, 3), (3,)), ((3,), (3,)),
              ((2, 1, 3, 4), (5, 4, 2)), ((2, 3, 4), (2, 4, 5)), ((2, 3, 4), (4, 2)),
              ((4,), (2, 4, 3)), ((2, 3, 4), (4,)), ((1, 1), (1, 1)), ((3, 0), (0, 2))]
    for sa, sb in shapes:
        tag = "x".join(map(str, sa)) + "@" + "x".join(map(str, sb))
        case(f"matmul/{tag}", "matmul", [rnd(*sa), rnd(*sb)], np.matmul)
    for sa, sb in (((32, 2), (20, 25)), ((2, 3, 4), (3, 4, 5)), ((3,), (4,)), ((2, 3), ())):
        tag = "x".join(map(str, sa)) + "@" + "x".join(map(str, sb))
        case(f"matmul/error/{tag}", "matmul", [rnd(*sa), rnd(*sb)], np.matmul)


# ---------------------------------------------------------------- reductions
def reductions():
    x = rnd(2, 3, 4)
    axes_list = [None, 0, 1, 2, -1, -2, [0, 2], [-1, 0], [0, 1, 2]]
    for op, fn in (("sum", np.sum), ("mean", np.mean), ("max", np.max), ("min", np.min)):
        for ax in axes_list:
            for kd in (False, True):
                a = tuple(ax) if isinstance(ax, list) else ax
                tag = "all" if ax is None else str(ax).replace(" ", "")
                case(f"{op}/axis_{tag}/keepdims_{kd}", op, [x],
                     lambda v, fn=fn, a=a, kd=kd: fn(v, axis=a, keepdims=kd),
                     args={"axis": ax, "keepdims": kd})
        case(f"{op}/1d", op, [rnd(5)], fn, args={"axis": None, "keepdims": False})
        case(f"{op}/axis_out_of_range", op, [x], lambda v, fn=fn: fn(v, axis=3),
             args={"axis": 3, "keepdims": False})
    case("max/with_nan", "max", [f32([1.0, np.nan, 3.0])], np.max,
         args={"axis": None, "keepdims": False}, note="numpy max propagates NaN")
    case("sum/empty", "sum", [np.zeros((0, 3), np.float32)], lambda v: np.sum(v, axis=0),
         args={"axis": 0, "keepdims": False})
    case("mean/empty_axis", "mean", [np.zeros((0, 3), np.float32)], lambda v: np.mean(v, axis=0),
         args={"axis": 0, "keepdims": False}, note="numpy gives NaN (0/0)")
    for ax in (0, 1, 2, -1):
        case(f"argmax/axis_{ax}", "argmax", [x], lambda v, ax=ax: np.argmax(v, axis=ax),
             args={"axis": ax}, result_dtype=np.int32)
    case("argmax/ties_first", "argmax", [f32([[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]])],
         lambda v: np.argmax(v, axis=1), args={"axis": 1}, result_dtype=np.int32,
         note="ties pick the first index")
    big = f32([[1e4, 0.0, -1e4], [1.0, 2.0, 3.0], [-1e4, -1e4, -1e4], [100.0, 100.0, 99.0]])

    def lse(v, axis, keepdims):
        m = np.max(v, axis=axis, keepdims=True)
        r = np.log(np.sum(np.exp(v - m), axis=axis, keepdims=True)) + m
        return r if keepdims else np.squeeze(r, axis=axis)

    for ax in (0, 1, -1):
        for kd in (False, True):
            case(f"logSumExp/axis_{ax}/keepdims_{kd}", "logSumExp", [big],
                 lambda v, ax=ax, kd=kd: lse(v, ax, kd), args={"axis": ax, "keepdims": kd})
    case("logSumExp/3d", "logSumExp", [x], lambda v: lse(v, 1, False), args={"axis": 1, "keepdims": False})
    case("logSumExp/minus_inf_row", "logSumExp", [f32([[-np.inf, -np.inf], [-np.inf, 0.0]])],
         lambda v: np.log(np.sum(np.exp(v), axis=1)), args={"axis": 1, "keepdims": False},
         note="all -inf gives -Infinity (not NaN)")

    def softmax(v, axis):
        e = np.exp(v - np.max(v, axis=axis, keepdims=True))
        return e / np.sum(e, axis=axis, keepdims=True)

    def log_softmax(v, axis):
        return v - lse(v, axis, True)

    for ax in (0, 1, -1):
        case(f"softmax/axis_{ax}", "softmax", [big], lambda v, ax=ax: softmax(v, ax), args={"axis": ax})
        case(f"logSoftmax/axis_{ax}", "logSoftmax", [big], lambda v, ax=ax: log_softmax(v, ax),
             args={"axis": ax})
    case("softmax/3d_axis_1", "softmax", [x], lambda v: softmax(v, 1), args={"axis": 1})
    case("logSoftmax/3d_axis_1", "logSoftmax", [x], lambda v: log_softmax(v, 1), args={"axis": 1})


# ---------------------------------------------------------------- shape ops
def shape_ops():
    x = rnd(2, 3, 4)
    case("transpose/reverse", "transpose", [x], np.transpose, args={"perm": None})
    for perm in ([0, 2, 1], [2, 0, 1], [1, 0, 2], [0, 1, 2]):
        case(f"transpose/{perm}".replace(" ", ""), "transpose", [x],
             lambda v, p=perm: np.transpose(v, p), args={"perm": perm})
    case("transpose/2d", "transpose", [rnd(2, 5)], np.transpose, args={"perm": None})
    case("transpose/bad_perm", "transpose", [x], lambda v: np.transpose(v, [0, 0, 1]),
         args={"perm": [0, 0, 1]})
    for shp in ([6, 4], [4, -1], [-1], [2, 12], [24, 1], [1, 2, 3, 4], [2, -1, 2]):
        case(f"reshape/{shp}".replace(" ", ""), "reshape", [x], lambda v, s=shp: np.reshape(v, s),
             args={"shape": shp})
    for shp in ([5, 5], [-1, -1], [7, -1]):
        case(f"reshape/error/{shp}".replace(" ", ""), "reshape", [x],
             lambda v, s=shp: np.reshape(v, s), args={"shape": shp})
    a, b, c = rnd(2, 3), rnd(2, 3), rnd(2, 3)
    for ax in (0, 1, -1):
        case(f"concat/axis_{ax}", "concat", [a, rnd(2, 3) if ax == 0 else rnd(2, 2)],
             lambda p, q, ax=ax: np.concatenate([p, q], axis=ax), args={"axis": ax})
    case("concat/three", "concat", [a, b, c], lambda p, q, r: np.concatenate([p, q, r], 0), args={"axis": 0})
    case("concat/error", "concat", [rnd(2, 3), rnd(3, 2)], lambda p, q: np.concatenate([p, q], 0),
         args={"axis": 0})
    for ax in (0, 1, 2, -1):
        case(f"stack/axis_{ax}", "stack", [a, b, c], lambda p, q, r, ax=ax: np.stack([p, q, r], ax),
             args={"axis": ax})
    case("stack/error", "stack", [a, rnd(3, 2)], lambda p, q: np.stack([p, q], 0), args={"axis": 0})
    y = rnd(2, 1, 3, 1)
    for ax in (1, 3, -1):
        case(f"squeeze/axis_{ax}", "squeeze", [y], lambda v, ax=ax: np.squeeze(v, ax), args={"axis": ax})
    case("squeeze/error_not_1", "squeeze", [y], lambda v: np.squeeze(v, 0), args={"axis": 0})
    for ax in (0, 1, 3, -1, -4):
        case(f"expandDims/axis_{ax}", "expandDims", [x], lambda v, ax=ax: np.expand_dims(v, ax),
             args={"axis": ax})
    for src, dst in (((3,), (2, 3)), ((2, 1), (2, 4)), ((1, 3), (4, 2, 3)), ((), (2, 2)), ((2, 3), (2, 3))):
        case(f"broadcastTo/{src}->{dst}".replace(" ", ""), "broadcastTo", [rnd(*src)],
             lambda v, d=dst: np.broadcast_to(v, d), args={"shape": list(dst)})
    case("broadcastTo/error", "broadcastTo", [rnd(3)], lambda v: np.broadcast_to(v, (2, 4)),
         args={"shape": [2, 4]})
    z = rnd(4, 5, 3)
    for ax, s, e in ((0, 1, 3), (1, 0, 5), (1, 2, 2), (2, 1, 3), (-1, 0, 1), (0, 3, 4)):
        sl = [slice(None)] * 3
        sl[ax] = slice(s, e)
        case(f"slice/axis_{ax}_{s}_{e}", "slice", [z], lambda v, sl=tuple(sl): v[sl],
             args={"axis": ax, "start": s, "end": e}, note="end exclusive; a copy")
    case("slice/leading", "slice", [z], lambda v: v[1:3], args={"start": 1, "end": 3},
         note="slice(start, end) on the leading axis")
    idx = np.asarray([[0, 2, 1, 1], [4, 0, 3, 2]], dtype=np.int32)
    w = rnd(2, 5)
    case("takeAlongAxis/axis_1", "takeAlongAxis", [w, idx],
         lambda v, i: np.take_along_axis(v, i.astype(np.int64), 1), args={"axis": 1})
    idx0 = np.asarray([[1, 0, 1, 1, 0]], dtype=np.int32)
    case("takeAlongAxis/axis_0", "takeAlongAxis", [w, idx0],
         lambda v, i: np.take_along_axis(v, i.astype(np.int64), 0), args={"axis": 0})
    idx3 = np.asarray(rng.integers(0, 4, size=(2, 3, 1)), dtype=np.int32)
    case("takeAlongAxis/3d_last", "takeAlongAxis", [x, idx3],
         lambda v, i: np.take_along_axis(v, i.astype(np.int64), -1), args={"axis": -1})

    def one_hot(i, depth):
        i = np.asarray(i)
        out = np.zeros(i.shape + (depth,), np.float32)
        for pos in np.ndindex(i.shape):
            if 0 <= i[pos] < depth:
                out[pos + (i[pos],)] = 1.0
        return out
    case("oneHot/1d", "oneHot", [np.asarray([0, 2, 1, 3], np.int32)], lambda i: one_hot(i, 4),
         args={"depth": 4}, note="float32 result")
    case("oneHot/2d", "oneHot", [np.asarray([[0, 1], [2, 2]], np.int32)], lambda i: one_hot(i, 3),
         args={"depth": 3})
    case("oneHot/out_of_range", "oneHot", [np.asarray([0, -1, 3], np.int32)],
         lambda i: one_hot(i, 3), args={"depth": 3},
         note="jax.nn.one_hot convention: out-of-range ids give an all-zero row (a port may throw)")
    table = rnd(5, 3)
    gi = np.asarray([4, 0, 0, 2], dtype=np.int32)
    case("gather/leading", "gather", [table, gi], lambda t, i: t[i.astype(np.int64)])
    case("gather/3d", "gather", [x, np.asarray([1, 1, 0], np.int32)], lambda t, i: t[i.astype(np.int64)])
    case("gather/out_of_range", "gather", [table, np.asarray([5], np.int32)],
         lambda t, i: t[i.astype(np.int64)])


SCHEMA = {
    "cases[]": {
        "id": "unique string <op>/<variant>",
        "op": "Tensor method name (TENSOR_API.md)",
        "inputs": "tensors; inputs[0] is the receiver, the rest are tensor arguments in order "
                  "(where: [cond, a, b]; takeAlongAxis: [x, indices]; gather: [x, indices]; "
                  "concat/stack: the list; oneHot: [indices])",
        "args": "non-tensor arguments: scalar (double operand), lo/hi (clip), axis (int, list "
                "of ints or null = all), keepdims, perm (null = reverse), shape, start/end "
                "(slice, end exclusive; without axis = leading axis), depth",
        "expected": "numpy result computed in float64 from the float32 inputs (float64 tensor); "
                    "argmax int32; comparisons and oneHot float32 0/1",
        "error": "{type, message} when numpy refuses (the port throws IllegalArgumentException)",
        "note": "optional",
    }
}


def main():
    elementwise()
    unary()
    matmul()
    reductions()
    shape_ops()
    hdr = rc.header("tensor_ops.py", "numpy forward values for the Tensor API; float32 inputs, "
                    "expected computed in float64", SCHEMA)
    rc.write("tensor_ops.json", hdr, {"cases": CASES})


if __name__ == "__main__":
    main()
