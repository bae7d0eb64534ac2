package dev.kiln.losses;

import dev.kiln.tensor.Tensor;

/**
 * Mean squared logarithmic error over the last axis:
 * {@code loss = mean((log(max(yPred, ε) + 1) − log(max(yTrue, ε) + 1))², axis=-1)}, ε = 1e-7 (negative
 * values count as ε). Name {@code mean_squared_logarithmic_error}; aliases {@code msle}, {@code MSLE};
 * default reduction sum over batch size.
 *
 * <pre>{@code
 * Tensor loss = new MeanSquaredLogarithmicError().apply(Tensor.of(new double[][] {{0, 1}, {0, 0}}),
 *         Tensor.of(new double[][] {{1, 1}, {1, 0}}));   // 0.24022643
 * }</pre>
 */
public class MeanSquaredLogarithmicError extends Loss {
    public MeanSquaredLogarithmicError() { super("mean_squared_logarithmic_error"); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) { return compute(yTrue, yPred); }

    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.alignSameShape("mean_squared_logarithmic_error", yTrue, yPred);
        // log(x + 1) rather than log1p(x): the float32 rounding of x + 1 is part of Keras's numbers
        Tensor first = tp[1].maximum(Losses.EPSILON).add(1.0).log();
        Tensor second = tp[0].maximum(Losses.EPSILON).add(1.0).log();
        return first.sub(second).square().mean(-1);
    }

    @Override
    public MeanSquaredLogarithmicError reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public MeanSquaredLogarithmicError name(String name) { super.name(name); return this; }

    @Override
    void checkInputs(LossChecks c) {
        c.sameShape();
        c.nonNegative(c.labels(), "y_true", "they are treated as 1e-7 (MSLE is meant for non-negative targets)");
        c.nonNegative(c.predictions(), "y_pred", "they are treated as 1e-7; a relu or softplus output keeps predictions >= 0");
    }
}
