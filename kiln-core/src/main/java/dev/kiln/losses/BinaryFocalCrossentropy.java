package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Binary focal cross-entropy, which down-weights easy examples (for imbalanced binary problems):
 * {@code loss = mean(w·(1 − p_t)^γ·bce, axis)} with {@code bce} the element-wise binary cross-entropy of
 * the clipped probability, {@code p_t = t·p + (1 − t)·(1 − p)} (unclipped p) and, only with class balancing,
 * {@code w = t·α + (1 − t)·(1 − α)}. Logits go through a sigmoid first (bounded, as Keras). Defaults:
 * applyClassBalancing false, alpha 0.25, gamma 2.0, fromLogits false, labelSmoothing 0, axis −1.
 * Name {@code binary_focal_crossentropy}.
 *
 * <pre>{@code
 * Loss focal = new BinaryFocalCrossentropy().gamma(2.0).fromLogits(true);
 * Tensor loss = focal.apply(Tensor.of(new double[] {0, 1, 0, 0}),
 *         Tensor.of(new double[] {-18.6, 0.51, 2.94, -12.8}));   // 0.6912119
 * }</pre>
 */
public class BinaryFocalCrossentropy extends Loss {
    private boolean applyClassBalancing;
    private double alpha = 0.25;
    private double gamma = 2.0;
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    public BinaryFocalCrossentropy() { super("binary_focal_crossentropy"); }

    /** Whether to weight positives by α and negatives by 1 − α (default false; α is unused otherwise). */
    public BinaryFocalCrossentropy applyClassBalancing(boolean applyClassBalancing) {
        this.applyClassBalancing = applyClassBalancing;
        return this;
    }

    /** The class-balancing weight of positives (default 0.25). */
    public BinaryFocalCrossentropy alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    /** The focusing exponent γ ≥ 0 (default 2.0; 0 gives plain cross-entropy). */
    public BinaryFocalCrossentropy gamma(double gamma) {
        if (!(gamma >= 0)) throw new IllegalArgumentException(name() + ": gamma (" + gamma + ") must be >= 0");
        this.gamma = gamma;
        return this;
    }

    public BinaryFocalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    public BinaryFocalCrossentropy labelSmoothing(double labelSmoothing) {
        Crossentropy.requireSmoothing(name(), labelSmoothing);
        this.labelSmoothing = labelSmoothing;
        return this;
    }

    public BinaryFocalCrossentropy axis(int axis) {
        this.axis = axis;
        return this;
    }

    public boolean applyClassBalancing() { return applyClassBalancing; }

    public double alpha() { return alpha; }

    public double gamma() { return gamma; }

    public boolean fromLogits() { return fromLogits; }

    public double labelSmoothing() { return labelSmoothing; }

    public int axis() { return axis; }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1], applyClassBalancing, alpha, gamma, fromLogits, labelSmoothing, axis);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred, boolean applyClassBalancing, double alpha, double gamma,
                          boolean fromLogits, double labelSmoothing, int axis) {
        Ranks.requireSameShape("binary_focal_crossentropy", yTrue, yPred);
        int ax = Ranks.axis("binary_focal_crossentropy", axis, yPred.rank());
        Tensor t = Crossentropy.smoothBinary(yTrue, labelSmoothing);
        Tensor p = fromLogits ? yPred.sigmoid() : yPred;
        Tensor bce = Crossentropy.binary(t, p, false);
        Tensor notT = t.neg().add(1.0);
        Tensor pT = t.mul(p).add(notT.mul(p.neg().add(1.0)));
        // γ = 0 skips the factor ((1 − p_t)^0 is 1); otherwise a confident, exact p_t = 1 gets the subgradient 0
        Tensor focal = gamma == 0 ? bce : Crossentropy.powZeroSafe(pT.neg().add(1.0), gamma).mul(bce);
        if (applyClassBalancing) focal = t.mul(alpha).add(notT.mul(1.0 - alpha)).mul(focal);
        return focal.mean(ax);
    }

    @Override
    public BinaryFocalCrossentropy reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public BinaryFocalCrossentropy name(String name) { super.name(name); return this; }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
        config.put("apply_class_balancing", applyClassBalancing);
        config.put("alpha", alpha);
        config.put("gamma", gamma);
    }

    @Override
    void checkInputs(LossChecks c) {
        c.sameShape();
        c.binaryLabels();
        c.probabilities(fromLogits, "sigmoid");
    }
}
