package dev.kiln.optim;

import java.util.Map;

/**
 * A learning rate as a function of the step (the optimizer's iteration count before the update). A lambda
 * is one:
 *
 * <pre>{@code
 * LearningRateSchedule halving = step -> 0.1 * Math.pow(0.5, step / 1000);
 * Optimizer opt = new SGD(new ExponentialDecay(0.1, 1000, 0.96));
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** The learning rate at this step (the iteration count before the update). */
    double at(long step);

    /** Keras's class name ({@code "ExponentialDecay"}); null for user schedules, which cannot be saved. */
    default String className() { return null; }

    /** Keras's config of this schedule (keys as Keras's get_config). */
    default Map<String, Object> config() { return Map.of(); }
}
