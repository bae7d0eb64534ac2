#!/usr/bin/env python3
"""Reference values for train_test_split, the scalers and LabelEncoder, from scikit-learn.

Made with Debian bookworm's python3-sklearn 1.2.1 / python3-numpy 1.24.2:
    /usr/bin/python3 tools/data/gen_sklearn_reference.py > kiln-core/src/test/resources/data/sklearn-reference.json
Floats are repr() strings (exact round trip).
"""
import json

import numpy as np
import sklearn
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, MinMaxScaler, RobustScaler, StandardScaler


def f(a):
    return [repr(float(v)) for v in np.asarray(a, dtype=np.float64).ravel()]


out = {"_about": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; see tools/data/gen_sklearn_reference.py"}

splits = []
for n, test, train, seed, shuffle in [(10, 0.3, None, 1, True), (10, 3, None, 0, True), (13, None, 0.5, 7, True),
                                      (20, 0.2, 0.5, 3, True), (20, 4, 10, 5, True), (10, 0.3, None, None, False),
                                      (100, None, None, 42, True), (7, 0.5, None, 4294967295, True)]:
    x = np.arange(n)
    tr, te = train_test_split(x, test_size=test, train_size=train, random_state=seed, shuffle=shuffle)
    splits.append({"n": n, "test_size": test, "train_size": train, "random_state": seed, "shuffle": shuffle,
                   "train": tr.tolist(), "test": te.tolist()})
out["train_test_split"] = splits

rng = np.random.RandomState(0)
x = rng.normal(3.0, 2.0, size=(9, 4))
x[:, 2] = 5.0                 # a constant feature
x[4, 1] = 1000.0              # an outlier
x[:, 3] = np.round(x[:, 3])   # ties for the median and quantiles
out["x"] = f(x)
out["x_shape"] = list(x.shape)
x_even = x[:8]
scalers = []
for name, make in [("standard", lambda: StandardScaler()),
                   ("standard_nomean", lambda: StandardScaler(with_mean=False)),
                   ("minmax", lambda: MinMaxScaler()),
                   ("minmax_m1_2", lambda: MinMaxScaler(feature_range=(-1, 2))),
                   ("robust", lambda: RobustScaler()),
                   ("robust_10_90", lambda: RobustScaler(quantile_range=(10.0, 90.0)))]:
    for rows, data in [("odd", x), ("even", x_even)]:
        s = make().fit(data)
        entry = {"name": name, "rows": rows, "transform": f(s.transform(x)),
                 "inverse": f(s.inverse_transform(s.transform(x)))}
        for attr in ["mean_", "var_", "scale_", "data_min_", "data_max_", "min_", "center_"]:
            if getattr(s, attr, None) is not None:
                entry[attr] = f(getattr(s, attr))
        scalers.append(entry)
out["scalers"] = scalers

# The tutorial's regression preprocessing: StandardScaler on X and on y.reshape(-1, 1), fitted on all rows.
# A one-column fit sums with numpy's pairwise summation, a wider one row by row.
import hashlib

from sklearn.datasets import make_regression

xr, yr = make_regression(n_samples=1000, n_features=20, noise=0.1, random_state=1)
sx = StandardScaler().fit(xr)
sy = StandardScaler().fit(yr.reshape(-1, 1))
out["tutorial_regression"] = {
    "x_mean_": f(sx.mean_), "x_var_": f(sx.var_), "y_mean_": f(sy.mean_), "y_var_": f(sy.var_),
    "x_scaled_sha256": hashlib.sha256(sx.transform(xr).astype("<f8").tobytes()).hexdigest(),
    "y_scaled_sha256": hashlib.sha256(sy.transform(yr.reshape(-1, 1)).astype("<f8").tobytes()).hexdigest(),
}
one_col = {}
for n in [1, 7, 8, 9, 127, 128, 129, 300, 1000, 5000]:
    col = np.random.RandomState(n).normal(5.0, 3.0, size=(n, 1))
    s = StandardScaler().fit(col)
    one_col[str(n)] = {"x": f(col), "mean_": f(s.mean_), "var_": f(s.var_)}
out["one_column"] = one_col

labels = ["paris", "tokyo", "paris", "amsterdam", "Zurich", "tokyo"]
enc = LabelEncoder().fit(labels)
out["label_encoder"] = {"labels": labels, "classes": enc.classes_.tolist(), "codes": enc.transform(labels).tolist()}
print(json.dumps(out, indent=1))
