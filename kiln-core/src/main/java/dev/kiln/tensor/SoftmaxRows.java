package dev.kiln.tensor;

/**
 * What a float32 softmax over the last axis computed on its way, kept on its input for a
 * cross-entropy taken next from the same logits ({@link CrossEntropyFunctions}): a classifier's
 * softmax output and its loss then take each exponential and logarithm once, not twice. Per row:
 * the shift (the row's maximum, or 0 when that is infinite) and log Σ e^(z − shift); the
 * probabilities are the softmax's output. The cross-entropy derives from these exactly the values it
 * would compute itself.
 */
record SoftmaxRows(Tensor probabilities, double[] shift, double[] logSum) {}
