package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Binary cross-entropy for 0/1 (or soft) labels, averaged over {@code axis}:
 * {@code loss = mean(−[t·log q + (1 − t)·log(1 − q)], axis)} with {@code q = clip(p, ε, 1 − ε)}, ε = 1e-7;
 * with {@code fromLogits} the exact {@code −t·logσ(x) − (1 − t)·logσ(−x)}. Label smoothing first maps
 * {@code t → t·(1 − ls) + 0.5·ls}. Defaults: fromLogits false, labelSmoothing 0, axis −1. Name
 * {@code binary_crossentropy}; aliases {@code bce}, {@code BCE}. Expects a sigmoid output (or logits).
 *
 * <pre>{@code
 * Loss bce = new BinaryCrossentropy().fromLogits(true);
 * Tensor loss = bce.apply(Tensor.of(new double[] {0, 1, 0, 0}),
 *         Tensor.of(new double[] {-18.6, 0.51, 2.94, -12.8}));   // 0.865458
 * }</pre>
 */
public class BinaryCrossentropy extends Loss {
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    public BinaryCrossentropy() { super("binary_crossentropy"); }

    /** Whether predictions are logits (default false: probabilities). */
    public BinaryCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** Label smoothing in [0, 1] (default 0). */
    public BinaryCrossentropy labelSmoothing(double labelSmoothing) {
        Crossentropy.requireSmoothing(name(), labelSmoothing);
        this.labelSmoothing = labelSmoothing;
        return this;
    }

    /** The axis the mean is taken over (default −1). */
    public BinaryCrossentropy axis(int axis) {
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
        Ranks.requireSameShape("binary_crossentropy", yTrue, yPred);
        int ax = Ranks.axis("binary_crossentropy", axis, yPred.rank());
        Tensor t = Crossentropy.smoothBinary(yTrue, labelSmoothing);
        return Crossentropy.binary(t, yPred, fromLogits).mean(ax);
    }

    @Override
    public BinaryCrossentropy reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public BinaryCrossentropy name(String name) { super.name(name); return this; }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
    }

    @Override
    void checkInputs(LossChecks c) {
        c.sameShape();
        c.binaryLabels();
        c.probabilities(fromLogits, "sigmoid");
    }
}
