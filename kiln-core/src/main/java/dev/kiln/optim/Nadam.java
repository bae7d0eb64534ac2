package dev.kiln.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nadam (Adam with Nesterov momentum, Dozat 2016), Keras 3's formulas: with t = iterations + 1,
 * μ_t = β1(1 − ½·0.96^t), μ_{t+1} = β1(1 − ½·0.96^{t+1}), Π_t = ∏_{s≤t} μ_s (kept across steps),
 * m ← m + (g − m)(1 − β1), v ← v + (g² − v)(1 − β2),
 * m̂ = μ_{t+1}·m/(1 − Π_t·μ_{t+1}) + (1 − μ_t)·g/(1 − Π_t), v̂ = v/(1 − β2^t), w ← w − lr·m̂/(√v̂ + ε).
 * Defaults: learning rate 0.001, β1 0.9, β2 0.999, ε 1e-7.
 *
 * <pre>{@code
 * model.compile(new Nadam(), "mse");
 * }</pre>
 */
public class Nadam extends Optimizer {
    /** Keras's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's default β1, the decay of the first-moment (mean) average. */
    public static final double DEFAULT_BETA_1 = 0.9;
    /** Keras's default β2, the decay of the second-moment average. */
    public static final double DEFAULT_BETA_2 = 0.999;
    /** Keras's default ε, which keeps the denominator away from 0. */
    public static final double DEFAULT_EPSILON = 1e-7;
    /** The momentum schedule's base, 0.96 in the paper and in Keras. */
    public static final double MOMENTUM_DECAY = 0.96;

    private double beta1 = DEFAULT_BETA_1;
    private double beta2 = DEFAULT_BETA_2;
    private double epsilon = DEFAULT_EPSILON;
    private double uProduct = 1.0;
    /** μ_t, μ_{t+1} and Π_t of the step in progress (set by beforeUpdates). */
    private double uT;
    private double uT1;
    private double uProductT;

    /** With Keras's defaults. */
    public Nadam() { this(DEFAULT_LEARNING_RATE); }

    /** With this learning rate and Keras's other defaults. */
    public Nadam(double learningRate) { super(learningRate); }

    /** With a learning-rate schedule, evaluated at the iteration count before each step. */
    public Nadam(LearningRateSchedule schedule) { super(schedule); }

    /** β1, the decay of the first-moment average, in [0, 1] (default 0.9). */
    public Nadam beta1(double b) { this.beta1 = checkRange("beta1", b, 0.0, 1.0); return this; }

    /** β2, the decay of the second-moment average, in [0, 1] (default 0.999). */
    public Nadam beta2(double b) { this.beta2 = checkRange("beta2", b, 0.0, 1.0); return this; }

    /** ε, added to the denominator (default 1e-7). */
    public Nadam epsilon(double e) { this.epsilon = checkRange("epsilon", e, 0.0, Double.MAX_VALUE); return this; }

    @Override protected String[] slotNames() { return new String[] {"momentum", "velocity"}; }

    @Override
    protected void beforeUpdates(long step) {
        uT = beta1 * (1 - 0.5 * Math.pow(MOMENTUM_DECAY, step));
        uT1 = beta1 * (1 - 0.5 * Math.pow(MOMENTUM_DECAY, step + 1));
        uProduct *= uT;   // Keras updates the product once per step, before the variables
        uProductT = uProduct;
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step) {
        double[] m = slots[0], v = slots[1];
        double uProductT1 = uProductT * uT1;
        double beta2Power = Math.pow(beta2, step);
        for (int i = 0; i < w.length; i++) {
            m[i] += (g[i] - m[i]) * (1 - beta1);
            v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
            double mHat = uT1 * m[i] / (1 - uProductT1) + (1 - uT) * g[i] / (1 - uProductT);
            double vHat = v[i] / (1 - beta2Power);
            w[i] -= mHat * lr / (Math.sqrt(vHat) + epsilon);
        }
    }

    @Override
    protected Map<String, Double> scalarState() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("u_product", uProduct);
        return m;
    }

    @Override
    protected void loadScalarState(Map<String, Double> values) { uProduct = values.get("u_product"); }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        return c;
    }

    // covariant returns, so that settings chain in any order: new Nadam(…).clipnorm(1).…
    @Override public Nadam learningRate(double lr) { super.learningRate(lr); return this; }
    @Override public Nadam learningRate(LearningRateSchedule s) { super.learningRate(s); return this; }
    @Override public Nadam lr(double lr) { super.lr(lr); return this; }
    @Override public Nadam decay(double d) { super.decay(d); return this; }
    @Override public Nadam clipnorm(double c) { super.clipnorm(c); return this; }
    @Override public Nadam clipvalue(double c) { super.clipvalue(c); return this; }
    @Override public Nadam globalClipnorm(double c) { super.globalClipnorm(c); return this; }
    @Override public Nadam weightDecay(double wd) { super.weightDecay(wd); return this; }
}
