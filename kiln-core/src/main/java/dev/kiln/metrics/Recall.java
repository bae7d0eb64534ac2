package dev.kiln.metrics;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * The share of positives predicted positive, as Keras's {@code Recall}: {@code TP / (TP + FN)} with a
 * prediction positive when {@code y_pred > threshold} (default {@value #DEFAULT_THRESHOLD}); 0 when
 * there are no positives.
 *
 * <pre>{@code
 * Metric m = new Recall();
 * m.updateState(Tensor.of(new double[] {0, 1, 1, 1}), Tensor.of(new double[] {1, 0, 1, 1}));
 * m.result();   // 2/3
 * }</pre>
 */
public final class Recall extends Metric {
    /** Keras's default threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    private final double threshold;
    private double truePositives;
    private double falseNegatives;

    /** Threshold {@value #DEFAULT_THRESHOLD}. */
    public Recall() { this(DEFAULT_THRESHOLD); }

    /** A prediction above {@code threshold} counts as positive. */
    public Recall(double threshold) {
        super("recall");
        if (!Double.isFinite(threshold)) throw new IllegalArgumentException(getClass().getSimpleName() + ": threshold must be finite, got " + threshold);
        this.threshold = threshold;
    }

    /** The decision threshold. */
    public double threshold() { return threshold; }

    /** Adds {@code thresholds} (Keras's name for the argument; a single value here). */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("thresholds", threshold);
        return c;
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        double[] c = new double[2];
        Confusion.forEach(name(), yTrue, yPred, sampleWeight, (t, p, w) -> {
            if (p > threshold) c[0] += t * w;
            else c[1] += t * w;
        });
        truePositives += c[0];
        falseNegatives += c[1];
    }

    @Override
    public double result() { return Confusion.divideNoNan(truePositives, truePositives + falseNegatives); }

    @Override
    public void resetState() {
        truePositives = 0;
        falseNegatives = 0;
    }
}
