package dev.kiln.metrics;

import dev.kiln.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stateful quality measure accumulated over batches, as Keras's {@code keras.metrics.Metric}: each
 * {@link #updateState} adds a batch, {@link #result()} reads the value over everything seen since the
 * last {@link #resetState()}. Metrics are never differentiated; they read the values of their inputs.
 *
 * <pre>{@code
 * Metric m = new BinaryAccuracy();
 * m.updateState(yTrue, yPred);
 * double acc = m.result();   // share of correct predictions so far
 * m.resetState();
 * }</pre>
 */
public abstract class Metric {
    private String name;

    protected Metric(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("Metric: name must be a non-empty string");
        this.name = name;
    }

    /** The metric's name, the key under which a model reports it (e.g. {@code "accuracy"}). */
    public String name() { return name; }

    /** Renames the metric (Keras's {@code name=} argument); returns this metric. */
    public Metric name(String newName) {
        if (newName == null || newName.isEmpty()) throw new IllegalArgumentException("Metric.name: name must be a non-empty string");
        this.name = newName;
        return this;
    }

    /**
     * The metric's settings under Keras's {@code get_config()} names (snake_case): {@code name} plus each
     * subclass's arguments (e.g. {@code threshold}, {@code k}, {@code num_thresholds}), never its
     * accumulated state. {@link Metrics#fromConfig} rebuilds a built-in metric from it.
     *
     * <pre>{@code
     * new BinaryAccuracy(0.7).config();   // {name=binary_accuracy, threshold=0.7}
     * }</pre>
     */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        return c;
    }

    /** Adds a batch with unit sample weights. */
    public final void updateState(Tensor yTrue, Tensor yPred) { updateState(yTrue, yPred, null); }

    /**
     * Adds a batch: {@code yTrue} and {@code yPred} have the batch on axis 0; {@code sampleWeight}
     * (nullable) holds one weight per sample or a single weight for all.
     */
    public abstract void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight);

    /** The value over every batch since the last reset (0 before any data, never NaN from 0/0). */
    public abstract double result();

    /** Forgets every batch seen. */
    public abstract void resetState();

    @Override
    public String toString() { return getClass().getSimpleName() + "('" + name + "')"; }
}
