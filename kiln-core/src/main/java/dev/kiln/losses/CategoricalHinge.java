package dev.kiln.losses;

import dev.kiln.tensor.Tensor;

/**
 * Categorical hinge loss for one-hot labels: with {@code pos = Σ(t·p, axis=-1)} and
 * {@code neg = max((1 − t)·p, axis=-1)}, {@code loss = max(neg − pos + 1, 0)}. Labels are not converted.
 * Name {@code categorical_hinge}; default reduction sum over batch size.
 *
 * <pre>{@code
 * Tensor loss = new CategoricalHinge().apply(Tensor.of(new double[][] {{0, 1}, {0, 0}}),
 *         Tensor.of(new double[][] {{0.6, 0.4}, {0.4, 0.6}}));   // 1.4
 * }</pre>
 */
public class CategoricalHinge extends Loss {
    public CategoricalHinge() { super("categorical_hinge"); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Ranks.requireSameShape("categorical_hinge", yTrue, yPred);
        Tensor pos = yTrue.mul(yPred).sum(-1);
        Tensor neg = yTrue.neg().add(1.0).mul(yPred).max(-1);
        return neg.sub(pos).add(1.0).maximum(0.0);
    }

    @Override
    public CategoricalHinge reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public CategoricalHinge name(String name) { super.name(name); return this; }

    @Override
    void checkInputs(LossChecks c) { c.categoricalLabels(-1); }
}
