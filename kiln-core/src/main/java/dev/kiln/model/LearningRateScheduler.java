package dev.kiln.model;

import dev.kiln.optim.Optimizer;
import java.util.Map;

/**
 * Sets the learning rate at the start of each epoch from a function of the epoch and the current rate,
 * as Keras's {@code LearningRateScheduler}; reports it as {@code learning_rate}.
 *
 * <pre>{@code
 * Callback halve = new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * 0.5);
 * }</pre>
 */
public final class LearningRateScheduler extends Callback {
    /** The schedule: the new rate for an epoch (0-based) given the current rate. */
    @FunctionalInterface
    public interface Schedule {
        double rate(int epoch, double currentRate);
    }

    private final Schedule schedule;
    private int verbose;

    /** Sets the rate from {@code schedule} before each epoch. */
    public LearningRateScheduler(Schedule schedule) {
        if (schedule == null) throw new IllegalArgumentException("LearningRateScheduler: schedule must not be null");
        this.schedule = schedule;
    }

    /** 1 prints each new rate. */
    public LearningRateScheduler verbose(int v) { verbose = v; return this; }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        Optimizer opt = model().optimizer();
        double lr = schedule.rate(epoch, opt.learningRate());
        if (!Double.isFinite(lr) || lr < 0) {
            throw new IllegalArgumentException("LearningRateScheduler: the schedule returned " + lr + " for epoch " + epoch
                    + "; expected a finite rate >= 0");
        }
        setRate(opt, lr, "LearningRateScheduler");
        if (verbose > 0) System.out.println("Epoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to " + lr + ".");
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) { logs.put("learning_rate", model().optimizer().learningRate()); }

    static void setRate(Optimizer opt, double lr, String owner) {
        if (opt.schedule() != null) {
            throw new IllegalStateException(owner + ": the optimizer's learning rate follows a LearningRateSchedule and cannot be set;"
                    + " use a plain number as learning rate with this callback");
        }
        opt.learningRate(lr);
    }
}
