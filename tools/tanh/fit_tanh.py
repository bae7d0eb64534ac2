"""Coefficients of VectorConvKernel's float32 tanh (kiln-core/src/main/java-vector/dev/kiln/kernel/VectorConvKernel.java).

Least squares on Chebyshev nodes, rounded to float32:
  small |x| < 0.55:  tanh a = a + a^3 * P(a^2), P of degree 4, weighted so that the error is relative to tanh a;
  e^r on |r| <= ln2/2: degree 7, relative error.
Prints the coefficients and their float32 error bounds; TanhExhaustive.java checks the whole formula
against Math.tanh on every float.
"""
import numpy as np

SMALL = 0.55
n = 4000
t = (np.cos(np.pi * (np.arange(n) + 0.5) / n) + 1) / 2 * SMALL * SMALL
t = t[t > 1e-8]
a = np.sqrt(t)
f = (np.tanh(a) - a) / (a * t)
V = np.vander(t, 5, increasing=True)
c, *_ = np.linalg.lstsq(V * t[:, None], f * t, rcond=None)
c32 = c.astype(np.float32)
print("P:", [repr(float(x)) for x in c32], "error relative to tanh:", np.max(np.abs((V @ c32.astype(np.float64) - f) * t)))

r = np.cos(np.pi * (np.arange(n) + 0.5) / n) * np.log(2) / 2
V = np.vander(r, 8, increasing=True)
e = np.exp(r)
c, *_ = np.linalg.lstsq(V / e[:, None], np.ones_like(r), rcond=None)
c32 = c.astype(np.float32)
print("E:", [repr(float(x)) for x in c32], "relative error:", np.max(np.abs(V @ c32.astype(np.float64) / e - 1)))
ln2 = np.log(2)
hi = np.float32(ln2)
print("LN2_HI", repr(float(hi)), "LN2_LO", repr(float(np.float32(ln2 - float(hi)))), "LOG2E", repr(float(np.float32(1 / ln2))))
