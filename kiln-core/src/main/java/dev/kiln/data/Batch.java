package dev.kiln.data;

import dev.kiln.tensor.Tensor;

/**
 * One mini-batch from {@link Batches}: rows of x and y, and their sample weights (null when the
 * dataset has none).
 *
 * <pre>{@code
 * for (Batch b : batches) loss = step(b.x(), b.y(), b.sampleWeight());
 * }</pre>
 */
public record Batch(Tensor x, Tensor y, Tensor sampleWeight) {}
