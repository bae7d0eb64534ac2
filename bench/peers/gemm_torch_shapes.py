#!/usr/bin/python3
"""torch.mm float32 GFLOP/s for the shapes given on the command line, timed exactly as
gemm_torch.py times its fixed list (its bench(): median of --reps loops of >= 0.3 s each,
after 3 untimed warm-up calls), so that Kiln's benchmark shapes all get a peer figure.

Usage: [OPENBLAS_NUM_THREADS=n] /usr/bin/python3 gemm_torch_shapes.py --threads n [--reps 5]
       [--clock wall|process] [--json f] MxKxN [MxKxN ...]        (A is MxK, B is KxN)

--clock process times with time.process_time() (CPU time of all the process's threads) instead
of wall-clock time; with OPENBLAS_NUM_THREADS=1 --threads 1 that is the CPU time of one core,
which stays meaningful on a machine shared with other jobs.
"""
import argparse
import ctypes
import json
import os

import statistics
import time

import torch

from gemm_torch import bench


def bench_process_time(M, K, N, reps):
    """gemm_torch.bench's method (3 warm-up calls, loop calibrated to >= 0.3 s, median of reps)
    with time.process_time() as the clock."""
    a, b = torch.randn(M, K), torch.randn(K, N)
    c = torch.empty(M, N)
    for _ in range(3):
        torch.mm(a, b, out=c)
    n = 1
    while True:
        t0 = time.process_time()
        for _ in range(n):
            torch.mm(a, b, out=c)
        dt = time.process_time() - t0
        if dt > 0.3:
            break
        n = max(n * 2, int(n * 0.35 / max(dt, 1e-9)))
    res = []
    for _ in range(reps):
        t0 = time.process_time()
        for _ in range(n):
            torch.mm(a, b, out=c)
        res.append((time.process_time() - t0) / n)
    t = statistics.median(res)
    return 2.0 * M * N * K / t / 1e9, t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--clock", choices=["wall", "process"], default="wall")
    ap.add_argument("--json")
    ap.add_argument("shapes", nargs="+")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    ob = ctypes.CDLL("libopenblas.so.0")
    ob.openblas_get_corename.restype = ctypes.c_char_p
    info = {"torch": torch.__version__, "torch_threads": torch.get_num_threads(),
            "openblas_threads": ob.openblas_get_num_threads(),
            "openblas_core": ob.openblas_get_corename().decode(),
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"), "clock": a.clock}
    print("#", info)
    out = {}
    for shape in a.shapes:
        M, K, N = (int(x) for x in shape.split("x"))
        g, t = (bench_process_time if a.clock == "process" else bench)(M, K, N, a.reps)
        out[shape] = {"gflops": g, "sec": t}
        print(f"{shape:16s} {g:8.1f} GFLOP/s   {t * 1e6:10.1f} us/call")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"meta": info, "results": out}, f, indent=1)


if __name__ == "__main__":
    main()
