package dev.kiln.losses;

import dev.kiln.tensor.Tensor;

/** Keras's rank alignment of labels, predictions and weights, and the shape checks that go with it. */
final class Ranks {
    private Ranks() {}

    /**
     * {@code squeeze_or_expand_to_same_rank}: if one tensor has one more axis and that last axis has size
     * 1, it is squeezed, except that a rank-1 partner is expanded instead; otherwise nothing changes.
     */
    static Tensor[] align(Tensor a, Tensor b) {
        int ra = a.rank(), rb = b.rank();
        if (ra == rb + 1 && a.shape().dim(-1) == 1) {
            if (rb == 1) b = b.expandDims(-1);
            else a = a.squeeze(-1);
        } else if (rb == ra + 1 && b.shape().dim(-1) == 1) {
            if (ra == 1) a = a.expandDims(-1);
            else b = b.squeeze(-1);
        }
        return new Tensor[] {a, b};
    }

    /** Aligns the ranks, then requires identical shapes: a loss never broadcasts labels silently. */
    static Tensor[] alignSameShape(String loss, Tensor yTrue, Tensor yPred) {
        Tensor[] tp = align(yTrue, yPred);
        requireSameShape(loss, yTrue, yPred, tp[0], tp[1]);
        return tp;
    }

    /** Requires identical shapes of at least rank 1 (error naming both shapes as given). */
    static void requireSameShape(String loss, Tensor yTrue, Tensor yPred) {
        requireSameShape(loss, yTrue, yPred, yTrue, yPred);
    }

    private static void requireSameShape(String loss, Tensor t0, Tensor p0, Tensor t, Tensor p) {
        if (!t.shape().equals(p.shape())) {
            throw new IllegalArgumentException(loss + ": y_true of shape " + t0.shape() + " and y_pred of shape " + p0.shape()
                    + " do not match: they must have the same shape (only (N,) against (N, 1) is aligned, as Keras does)");
        }
        if (t.rank() == 0) {
            throw new IllegalArgumentException(loss + ": y_true and y_pred are scalars (shape ()); give at least one axis, e.g. shape (N,)");
        }
    }

    /** A possibly negative axis as a non-negative index, with an error naming the loss. */
    static int axis(String loss, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(loss + ": axis " + axis + " is out of range for inputs of rank " + rank
                    + " (expected " + (-rank) + " <= axis < " + rank + ")");
        }
        return a;
    }
}
