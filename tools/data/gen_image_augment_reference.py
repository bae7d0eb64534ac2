#!/usr/bin/python3
"""Reference values for Kiln's ImageDataGenerator (affine warp with shear, ZCA whitening, channel shift,
brightness), computed with numpy and scipy along the routes Keras's ImageDataGenerator takes
(keras.src.legacy.preprocessing.image: apply_affine_transform, fit's zca_whitening, apply_channel_shift,
apply_brightness_shift). Written from the documented behaviour; Keras itself is not needed.

Writes kiln-core/src/test/resources/data/image-augment-reference.json:
- "affine": Keras's matrix rotation . shift . shear . zoom, offset to the image centre, axes swapped as Keras
  does, then scipy.ndimage.affine_transform (order 0 or 1, every fill mode) per channel. Kiln's row shift
  is Keras's ty and its column shift Keras's tx (Keras's known swap, see docs/cnn.md). Square images use
  Keras's own centring; non-square ones the true centre ((h-1)/2, (w-1)/2), as Kiln documents.
- "zca": Keras's fit: per-channel mean, X = flattened centred data, u, s = svd(X.T, full_matrices=False),
  W = (u * sqrt(n) / (s + eps)) @ u.T; and standardize of fresh images: (x - mean) @ W.
- "channel_shift": clip(x + delta, min x, max x).
- "brightness": Kiln's float formula, and Keras's 8-bit route (values truncated to uint8, PIL's blend with
  black: truncation, clip to [0, 255]; outside [0, 255] first min-max scaled to 0..255 and mapped back).
- "pipeline": warp, channel shift, flips, brightness in Keras's order for a full parameter set.

Usage: /usr/bin/python3 tools/data/gen_image_augment_reference.py   (numpy + scipy; deterministic, seed 11)
"""
import json
import os

import numpy as np
from scipy import ndimage


def keras_matrix(theta, tx, ty, shear, zx, zy, h, w, true_centre):
    """Keras's apply_affine_transform matrix (degrees), in scipy's (row, col) coordinates after the axis swap."""
    m = np.eye(3)
    if theta != 0:
        t = np.deg2rad(theta)
        m = m @ np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]])
    if tx != 0 or ty != 0:
        m = m @ np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
    if shear != 0:
        s = np.deg2rad(shear)
        m = m @ np.array([[1, -np.sin(s), 0], [0, np.cos(s), 0], [0, 0, 1]])
    if zx != 1 or zy != 1:
        m = m @ np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]])
    # Keras centres with (h/2 - 0.5, w/2 - 0.5) on (x, y) before swapping x and y; the true centre of the
    # swapped frame is ((w-1)/2, (h-1)/2). Both agree for square images.
    ox, oy = ((w - 1) / 2, (h - 1) / 2) if true_centre else (h / 2 - 0.5, w / 2 - 0.5)
    off = np.array([[1, 0, ox], [0, 1, oy], [0, 0, 1]])
    reset = np.array([[1, 0, -ox], [0, 1, -oy], [0, 0, 1]])
    m = off @ m @ reset
    m[:, [0, 1]] = m[:, [1, 0]]
    m[[0, 1]] = m[[1, 0]]
    return m


def warp(x, theta, t_row, t_col, shear, zx, zy, mode, cval, order):
    h, w, _ = x.shape
    if theta == 0 and t_row == 0 and t_col == 0 and shear == 0 and zx == 1 and zy == 1:
        return x.copy()
    m = keras_matrix(theta, t_col, t_row, shear, zx, zy, h, w, true_centre=h != w)
    chans = [ndimage.affine_transform(x[:, :, c], m[:2, :2], m[:2, 2], order=order, mode=mode, cval=cval)
             for c in range(x.shape[2])]
    return np.stack(chans, axis=2)


def near_half(h, w, theta, t_row, t_col, shear, zx, zy):
    m = keras_matrix(theta, t_col, t_row, shear, zx, zy, h, w, true_centre=h != w)
    rows, cols = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    coords = np.stack([m[0, 0] * rows + m[0, 1] * cols + m[0, 2], m[1, 0] * rows + m[1, 1] * cols + m[1, 2]])
    return bool(np.any(np.abs(coords * 2 - np.round(coords * 2)) < 1e-7))


def channel_shift(x, delta):
    return np.clip(x + delta, x.min(), x.max())


def brightness_float(x, b):
    lo, hi = x.min(), x.max()
    if lo >= 0 and hi <= 255:
        return np.minimum(b * x, 255)
    return lo + np.minimum(b * (x - lo), hi - lo)


