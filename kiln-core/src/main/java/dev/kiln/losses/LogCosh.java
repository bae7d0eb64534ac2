package dev.kiln.losses;

import dev.kiln.tensor.Tensor;

/**
 * Logarithm of the hyperbolic cosine of the error, like MSE for small errors and MAE for large ones:
 * with {@code x = yPred − yTrue}, {@code loss = mean(x + softplus(−2x) − ln 2, axis=-1)} (that is
 * {@code log cosh x}, without overflow). Name {@code log_cosh}; default reduction sum over batch size.
 *
 * <pre>{@code
 * Tensor loss = new LogCosh().apply(Tensor.of(new double[][] {{0, 1}, {0, 0}}),
 *         Tensor.of(new double[][] {{1, 1}, {0, 0}}));   // 0.1084452
 * }</pre>
 */
public class LogCosh extends Loss {
    private static final double LN2 = Math.log(2.0);

    public LogCosh() { super("log_cosh"); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) { return compute(yTrue, yPred); }

    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.alignSameShape("log_cosh", yTrue, yPred);
        Tensor x = tp[1].sub(tp[0]);
        // Keras's composition (not the logCosh primitive), so that float32 results round as Keras's do
        return x.add(x.mul(-2.0).softplus()).sub(LN2).mean(-1);
    }

    @Override
    public LogCosh reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public LogCosh name(String name) { super.name(name); return this; }

    @Override
    void checkInputs(LossChecks c) { c.sameShape(); }
}
