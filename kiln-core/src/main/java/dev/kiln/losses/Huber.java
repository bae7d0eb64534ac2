package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Huber loss, quadratic for small errors and linear for large ones: with {@code e = yPred − yTrue},
 * {@code loss = mean(0.5·e² if |e| ≤ δ else δ·|e| − 0.5·δ², axis=-1)}. Default δ = 1.0; name
 * {@code huber_loss}; default reduction sum over batch size. Robust to outliers in regression targets.
 *
 * <pre>{@code
 * Tensor loss = new Huber().delta(1.0).apply(Tensor.of(new double[][] {{0, 1}, {0, 0}}),
 *         Tensor.of(new double[][] {{0.6, 0.4}, {0.4, 0.6}}));   // 0.155
 * }</pre>
 */
public class Huber extends Loss {
    private double delta = 1.0;

    public Huber() { super("huber_loss"); }

    /** The threshold δ where the loss turns from quadratic to linear (default 1.0). */
    public Huber delta(double delta) {
        if (!(delta >= 0) || Double.isInfinite(delta)) throw new IllegalArgumentException("huber_loss: delta (" + delta + ") must be finite and >= 0");
        this.delta = delta;
        return this;
    }

    public double delta() { return delta; }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) { return compute(yTrue, yPred, delta); }

    static Tensor compute(Tensor yTrue, Tensor yPred, double delta) {
        Tensor[] tp = Ranks.alignSameShape("huber_loss", yTrue, yPred);
        Tensor error = tp[1].sub(tp[0]);
        Tensor absError = error.abs();
        Tensor quadratic = error.square().mul(0.5);
        Tensor linear = absError.mul(delta).sub(0.5 * delta * delta);
        return Tensor.where(absError.lessEqual(delta), quadratic, linear).mean(-1);
    }

    @Override
    public Huber reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public Huber name(String name) { super.name(name); return this; }

    @Override
    protected void addConfig(Map<String, Object> config) { config.put("delta", delta); }

    @Override
    void checkInputs(LossChecks c) { c.sameShape(); }
}