def brightness_keras(x, b):
    lo, hi = x.min(), x.max()
    local = lo < 0 or hi > 255
    if local:
        x8 = ((x - lo) / (hi - lo) * 255).astype(np.uint8)
    else:
        x8 = x.astype(np.uint8)
    y = np.clip(x8.astype(np.float32) * np.float32(b), 0, 255).astype(np.uint8).astype(np.float64)
    return y / 255 * (hi - lo) + lo if local else y


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def main():
    rng = np.random.default_rng(11)
    out = {"probe": [], "affine": [], "zca": [], "channel_shift": [], "brightness": [], "pipeline": []}

    square = rng.integers(0, 10, size=(5, 5, 2)).astype(np.float64)
    wide = rng.integers(0, 10, size=(4, 6, 1)).astype(np.float64)
    # (theta, t_row, t_col, shear, zx, zy); angles in degrees, shifts in pixels
    params = [
        (0, 0.3, 0.2, 30, 1, 1),
        (0, -0.35, 0.15, -17.5, 1, 1),
        (0, 0, 0, 30, 1, 1),
        (25, 0.7, -1.3, 12, 1, 1),
        (-40, 0, 0, 20, 0.8, 1.25),
        (0, 1.6, 0.4, 0, 1, 1),
        (10, -2.2, 3.1, -35, 0.45, 0.6),
        (90, 0, 0, 0, 1, 1),
    ]
    for img in (square, wide):
        for (theta, tr, tc, sh, zx, zy) in params:
            # where a sample lands on a multiple of 0.5 (an edge, a wrap seam, a rounding tie), scipy's answer
            # in the discontinuous cases depends on the last bit of its coordinate: keep only the continuous ones
            tie = near_half(img.shape[0], img.shape[1], theta, tr, tc, sh, zx, zy)
            for mode in ("constant", "nearest", "reflect", "wrap"):
                for order in (0, 1):
                    if (img is wide and order == 0) or (tie and (order == 0 or mode in ("constant", "wrap"))):
                        continue
                    cval = -3.0 if mode == "constant" else 0.0
                    y = warp(img, theta, tr, tc, sh, zx, zy, mode, cval, order)
                    out["affine"].append({"h": img.shape[0], "w": img.shape[1], "c": img.shape[2], "x": flat(img),
                                          "theta": theta, "tRow": tr, "tCol": tc, "shear": sh, "zx": zx, "zy": zy,
                                          "mode": mode, "cval": cval, "order": order, "y": flat(y)})

    # scipy's coordinate mapping, probed on one row of 4 samples: value read at each coordinate
    row = np.array([1.0, 2.0, 4.0, 8.0])
    coords = np.arange(-3, 7.01, 0.25) + 0.01 * (np.arange(41) % 3 == 1)
    out["probe"] = [{"mode": mode, "order": order, "row": flat(row), "coords": flat(coords),
                     "values": flat(ndimage.map_coordinates(row, [coords], order=order, mode=mode, cval=-1.0))}
                    for mode in ("constant", "nearest", "reflect", "wrap") for order in (0, 1)]

    for (n, h, w, c, eps, rescale) in [(40, 3, 3, 2, 1e-6, 1.0), (30, 2, 3, 1, 0.1, 0.5), (6, 2, 2, 3, 1e-6, 1.0)]:
        x = rng.normal(size=(n, h, w, c)) * np.linspace(0.5, 2.0, h * w * c).reshape(h, w, c) + 3
        x[:, 0, 0, :] += 0.6 * x[:, -1, -1, :]  # correlated pixels, so whitening has work to do
        xt = rng.normal(size=(4, h, w, c)) + 3
        xs = x * rescale
        mean = xs.mean(axis=(0, 1, 2))
        fx = (xs - mean).reshape(n, -1)
        u, s, _ = np.linalg.svd(fx.T, full_matrices=False)
        wmat = (u * (np.sqrt(n) / (s + eps))) @ u.T
        white = ((xt * rescale - mean).reshape(4, -1) @ wmat).reshape(xt.shape)
        out["zca"].append({"n": n, "h": h, "w": w, "c": c, "epsilon": eps, "rescale": rescale, "x": flat(x),
                           "mean": flat(mean), "matrix": flat(wmat), "xTest": flat(xt), "white": flat(white)})

    for delta in (2.5, -4.0, 0.3):
        x = rng.uniform(-1, 6, size=(3, 4, 3))
        out["channel_shift"].append({"h": 3, "w": 4, "c": 3, "delta": delta, "x": flat(x), "y": flat(channel_shift(x, delta))})

    cases = [
        (rng.integers(0, 256, size=(4, 4, 3)).astype(np.float64), 0.6),
        (rng.integers(0, 256, size=(4, 4, 3)).astype(np.float64), 1.7),
        (rng.integers(0, 200, size=(4, 4, 1)).astype(np.float64), 1.3),
        (rng.uniform(-50, 300, size=(4, 4, 3)), 1.4),
        (rng.uniform(-50, 300, size=(4, 4, 3)), 0.55),
    ]
    for x, b in cases:
        out["brightness"].append({"h": 4, "w": 4, "c": x.shape[2], "factor": b, "x": flat(x),
                                  "y": flat(brightness_float(x, b)), "keras": flat(brightness_keras(x, b))})

    for (theta, tr, tc, sh, zx, zy, fh, fv, delta, b) in [
            (15, 0.5, -1.0, 10, 0.9, 1.1, True, False, 1.5, 1.2),
            (-30, 1.0, 0.0, -20, 1.2, 0.8, False, True, -2.0, 0.7),
            (5, 0.0, 0.0, 45, 1.0, 1.0, True, True, 0.0, 1.0)]:
        x = rng.integers(0, 256, size=(5, 5, 3)).astype(np.float64)
        y = warp(x, theta, tr, tc, sh, zx, zy, "reflect", 0.0, 1)
        if delta != 0:
            y = channel_shift(y, delta)
        if fh:
            y = y[:, ::-1, :]
        if fv:
            y = y[::-1, :, :]
        y = brightness_float(y, b)
        out["pipeline"].append({"h": 5, "w": 5, "c": 3, "x": flat(x), "theta": theta, "tRow": tr, "tCol": tc,
                                "shear": sh, "zx": zx, "zy": zy, "flipH": fh, "flipV": fv, "channelShift": delta,
                                "brightness": b, "y": flat(y)})

    path = os.path.join(os.path.dirname(__file__), "..", "..", "kiln-core", "src", "test", "resources", "data",
                        "image-augment-reference.json")
    with open(path, "w") as f:
        json.dump(out, f)
        f.write("\n")
    print("wrote", os.path.normpath(path), {k: len(v) for k, v in out.items()})


if __name__ == "__main__":
    main()
