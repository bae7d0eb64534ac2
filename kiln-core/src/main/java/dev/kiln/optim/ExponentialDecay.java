package dev.kiln.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's ExponentialDecay: lr(step) = initial · rate^(step/decaySteps), with the exponent floored when
 * staircase (default false).
 *
 * <pre>{@code
 * new SGD(new ExponentialDecay(0.1, 10_000, 0.96).staircase(true));
 * }</pre>
 */
public final class ExponentialDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private final double decayRate;
    private boolean staircase;

    /** Multiplies the rate by {@code decayRate} every {@code decaySteps} steps (continuously unless staircase). */
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        Schedules.checkRate("ExponentialDecay", initialLearningRate);
        Schedules.checkSteps("ExponentialDecay", decaySteps);
        if (!(decayRate > 0) || Double.isInfinite(decayRate)) throw new IllegalArgumentException("ExponentialDecay: decayRate (" + decayRate + ") must be finite and > 0");
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
    }

    /** Floors step/decaySteps, so the rate changes in steps (default false). */
    public ExponentialDecay staircase(boolean staircase) {
        this.staircase = staircase;
        return this;
    }

    @Override
    public double at(long step) {
        double p = (double) step / decaySteps;
        if (staircase) p = Math.floor(p);
        return initialLearningRate * Math.pow(decayRate, p);
    }

    @Override public String className() { return "ExponentialDecay"; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("decay_rate", decayRate);
        c.put("staircase", staircase);
        return c;
    }
}
