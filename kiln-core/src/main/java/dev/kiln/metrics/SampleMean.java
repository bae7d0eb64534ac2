package dev.kiln.metrics;

import dev.kiln.tensor.Tensor;

/**
 * A metric that scores each sample and reports the weighted mean of the scores, as Keras's
 * {@code MeanMetricWrapper}: subclasses write one score per sample; weights count per sample.
 * The update reuses one buffer, so a training loop allocates nothing here but the value copies.
 */
public abstract class SampleMean extends Mean {
    private double[] scores = new double[0];

    protected SampleMean(String name) { super(name); }

    @Override
    public final void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        int n = Flat.samples(yPred);
        if (Flat.samples(yTrue) != n) {
            throw new IllegalArgumentException("metric '" + name() + "': y_true of shape " + yTrue.shape() + " has "
                    + Flat.samples(yTrue) + " samples, y_pred of shape " + yPred.shape() + " has " + n);
        }
        if (scores.length < n) scores = new double[n];
        score(yTrue, yPred, n, scores);
        addSamples(scores, n, Flat.sampleWeights(name(), sampleWeight, n));
    }

    /** Writes the score of each of the {@code n} samples into {@code out[0..n)}. */
    protected abstract void score(Tensor yTrue, Tensor yPred, int n, double[] out);

    /** For subclasses comparing element by element: the per-sample mean of {@code element(t, p)}. */
    abstract static class Elementwise extends SampleMean {
        Elementwise(String name) { super(name); }

        @Override
        protected final void score(Tensor yTrue, Tensor yPred, int n, double[] out) {
            Flat.sameSize(name(), yTrue, yPred);
            double[] t = Flat.values(yTrue), p = Flat.values(yPred);
            int per = n == 0 ? 0 : p.length / n;
            for (int i = 0, k = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < per; j++, k++) s += element(t[k], p[k]);
                out[i] = s / per;
            }
        }

        abstract double element(double t, double p);
    }

    /** Index of the largest of {@code width} values starting at {@code offset} (the first on ties, as argmax). */
    static int argmax(double[] v, int offset, int width) {
        int best = 0;
        for (int j = 1; j < width; j++) if (v[offset + j] > v[offset + best]) best = j;
        return best;
    }

    /** {@link #argmax(double[], int, int)} on floats: the same index for the same values. */
    static int argmax(float[] v, int offset, int width) {
        int best = 0;
        for (int j = 1; j < width; j++) if (v[offset + j] > v[offset + best]) best = j;
        return best;
    }
}
