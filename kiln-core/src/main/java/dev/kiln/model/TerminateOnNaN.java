package dev.kiln.model;

import java.util.Map;

/**
 * Stops training at the first batch whose loss is NaN or infinite, as Keras's {@code TerminateOnNaN}.
 *
 * <pre>{@code
 * model.fit(x, y, Fit.epochs(100).callbacks(new TerminateOnNaN()));
 * }</pre>
 */
public final class TerminateOnNaN extends Callback {
    private int terminatedAt = -1;

    /** The batch of the epoch at which training was stopped, or −1. */
    public int terminatedAt() { return terminatedAt; }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            System.out.println("Batch " + batch + ": Invalid loss, terminating training");
            terminatedAt = batch;
            model().stopTraining(true);
        }
    }
}
