package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Dice loss for segmentation masks: {@code loss = 1 − 2·Σ(t·p) / (Σt + Σp + ε)}, sums over {@code axis}.
 * With the default axis (null) the sums run over the whole batch and the loss is one scalar, which no
 * reduction divides again; pass e.g. {@code axis(1, 2, 3)} for one value per image. ε = 1e-7. Name
 * {@code dice}. Expects probabilities (sigmoid output) and 0/1 masks.
 *
 * <pre>{@code
 * Tensor loss = new Dice().apply(Tensor.of(new double[][] {{1, 0}, {1, 1}}),
 *         Tensor.of(new double[][] {{0.9, 0.2}, {0.8, 0.6}}));   // 0.16363627
 * }</pre>
 */
public class Dice extends Loss {
    private int[] axis;

    public Dice() { super("dice"); }

    /** The axes summed over (default null: all axes, one scalar for the batch). */
    public Dice axis(int... axis) {
        this.axis = axis == null ? null : axis.clone();
        return this;
    }

    public int[] axis() { return axis == null ? null : axis.clone(); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1], axis);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred, int[] axis) {
        Ranks.requireSameShape("dice", yTrue, yPred);
        Tensor intersection = yTrue.mul(yPred).sum(axis, false);
        Tensor denominator = yTrue.sum(axis, false).add(yPred.sum(axis, false)).add(Losses.EPSILON);
        return intersection.mul(2.0).div(denominator).neg().add(1.0);
    }

    @Override
    public Dice reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public Dice name(String name) { super.name(name); return this; }

    @Override
    protected void addConfig(Map<String, Object> config) { config.put("axis", axis == null ? null : Arrays.stream(axis).boxed().collect(Collectors.toList())); }

    @Override
    void checkInputs(LossChecks c) { overlapChecks(c); }

    /** Dice and Tversky: same shapes, labels and predictions in [0, 1] (otherwise the loss can go negative). */
    static void overlapChecks(LossChecks c) {
        c.sameShape();
        for (double v : c.labels()) {
            if (v < 0 || v > 1) {
                throw c.error("y_true has the value " + v + ", outside [0, 1]: this loss expects 0/1 masks "
                        + "(one channel per class, one-hot)");
            }
        }
        c.probabilities(false, "sigmoid (or softmax over classes)");
    }
}
