"""Shared helpers for the reference-data generators in this folder.

Every generator writes one JSON file under
kiln-core/src/test/resources/reference/ (located relative to this file, so no
machine path ends up in the output). Tensors are written uniformly as

    {"shape": [d0, d1, ...], "dtype": "float32" | "float64" | "int32" | "bool",
     "data": [flat row-major values]}

A scalar has shape [] and one data value. float32 values are written as the
shortest repr of the exactly equal double, so parsing the text as a double and
casting to float gives back the very same float32. Non-finite values are
written as NaN, Infinity, -Infinity (Python json's spelling). Booleans are
written as 0/1.
"""

import json
import os
import platform
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
OUT_DIR = REPO / "kiln-core" / "src" / "test" / "resources" / "reference"


def tensor(x, dtype=None):
    """Encodes an array-like (numpy, jax, python) as a tensor object."""
    a = np.asarray(x)
    if dtype is not None:
        a = a.astype(dtype)
    kind = a.dtype
    if kind == np.bool_:
        name, data = "bool", [int(v) for v in a.ravel()]
    elif np.issubdtype(kind, np.integer):
        name, data = "int32", [int(v) for v in a.ravel()]
    elif kind == np.float32:
        name, data = "float32", [float(v) for v in a.ravel()]
    elif kind == np.float64:
        name, data = "float64", [float(v) for v in a.ravel()]
    else:
        raise TypeError(f"unsupported dtype {kind}")
    return {"shape": [int(d) for d in a.shape], "dtype": name, "data": data}


def jsonable(v):
    """Converts configs (tuples, numpy scalars, arrays) to plain JSON values."""
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, np.ndarray) or hasattr(v, "__array__"):
        return tensor(v)
    return v


def versions():
    out = {"python": platform.python_version(), "numpy": np.__version__}
    for mod in ("keras", "jax", "jaxlib"):
        m = sys.modules.get(mod)
        if m is not None:
            out[mod] = getattr(m, "__version__", "?")
    if "keras" in sys.modules:
        out["keras_backend"] = sys.modules["keras"].backend.backend()
    return out


def error(exc):
    return {"type": type(exc).__name__, "message": str(exc).split("\n")[0]}


def write(name, header, lists):
    """Writes {header..., <list name>: [...]} with one list entry per line.

    `lists` maps a top-level key to a list of dicts; other top-level keys come
    from `header`. One entry per line keeps diffs readable.
    """
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / name
    parts = []
    for k, v in header.items():
        parts.append(json.dumps(k) + ": " + json.dumps(v, allow_nan=True))
    for k, items in lists.items():
        body = ",\n".join("  " + json.dumps(e, allow_nan=True) for e in items)
        parts.append(json.dumps(k) + ": [\n" + body + "\n]")
    text = "{\n" + ",\n".join(parts) + "\n}\n"
    json.loads(text)  # sanity: the file parses
    path.write_text(text, encoding="utf-8")
    count = sum(len(v) for v in lists.values())
    print(f"wrote {path.relative_to(REPO)}: {count} entries, {len(text)} bytes")


def header(script, description, schema):
    return {
        "description": description,
        "generator": "tools/reference/" + script,
        "versions": versions(),
        "schema": schema,
    }


def keras_backend_check(expected="jax"):
    import keras

    if keras.backend.backend() != expected:
        raise SystemExit(
            f"set KERAS_BACKEND={expected} (got {keras.backend.backend()})"
        )


os.environ.setdefault("KERAS_BACKEND", "jax")

# Keras error messages print Python sets; a fixed hash seed keeps their order,
# and so the output files, identical from run to run.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)
