package dev.kiln.optim;

import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum and Nesterov momentum, Keras 3's formulas:
 * without momentum w ← w − lr·g; with momentum v ← momentum·v − lr·g, then w ← w + v, or with
 * nesterov w ← w + momentum·v − lr·g. Defaults: learning rate 0.01, momentum 0, nesterov false; Keras 2's
 * {@code decay} (lr / (1 + decay·iterations)) is accepted.
 *
 * <pre>{@code
 * model.compile(new SGD(0.01).momentum(0.9), "categorical_crossentropy", "accuracy");
 * new SGD(0.01).momentum(0.9).nesterov(true).decay(0.01 / 100);
 * }</pre>
 */
public class SGD extends Optimizer {
    /** Keras's default learning rate for SGD. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Momentum off by default. */
    public static final double DEFAULT_MOMENTUM = 0.0;
    /** Nesterov momentum off by default. */
    public static final boolean DEFAULT_NESTEROV = false;

    private double momentum = DEFAULT_MOMENTUM;
    private boolean nesterov = DEFAULT_NESTEROV;

    /** With Keras's defaults. */
    public SGD() { this(DEFAULT_LEARNING_RATE); }

    /** With this learning rate and Keras's other defaults. */
    public SGD(double learningRate) { super(learningRate); }

    /** With a learning-rate schedule, evaluated at the iteration count before each step. */
    public SGD(LearningRateSchedule schedule) { super(schedule); }

    /** Momentum in [0, 1] (0: plain gradient descent). */
    public SGD momentum(double momentum) {
        checkRange("momentum", momentum, 0.0, 1.0);
        if ((momentum > 0) != (this.momentum > 0)) requireNoState("momentum");
        this.momentum = momentum;
        return this;
    }

    /** The momentum. */
    public double momentum() { return momentum; }

    /** Nesterov momentum (default false). */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    /** Whether Nesterov momentum is on. */
    public boolean nesterov() { return nesterov; }

    @Override protected String[] slotNames() { return momentum > 0 ? new String[] {"momentum"} : new String[0]; }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step) {
        int n = w.length;
        if (slots.length == 0) {
            for (int i = 0; i < n; i++) w[i] -= lr * g[i];
            return;
        }
        double[] v = slots[0];
        for (int i = 0; i < n; i++) {
            v[i] = momentum * v[i] - lr * g[i];
            w[i] += nesterov ? momentum * v[i] - lr * g[i] : v[i];
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("momentum", momentum);
        c.put("nesterov", nesterov);
        return c;
    }

    // covariant returns, so that settings chain in any order: new SGD(…).clipnorm(1).…
    @Override public SGD learningRate(double lr) { super.learningRate(lr); return this; }
    @Override public SGD learningRate(LearningRateSchedule s) { super.learningRate(s); return this; }
    @Override public SGD lr(double lr) { super.lr(lr); return this; }
    @Override public SGD decay(double d) { super.decay(d); return this; }
    @Override public SGD clipnorm(double c) { super.clipnorm(c); return this; }
    @Override public SGD clipvalue(double c) { super.clipvalue(c); return this; }
    @Override public SGD globalClipnorm(double c) { super.globalClipnorm(c); return this; }
    @Override public SGD weightDecay(double wd) { super.weightDecay(wd); return this; }
}
