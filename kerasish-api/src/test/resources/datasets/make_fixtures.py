"""Writes the small dataset fixtures of the datasets tests (`/usr/bin/python3 make_fixtures.py`; deterministic):
imdb_keras_small.npz in Keras's imdb.npz layout (x_train, y_train, x_test, y_test; object arrays of lists of raw
word ranks, labels int64) and mnist_small.npz in Keras's mnist.npz layout (uint8)."""
import numpy as np

rng = np.random.RandomState(0)

def reviews(n):
    a = np.empty(n, dtype=object)
    for i in range(n):
        a[i] = [int(w) for w in rng.randint(1, 60, size=rng.randint(0, 16))]
    return a

np.savez("imdb_keras_small.npz", x_train=reviews(30), y_train=rng.randint(0, 2, size=30).astype(np.int64),
         x_test=reviews(20), y_test=rng.randint(0, 2, size=20).astype(np.int64))
np.savez_compressed("mnist_small.npz", x_train=rng.randint(0, 256, size=(3, 28, 28)).astype(np.uint8),
                    y_train=np.array([5, 0, 4], dtype=np.uint8),
                    x_test=rng.randint(0, 256, size=(2, 28, 28)).astype(np.uint8), y_test=np.array([7, 2], dtype=np.uint8))
