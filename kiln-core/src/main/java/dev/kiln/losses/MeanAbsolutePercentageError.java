package dev.kiln.losses;

import dev.kiln.tensor.Tensor;

/**
 * Mean absolute percentage error over the last axis:
 * {@code loss = 100 · mean(|(yTrue − yPred) / max(|yTrue|, ε)|, axis=-1)}, ε = 1e-7, so a zero target
 * gives a large but finite value. Name {@code mean_absolute_percentage_error}; aliases {@code mape},
 * {@code MAPE}; default reduction sum over batch size.
 *
 * <pre>{@code
 * Tensor loss = new MeanAbsolutePercentageError().apply(Tensor.of(new double[][] {{2, 4}}),
 *         Tensor.of(new double[][] {{1, 5}}));   // 37.5
 * }</pre>
 */
public class MeanAbsolutePercentageError extends Loss {
    public MeanAbsolutePercentageError() { super("mean_absolute_percentage_error"); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) { return compute(yTrue, yPred); }

    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.alignSameShape("mean_absolute_percentage_error", yTrue, yPred);
        Tensor t = tp[0], p = tp[1];
        Tensor diff = t.sub(p).div(t.abs().maximum(Losses.EPSILON)).abs();
        return diff.mean(-1).mul(100.0);
    }

    @Override
    public MeanAbsolutePercentageError reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public MeanAbsolutePercentageError name(String name) { super.name(name); return this; }

    @Override
    void checkInputs(LossChecks c) {
        c.sameShape();
        for (double v : c.labels()) {
            if (v == 0) {
                c.warn("some targets are 0; their percentage error divides by 1e-7 and dominates the loss "
                        + "(use MeanAbsoluteError, or MeanSquaredLogarithmicError for relative errors)");
                return;
            }
        }
    }
}
