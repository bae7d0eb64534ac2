#!/usr/bin/env python3
"""Checks the calls that produced the unlabelled entries of random-state-vectors.json.

The spec's vector file names some entries only by shape (e.g. "make_blobs_list_3_2"); these calls were
found by searching small argument grids with scikit-learn 1.2.1 / numpy 1.24.2 and reproduce the
stored X and y exactly. GeneratorsTest uses the same calls. Run:
    /usr/bin/python3 tools/data/check_vector_calls.py kiln-core/src/test/resources/data/random-state-vectors.json
"""
import json
import sys

import numpy as np
from sklearn.datasets import make_blobs, make_circles, make_classification, make_moons, make_regression

v = json.load(open(sys.argv[1]))
calls = {
    "make_circles_tuple_3_4": lambda: make_circles((3, 4), noise=0.05, factor=0.5, random_state=0),
    "make_moons_5_noshuffle": lambda: make_moons(5, shuffle=False, noise=0.2, random_state=0),
    "make_blobs_list_3_2": lambda: make_blobs([3, 2], n_features=3, cluster_std=[1.0, 0.5], random_state=0),
    "make_regression_7x6_inf5": lambda: make_regression(7, 6, n_informative=5, noise=0.1, random_state=3, coef=True),
    "make_classification_8x12_inf10": lambda: make_classification(8, 12, n_informative=10, n_redundant=0, random_state=3),
    "make_classification_10x6_allbranches": lambda: make_classification(
        10, 6, n_informative=3, n_redundant=1, n_repeated=1, n_classes=3, n_clusters_per_class=1, flip_y=0.1,
        hypercube=False, shift=None, scale=None, random_state=5),
}
ok = True
for name, call in calls.items():
    out = call()
    x = np.array([[float(a) for a in r] for r in v[name]["X"]])
    y = np.array([float(a) for a in v[name]["y"]])
    same = x.tobytes() == out[0].astype("<f8").tobytes() and y.tobytes() == out[1].astype("<f8").tobytes()
    if len(out) == 3:
        same = same and np.array([float(a) for a in v[name]["coef"]]).tobytes() == out[2].astype("<f8").tobytes()
    print(name, "exact" if same else "DIFFERS")
    ok = ok and same
sys.exit(0 if ok else 1)
