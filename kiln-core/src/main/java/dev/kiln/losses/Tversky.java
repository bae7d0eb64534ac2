package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tversky loss, a Dice loss that weighs false positives and false negatives separately:
 * {@code loss = 1 − TP / (TP + α·FP + β·FN + ε)} with {@code TP = Σ t·p}, {@code FP = Σ (1 − t)·p},
 * {@code FN = Σ t·(1 − p)} over {@code axis} (default null: everything, one scalar). α weighs false
 * positives, β false negatives; defaults 0.5 and 0.5 (Dice). Name {@code tversky}.
 *
 * <pre>{@code
 * Tensor loss = new Tversky().alpha(0.3).beta(0.7).apply(Tensor.of(new double[][] {{1, 0}, {1, 1}}),
 *         Tensor.of(new double[][] {{0.9, 0.2}, {0.8, 0.6}}));
 * }</pre>
 */
public class Tversky extends Loss {
    private double alpha = 0.5;
    private double beta = 0.5;
    private int[] axis;

    public Tversky() { super("tversky"); }

    /** The weight of false positives (default 0.5). */
    public Tversky alpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    /** The weight of false negatives (default 0.5). */
    public Tversky beta(double beta) {
        this.beta = beta;
        return this;
    }

    /** The axes summed over (default null: all). */
    public Tversky axis(int... axis) {
        this.axis = axis == null ? null : axis.clone();
        return this;
    }

    public double alpha() { return alpha; }

    public double beta() { return beta; }

    public int[] axis() { return axis == null ? null : axis.clone(); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1], alpha, beta, axis);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred, double alpha, double beta, int[] axis) {
        Ranks.requireSameShape("tversky", yTrue, yPred);
        Tensor truePos = yTrue.mul(yPred).sum(axis, false);
        Tensor falseNeg = yTrue.mul(yPred.neg().add(1.0)).sum(axis, false);
        Tensor falsePos = yTrue.neg().add(1.0).mul(yPred).sum(axis, false);
        Tensor denominator = truePos.add(falsePos.mul(alpha)).add(falseNeg.mul(beta)).add(Losses.EPSILON);
        return truePos.div(denominator).neg().add(1.0);
    }

    @Override
    public Tversky reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public Tversky name(String name) { super.name(name); return this; }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("alpha", alpha);
        config.put("beta", beta);
        config.put("axis", axis == null ? null : Arrays.stream(axis).boxed().collect(Collectors.toList()));
    }

    @Override
    void checkInputs(LossChecks c) { Dice.overlapChecks(c); }
}
