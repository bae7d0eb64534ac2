#!/usr/bin/python3
"""Side-by-side GEMM table from one or more comparison rounds.

Usage: /usr/bin/python3 gemm_table.py --jmh r1.json [r2.json ...] --torch t1.json [t2.json ...]

Kiln files: `-rf json` output of GemmBenchmark (param `shape` = MxKxN, time per op in us), each
round's figure being the median of its measurement iterations; or GemmCpuTime --json output. Torch files: gemm_torch_shapes.py
--json output. With several rounds the table shows the median over rounds and the min..max spread.
GFLOP/s = 2*M*N*K / time.
"""
import argparse
import json
import statistics


def kiln_rounds(paths):
    rounds = []
    for path in paths:
        per_shape = {}
        with open(path) as f:
            data = json.load(f)
        if isinstance(data, dict):  # GemmCpuTime output: {"results": {shape: {"sec": s}}}
            rounds.append({s: r["sec"] for s, r in data["results"].items()})
            continue
        for entry in data:
            shape = entry["params"]["shape"]
            unit = entry["primaryMetric"]["scoreUnit"]
            scale = {"us/op": 1e-6, "ns/op": 1e-9, "ms/op": 1e-3, "s/op": 1.0}[unit]
            samples = [x for fork in entry["primaryMetric"]["rawData"] for x in fork]
            per_shape[shape] = statistics.median(samples) * scale
        rounds.append(per_shape)
    return rounds


def torch_rounds(paths):
    rounds = []
    for path in paths:
        with open(path) as f:
            rounds.append({s: r["sec"] for s, r in json.load(f)["results"].items()})
    return rounds


def gflops(shape, sec):
    m, k, n = (int(x) for x in shape.split("x"))
    return 2.0 * m * n * k / sec / 1e9


def summary(rounds, shape):
    vals = [gflops(shape, r[shape]) for r in rounds if shape in r]
    if not vals:
        return None, ""
    spread = f"{min(vals):.1f}..{max(vals):.1f}" if len(vals) > 1 else ""
    return statistics.median(vals), spread


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jmh", nargs="+", required=True)
    ap.add_argument("--torch", nargs="+", default=[])
    a = ap.parse_args()
    kiln, peer = kiln_rounds(a.jmh), torch_rounds(a.torch)
    shapes = []
    for r in kiln:
        for s in r:
            if s not in shapes:
                shapes.append(s)
    print(f"rounds: kiln {len(kiln)}, torch {len(peer)}; GFLOP/s = 2*M*N*K / time (median; spread over rounds)")
    print(f"{'shape (MxKxN)':18s} {'kiln GFLOP/s':>12s} {'spread':>13s} {'torch GFLOP/s':>13s} {'spread':>13s} "
          f"{'kiln/torch':>10s} {'kiln us':>10s}")
    for s in shapes:
        k, ks = summary(kiln, s)
        t, ts = summary(peer, s)
        us = statistics.median([r[s] for r in kiln if s in r]) * 1e6
        ratio = f"{k / t:10.2f}" if k and t else f"{'n/a':>10s}"
        tt = f"{t:13.1f}" if t else f"{'n/a':>13s}"
        print(f"{s:18s} {k:12.1f} {ks:>13s} {tt} {ts:>13s} {ratio} {us:10.2f}")


if __name__ == "__main__":
    main()
