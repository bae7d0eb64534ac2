#!/usr/bin/python3
"""The sources' Keras CNN (spec/tutorial.md, "The sources' CNN") on real Fashion-MNIST, in an
ordinary eager PyTorch loop; optionally the 784-512-512-10 MLP on the same data.

Usage: /usr/bin/python3 torch/cnn_torch.py --threads 1 [--model cnn|mlp] [--epochs 1] [--repeats 3]
       [--subset N] [--json out.json] [--data DIR]
Best on 2-core machines (docs/BENCHMARKS.md, "CNN"): cnn with OPENBLAS_NUM_THREADS=1 and --threads 2 (the
convolutions run in oneDNN on torch's OpenMP threads); mlp with --threads 1 (OpenBLAS uses both cores).

Data: the four gzip IDX files of Debian's dataset-fashion-mnist package
(/usr/share/datasets/fashion-mnist, or --data / $FASHION_MNIST), read with gzip + struct + numpy,
pixels scaled to [0,1] as float32.  --subset N keeps the first N training images.  Validation as
Keras's validation_split=0.2: the LAST 20% of the (subset of the) training set, taken before any
shuffling (split_at = int(n * 0.8)); the first 80% is shuffled every epoch.

cnn: Conv2d(1,4,5) tanh Conv2d(4,8,3) tanh MaxPool2 Conv2d(8,16,3) relu MaxPool2 Flatten(256)
     Linear(256,128) tanh Linear(128,10), softmax fused into the cross-entropy.  Conv weights
     glorot_uniform (Keras's default), Linear weights N(0, 0.05) (Keras 1 init='normal'), all
     biases zero.  SGD(lr=0.05, momentum=0.9, nesterov=True), batch 100.
mlp: Linear(784,512) relu Linear(512,512) relu Linear(512,10); glorot_uniform weights, zero biases
     (Keras's Dense defaults).  SGD(lr=0.01, momentum=0.9), batch 128.
Both: Keras's legacy decay, lr_t = lr / (1 + decay * iterations), decay 1e-6 unless --decay says
otherwise, iterations = optimizer steps taken so far (0 at the first step, never reset across
epochs); set on torch.optim.SGD before every step.  (torch keeps the momentum buffer in gradient
units and Keras in lr-scaled units; identical while lr is constant, and lr moves by < 0.5% here.)

Timed: each training epoch (shuffle, batch gathering, forward, loss, backward, step, running
loss/accuracy as Keras's progress bar shows them); not timed: reading and converting the data,
building the model, the per-epoch validation pass (timed separately, batch 1000).  One untimed
warm-up of 20 steps (and one inference pass) on a throwaway model first.  Inference: model.eval(),
torch.no_grad(), the 10,000 test images in batches of 1000, softmax + argmax; 3 passes per repeat.
Repeat r trains a fresh model with seed --seed + r.  Reported: training samples/s = n_train / median
epoch time (over all repeats and epochs), inference samples/s = 10000 / median pass time, and the
validation and test accuracy after the last epoch (per repeat, and their mean).
"""
import argparse
import gzip
import json
import os
import statistics
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = os.environ.get("FASHION_MNIST", "/usr/share/datasets/fashion-mnist")
DEFAULTS = {  # model -> (lr, momentum, nesterov, batch)
    "cnn": (0.05, 0.9, True, 100),
    "mlp": (0.01, 0.9, False, 128),
}


def read_idx(path):
    """An IDX file (gzip): magic 0x0000, type byte (0x08 = uint8), ndim byte, ndim big-endian uint32 dims."""
    with gzip.open(path, "rb") as f:
        zero, dtype, ndim = struct.unpack(">HBB", f.read(4))
        if zero != 0 or dtype != 0x08:
            raise ValueError(f"{path}: not a uint8 IDX file (magic {zero:#x}, type {dtype:#x})")
        dims = struct.unpack(">" + "I" * ndim, f.read(4 * ndim))
        a = np.frombuffer(f.read(), dtype=np.uint8)
    if a.size != int(np.prod(dims)):
        raise ValueError(f"{path}: {a.size} bytes of data for dims {dims}")
    return a.reshape(dims)


