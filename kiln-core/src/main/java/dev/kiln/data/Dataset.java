package dev.kiln.data;

import dev.kiln.tensor.Tensor;

/**
 * A generated or loaded dataset: features {@code x} of shape (n, features) and targets {@code y} of
 * shape (n,) (labels as float64 class indices, or regression targets), both float64 for generators.
 * {@code coef} holds make_regression's true coefficients and is null otherwise.
 *
 * <pre>{@code
 * Dataset d = Datasets.makeCircles(1000, 0.1, 1);
 * Tensor x = d.x();   // (1000, 2)
 * Tensor y = d.y();   // (1000,)
 * }</pre>
 */
public record Dataset(Tensor x, Tensor y, Tensor coef) {
    /** A dataset without coefficients. */
    public Dataset(Tensor x, Tensor y) {
        this(x, y, null);
    }
}
