package dev.kiln.cli;

import java.util.List;

/**
 * The figures of one experiment over several seeds: means, sample standard deviations and the first
 * run's curves (for the pictures).
 *
 * <p>{@code std} is the sample standard deviation (divisor n - 1), NaN with a single seed.
 *
 * <pre>{@code
 * Summary s = Summary.of(runs);
 * s.train();     // mean train figure
 * s.trainStd();  // its standard deviation over seeds
 * }</pre>
 */
public record Summary(Experiment experiment, int seeds, double train, double test, double trainStd, double testStd,
        double keras3Train, double keras3Test, double signTrain, double signTest, double seconds,
        RunResult.Curves curves) {

    /**
     * Summarizes the runs of one experiment.
     *
     * @throws IllegalArgumentException if the list is empty or mixes experiments
     */
    public static Summary of(List<RunResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("Summary.of: expected at least one run, got none");
        }
        Experiment e = runs.get(0).experiment();
        for (RunResult r : runs) {
            if (!r.experiment().id().equals(e.id())) {
                throw new IllegalArgumentException("Summary.of: runs of '" + e.id() + "' and '" + r.experiment().id()
                        + "' cannot be summarized together");
            }
        }
        int n = runs.size();
        double[] tr = new double[n];
        double[] te = new double[n];
        double[] k3tr = new double[n];
        double[] k3te = new double[n];
        double[] str = new double[n];
        double[] ste = new double[n];
        double[] sec = new double[n];
        for (int i = 0; i < n; i++) {
            RunResult r = runs.get(i);
            tr[i] = r.train();
            te[i] = r.test();
            k3tr[i] = r.keras3Train();
            k3te[i] = r.keras3Test();
            str[i] = r.signTrain();
            ste[i] = r.signTest();
            sec[i] = r.seconds();
        }
        return new Summary(e, n, mean(tr), mean(te), std(tr), std(te), mean(k3tr), mean(k3te), mean(str), mean(ste),
                mean(sec), runs.get(0).curves());
    }

    /** The arithmetic mean (NaN if any value is NaN). */
    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The sample standard deviation, divisor n - 1; NaN for fewer than two values. */
    static double std(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
