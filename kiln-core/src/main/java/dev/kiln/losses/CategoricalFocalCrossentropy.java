package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Categorical focal cross-entropy, which down-weights well-classified examples:
 * {@code loss = Σ(α·(1 − q)^γ·(−t·log q), axis)} with {@code q = clip(p / Σ(p, axis), ε, 1 − ε)}
 * ({@code p = softmax(x)} with {@code fromLogits}). α scales every class (no 1 − α), or is one weight per
 * class along the last axis. Label smoothing: {@code t·(1 − ls) + ls/K}. Defaults: alpha 0.25, gamma 2.0,
 * fromLogits false, labelSmoothing 0, axis −1. Name {@code categorical_focal_crossentropy}.
 *
 * <pre>{@code
 * Tensor loss = new CategoricalFocalCrossentropy().apply(
 *         Tensor.of(new double[][] {{0, 1, 0}, {0, 0, 1}}),
 *         Tensor.of(new double[][] {{0.05, 0.95, 0}, {0.1, 0.8, 0.1}}));   // 0.23315
 * }</pre>
 */
public class CategoricalFocalCrossentropy extends Loss {
    private double[] alpha = {0.25};
    private double gamma = 2.0;
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    public CategoricalFocalCrossentropy() { super("categorical_focal_crossentropy"); }

    /** One weight for every class (default 0.25). */
    public CategoricalFocalCrossentropy alpha(double alpha) {
        this.alpha = new double[] {alpha};
        return this;
    }

    /** One weight per class, broadcast along the last axis. */
    public CategoricalFocalCrossentropy alpha(double... perClass) {
        if (perClass.length == 0) throw new IllegalArgumentException(name() + ": alpha needs at least one weight");
        this.alpha = perClass.clone();
        return this;
    }

    public CategoricalFocalCrossentropy gamma(double gamma) {
        if (!(gamma >= 0)) throw new IllegalArgumentException(name() + ": gamma (" + gamma + ") must be >= 0");
        this.gamma = gamma;
        return this;
    }

    public CategoricalFocalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    public CategoricalFocalCrossentropy labelSmoothing(double labelSmoothing) {
        Crossentropy.requireSmoothing(name(), labelSmoothing);
        this.labelSmoothing = labelSmoothing;
        return this;
    }

    public CategoricalFocalCrossentropy axis(int axis) {
        this.axis = axis;
        return this;
    }

    /** The weights: one element for a scalar α, else one per class. */
    public double[] alpha() { return alpha.clone(); }

    public double gamma() { return gamma; }

    public boolean fromLogits() { return fromLogits; }

    public double labelSmoothing() { return labelSmoothing; }

    public int axis() { return axis; }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1], alpha, gamma, fromLogits, labelSmoothing, axis);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred, double[] alpha, double gamma, boolean fromLogits,
                          double labelSmoothing, int axis) {
        String loss = "categorical_focal_crossentropy";
        CategoricalCrossentropy.requireCategorical(loss, yTrue, yPred);
        int ax = Ranks.axis(loss, axis, yPred.rank());
        Tensor t = Crossentropy.smoothCategorical(yTrue, yPred, labelSmoothing, ax);
        Tensor p = fromLogits ? yPred.softmax(ax) : yPred;
        Tensor q = Crossentropy.normalizedProbabilities(p, ax);
        Tensor ce = t.neg().mul(q.log());
        Tensor weight = q.neg().add(1.0).pow(gamma);
        if (alpha.length == 1) {
            weight = weight.mul(alpha[0]);
        } else {
            int classes = yPred.shape().dim(-1);
            if (alpha.length != classes) {
                throw new IllegalArgumentException(loss + ": alpha has " + alpha.length + " per-class weights but y_pred of shape "
                        + yPred.shape() + " has " + classes + " entries on the last axis");
            }
            weight = weight.mul(Tensor.of(alpha, yPred.dtype()));
        }
        return weight.mul(ce).sum(ax);
    }

    @Override
    public CategoricalFocalCrossentropy reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public CategoricalFocalCrossentropy name(String name) { super.name(name); return this; }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
        config.put("alpha", alpha.length == 1 ? (Object) alpha[0] : Arrays.stream(alpha).boxed().collect(Collectors.toList()));
        config.put("gamma", gamma);
    }

    @Override
    void checkInputs(LossChecks c) {
        c.categoricalLabels(axis);
        c.probabilities(fromLogits, "softmax");
    }
}