def load(data_dir, model, subset):
    Xtr = read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz"))
    Ytr = read_idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz"))
    Xte = read_idx(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz"))
    Yte = read_idx(os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz"))
    if subset:
        Xtr, Ytr = Xtr[:subset], Ytr[:subset]
    shape = (-1, 1, 28, 28) if model == "cnn" else (-1, 784)
    x = lambda a: torch.from_numpy((a.astype(np.float32) / np.float32(255.0)).reshape(shape))
    y = lambda a: torch.from_numpy(a.astype(np.int64))
    split_at = int(len(Xtr) * (1.0 - 0.2))  # Keras: validation = the last 20%, before shuffling
    return (x(Xtr[:split_at]), y(Ytr[:split_at]), x(Xtr[split_at:]), y(Ytr[split_at:]),
            x(Xte), y(Yte))


def build(model):
    if model == "cnn":
        net = nn.Sequential(
            nn.Conv2d(1, 4, 5), nn.Tanh(),
            nn.Conv2d(4, 8, 3), nn.Tanh(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(16 * 4 * 4, 128), nn.Tanh(),
            nn.Linear(128, 10))
        for m in net:
            if isinstance(m, nn.Conv2d):
                nn.init.xavier_uniform_(m.weight)      # glorot_uniform, fans = ch * kh * kw
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0.0, 0.05)   # Keras 1 init='normal'
                nn.init.zeros_(m.bias)
        return net
    net = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                        nn.Linear(512, 10))
    for m in net:
        if isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return net


class Trainer:
    def __init__(self, net, lr, momentum, nesterov, decay):
        self.net, self.lr0, self.decay, self.it = net, lr, decay, 0
        self.opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=momentum, nesterov=nesterov)

    def epoch(self, X, Y, bs, max_steps=None):
        """One shuffled pass; returns (mean loss, accuracy) over the samples seen."""
        net, opt = self.net, self.opt
        net.train()
        n = X.shape[0]
        perm = torch.randperm(n)
        loss_sum, correct, seen = 0.0, 0, 0
        for s, i in enumerate(range(0, n, bs)):
            if max_steps is not None and s >= max_steps:
                break
            idx = perm[i:i + bs]
            xb, yb = X[idx], Y[idx]
            lr = self.lr0 / (1.0 + self.decay * self.it)
            for g in opt.param_groups:
                g["lr"] = lr
            opt.zero_grad()
            out = net(xb)
            loss = F.cross_entropy(out, yb)
            loss.backward()
            opt.step()
            self.it += 1
            k = yb.shape[0]
            loss_sum += loss.item() * k
            correct += (out.argmax(dim=1) == yb).sum().item()
            seen += k
        return loss_sum / seen, correct / seen


