package dev.kiln.losses;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;

/** The pieces the cross-entropy losses share: label smoothing, clipping, renormalization, log-probabilities. */
final class Crossentropy {
    private Crossentropy() {}

    /** Binary smoothing pulls labels toward 0.5: {@code t·(1 − ls) + 0.5·ls}; none when ls is 0. */
    static Tensor smoothBinary(Tensor t, double labelSmoothing) {
        if (labelSmoothing == 0) return t;
        return t.mul(1.0 - labelSmoothing).add(0.5 * labelSmoothing);
    }

    /** Categorical smoothing spreads ls over the K classes of {@code axis}: {@code t·(1 − ls) + ls/K}. */
    static Tensor smoothCategorical(Tensor t, Tensor p, double labelSmoothing, int axis) {
        if (labelSmoothing == 0) return t;
        int classes = p.shape().dim(axis);
        // ls/K is a float32 division in Keras (the class count is a float32 tensor)
        double share = p.dtype() == DType.FLOAT64 ? labelSmoothing / classes : (double) ((float) labelSmoothing / (float) classes);
        return t.mul(1.0 - labelSmoothing).add(share);
    }

    /**
     * Element-wise binary cross-entropy. Probabilities are clipped to [ε, 1 − ε] in the compute dtype
     * (in float32 the upper bound is 0.99999988, so the largest value is 15.942385); logits use
     * {@code t·softplus(−x) + (1 − t)·softplus(x)} = {@code −t·logσ(x) − (1 − t)·logσ(−x)}, exact and unbounded.
     */
    static Tensor binary(Tensor t, Tensor p0, boolean fromLogits) {
        Tensor p = p0;
        if (!fromLogits && p0.logits() != null) {
            // the output of a sigmoid activation: use its logits, as Keras on TensorFlow does
            p = p0.logits();
            fromLogits = true;
        }
        if (fromLogits) {
            return t.mul(p.neg().softplus()).add(t.neg().add(1.0).mul(p.softplus()));
        }
        Tensor q = p.clip(Losses.EPSILON, 1.0 - Losses.EPSILON);
        Tensor bce = t.mul(q.log()).add(t.neg().add(1.0).mul(q.neg().add(1.0).log()));
        return bce.neg();
    }

    /**
     * Probabilities renormalized along {@code axis} ({@code p / Σp}), then clipped to [ε, 1 − ε]. A row
     * summing to exactly 0 is left at 0 (then clipped to ε) instead of 0/0 = NaN.
     */
    static Tensor normalizedProbabilities(Tensor p, int axis) {
        Tensor sum = p.sum(axis, true);
        Tensor safeSum = Tensor.where(sum.equal(0.0), Tensor.onesLike(sum), sum);
        return p.div(safeSum).clip(Losses.EPSILON, 1.0 - Losses.EPSILON);
    }

    /**
     * log-probabilities along {@code axis}: log_softmax of logits, or the log of renormalized, clipped p,
     * except that a softmax output carrying its logits ({@link Tensor#logits()}) is computed from them.
     */
    static Tensor logProbabilities(Tensor p, int axis, boolean fromLogits) {
        if (!fromLogits && p.logits() != null && axis == p.rank() - 1) {
            // the output of a last-axis softmax activation: use its logits, as Keras on TensorFlow does
            return p.logits().logSoftmax(axis);
        }
        return fromLogits ? p.logSoftmax(axis) : normalizedProbabilities(p, axis).log();
    }

    /** The logits behind {@code p} along {@code axis} (p itself when fromLogits, a softmax output's attached ones), or null. */
    static Tensor logitsOf(Tensor p, int axis, boolean fromLogits) {
        if (fromLogits) return p;
        return p.logits() != null && axis == p.rank() - 1 ? p.logits() : null;
    }

    /**
     * {@code base^exponent} for exponent &gt; 0, with the subgradient 0 where base is exactly 0: the value there
     * is 0 as usual, but the derivative {@code exponent·0^(exponent−1)} would be infinite (exponent &lt; 1) or
     * 0·∞ = NaN downstream. Only an exact 0 is special; every other base, negative included, is plain pow.
     */
    static Tensor powZeroSafe(Tensor base, double exponent) {
        Tensor zero = base.equal(0.0);
        Tensor safeBase = Tensor.where(zero, Tensor.onesLike(base), base);
        return Tensor.where(zero, Tensor.zerosLike(base), safeBase.pow(exponent));
    }

    static void requireSmoothing(String loss, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(loss + ": labelSmoothing (" + labelSmoothing + ") must be in [0, 1]");
        }
    }
}
