package dev.kiln.model;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A callback made of lambdas, as Keras's {@code LambdaCallback}: set only the events you need.
 *
 * <pre>{@code
 * Callback log = new LambdaCallback().onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs));
 * }</pre>
 */
public final class LambdaCallback extends Callback {
    private Consumer<Map<String, Double>> trainBegin;
    private Consumer<Map<String, Double>> trainEnd;
    private BiConsumer<Integer, Map<String, Double>> epochBegin;
    private BiConsumer<Integer, Map<String, Double>> epochEnd;
    private BiConsumer<Integer, Map<String, Double>> batchBegin;
    private BiConsumer<Integer, Map<String, Double>> batchEnd;

    /** Runs {@code f} before training. */
    public LambdaCallback onTrainBegin(Consumer<Map<String, Double>> f) { trainBegin = f; return this; }

    /** Runs {@code f} after training. */
    public LambdaCallback onTrainEnd(Consumer<Map<String, Double>> f) { trainEnd = f; return this; }

    /** Runs {@code f(epoch, logs)} before each epoch. */
    public LambdaCallback onEpochBegin(BiConsumer<Integer, Map<String, Double>> f) { epochBegin = f; return this; }

    /** Runs {@code f(epoch, logs)} after each epoch and its validation. */
    public LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) { epochEnd = f; return this; }

    /** Runs {@code f(batch, logs)} before each training batch. */
    public LambdaCallback onTrainBatchBegin(BiConsumer<Integer, Map<String, Double>> f) { batchBegin = f; return this; }

    /** Runs {@code f(batch, logs)} after each training batch (running epoch means). */
    public LambdaCallback onTrainBatchEnd(BiConsumer<Integer, Map<String, Double>> f) { batchEnd = f; return this; }

    @Override
    public void onTrainBegin(Map<String, Double> logs) { if (trainBegin != null) trainBegin.accept(logs); }

    @Override
    public void onTrainEnd(Map<String, Double> logs) { if (trainEnd != null) trainEnd.accept(logs); }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) { if (epochBegin != null) epochBegin.accept(epoch, logs); }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) { if (epochEnd != null) epochEnd.accept(epoch, logs); }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) { if (batchBegin != null) batchBegin.accept(batch, logs); }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) { if (batchEnd != null) batchEnd.accept(batch, logs); }

    @Override
    protected boolean wantsBatchEvents() { return batchBegin != null || batchEnd != null; }
}
