"""Real Keras from the start Kiln drew: the same initial weights and the same 100 epoch orders.

    java -cp kiln-cli/target/kiln.jar tools/kld_stuck/StuckRuns.java start 2 > s2.txt
    KERAS_BACKEND=jax python tools/kld_stuck/keras_same_start.py s2.txt
    KERAS_BACKEND=jax python tools/kld_stuck/keras_same_start.py --seeds 0-116    # Keras's own starts

Needs keras 3, jax (or tensorflow), scikit-learn, numpy. Prints the training loss and accuracy by epoch
(first form) or, per seed, the test accuracy of a run with Keras's own initial weights and shuffling.
"""
import sys

import numpy as np
from sklearn.datasets import make_blobs

import keras
from keras import layers


def data():
    x, y = make_blobs(n_samples=1000, centers=3, n_features=2, cluster_std=2, random_state=2)
    y = keras.utils.to_categorical(y)
    return x[:500], x[500:], y[:500], y[500:]


def model():
    m = keras.Sequential([keras.Input(shape=(2,)),
                          layers.Dense(50, activation="relu", kernel_initializer="he_uniform"),
                          layers.Dense(3, activation="softmax")])
    m.compile(loss="kl_divergence", optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
              metrics=["accuracy"])
    return m


def same_start(path):
    train_x, test_x, train_y, test_y = data()
    lines = open(path).read().split("\n")
    w = np.array([float(v) for v in lines[0].split()[1:]], dtype=np.float32)
    orders = [np.array([int(v) for v in l.split()[1:]]) for l in lines[1:] if l.startswith("order")]
    m = model()
    m.set_weights([w[0:100].reshape(2, 50), w[100:150], w[150:300].reshape(50, 3), w[300:303]])
    for e, o in enumerate(orders):
        h = m.fit(train_x[o], train_y[o], epochs=1, batch_size=32, shuffle=False, verbose=0)
        print(f"epoch {e + 1} loss {h.history['loss'][0]:.6f} accuracy {h.history['accuracy'][0]:.3f}")
    print("test accuracy", m.evaluate(test_x, test_y, verbose=0)[1])


def own_starts(first, last):
    train_x, test_x, train_y, test_y = data()
    stuck = 0
    for seed in range(first, last + 1):
        keras.utils.set_random_seed(seed)
        m = model()
        m.fit(train_x, train_y, epochs=100, batch_size=32, shuffle=True, verbose=0)
        test = m.evaluate(test_x, test_y, verbose=0)[1]
        stuck += test < 0.7
        print(f"seed {seed} test {test:.3f}", flush=True)
    print(f"stuck: {stuck} of {last - first + 1}")


if __name__ == "__main__":
    if sys.argv[1] == "--seeds":
        a, b = sys.argv[2].split("-")
        own_starts(int(a), int(b))
    else:
        same_start(sys.argv[1])
