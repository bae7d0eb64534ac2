package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Categorical cross-entropy for one-hot (or soft) labels: {@code loss = −Σ(t·log q, axis)} with
 * {@code q = clip(p / Σ(p, axis), ε, 1 − ε)}, ε = 1e-7, or {@code q = softmax(x)} (as log_softmax) with
 * {@code fromLogits}. Label smoothing first maps {@code t → t·(1 − ls) + ls/K}. Defaults: fromLogits false,
 * labelSmoothing 0, axis −1. Name {@code categorical_crossentropy}. Expects a softmax output (or logits).
 *
 * <pre>{@code
 * Tensor loss = new CategoricalCrossentropy().apply(
 *         Tensor.of(new double[][] {{0, 1, 0}, {0, 0, 1}}),
 *         Tensor.of(new double[][] {{0.05, 0.95, 0}, {0.1, 0.8, 0.1}}));   // 1.1769392
 * }</pre>
 */
public class CategoricalCrossentropy extends Loss {
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    public CategoricalCrossentropy() { super("categorical_crossentropy"); }

    public CategoricalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    public CategoricalCrossentropy labelSmoothing(double labelSmoothing) {
        Crossentropy.requireSmoothing(name(), labelSmoothing);
        this.labelSmoothing = labelSmoothing;
        return this;
    }

    /** The class axis (default −1). */
    public CategoricalCrossentropy axis(int axis) {
        this.axis = axis;
        return this;
    }

    public boolean fromLogits() { return fromLogits; }

    public double labelSmoothing() { return labelSmoothing; }

    public int axis() { return axis; }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1], fromLogits, labelSmoothing, axis);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing, int axis) {
        requireCategorical("categorical_crossentropy", yTrue, yPred);
        int ax = Ranks.axis("categorical_crossentropy", axis, yPred.rank());
        Tensor t = Crossentropy.smoothCategorical(yTrue, yPred, labelSmoothing, ax);
        Tensor logits = Crossentropy.logitsOf(yPred, ax, fromLogits);
        // from logits: the fused op computes −Σ t·logSoftmax(z) with the same arithmetic, as one graph node
        if (logits != null) return Tensor.softmaxCrossEntropyWithLogits(t, logits, ax);
        return t.mul(Crossentropy.logProbabilities(yPred, ax, fromLogits)).sum(ax).neg();
    }

    /** Same shapes; integer labels of shape (N,) or (N, 1) get a message pointing to the sparse loss. */
    static void requireCategorical(String loss, Tensor yTrue, Tensor yPred) {
        if (!yTrue.shape().equals(yPred.shape()) && yPred.rank() >= 1 && yPred.shape().dim(-1) > 1
                && (yTrue.rank() == yPred.rank() - 1 || (yTrue.rank() == yPred.rank() && yTrue.shape().dim(-1) == 1))) {
            throw new IllegalArgumentException(loss + ": y_true of shape " + yTrue.shape() + " and y_pred of shape " + yPred.shape()
                    + " do not match: they must have the same shape, and these labels look like integer class ids; use SparseCategoricalCrossentropy, or "
                    + "one-hot encode them (Tensor.oneHot)");
        }
        Ranks.requireSameShape(loss, yTrue, yPred);
    }

    @Override
    public CategoricalCrossentropy reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public CategoricalCrossentropy name(String name) { super.name(name); return this; }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
    }

    @Override
    void checkInputs(LossChecks c) {
        c.categoricalLabels(axis);
        c.probabilities(fromLogits, "softmax");
    }
}
