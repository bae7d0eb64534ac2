package dev.kiln.losses;

import dev.kiln.tensor.Tensor;

/**
 * Mean of absolute errors over the last axis: {@code loss = mean(|yTrue − yPred|, axis=-1)}.
 * Name {@code mean_absolute_error}; aliases {@code mae}, {@code MAE}; default reduction sum over batch size.
 *
 * <pre>{@code
 * Tensor loss = new MeanAbsoluteError().apply(Tensor.of(new double[][] {{0, 1}, {0, 0}}),
 *         Tensor.of(new double[][] {{1, 1}, {1, 0}}));   // 0.5
 * }</pre>
 */
public class MeanAbsoluteError extends Loss {
    public MeanAbsoluteError() { super("mean_absolute_error"); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) { return compute(yTrue, yPred); }

    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.alignSameShape("mean_absolute_error", yTrue, yPred);
        return tp[0].sub(tp[1]).abs().mean(-1);
    }

    @Override
    public MeanAbsoluteError reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public MeanAbsoluteError name(String name) { super.name(name); return this; }

    @Override
    void checkInputs(LossChecks c) { c.sameShape(); }
}
