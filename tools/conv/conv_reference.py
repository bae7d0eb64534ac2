#!/usr/bin/python3
"""Reference values for Kiln's conv2d / maxPool2d / avgPool2d (channels-last), computed with plain numpy loops.

Writes kiln-core/src/test/resources/conv/conv_reference.json: for each case the input x, kernel k, an
upstream gradient r, the forward output y and the gradients of sum(y * r) with respect to x (dx) and k (dk).
Padding follows TensorFlow/Keras: "same" gives ceil(in / stride) outputs, total padding
max((out - 1) * stride + (k - 1) * dilation + 1 - in, 0), the smaller half before; max pooling ignores the
padding (pads with -inf), average pooling divides by the number of window positions inside the image.

Usage: /usr/bin/python3 tools/conv/conv_reference.py   (numpy only; deterministic, seed 7)
"""
import json
import os

import numpy as np


def out_and_pad(n, k, s, d, padding):
    eff = (k - 1) * d + 1
    if padding == "same":
        out = -(-n // s)
        total = max((out - 1) * s + eff - n, 0)
        return out, total // 2, total - total // 2
    return (n - eff) // s + 1, 0, 0


def conv(x, k, strides, padding, dilation, r):
    b, h, w, c = x.shape
    kh, kw, _, co = k.shape
    (sh, sw), (dh, dw) = strides, dilation
    oh, pt, pb = out_and_pad(h, kh, sh, dh, padding)
    ow, pl, pr = out_and_pad(w, kw, sw, dw, padding)
    xp = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)))
    y = np.zeros((b, oh, ow, co))
    dxp = np.zeros_like(xp)
    dk = np.zeros_like(k)
    for i in range(oh):
        for j in range(ow):
            for u in range(kh):
                for v in range(kw):
                    pix = xp[:, i * sh + u * dh, j * sw + v * dw, :]          # (b, c)
                    y[:, i, j, :] += pix @ k[u, v]                           # (b, co)
                    dk[u, v] += pix.T @ r[:, i, j, :]
                    dxp[:, i * sh + u * dh, j * sw + v * dw, :] += r[:, i, j, :] @ k[u, v].T
    return y, dxp[:, pt:pt + h, pl:pl + w, :], dk


def pool(x, size, strides, padding, kind, r):
    b, h, w, c = x.shape
    (ph, pw), (sh, sw) = size, strides
    oh, pt, _ = out_and_pad(h, ph, sh, 1, padding)
    ow, pl, _ = out_and_pad(w, pw, sw, 1, padding)
    y = np.zeros((b, oh, ow, c))
    dx = np.zeros_like(x)
    for i in range(oh):
        for j in range(ow):
            rows = [i * sh + u - pt for u in range(ph) if 0 <= i * sh + u - pt < h]
            cols = [j * sw + v - pl for v in range(pw) if 0 <= j * sw + v - pl < w]
            win = x[:, rows][:, :, cols]                                      # (b, nr, nc, c)
            if kind == "avg":
                y[:, i, j] = win.mean(axis=(1, 2))
                dx[:, rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1] += r[:, i, j][:, None, None, :] / (len(rows) * len(cols))
            else:
                flat = win.reshape(b, -1, c)
                y[:, i, j] = flat.max(axis=1)
                arg = flat.argmax(axis=1)                                     # first maximum, row-major in the window
                for bb in range(b):
                    for cc in range(c):
                        a = arg[bb, cc]
                        dx[bb, rows[a // len(cols)], cols[a % len(cols)], cc] += r[bb, i, j, cc]
    return y, dx


def main():
    rng = np.random.default_rng(7)
    cases = []
    for padding in ("valid", "same"):
        for strides in ((1, 1), (2, 2), (2, 3)):
            for dilation in ((1, 1), (2, 2), (1, 3)):
                x = rng.uniform(-1, 1, (2, 9, 8, 3))
                k = rng.uniform(-1, 1, (3, 2, 3, 4))
                oh, _, _ = out_and_pad(9, 3, strides[0], dilation[0], padding)
                ow, _, _ = out_and_pad(8, 2, strides[1], dilation[1], padding)
                r = rng.uniform(-1, 1, (2, oh, ow, 4))
                y, dx, dk = conv(x, k, strides, padding, dilation, r)
                cases.append({"op": "conv2d", "padding": padding, "strides": list(strides), "dilation": list(dilation),
                              "x": x.tolist(), "k": k.tolist(), "r": r.tolist(), "y": y.tolist(),
                              "dx": dx.tolist(), "dk": dk.tolist()})
        for kind in ("max", "avg"):
            for size, strides in (((2, 2), (2, 2)), ((3, 2), (1, 1)), ((3, 3), (2, 1)), ((2, 3), (3, 2))):
                x = rng.uniform(-1, 1, (2, 7, 8, 3))
                oh, _, _ = out_and_pad(7, size[0], strides[0], 1, padding)
                ow, _, _ = out_and_pad(8, size[1], strides[1], 1, padding)
                r = rng.uniform(-1, 1, (2, oh, ow, 3))
                y, dx = pool(x, size, strides, padding, kind, r)
                cases.append({"op": kind + "Pool2d", "padding": padding, "poolSize": list(size), "strides": list(strides),
                              "x": x.tolist(), "r": r.tolist(), "y": y.tolist(), "dx": dx.tolist()})
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "..", "kiln-core", "src", "test", "resources", "conv", "conv_reference.json")
    with open(out, "w") as f:
        json.dump({"generator": "tools/conv/conv_reference.py (numpy " + np.__version__ + ")", "cases": cases}, f)
    print(f"{len(cases)} cases -> {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
