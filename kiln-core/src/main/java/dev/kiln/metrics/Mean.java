package dev.kiln.metrics;

import dev.kiln.tensor.Tensor;

/**
 * The weighted running mean of values, as Keras's {@code keras.metrics.Mean}:
 * {@code result = Σ wᵢ·vᵢ / Σ wᵢ} over every value added since the last reset (0 when nothing was added).
 * {@link #updateValues(Tensor, Tensor)} averages per sample: values of shape (n, …) are first
 * reduced to one mean per sample, and weights (null = 1) count per sample.
 *
 * <pre>{@code
 * Mean m = new Mean("loss");
 * m.update(0.5, 32);  m.update(0.3, 8);
 * m.result();        // (0.5·32 + 0.3·8) / 40 = 0.46
 * }</pre>
 */
public class Mean extends Metric {
    private double total;
    private double count;

    /** A mean named {@code "mean"}. */
    public Mean() { this("mean"); }

    /** A mean reported under {@code name}. */
    public Mean(String name) { super(name); }

    /** Adds one value with a weight (e.g. a batch's mean loss weighted by its batch size). */
    public final void update(double value, double weight) {
        total += value * weight;
        count += weight;
    }

    /** Adds the first {@code n} per-sample values, weighted by {@code weights} (null: each weighs 1). */
    protected final void addSamples(double[] values, int n, double[] weights) {
        double t = 0, c = 0;
        if (weights == null) {
            for (int i = 0; i < n; i++) t += values[i];
            c = n;
        } else {
            for (int i = 0; i < n; i++) {
                t += values[i] * weights[i];
                c += weights[i];
            }
        }
        total += t;
        count += c;
    }

    /**
     * Adds {@code values} (yTrue is ignored, as in Keras's {@code Mean.update_state(values, sample_weight)}):
     * each sample's mean over its elements, weighted by its sample weight.
     */
    @Override
    public void updateState(Tensor yTrue, Tensor values, Tensor sampleWeight) { updateValues(values, sampleWeight); }

    /** Adds values: one mean per sample (axis 0), weighted by {@code sampleWeight} (nullable). */
    public void updateValues(Tensor values, Tensor sampleWeight) {
        int n = Flat.samples(values);
        double[] v = Flat.values(values);
        int per = n == 0 ? 0 : v.length / n;
        double[] perSample = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < per; j++) s += v[i * per + j];
            perSample[i] = s / per;
        }
        addSamples(perSample, n, Flat.sampleWeights(name(), sampleWeight, n));
    }

    @Override
    public double result() { return count == 0 ? 0.0 : total / count; }

    @Override
    public void resetState() {
        total = 0;
        count = 0;
    }

    /** Σ wᵢ·vᵢ so far. */
    public double total() { return total; }

    /** Σ wᵢ so far. */
    public double count() { return count; }
}
