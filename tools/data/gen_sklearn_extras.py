#!/usr/bin/env python3
"""Reference values for the less common parameters: make_regression(effective_rank, tail_strength),
train_test_split(stratify), make_classification with per-feature shift/scale, RobustScaler(unit_variance)
and LabelEncoder on numeric labels.

Made with Debian bookworm's python3-sklearn 1.2.1 / python3-numpy 1.24.2 / python3-scipy:
    /usr/bin/python3 tools/data/gen_sklearn_extras.py > kiln-core/src/test/resources/data/sklearn-extras.json
Floats are repr() strings (exact round trip). "after" holds the next three random_sample() values of the
RandomState passed in, which shows how many draws the call consumed.
"""
import json

import numpy as np
import scipy
import scipy.linalg
import scipy.stats
import sklearn
from sklearn.datasets import make_blobs, make_classification, make_regression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, RobustScaler


def f(a):
    return [repr(float(v)) for v in np.asarray(a, dtype=np.float64).ravel()]


out = {"_about": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__};"
                 " see tools/data/gen_sklearn_extras.py"}

qrs = []
for a in [np.random.RandomState(0).standard_normal((6, 3)), np.random.RandomState(1).standard_normal((4, 4)),
          np.array([[2.0, 1.0], [0.0, 3.0], [0.0, 4.0]]), np.array([[-3.0, 1.0], [4.0, -2.0], [0.0, 5.0]]),
          np.random.RandomState(2).standard_normal((50, 20))]:
    q, _ = scipy.linalg.qr(a, mode="economic", check_finite=False)
    qrs.append({"a": f(a), "shape": list(a.shape), "q": f(q)})
out["qr_economic"] = qrs

regs = []
for n, nf, ni, nt, rank, tail, noise, shuffle, seed in [
        (20, 8, 5, 1, 3, 0.5, 0.1, True, 1), (6, 10, 4, 1, 2, 0.2, 0.0, True, 0),
        (50, 30, 10, 1, 5, 0.5, 1.0, True, 42), (7, 5, 3, 1, 1, 1.0, 0.0, False, 3),
        (8, 4, 4, 2, 2, 0.0, 0.5, True, 2), (1, 3, 2, 1, 1, 0.5, 0.0, True, 5)]:
    rs = np.random.RandomState(seed)
    x, y, coef = make_regression(n, nf, n_informative=ni, n_targets=nt, effective_rank=rank, tail_strength=tail,
                                 noise=noise, shuffle=shuffle, coef=True, random_state=rs)
    regs.append({"n_samples": n, "n_features": nf, "n_informative": ni, "n_targets": nt, "effective_rank": rank,
                 "tail_strength": tail, "noise": noise, "shuffle": shuffle, "random_state": seed,
                 "X": f(x), "y": f(y), "coef": f(coef), "after": f(rs.random_sample(3))})
out["make_regression_effective_rank"] = regs

strat = []
for y, test, train, seed in [
        ([0, 0, 0, 0, 1, 1, 1, 1, 1, 1], 0.3, None, 1),
        ([0, 1] * 10, 0.25, None, 0),
        ([2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 2, 0, 1], 0.5, None, 42),
        ([5.5, -1.0, 5.5, 3.0, -1.0, 3.0, 5.5, 3.0, -1.0, 5.5, 3.0], 4, 6, 7),
        ([0, 0, 1, 1, 2, 2, 3, 3, 3], 4, None, 3),
        (list(np.random.RandomState(9).randint(0, 4, 101)), 0.2, 0.7, 11),
        ([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 2, 2], None, None, 4294967295),
        (list(np.random.RandomState(2).randint(0, 7, 1000)), 0.33, None, 5)]:
    y = np.asarray(y, dtype=np.float64)
    x = np.arange(len(y))
    tr, te = train_test_split(x, test_size=test, train_size=train, random_state=seed, stratify=y)
    strat.append({"y": f(y), "test_size": test, "train_size": train, "random_state": seed,
                  "train": tr.tolist(), "test": te.tolist()})
out["train_test_split_stratify"] = strat

cls = []
for n, nf, shift, scale, seed in [
        (10, 5, [1.0, -2.0, 0.5, 3.0, 0.0], [2.0, 0.5, 1.0, 10.0, -1.0], 1),
        (12, 4, [0.25, 0.5, 0.75, 1.0], None, 2),
        (9, 3, None, [1.5, 2.5, 3.5], 3),
        (8, 6, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2.0, 4)]:
    rs = np.random.RandomState(seed)
    x, y = make_classification(n, nf, n_informative=2, n_redundant=1, shift=None if shift is None else np.array(shift),
                               scale=scale if scale is None or np.isscalar(scale) else np.array(scale), random_state=rs)
    cls.append({"n_samples": n, "n_features": nf, "shift": shift, "scale": scale, "random_state": seed,
                "X": f(x), "y": f(y), "after": f(rs.random_sample(3))})
