"""Prints Keras 3's values for the examples in the Javadoc of dev.kiln.losses (expected values of
LossesTest.javadocExamplesMatchKeras). Run with Keras 3.15 on the JAX backend:
    KERAS_BACKEND=jax python tools/losses/javadoc_examples.py
"""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np
from keras import losses as L

a = [[0., 1.], [0., 0.]]
b = [[1., 1.], [1., 0.]]
c = [[0.6, 0.4], [0.4, 0.6]]
d = [[1., 1.], [0., 0.]]
one_hot = [[0., 1., 0.], [0., 0., 1.]]
probs = [[0.05, 0.95, 0.], [0.1, 0.8, 0.1]]
binary, logits = [0., 1., 0., 0.], [-18.6, 0.51, 2.94, -12.8]
mask, soft = [[1., 0.], [1., 1.]], [[0.9, 0.2], [0.8, 0.6]]
examples = {
    "mse": L.MeanSquaredError()(a, b),
    "mae": L.MeanAbsoluteError()(a, b),
    "mape": L.MeanAbsolutePercentageError()([[2., 4.]], [[1., 5.]]),
    "msle": L.MeanSquaredLogarithmicError()(a, b),
    "cosine": L.CosineSimilarity(axis=1)([[0., 1.], [1., 1.]], [[1., 0.], [1., 1.]]),
    "huber": L.Huber()(a, c),
    "log_cosh": L.LogCosh()(a, d),
    "kld": L.KLDivergence()(a, c),
    "poisson": L.Poisson()(a, d),
    "hinge": L.Hinge()(a, c),
    "squared_hinge": L.SquaredHinge()(a, c),
    "categorical_hinge": L.CategoricalHinge()(a, c),
    "bce logits": L.BinaryCrossentropy(from_logits=True)(binary, logits),
    "binary focal logits": L.BinaryFocalCrossentropy(gamma=2.0, from_logits=True)(binary, logits),
    "cce": L.CategoricalCrossentropy()(one_hot, probs),
    "categorical focal": L.CategoricalFocalCrossentropy()(one_hot, probs),
    "scce": L.SparseCategoricalCrossentropy()(np.array([1, 2]), np.array(probs)),
    "generalized ce": L.CategoricalGeneralizedCrossEntropy(q=0.5)(np.array([0, 1]), np.array([[0.7, 0.3], [0.2, 0.8]])),
    "dice": L.Dice()(mask, soft),
    # Keras 3.15 weighs false negatives by alpha (fixed later upstream, #23333); Kiln follows the fix
    "tversky (keras 3.15 alpha=0.3, beta=0.7)": L.Tversky(alpha=0.3, beta=0.7)(mask, soft),
    "ctc": L.CTC()(np.array([[1, 2, 1, 0], [1, 2, 0, 2]]),
                   (np.arange(24).reshape((2, 4, 3)).astype("float32") - 12) / 100),
    "circle": L.Circle()(np.array([0, 0, 1, 1]),
                         np.array([[1., 0.], [0.8, 0.6], [0., 1.], [-0.6, 0.8]], dtype="float32")),
}
for name, value in examples.items():
    print(f"{name}: {np.float32(value)!r}")
