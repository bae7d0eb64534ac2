package dev.kiln.model;

import dev.kiln.optim.Optimizer;
import java.util.Map;

/**
 * Lowers the learning rate when a monitored quantity stops improving, as Keras's
 * {@code ReduceLROnPlateau}: after {@code patience} epochs without an improvement by more than
 * {@code minDelta}, {@code lr ← max(lr·factor, minLr)}, then {@code cooldown} epochs pass before the
 * wait counts again. Reports the rate as {@code learning_rate} in the logs and the history.
 * Defaults: monitor {@code "val_loss"}, factor 0.1, patience 10, mode "auto", minDelta 1e-4,
 * cooldown 0, minLr 0.
 *
 * <pre>{@code
 * model.fit(x, y, Fit.epochs(100).validationData(vx, vy)
 *         .callbacks(new ReduceLROnPlateau().factor(0.5).patience(5).minLr(1e-5)));
 * }</pre>
 */
public final class ReduceLROnPlateau extends Callback {
    private String monitorName = "val_loss";
    private double factor = 0.1;
    private int patience = 10;
    private String mode = "auto";
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;
    private int verbose;

    private Monitor monitor;
    private double best;
    private int wait;
    private int cooldownCounter;

    /** The log key to watch (default {@code "val_loss"}). */
    public ReduceLROnPlateau monitor(String name) { monitorName = name; return this; }

    /** The multiplier of the rate, in (0, 1). */
    public ReduceLROnPlateau factor(double f) {
        if (!(f > 0 && f < 1)) throw new IllegalArgumentException("ReduceLROnPlateau: factor (" + f + ") must be in (0, 1)");
        factor = f;
        return this;
    }

    /** Epochs without improvement before reducing (default 10). */
    public ReduceLROnPlateau patience(int p) {
        if (p < 0) throw new IllegalArgumentException("ReduceLROnPlateau: patience (" + p + ") must be >= 0");
        patience = p;
        return this;
    }

    /** "auto" (default), "min" or "max". */
    public ReduceLROnPlateau mode(String m) { mode = m; return this; }

    /** The smallest change that counts as an improvement (default 1e-4). */
    public ReduceLROnPlateau minDelta(double d) { minDelta = d; return this; }

    /** Epochs after a reduction before the wait counts again (default 0). */
    public ReduceLROnPlateau cooldown(int c) {
        if (c < 0) throw new IllegalArgumentException("ReduceLROnPlateau: cooldown (" + c + ") must be >= 0");
        cooldown = c;
        return this;
    }

    /** The rate never goes below this (default 0). */
    public ReduceLROnPlateau minLr(double lr) {
        if (!(lr >= 0)) throw new IllegalArgumentException("ReduceLROnPlateau: minLr (" + lr + ") must be >= 0");
        minLr = lr;
        return this;
    }

    /** 1 prints each reduction. */
    public ReduceLROnPlateau verbose(int v) { verbose = v; return this; }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        monitor = new Monitor("ReduceLROnPlateau", monitorName, mode, minDelta);
        best = monitor.worst();
        wait = 0;
        cooldownCounter = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Optimizer opt = model().optimizer();
        logs.put("learning_rate", opt.learningRate());
        Double current = logs.get(monitor.name);
        if (current == null) {
            System.err.println("ReduceLROnPlateau: monitor '" + monitor.name + "' is not in the logs " + logs.keySet() + "; skipping");
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (monitor.improves(current, best)) {
            best = current;
            wait = 0;
        } else if (cooldownCounter <= 0) {
            wait++;
            if (wait >= patience) {
                double old = opt.learningRate();
                if (old > minLr) {
                    double lr = Math.max(old * factor, minLr);
                    LearningRateScheduler.setRate(opt, lr, "ReduceLROnPlateau");
                    if (verbose > 0) System.out.println("Epoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to " + lr + ".");
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }
}
