package dev.kiln.optim;

import java.util.Map;

/**
 * Adagrad, Keras 3's formulas: a ← a + g², w ← w − lr·g/√(a + ε), the accumulator a starting at
 * initialAccumulatorValue. Defaults: learning rate 0.001, initial accumulator 0.1, ε 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adagrad(0.01), "mse");
 * }</pre>
 */
public class Adagrad extends Optimizer {
    /** Keras's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Keras's starting value of the accumulator of g². */
    public static final double DEFAULT_INITIAL_ACCUMULATOR_VALUE = 0.1;
    /** Keras's default ε, which keeps the denominator away from 0. */
    public static final double DEFAULT_EPSILON = 1e-7;

    private double initialAccumulatorValue = DEFAULT_INITIAL_ACCUMULATOR_VALUE;
    private double epsilon = DEFAULT_EPSILON;

    /** With Keras's defaults. */
    public Adagrad() { this(DEFAULT_LEARNING_RATE); }

    /** With this learning rate and Keras's other defaults. */
    public Adagrad(double learningRate) { super(learningRate); }

    /** With a learning-rate schedule, evaluated at the iteration count before each step. */
    public Adagrad(LearningRateSchedule schedule) { super(schedule); }

    /** The starting value of the accumulator (default 0.1); must be set before the first step. */
    public Adagrad initialAccumulatorValue(double value) {
        requireNoState("initialAccumulatorValue");
        this.initialAccumulatorValue = checkRange("initialAccumulatorValue", value, 0.0, Double.MAX_VALUE);
        return this;
    }

    /** ε, added to the denominator (default 1e-7). */
    public Adagrad epsilon(double epsilon) { this.epsilon = checkRange("epsilon", epsilon, 0.0, Double.MAX_VALUE); return this; }

    @Override protected String[] slotNames() { return new String[] {"accumulator"}; }

    @Override protected double initialSlotValue(String slot) { return initialAccumulatorValue; }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step) {
        double[] a = slots[0];
        for (int i = 0; i < w.length; i++) {
            a[i] += g[i] * g[i];
            w[i] -= lr * g[i] / Math.sqrt(a[i] + epsilon);
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("epsilon", epsilon);
        return c;
    }

    // covariant returns, so that settings chain in any order: new Adagrad(…).clipnorm(1).…
    @Override public Adagrad learningRate(double lr) { super.learningRate(lr); return this; }
    @Override public Adagrad learningRate(LearningRateSchedule s) { super.learningRate(s); return this; }
    @Override public Adagrad lr(double lr) { super.lr(lr); return this; }
    @Override public Adagrad decay(double d) { super.decay(d); return this; }
    @Override public Adagrad clipnorm(double c) { super.clipnorm(c); return this; }
    @Override public Adagrad clipvalue(double c) { super.clipvalue(c); return this; }
    @Override public Adagrad globalClipnorm(double c) { super.globalClipnorm(c); return this; }
    @Override public Adagrad weightDecay(double wd) { super.weightDecay(wd); return this; }
}