def evaluate(net, X, Y, bs=1000):
    """(loss, accuracy) under model.eval() and torch.no_grad(), softmax + argmax."""
    net.eval()
    loss_sum, correct = 0.0, 0
    with torch.no_grad():
        for i in range(0, X.shape[0], bs):
            out = net(X[i:i + bs])
            p = torch.softmax(out, dim=1)
            loss_sum += F.cross_entropy(out, Y[i:i + bs], reduction="sum").item()
            correct += (p.argmax(dim=1) == Y[i:i + bs]).sum().item()
    return loss_sum / X.shape[0], correct / X.shape[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=["cnn", "mlp"], default="cnn")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--subset", type=int, default=0, help="use the first N training images")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lr", type=float)
    ap.add_argument("--batch", type=int)
    ap.add_argument("--decay", type=float, default=1e-6)
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--json")
    a = ap.parse_args()
    lr, momentum, nesterov, bs = DEFAULTS[a.model]
    lr = a.lr if a.lr is not None else lr
    bs = a.batch or bs
    torch.set_num_threads(a.threads)

    Xtr, Ytr, Xva, Yva, Xte, Yte = load(a.data, a.model, a.subset)
    ntr = Xtr.shape[0]

    # untimed warm-up: thread pools, oneDNN primitives, allocator
    torch.manual_seed(12345)
    w = build(a.model)
    Trainer(w, lr, momentum, nesterov, a.decay).epoch(Xtr, Ytr, bs, max_steps=20)
    evaluate(w, Xte, Yte)
    del w

    runs = []
    for r in range(a.repeats):
        torch.manual_seed(a.seed + r)
        net = build(a.model)
        tr = Trainer(net, lr, momentum, nesterov, a.decay)
        ep = []
        for e in range(a.epochs):
            t0, c0 = time.perf_counter(), time.process_time()
            loss, acc = tr.epoch(Xtr, Ytr, bs)
            t, ct = time.perf_counter() - t0, time.process_time() - c0
            t1 = time.perf_counter()
            vloss, vacc = evaluate(net, Xva, Yva)
            tv = time.perf_counter() - t1
            ep.append({"time": t, "cpu_time": ct, "loss": loss, "acc": acc, "val_loss": vloss, "val_acc": vacc,
                       "val_time": tv})
            print(f"rep {r} epoch {e + 1}/{a.epochs}: {t:7.3f} s ({ntr / t:8.0f} samples/s)  "
                  f"loss {loss:.4f} acc {acc:.4f}  val_loss {vloss:.4f} val_acc {vacc:.4f}", flush=True)
        inf, inf_cpu = [], []
        for _ in range(3):
            t0, c0 = time.perf_counter(), time.process_time()
            tloss, tacc = evaluate(net, Xte, Yte)
            inf.append(time.perf_counter() - t0)
            inf_cpu.append(time.process_time() - c0)
        runs.append({"seed": a.seed + r, "epochs": ep, "infer_times": inf, "infer_cpu_times": inf_cpu, "test_loss": tloss,
                     "test_acc": tacc})

    ep_times = [e["time"] for run in runs for e in run["epochs"]]
    inf_times = [t for run in runs for t in run["infer_times"]]
    ep_cpu = [e["cpu_time"] for run in runs for e in run["epochs"]]
    inf_cpu = [t for run in runs for t in run["infer_cpu_times"]]
    val = [run["epochs"][-1]["val_acc"] for run in runs]
    test = [run["test_acc"] for run in runs]
    summary = {
        "train_samples_per_s": ntr / statistics.median(ep_times),
        "infer_samples_per_s": Xte.shape[0] / statistics.median(inf_times),
        "median_epoch_s": statistics.median(ep_times),
        # process CPU time (all threads; OpenMP threads that spin while waiting count too) per sample
        "train_cpu_us_per_sample": statistics.median(ep_cpu) * 1e6 / ntr,
        "infer_cpu_us_per_sample": statistics.median(inf_cpu) * 1e6 / Xte.shape[0],
        "val_acc": val, "test_acc": test,
        "val_acc_mean": statistics.mean(val), "test_acc_mean": statistics.mean(test),
    }
    meta = {"model": a.model, "torch": torch.__version__, "threads": torch.get_num_threads(),
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
            "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"),
            "mkldnn": torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled,
            "epochs": a.epochs, "repeats": a.repeats, "batch": bs, "lr": lr, "momentum": momentum,
            "nesterov": nesterov, "decay": a.decay, "n_train": ntr, "n_val": Xva.shape[0],
            "n_test": Xte.shape[0], "seed": a.seed}
    print("#", meta)
    print(f"train: median epoch {summary['median_epoch_s']:.3f} s = {summary['train_samples_per_s']:.0f} "
          f"samples/s  (epochs {[round(t, 3) for t in ep_times]})")
    print(f"infer (batch 1000, no_grad): {summary['infer_samples_per_s']:.0f} samples/s  "
          f"(passes {[round(t, 4) for t in inf_times]})")
    print(f"cpu time (all threads): {summary['train_cpu_us_per_sample']:.1f} us per training sample, "
          f"{summary['infer_cpu_us_per_sample']:.1f} us per inference sample")
    print(f"after {a.epochs} epoch(s): val_acc {[round(v, 4) for v in val]} mean {summary['val_acc_mean']:.4f}; "
          f"test_acc {[round(v, 4) for v in test]} mean {summary['test_acc_mean']:.4f}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"meta": meta, "summary": summary, "runs": runs}, f, indent=1)


if __name__ == "__main__":
    main()
