package dev.kiln.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The result of {@link Sequential#evaluate} (or a single batch step): the loss, regularization
 * penalties included as Keras reports it, and each compiled metric under its compile name.
 *
 * <pre>{@code
 * Evaluation e = model.evaluate(testX, testY);
 * double loss = e.loss();
 * double acc = e.get("accuracy");
 * }</pre>
 */
public final class Evaluation {
    private final Map<String, Double> values;

    Evaluation(Map<String, Double> values) { this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values)); }

    /** The mean loss over the data. */
    public double loss() { return get("loss"); }

    /**
     * The value of {@code "loss"} or of a metric by its compile name.
     *
     * @throws IllegalArgumentException for a name that was not computed, listing those that were
     */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) throw new IllegalArgumentException("Evaluation.get: no value '" + name + "'; computed: " + values.keySet());
        return v;
    }

    /** The names computed, loss first. */
    public Set<String> names() { return values.keySet(); }

    /** Names to values, loss first. */
    public Map<String, Double> asMap() { return values; }

    /** Keras's log line: {@code loss: 0.3120 - accuracy: 0.8400}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (b.length() > 0) b.append(" - ");
            b.append(e.getKey()).append(": ").append(ProgressBar.format(e.getValue()));
        }
        return b.toString();
    }
}
