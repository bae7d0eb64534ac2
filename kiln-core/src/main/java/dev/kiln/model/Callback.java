package dev.kiln.model;

import java.util.Map;

/**
 * Hooks into {@link Sequential#fit}, as Keras's {@code keras.callbacks.Callback}: override the events
 * you need. {@code logs} hold the epoch's (or batch's) {@code loss}, metrics and, at epoch end, the
 * {@code val_} values; a callback may add entries at epoch end (they reach the {@link History}).
 * Batch events are only produced for callbacks that override them, so the training loop stays lean.
 *
 * <pre>{@code
 * class PrintLoss extends Callback {
 *     @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *         System.out.println(epoch + ": " + logs.get("loss"));
 *     }
 * }
 * }</pre>
 */
public abstract class Callback {
    private Sequential model;

    /** Called by fit before training starts. */
    public void setModel(Sequential model) { this.model = model; }

    /** The model being trained (null before fit). */
    public Sequential model() { return model; }

    /** Before the first epoch. */
    public void onTrainBegin(Map<String, Double> logs) {}

    /** After the last epoch (or the one training stopped in); {@code logs} are its logs. */
    public void onTrainEnd(Map<String, Double> logs) {}

    /** Before epoch {@code epoch} (0-based). */
    public void onEpochBegin(int epoch, Map<String, Double> logs) {}

    /** After epoch {@code epoch} and its validation; {@code logs} may be added to. */
    public void onEpochEnd(int epoch, Map<String, Double> logs) {}

    /** Before training batch {@code batch} (0-based within the epoch). */
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {}

    /** After training batch {@code batch}; {@code logs} hold the running epoch means so far. */
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {}

    /** Whether this callback wants batch events: by default, when it overrides one of them. */
    protected boolean wantsBatchEvents() {
        try {
            Class<?> a = getClass().getMethod("onTrainBatchBegin", int.class, Map.class).getDeclaringClass();
            Class<?> b = getClass().getMethod("onTrainBatchEnd", int.class, Map.class).getDeclaringClass();
            return a != Callback.class || b != Callback.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
