package dev.kiln.optim;

import java.util.Map;

/**
 * RMSprop, Keras 3's formulas: v ← ρ·v + (1 − ρ)·g²; centered: ḡ ← ρ·ḡ + (1 − ρ)·g and d = v − ḡ² + ε,
 * else d = v + ε; Δ = lr·g/√d; with momentum μ: s ← μ·s + Δ, w ← w − s, else w ← w − Δ.
 * Defaults: learning rate 0.001, ρ 0.9, momentum 0, ε 1e-7, centered false.
 *
 * <pre>{@code
 * model.compile(new RMSprop(), "mse");
 * new RMSprop(1e-3).rho(0.95).centered(true);
 * }</pre>
 */
public class RMSprop extends Optimizer {
    /** Keras's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default ρ, the decay of the moving average of g². */
    public static final double DEFAULT_RHO = 0.9;
    /** Momentum off by default. */
    public static final double DEFAULT_MOMENTUM = 0.0;
    /** Added inside the square root, as Keras 3 does (√(v + ε)). */
    public static final double DEFAULT_EPSILON = 1e-7;
    /** Not centered by default. */
    public static final boolean DEFAULT_CENTERED = false;

    private double rho = DEFAULT_RHO;
    private double momentum = DEFAULT_MOMENTUM;
    private double epsilon = DEFAULT_EPSILON;
    private boolean centered = DEFAULT_CENTERED;

    /** With Keras's defaults. */
    public RMSprop() { this(DEFAULT_LEARNING_RATE); }

    /** With this learning rate and Keras's other defaults. */
    public RMSprop(double learningRate) { super(learningRate); }

    /** With a learning-rate schedule, evaluated at the iteration count before each step. */
    public RMSprop(LearningRateSchedule schedule) { super(schedule); }

    /** ρ, the decay of the moving averages, in [0, 1]. */
    public RMSprop rho(double rho) { this.rho = checkRange("rho", rho, 0.0, 1.0); return this; }

    /** Momentum in [0, 1] (default 0); switching it on or off must precede the first step. */
    public RMSprop momentum(double momentum) {
        checkRange("momentum", momentum, 0.0, 1.0);
        if ((momentum > 0) != (this.momentum > 0)) requireNoState("momentum");
        this.momentum = momentum;
        return this;
    }

    /** ε, added to the denominator (default 1e-7). */
    public RMSprop epsilon(double epsilon) { this.epsilon = checkRange("epsilon", epsilon, 0.0, Double.MAX_VALUE); return this; }

    /** Divides by the estimated variance of g (centered RMSprop); must be chosen before the first step. */
    public RMSprop centered(boolean centered) {
        if (centered != this.centered) requireNoState("centered");
        this.centered = centered;
        return this;
    }

    @Override
    protected String[] slotNames() {
        if (momentum > 0 && centered) return new String[] {"velocity", "momentum", "average_gradient"};
        if (momentum > 0) return new String[] {"velocity", "momentum"};
        if (centered) return new String[] {"velocity", "average_gradient"};
        return new String[] {"velocity"};
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step) {
        double[] v = slots[0];
        double[] s = momentum > 0 ? slots[1] : null;
        double[] avg = centered ? slots[slots.length - 1] : null;
        for (int i = 0; i < w.length; i++) {
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
            double d;
            if (avg != null) {
                avg[i] = rho * avg[i] + (1 - rho) * g[i];
                d = v[i] - avg[i] * avg[i] + epsilon;
            } else {
                d = v[i] + epsilon;
            }
            double inc = lr * g[i] / Math.sqrt(d);
            if (s != null) {
                s[i] = momentum * s[i] + inc;
                w[i] -= s[i];
            } else {
                w[i] -= inc;
            }
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("rho", rho);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("centered", centered);
        return c;
    }

    // covariant returns, so that settings chain in any order: new RMSprop(…).clipnorm(1).…
    @Override public RMSprop learningRate(double lr) { super.learningRate(lr); return this; }
    @Override public RMSprop learningRate(LearningRateSchedule s) { super.learningRate(s); return this; }
    @Override public RMSprop lr(double lr) { super.lr(lr); return this; }
    @Override public RMSprop decay(double d) { super.decay(d); return this; }
    @Override public RMSprop clipnorm(double c) { super.clipnorm(c); return this; }
    @Override public RMSprop clipvalue(double c) { super.clipvalue(c); return this; }
    @Override public RMSprop globalClipnorm(double c) { super.globalClipnorm(c); return this; }
    @Override public RMSprop weightDecay(double wd) { super.weightDecay(wd); return this; }
}
