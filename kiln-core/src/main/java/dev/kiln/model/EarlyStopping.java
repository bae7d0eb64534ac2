package dev.kiln.model;

import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Stops training when a monitored quantity has stopped improving, as Keras 3's {@code EarlyStopping}:
 * after each epoch (from {@code startFromEpoch}), an improvement by more than {@code minDelta} resets the
 * wait; once {@code patience} epochs pass without one (and beyond epoch 0), training stops. With
 * {@code restoreBestWeights}, the weights of the best epoch are put back when training ends.
 * Defaults: monitor {@code "val_loss"}, minDelta 0, patience 0, mode "auto", no baseline.
 *
 * <pre>{@code
 * model.fit(x, y, Fit.epochs(500).validationSplit(0.2)
 *         .callbacks(new EarlyStopping().monitor("val_loss").patience(10).restoreBestWeights(true)));
 * }</pre>
 */
public final class EarlyStopping extends Callback {
    private String monitorName = "val_loss";
    private double minDelta;
    private int patience;
    private String mode = "auto";
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;
    private int verbose;

    private Monitor monitor;
    private int wait;
    private int stoppedEpoch;
    private Double best;
    private int bestEpoch;
    private List<Tensor> bestWeights;

    /** The log key to watch (default {@code "val_loss"}). */
    public EarlyStopping monitor(String name) { monitorName = name; return this; }

    /** The smallest change that counts as an improvement (default 0). */
    public EarlyStopping minDelta(double d) {
        if (!(d >= 0)) throw new IllegalArgumentException("EarlyStopping: minDelta (" + d + ") must be >= 0; the direction comes from mode");
        minDelta = d;
        return this;
    }

    /** Epochs without improvement before stopping (default 0). */
    public EarlyStopping patience(int p) {
        if (p < 0) throw new IllegalArgumentException("EarlyStopping: patience (" + p + ") must be >= 0");
        patience = p;
        return this;
    }

    /** "auto" (default), "min" or "max". */
    public EarlyStopping mode(String m) { mode = m; return this; }

    /** A value to reach: the wait only resets on epochs that beat both the best and the baseline. */
    public EarlyStopping baseline(double b) { baseline = b; return this; }

    /** Whether to put back the best epoch's weights when training ends (default false). */
    public EarlyStopping restoreBestWeights(boolean r) { restoreBestWeights = r; return this; }

    /** Epochs to wait before monitoring at all (default 0). */
    public EarlyStopping startFromEpoch(int e) {
        if (e < 0) throw new IllegalArgumentException("EarlyStopping: startFromEpoch (" + e + ") must be >= 0");
        startFromEpoch = e;
        return this;
    }

    /** 1 prints when it stops and restores. */
    public EarlyStopping verbose(int v) { verbose = v; return this; }

    /** The epoch at which training was stopped (0 if it was not). */
    public int stoppedEpoch() { return stoppedEpoch; }

    /** The epoch with the best monitored value. */
    public int bestEpoch() { return bestEpoch; }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        monitor = new Monitor("EarlyStopping", monitorName, mode, minDelta);
        wait = 0;
        stoppedEpoch = 0;
        best = null;
        bestEpoch = 0;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = logs.get(monitor.name);
        if (current == null) {
            System.err.println("EarlyStopping: monitor '" + monitor.name + "' is not in the logs " + logs.keySet() + "; skipping");
            return;
        }
        if (epoch < startFromEpoch) return;
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model().getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (monitor.improves(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) bestWeights = model().getWeights();
            if (baseline == null || monitor.improves(current, baseline)) wait = 0;
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model().stopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) System.out.println("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            model().setWeights(bestWeights);
        }
    }
}
