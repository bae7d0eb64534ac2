package dev.kiln.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's CosineDecay with optional linear warmup. Without warmup: s = min(step, decaySteps),
 * lr = initial·((1 − alpha)·½(1 + cos(π·s/decaySteps)) + alpha). With warmupTarget and warmupSteps:
 * linear from initial to warmupTarget over warmupSteps, then the cosine from warmupTarget over decaySteps.
 * Defaults alpha 0, no warmup.
 *
 * <pre>{@code
 * new Adam(new CosineDecay(1e-3, 10_000));
 * new Adam(new CosineDecay(0.0, 10_000).warmup(1e-3, 1_000));
 * }</pre>
 */
public final class CosineDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private double alpha;
    private Double warmupTarget;
    private long warmupSteps;

    /** Decays from {@code initialLearningRate} to alpha·initial over {@code decaySteps} steps. */
    public CosineDecay(double initialLearningRate, long decaySteps) {
        Schedules.checkRate("CosineDecay", initialLearningRate);
        Schedules.checkSteps("CosineDecay", decaySteps);
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
    }

    /** The floor as a fraction of the starting rate (default 0). */
    public CosineDecay alpha(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("CosineDecay: alpha (" + alpha + ") must be in [0, 1]");
        this.alpha = alpha;
        return this;
    }

    /** Linear warmup from the initial rate to {@code target} over {@code steps} steps before the decay. */
    public CosineDecay warmup(double target, long steps) {
        Schedules.checkRate("CosineDecay", target);
        if (steps < 0) throw new IllegalArgumentException("CosineDecay: warmupSteps (" + steps + ") must be >= 0");
        this.warmupTarget = target;
        this.warmupSteps = steps;
        return this;
    }

    @Override
    public double at(long step) {
        if (warmupTarget == null) return decayed(Math.min(step, decaySteps), initialLearningRate);
        double s = Math.min(step, decaySteps + warmupSteps);
        if (s < warmupSteps) return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
        return decayed(s - warmupSteps, warmupTarget);
    }

    private double decayed(double s, double from) {
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * s / decaySteps));
        return from * ((1 - alpha) * cosine + alpha);
    }

    @Override public String className() { return "CosineDecay"; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("alpha", alpha);
        c.put("warmup_target", warmupTarget);
        c.put("warmup_steps", warmupSteps);
        return c;
    }
}
