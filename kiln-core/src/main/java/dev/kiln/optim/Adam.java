package dev.kiln.optim;

import java.util.Map;

/**
 * Adam (Kingma and Ba), in Keras 3's form: with t = iterations + 1,
 * m ← m + (g − m)(1 − β1), v ← v + (g² − v)(1 − β2), (amsgrad: v̂ ← max(v̂, v), used for v),
 * w ← w − lr·√(1 − β2^t)/(1 − β1^t) · m/(√v + ε). Defaults: learning rate 0.001, β1 0.9, β2 0.999,
 * ε 1e-7, amsgrad false.
 *
 * <pre>{@code
 * model.compile(new Adam(), "mse");
 * new Adam(3e-4).beta1(0.8).amsgrad(true);
 * }</pre>
 */
public class Adam extends Optimizer {
    /** Keras's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default β1, the decay of the first-moment (mean) average. */
    public static final double DEFAULT_BETA_1 = 0.9;
    /** Keras's default β2, the decay of the second-moment average. */
    public static final double DEFAULT_BETA_2 = 0.999;
    /** Keras's ε (TensorFlow's 1e-7, not the paper's 1e-8), added to √v. */
    public static final double DEFAULT_EPSILON = 1e-7;
    /** AMSGrad off by default. */
    public static final boolean DEFAULT_AMSGRAD = false;

    private double beta1 = DEFAULT_BETA_1;
    private double beta2 = DEFAULT_BETA_2;
    private double epsilon = DEFAULT_EPSILON;
    private boolean amsgrad = DEFAULT_AMSGRAD;

    /** With Keras's defaults. */
    public Adam() { this(DEFAULT_LEARNING_RATE); }

    /** With this learning rate and Keras's other defaults. */
    public Adam(double learningRate) { super(learningRate); }

    /** With a learning-rate schedule, evaluated at the iteration count before each step. */
    public Adam(LearningRateSchedule schedule) { super(schedule); }

    /** β1, the decay of the first-moment average, in [0, 1] (default 0.9). */
    public Adam beta1(double beta1) { this.beta1 = checkRange("beta1", beta1, 0.0, 1.0); return this; }

    /** β2, the decay of the second-moment average, in [0, 1] (default 0.999). */
    public Adam beta2(double beta2) { this.beta2 = checkRange("beta2", beta2, 0.0, 1.0); return this; }

    /** ε, added to the denominator (default 1e-7). */
    public Adam epsilon(double epsilon) { this.epsilon = checkRange("epsilon", epsilon, 0.0, Double.MAX_VALUE); return this; }

    /** Uses the running maximum of v (AMSGrad); must be chosen before the first step. */
    public Adam amsgrad(boolean amsgrad) {
        if (amsgrad != this.amsgrad) requireNoState("amsgrad");
        this.amsgrad = amsgrad;
        return this;
    }

    /** β1. */
    public double beta1() { return beta1; }

    /** β2. */
    public double beta2() { return beta2; }

    /** ε. */
    public double epsilon() { return epsilon; }

    /** Whether AMSGrad is on. */
    public boolean amsgrad() { return amsgrad; }

    @Override
    protected String[] slotNames() {
        return amsgrad ? new String[] {"momentum", "velocity", "velocity_hat"} : new String[] {"momentum", "velocity"};
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step) {
        double alpha = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        double[] m = slots[0], v = slots[1], vHat = amsgrad ? slots[2] : null;
        for (int i = 0; i < w.length; i++) {
            m[i] += (g[i] - m[i]) * (1 - beta1);
            v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
            double vi = v[i];
            if (vHat != null) vi = vHat[i] = Math.max(vHat[i], vi);
            w[i] -= m[i] * alpha / (Math.sqrt(vi) + epsilon);
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        c.put("amsgrad", amsgrad);
        return c;
    }

    // covariant returns, so that settings chain in any order: new Adam(…).clipnorm(1).…
    @Override public Adam learningRate(double lr) { super.learningRate(lr); return this; }
    @Override public Adam learningRate(LearningRateSchedule s) { super.learningRate(s); return this; }
    @Override public Adam lr(double lr) { super.lr(lr); return this; }
    @Override public Adam decay(double d) { super.decay(d); return this; }
    @Override public Adam clipnorm(double c) { super.clipnorm(c); return this; }
    @Override public Adam clipvalue(double c) { super.clipvalue(c); return this; }
    @Override public Adam globalClipnorm(double c) { super.globalClipnorm(c); return this; }
    @Override public Adam weightDecay(double wd) { super.weightDecay(wd); return this; }
}
