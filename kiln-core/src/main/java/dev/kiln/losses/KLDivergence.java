package dev.kiln.losses;

import dev.kiln.tensor.Tensor;

/**
 * Kullback–Leibler divergence of the prediction from the target distribution, summed over the last axis:
 * {@code loss = Σ(t'·log(t'/p'), axis=-1)} with {@code t' = clip(yTrue, ε, 1)}, {@code p' = clip(yPred, ε, 1)},
 * ε = 1e-7. Name {@code kl_divergence}; aliases {@code kld}, {@code KLD} (and the Keras 2 name
 * {@code kullback_leibler_divergence}); default reduction sum over batch size.
 *
 * <pre>{@code
 * Tensor loss = new KLDivergence().apply(Tensor.of(new double[][] {{0, 1}, {0, 0}}),
 *         Tensor.of(new double[][] {{0.6, 0.4}, {0.4, 0.6}}));   // 0.45814306
 * }</pre>
 */
public class KLDivergence extends Loss {
    public KLDivergence() { super("kl_divergence"); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Ranks.requireSameShape("kl_divergence", yTrue, yPred);
        Tensor t = yTrue.clip(Losses.EPSILON, 1.0);
        Tensor p = yPred.clip(Losses.EPSILON, 1.0);
        return t.mul(t.div(p).log()).sum(-1);
    }

    @Override
    public KLDivergence reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public KLDivergence name(String name) { super.name(name); return this; }

    @Override
    void checkInputs(LossChecks c) {
        c.sameShape();
        c.probabilities(false, "softmax");
    }
}
