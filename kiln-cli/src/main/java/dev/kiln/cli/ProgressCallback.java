package dev.kiln.cli;

import dev.kiln.model.Callback;
import java.util.Map;

/** Forwards the end of each epoch to the tutorial's {@link Progress}. */
final class ProgressCallback extends Callback {
    private final Progress progress;
    private final String id;
    private final long seed;
    private final int epochs;

    ProgressCallback(Progress progress, String id, long seed, int epochs) {
        this.progress = progress;
        this.id = id;
        this.seed = seed;
        this.epochs = epochs;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        progress.epoch(id, seed, epoch + 1, epochs);
    }
}
