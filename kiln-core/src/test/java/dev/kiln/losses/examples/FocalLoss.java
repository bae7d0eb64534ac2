package dev.kiln.losses.examples;

import dev.kiln.losses.Loss;
import dev.kiln.losses.Losses;
import dev.kiln.tensor.Tensor;

/**
 * A custom loss written as a user would: binary focal cross-entropy (Lin et al., 2017) as a subclass of
 * {@link Loss} that overrides {@link #call} with tensor operations only. The base class adds sample
 * weights, masks and the reduction, and autodiff gives the gradient; nothing else is needed.
 *
 * <p>{@code loss = mean(w · (1 − p_t)^γ · bce, axis=-1)} with {@code p_t = t·p + (1 − t)·(1 − p)},
 * {@code bce = −[t·log q + (1 − t)·log(1 − q)]}, {@code q = clip(p, ε, 1 − ε)} and
 * {@code w = t·α + (1 − t)·(1 − α)}: the built-in {@link dev.kiln.losses.BinaryFocalCrossentropy} with
 * {@code applyClassBalancing(true)}.
 *
 * <pre>{@code
 * Loss focal = new FocalLoss(2.0, 0.25);
 * Tensor value = focal.apply(labels, probabilities);   // scalar, sum over batch size
 * }</pre>
 */
public class FocalLoss extends Loss {
    private final double gamma;
    private final double alpha;

    public FocalLoss(double gamma, double alpha) {
        if (gamma < 0) throw new IllegalArgumentException("FocalLoss: gamma (" + gamma + ") must be >= 0");
        this.gamma = gamma;
        this.alpha = alpha;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor notT = yTrue.neg().add(1.0);
        Tensor q = yPred.clip(Losses.EPSILON, 1 - Losses.EPSILON);
        Tensor bce = yTrue.mul(q.log()).add(notT.mul(q.neg().add(1.0).log())).neg();
        Tensor pT = yTrue.mul(yPred).add(notT.mul(yPred.neg().add(1.0)));
        Tensor focal = pT.neg().add(1.0).pow(gamma).mul(bce);
        Tensor weight = yTrue.mul(alpha).add(notT.mul(1 - alpha));
        return weight.mul(focal).mean(-1);
    }
}
