package dev.kiln.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's InverseTimeDecay: lr(step) = initial / (1 + rate · step/decaySteps), the ratio floored when
 * staircase (default false).
 *
 * <pre>{@code
 * new SGD(new InverseTimeDecay(0.1, 1000, 0.5));
 * }</pre>
 */
public final class InverseTimeDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private final double decayRate;
    private boolean staircase;

    /** Divides the rate by 1 + decayRate·step/decaySteps. */
    public InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate) {
        Schedules.checkRate("InverseTimeDecay", initialLearningRate);
        Schedules.checkSteps("InverseTimeDecay", decaySteps);
        if (!(decayRate >= 0) || Double.isInfinite(decayRate)) throw new IllegalArgumentException("InverseTimeDecay: decayRate (" + decayRate + ") must be finite and >= 0");
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
    }

    /** Floors step/decaySteps, so the rate changes in steps (default false). */
    public InverseTimeDecay staircase(boolean staircase) {
        this.staircase = staircase;
        return this;
    }

    @Override
    public double at(long step) {
        double p = (double) step / decaySteps;
        if (staircase) p = Math.floor(p);
        return initialLearningRate / (1.0 + decayRate * p);
    }

    @Override public String className() { return "InverseTimeDecay"; }

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
