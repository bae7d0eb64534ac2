package dev.kiln.data;

import dev.kiln.tensor.Tensor;

/**
 * A generated or loaded dataset: features {@code x} of shape (n, features) and targets {@code y} of
 * shape (n,) (labels as float64 class indices, or regression targets), both float64 for generators.
 * {@code coef} holds make_regression's true coefficients and is null otherwise; {@code centers} holds
 * make_blobs's centres, shape (centers, features) (scikit-learn's {@code return_centers=True}), and is null
 * otherwise.
 *
 * <pre>{@code
 * Dataset d = Datasets.makeCircles(1000, 0.1, 1);
 * Tensor x = d.x();   // (1000, 2)
 * Tensor y = d.y();   // (1000,)
 * Tensor c = Datasets.makeBlobs(100, 3, 2, 1.0, 0).centers();  // (3, 2)
 * }</pre>
 */
public record Dataset(Tensor x, Tensor y, Tensor coef, Tensor centers) {
    /** A dataset without coefficients or centres. */
    public Dataset(Tensor x, Tensor y) {
        this(x, y, null, null);
    }

    /** A dataset with coefficients (make_regression). */
    public Dataset(Tensor x, Tensor y, Tensor coef) {
        this(x, y, coef, null);
    }
}
