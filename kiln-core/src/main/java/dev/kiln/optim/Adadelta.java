package dev.kiln.optim;

import java.util.Map;

/**
 * Adadelta, Keras 3's formulas: a ← ρ·a + (1 − ρ)·g²; Δ = −√(d + ε)/√(a + ε)·g; d ← ρ·d + (1 − ρ)·Δ²;
 * w ← w + lr·Δ. Defaults: learning rate 0.001 (Keras 3; Keras 2 used 1.0), ρ 0.95, ε 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adadelta(1.0), "mse");
 * }</pre>
 */
public class Adadelta extends Optimizer {
    /** Keras's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default ρ, the decay of the moving average of g². */
    public static final double DEFAULT_RHO = 0.95;
    /** Keras's default ε, which keeps the denominator away from 0. */
    public static final double DEFAULT_EPSILON = 1e-7;

    private double rho = DEFAULT_RHO;
    private double epsilon = DEFAULT_EPSILON;

    /** With Keras's defaults. */
    public Adadelta() { this(DEFAULT_LEARNING_RATE); }

    /** With this learning rate and Keras's other defaults. */
    public Adadelta(double learningRate) { super(learningRate); }

    /** With a learning-rate schedule, evaluated at the iteration count before each step. */
    public Adadelta(LearningRateSchedule schedule) { super(schedule); }

    /** ρ, the decay of the moving averages, in [0, 1]. */
    public Adadelta rho(double rho) { this.rho = checkRange("rho", rho, 0.0, 1.0); return this; }

    /** ε, added to the denominator (default 1e-7). */
    public Adadelta epsilon(double epsilon) { this.epsilon = checkRange("epsilon", epsilon, 0.0, Double.MAX_VALUE); return this; }

    @Override protected String[] slotNames() { return new String[] {"accumulated_grad", "accumulated_delta_var"}; }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step) {
        double[] a = slots[0], d = slots[1];
        for (int i = 0; i < w.length; i++) {
            a[i] = rho * a[i] + (1 - rho) * g[i] * g[i];
            double delta = -Math.sqrt(d[i] + epsilon) * g[i] / Math.sqrt(a[i] + epsilon);
            d[i] = rho * d[i] + (1 - rho) * delta * delta;
            w[i] += lr * delta;
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("rho", rho);
        c.put("epsilon", epsilon);
        return c;
    }

    // covariant returns, so that settings chain in any order: new Adadelta(…).clipnorm(1).…
    @Override public Adadelta learningRate(double lr) { super.learningRate(lr); return this; }
    @Override public Adadelta learningRate(LearningRateSchedule s) { super.learningRate(s); return this; }
    @Override public Adadelta lr(double lr) { super.lr(lr); return this; }
    @Override public Adadelta decay(double d) { super.decay(d); return this; }
    @Override public Adadelta clipnorm(double c) { super.clipnorm(c); return this; }
    @Override public Adadelta clipvalue(double c) { super.clipvalue(c); return this; }
    @Override public Adadelta globalClipnorm(double c) { super.globalClipnorm(c); return this; }
    @Override public Adadelta weightDecay(double wd) { super.weightDecay(wd); return this; }
}
