package dev.kiln.cli;

/**
 * What one training run of one experiment gave: final figures on the train and test halves, the
 * learning curves, and the seconds it took.
 *
 * @param experiment what was run
 * @param seed the model's seed
 * @param curves the per-epoch loss and metric, train and test
 * @param train the main figure on the train half (MSE, or accuracy; Keras 2 rounding accuracy for hinge)
 * @param test the main figure on the test half
 * @param keras3Train Keras 3 binary accuracy (threshold 0.5) on the train half; NaN unless hinge
 * @param keras3Test same on the test half
 * @param signTrain share of correct signs on the train half; NaN unless hinge
 * @param signTest same on the test half
 * @param seconds model construction, training and evaluation, wall clock
 * @param cpuSeconds the same span in CPU time of the training thread (what a loaded machine does not inflate)
 */
public record RunResult(Experiment experiment, long seed, Curves curves, double train, double test,
        double keras3Train, double keras3Test, double signTrain, double signTest, double seconds,
        double cpuSeconds) {

    /**
     * Per-epoch values as the history records them.
     *
     * @param lossName the loss's name for axis labels
     * @param loss training loss per epoch
     * @param valLoss test loss per epoch
     * @param metricName the metric's name for axis labels
     * @param metric training metric per epoch
     * @param valMetric test metric per epoch
     */
    public record Curves(String lossName, double[] loss, double[] valLoss, String metricName, double[] metric,
            double[] valMetric) {
    }
}
