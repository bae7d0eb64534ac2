package dev.kiln.losses;

import dev.kiln.tensor.Tensor;

/**
 * Mean of squared errors over the last axis: {@code loss = mean((yTrue − yPred)², axis=-1)}.
 * Name {@code mean_squared_error}; aliases {@code mse}, {@code MSE}; default reduction sum over batch size.
 *
 * <pre>{@code
 * Tensor loss = new MeanSquaredError().apply(Tensor.of(new double[][] {{0, 1}, {0, 0}}),
 *         Tensor.of(new double[][] {{1, 1}, {1, 0}}));   // 0.5
 * }</pre>
 */
public class MeanSquaredError extends Loss {
    public MeanSquaredError() { super("mean_squared_error"); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) { return compute(yTrue, yPred); }

    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.alignSameShape("mean_squared_error", yTrue, yPred);
        return tp[0].sub(tp[1]).square().mean(-1);
    }

    @Override
    public MeanSquaredError reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public MeanSquaredError name(String name) { super.name(name); return this; }

    @Override
    void checkInputs(LossChecks c) { c.sameShape(); }
}