out["make_classification_array_shift_scale"] = cls

# Clusters of a single sample: numpy multiplies a (1, k) row by the (k, k) matrix with gemv, not gemm.
single = []
for n, nf, ni, seed in [(5, 4, 2, 0), (5, 4, 3, 1), (6, 5, 4, 2), (5, 6, 5, 3), (7, 8, 6, 4), (5, 10, 9, 5),
                        (5, 12, 10, 6)]:
    x, y = make_classification(n, nf, n_informative=ni, n_redundant=0, n_clusters_per_class=2, random_state=seed)
    single.append({"n_samples": n, "n_features": nf, "n_informative": ni, "random_state": seed,
                   "X": f(x), "y": f(y)})
out["make_classification_single_sample_clusters"] = single

# Products with an odd number of rows (OpenBLAS computes the last row with its one-row tail kernel) and
# with a single row, for 8 or more terms: make_classification clusters and redundant features, and
# make_regression with several targets.
odd = []
for n, nf, ni, nr, ncpc, seed in [(9, 12, 10, 0, 2, 6), (7, 16, 9, 5, 1, 7), (11, 20, 8, 8, 1, 8), (1, 14, 9, 4, 1, 9)]:
    x, y = make_classification(n, nf, n_informative=ni, n_redundant=nr, n_clusters_per_class=ncpc, random_state=seed)
    odd.append({"call": "classification", "n_samples": n, "n_features": nf, "n_informative": ni, "n_redundant": nr,
                "n_clusters_per_class": ncpc, "random_state": seed, "X": f(x), "y": f(y)})
for n, nf, nt, seed in [(7, 12, 3, 1), (9, 20, 4, 2), (1, 9, 2, 3), (13, 10, 5, 4)]:
    x, y, coef = make_regression(n, nf, n_informative=nf, n_targets=nt, noise=0.5, coef=True, random_state=seed)
    odd.append({"call": "regression", "n_samples": n, "n_features": nf, "n_targets": nt, "random_state": seed,
                "X": f(x), "y": f(y), "coef": f(coef)})
out["odd_and_single_row_products"] = odd

blobs = []
for n, centers, nf, std, seed in [(7, 3, 2, 2.0, 2), (20, 4, 3, 0.5, 0), (5, 1, 4, 1.0, 9)]:
    x, y, c = make_blobs(n, n_features=nf, centers=centers, cluster_std=std, random_state=seed, return_centers=True)
    blobs.append({"n_samples": n, "centers": centers, "n_features": nf, "cluster_std": std, "random_state": seed,
                  "X": f(x), "y": f(y), "centers_": f(c)})
out["make_blobs_return_centers"] = blobs

rng = np.random.RandomState(0)
x = rng.normal(3.0, 2.0, size=(9, 4))
x[:, 2] = 5.0
x[4, 1] = 1000.0
x[:, 3] = np.round(x[:, 3])
out["x"] = f(x)
out["x_shape"] = list(x.shape)
rob = []
for q in [(25.0, 75.0), (10.0, 90.0), (5.0, 50.0)]:
    for centering in [True, False]:
        s = RobustScaler(quantile_range=q, with_centering=centering, unit_variance=True).fit(x)
        rob.append({"quantile_range": list(q), "with_centering": centering, "scale_": f(s.scale_),
                    "transform": f(s.transform(x)), "inverse": f(s.inverse_transform(s.transform(x)))})
out["robust_unit_variance"] = rob
ps = [0.5, 0.75, 0.25, 0.9, 0.1, 0.95, 0.05, 0.999, 0.001, 0.6, 0.4999, 1e-6, 1 - 1e-6, 0.3]
out["norm_ppf"] = {"p": f(ps), "ppf": f(scipy.stats.norm.ppf(ps))}

enc = []
for labels in [[3, 1, 2, 3, 10, -4, 1], [2.5, -0.5, 2.5, 1e10, -0.0, 7.25]]:
    e = LabelEncoder().fit(labels)
    enc.append({"labels": f(labels), "integer": all(isinstance(v, int) for v in labels), "classes": f(e.classes_),
                "codes": e.transform(labels).tolist()})
out["label_encoder_numeric"] = enc

print(json.dumps(out, indent=1))
