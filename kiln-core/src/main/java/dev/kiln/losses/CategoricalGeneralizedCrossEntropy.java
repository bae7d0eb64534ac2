package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Generalized cross-entropy, robust to noisy labels, for integer class ids and probabilities:
 * {@code loss = (1 − p_t^q) / q} with {@code p_t = p[t]} along the last axis (no clipping). q → 0 tends to
 * cross-entropy, q = 1 is MAE. Default q = 0.5 (0 &lt; q &lt; 1). Name
 * {@code categorical_generalized_cross_entropy} (by name an extension: Keras's {@code get} omits it).
 *
 * <pre>{@code
 * Tensor loss = new CategoricalGeneralizedCrossEntropy().q(0.5).apply(Tensor.of(new int[] {0, 1}),
 *         Tensor.of(new double[][] {{0.7, 0.3}, {0.2, 0.8}}));   // 0.2689128
 * }</pre>
 */
public class CategoricalGeneralizedCrossEntropy extends Loss {
    private double q = 0.5;

    public CategoricalGeneralizedCrossEntropy() { super("categorical_generalized_cross_entropy"); }

    /** The noise-robustness exponent, 0 &lt; q &lt; 1 (default 0.5). */
    public CategoricalGeneralizedCrossEntropy q(double q) {
        if (!(q > 0 && q < 1)) throw new IllegalArgumentException(name() + ": q must be in the interval (0, 1), got " + q);
        this.q = q;
        return this;
    }

    public double q() { return q; }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1], q);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred, double q) {
        String loss = "categorical_generalized_cross_entropy";
        if (yPred.rank() == 0) throw new IllegalArgumentException(loss + ": y_pred must have a class axis, got shape ()");
        Tensor t = yTrue;
        // a trailing axis of size 1 is squeezed (Keras would broadcast (B,1,K) against (B,K) here)
        if (t.rank() == yPred.rank() && t.shape().dim(-1) == 1) t = t.squeeze(-1);
        int last = yPred.rank() - 1;
        if (!t.shape().equals(SparseCategoricalCrossentropy.labelShape(yPred.shape(), last))) {
            throw new IllegalArgumentException(loss + ": y_true of shape " + yTrue.shape() + " does not fit y_pred of shape "
                    + yPred.shape() + ": expected integer class ids of shape " + SparseCategoricalCrossentropy.labelShape(yPred.shape(), last));
        }
        SparseCategoricalCrossentropy.requireClassIds(loss, t, yPred.shape().dim(-1), yPred.shape());
        Tensor pT = yPred.takeAlongAxis(t.expandDims(-1), -1).squeeze(-1);
        // p_t = 0 exactly (an underflowed softmax) gives the value 1/q and the subgradient 0, not an infinite one
        return Crossentropy.powZeroSafe(pT, q).neg().add(1.0).div(q);
    }

    @Override
    public CategoricalGeneralizedCrossEntropy reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public CategoricalGeneralizedCrossEntropy name(String name) { super.name(name); return this; }

    @Override
    protected void addConfig(Map<String, Object> config) { config.put("q", q); }

    @Override
    void checkInputs(LossChecks c) {
        c.sparseLabels(-1, null, false);
        c.probabilities(false, "softmax");
    }
}
