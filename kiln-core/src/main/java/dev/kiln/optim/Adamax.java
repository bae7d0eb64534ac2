package dev.kiln.optim;

import java.util.Map;

/**
 * Adamax (Adam with the infinity norm), Keras 3's formulas: with t = iterations + 1,
 * m ← m + (g − m)(1 − β1), u ← max(β2·u, |g|), w ← w − lr·m/((1 − β1^t)(u + ε)).
 * Defaults: learning rate 0.001, β1 0.9, β2 0.999, ε 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adamax(2e-3), "mse");
 * }</pre>
 */
public class Adamax extends Optimizer {
    /** Keras's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default β1, the decay of the first-moment (mean) average. */
    public static final double DEFAULT_BETA_1 = 0.9;
    /** Keras's default β2, the decay of the second-moment average. */
    public static final double DEFAULT_BETA_2 = 0.999;
    /** Keras's default ε, which keeps the denominator away from 0. */
    public static final double DEFAULT_EPSILON = 1e-7;

    private double beta1 = DEFAULT_BETA_1;
    private double beta2 = DEFAULT_BETA_2;
    private double epsilon = DEFAULT_EPSILON;

    /** With Keras's defaults. */
    public Adamax() { this(DEFAULT_LEARNING_RATE); }

    /** With this learning rate and Keras's other defaults. */
    public Adamax(double learningRate) { super(learningRate); }

    /** With a learning-rate schedule, evaluated at the iteration count before each step. */
    public Adamax(LearningRateSchedule schedule) { super(schedule); }

    /** β1, the decay of the first-moment average, in [0, 1] (default 0.9). */
    public Adamax beta1(double b) { this.beta1 = checkRange("beta1", b, 0.0, 1.0); return this; }

    /** β2, the decay of the second-moment average, in [0, 1] (default 0.999). */
    public Adamax beta2(double b) { this.beta2 = checkRange("beta2", b, 0.0, 1.0); return this; }

    /** ε, added to the denominator (default 1e-7). */
    public Adamax epsilon(double e) { this.epsilon = checkRange("epsilon", e, 0.0, Double.MAX_VALUE); return this; }

    @Override protected String[] slotNames() { return new String[] {"m", "u"}; }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step) {
        double[] m = slots[0], u = slots[1];
        double correction = 1 - Math.pow(beta1, step);
        for (int i = 0; i < w.length; i++) {
            m[i] += (g[i] - m[i]) * (1 - beta1);
            u[i] = Math.max(beta2 * u[i], Math.abs(g[i]));
            w[i] -= lr * m[i] / (correction * (u[i] + epsilon));
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        return c;
    }

    // covariant returns, so that settings chain in any order: new Adamax(…).clipnorm(1).…
    @Override public Adamax learningRate(double lr) { super.learningRate(lr); return this; }
    @Override public Adamax learningRate(LearningRateSchedule s) { super.learningRate(s); return this; }
    @Override public Adamax lr(double lr) { super.lr(lr); return this; }
    @Override public Adamax decay(double d) { super.decay(d); return this; }
    @Override public Adamax clipnorm(double c) { super.clipnorm(c); return this; }
    @Override public Adamax clipvalue(double c) { super.clipvalue(c); return this; }
    @Override public Adamax globalClipnorm(double c) { super.globalClipnorm(c); return this; }
    @Override public Adamax weightDecay(double wd) { super.weightDecay(wd); return this; }
}
