package dev.kiln.losses;

import dev.kiln.tensor.Tensor;

/**
 * Squared hinge loss for ±1 labels: {@code loss = mean(max(1 − yTrue·yPred, 0)², axis=-1)}; labels all
 * in {0, 1} are converted to −1/1 first, as for {@link Hinge}. Name {@code squared_hinge}; default
 * reduction sum over batch size.
 *
 * <pre>{@code
 * Tensor loss = new SquaredHinge().apply(Tensor.of(new double[][] {{0, 1}, {0, 0}}),
 *         Tensor.of(new double[][] {{0.6, 0.4}, {0.4, 0.6}}));   // 1.86
 * }</pre>
 */
public class SquaredHinge extends Loss {
    public SquaredHinge() { super("squared_hinge"); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Ranks.requireSameShape("squared_hinge", yTrue, yPred);
        return Hinge.margin(yTrue, yPred).square().mean(-1);
    }

    @Override
    public SquaredHinge reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public SquaredHinge name(String name) { super.name(name); return this; }

    @Override
    void checkInputs(LossChecks c) {
        c.sameShape();
        c.hingeLabels(true);
    }
}
