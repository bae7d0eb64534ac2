#!/usr/bin/python3
"""torch.mm float32 GFLOP/s for the shapes given on the command line, timed exactly as
gemm_torch.py times its fixed list (its bench(): median of --reps loops of >= 0.3 s each,
after 3 untimed warm-up calls), so that Kiln's benchmark shapes all get a peer figure.

Usage: [OPENBLAS_NUM_THREADS=n] /usr/bin/python3 gemm_torch_shapes.py --threads n [--reps 5]
       [--json f] MxKxN [MxKxN ...]        (A is MxK, B is KxN)
"""
import argparse
import ctypes
import json
import os

import torch

from gemm_torch import bench


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--json")
    ap.add_argument("shapes", nargs="+")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    ob = ctypes.CDLL("libopenblas.so.0")
    ob.openblas_get_corename.restype = ctypes.c_char_p
    info = {"torch": torch.__version__, "torch_threads": torch.get_num_threads(),
            "openblas_threads": ob.openblas_get_num_threads(),
            "openblas_core": ob.openblas_get_corename().decode(),
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS")}
    print("#", info)
    out = {}
    for shape in a.shapes:
        M, K, N = (int(x) for x in shape.split("x"))
        g, t = bench(M, K, N, a.reps)
        out[shape] = {"gflops": g, "sec": t}
        print(f"{shape:16s} {g:8.1f} GFLOP/s   {t * 1e6:10.1f} us/call")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"meta": info, "results": out}, f, indent=1)


if __name__ == "__main__":
    main()
