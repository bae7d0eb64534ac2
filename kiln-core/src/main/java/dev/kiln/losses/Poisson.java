package dev.kiln.losses;

import dev.kiln.tensor.Tensor;

/**
 * Poisson negative log-likelihood (up to a constant) for count targets:
 * {@code loss = mean(yPred − yTrue·log(yPred + ε), axis=-1)}, ε = 1e-7. The prediction is a rate and must
 * be ≥ 0 (use an exponential or softplus output). Name {@code poisson}; default reduction sum over batch size.
 *
 * <pre>{@code
 * Tensor loss = new Poisson().apply(Tensor.of(new double[][] {{0, 1}, {0, 0}}),
 *         Tensor.of(new double[][] {{1, 1}, {0, 0}}));   // 0.5
 * }</pre>
 */
public class Poisson extends Loss {
    public Poisson() { super("poisson"); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Ranks.requireSameShape("poisson", yTrue, yPred);
        return yPred.sub(yTrue.mul(yPred.add(Losses.EPSILON).log())).mean(-1);
    }

    @Override
    public Poisson reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public Poisson name(String name) { super.name(name); return this; }

    @Override
    void checkInputs(LossChecks c) {
        c.sameShape();
        for (double v : c.predictions()) {
            if (v < 0) {
                throw c.error("y_pred has negative values (e.g. " + v + "), but it is a Poisson rate and the loss takes its "
                        + "log (NaN); use an exponential or softplus output activation");
            }
        }
        c.nonNegative(c.labels(), "y_true", "Poisson targets are counts (>= 0)");
    }
}
