package dev.kiln.metrics;

import dev.kiln.tensor.GradMode;
import dev.kiln.tensor.Tensor;
import java.util.function.BinaryOperator;

/**
 * Turns a per-sample function {@code fn(y_true, y_pred)} (e.g. a loss function's per-sample values)
 * into a metric: the weighted mean of its values over samples, as Keras's {@code MeanMetricWrapper}.
 * The function runs with gradient recording off.
 *
 * <pre>{@code
 * Metric hinge = new MeanMetricWrapper("hinge", (t, p) -> t.mul(p).neg().add(1).relu().mean(-1));
 * hinge.updateState(yTrue, yPred);
 * }</pre>
 */
public final class MeanMetricWrapper extends SampleMean {
    private final BinaryOperator<Tensor> fn;

    /** The mean of {@code fn}'s per-sample values, reported under {@code name}. */
    public MeanMetricWrapper(String name, BinaryOperator<Tensor> fn) {
        super(name);
        if (fn == null) throw new IllegalArgumentException("MeanMetricWrapper '" + name + "': fn must not be null");
        this.fn = fn;
    }

    @Override
    protected void score(Tensor yTrue, Tensor yPred, int n, double[] out) {
        Tensor values;
        try (GradMode g = GradMode.off()) {
            values = fn.apply(yTrue, yPred);
        }
        double[] v = Flat.values(values);
        if (values.rank() == 0 || v.length == 1 && n != 1) {
            // A function that already reduced the batch: every sample gets that value.
            java.util.Arrays.fill(out, 0, n, v[0]);
            return;
        }
        if (Flat.samples(values) != n) {
            throw new IllegalArgumentException("metric '" + name() + "': the function returned shape " + values.shape()
                    + " for " + n + " samples (expected one value per sample on axis 0)");
        }
        int per = v.length / n;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < per; j++) s += v[i * per + j];
            out[i] = s / per;
        }
    }
}
