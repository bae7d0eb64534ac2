package dev.kiln.metrics;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * The area under the ROC (default) or precision-recall curve, approximated on evenly spaced thresholds,
 * as Keras's {@code AUC}: thresholds {@code −ε, 1/(T−1), …, (T−2)/(T−1), 1+ε} (T = numThresholds,
 * default {@value #DEFAULT_NUM_THRESHOLDS}, ε = 1e-7); a prediction counts as positive at a threshold
 * when {@code y_pred > threshold}. ROC with interpolation (the default) sums
 * {@code (FPRᵢ − FPRᵢ₊₁)·(TPRᵢ + TPRᵢ₊₁)/2}; PR interpolation follows Davis and Goadrich, as Keras.
 *
 * <pre>{@code
 * Metric auc = new AUC();
 * auc.updateState(Tensor.of(new double[] {0, 0, 1, 1}), Tensor.of(new double[] {0.1, 0.4, 0.35, 0.8}));
 * auc.result();   // ≈ 0.75
 * }</pre>
 */
public final class AUC extends Metric {
    /** Keras's default number of thresholds. */
    public static final int DEFAULT_NUM_THRESHOLDS = 200;
    private static final double EPSILON = 1e-7;

    /** Which curve to integrate. */
    public enum Curve { ROC, PR }

    /** How each slice of the curve is summed. */
    public enum SummationMethod { INTERPOLATION, MINORING, MAJORING }

    private final int numThresholds;
    private final Curve curve;
    private final SummationMethod summation;
    // Per bucket b: weight of labels whose prediction lies in (b/(T−1) − …, b/(T−1)], so that the count
    // above threshold j is the suffix sum from j (Keras's bucketed update for even thresholds).
    private final double[] positiveBuckets;
    private final double[] negativeBuckets;
    private boolean fromLogits;

    /** Keras's defaults: 200 thresholds, ROC, interpolation. */
    public AUC() { this(DEFAULT_NUM_THRESHOLDS, Curve.ROC, SummationMethod.INTERPOLATION); }

    /** A ROC AUC with interpolation on {@code numThresholds} (> 1) thresholds. */
    public AUC(int numThresholds) { this(numThresholds, Curve.ROC, SummationMethod.INTERPOLATION); }

    /** An AUC on {@code numThresholds} (> 1) evenly spaced thresholds of the given curve and summation. */
    public AUC(int numThresholds, Curve curve, SummationMethod summationMethod) {
        super("auc");
        if (numThresholds <= 1) throw new IllegalArgumentException("AUC: numThresholds (" + numThresholds + ") must be > 1");
        if (curve == null || summationMethod == null) throw new IllegalArgumentException("AUC: curve and summationMethod must not be null");
        this.numThresholds = numThresholds;
        this.curve = curve;
        this.summation = summationMethod;
        this.positiveBuckets = new double[numThresholds];
        this.negativeBuckets = new double[numThresholds];
    }

    /** Whether predictions are logits, passed through a sigmoid first (default false). */
    public AUC fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** Whether predictions are read as logits. */
    public boolean fromLogits() { return fromLogits; }

    /** The number of thresholds. */
    public int numThresholds() { return numThresholds; }

    /** The curve integrated. */
    public Curve curve() { return curve; }

    /** How the slices are summed. */
    public SummationMethod summationMethod() { return summation; }

    /**
     * Adds Keras's keys {@code num_thresholds}, {@code curve} ({@code "ROC"}/{@code "PR"}),
     * {@code summation_method} ({@code "interpolation"}, {@code "minoring"}, {@code "majoring"}) and
     * {@code from_logits}.
     */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("num_thresholds", numThresholds);
        c.put("curve", curve.name());
        c.put("summation_method", summation.name().toLowerCase(java.util.Locale.ROOT));
        c.put("from_logits", fromLogits);
        return c;
    }

    /** The thresholds, as Keras builds them (float32 values). */
    public double[] thresholds() {
        double[] t = new double[numThresholds];
        t[0] = (float) (0.0 - EPSILON);
        for (int i = 1; i < numThresholds - 1; i++) t[i] = (float) (i * 1.0 / (numThresholds - 1));
        t[numThresholds - 1] = (float) (1.0 + EPSILON);
        return t;
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        float scale = numThresholds - 1;
        Confusion.forEach(name(), yTrue, yPred, sampleWeight, (t, logit, w) -> {
            double p = fromLogits ? (float) (1 / (1 + Math.exp(-logit))) : logit;
            // Strictly greater than the threshold: a prediction of exactly i/(T−1) falls in bucket i−1.
            int b = (int) Math.ceil((float) p * scale) - 1;
            b = Math.max(0, Math.min(numThresholds - 1, b));
            positiveBuckets[b] += t * w;
            negativeBuckets[b] += (1 - t) * w;
        });
    }

    @Override
    public double result() {
        int n = numThresholds;
        double[] tp = new double[n], fp = new double[n];
        double sTp = 0, sFp = 0;
        for (int j = n - 1; j >= 0; j--) {
            sTp += positiveBuckets[j];
            sFp += negativeBuckets[j];
            tp[j] = sTp;
            fp[j] = sFp;
        }
        double[] fn = new double[n], tn = new double[n];
        for (int j = 0; j < n; j++) {
            fn[j] = sTp - tp[j];
            tn[j] = sFp - fp[j];
        }
        if (curve == Curve.PR && summation == SummationMethod.INTERPOLATION) return interpolatePr(tp, fp, fn);
        double[] x = new double[n], y = new double[n];
        for (int j = 0; j < n; j++) {
            double recall = Confusion.divideNoNan(tp[j], tp[j] + fn[j]);
            if (curve == Curve.ROC) {
                x[j] = Confusion.divideNoNan(fp[j], fp[j] + tn[j]);
                y[j] = recall;
            } else {
                x[j] = recall;
                y[j] = Confusion.divideNoNan(tp[j], tp[j] + fp[j]);
            }
        }
        double area = 0;
        for (int j = 0; j < n - 1; j++) {
            double h = switch (summation) {
                case INTERPOLATION -> (y[j] + y[j + 1]) / 2;
                case MINORING -> Math.min(y[j], y[j + 1]);
                case MAJORING -> Math.max(y[j], y[j + 1]);
            };
            area += (x[j] - x[j + 1]) * h;
        }
        return area;
    }

    /** Davis and Goadrich's interpolation of precision between thresholds (Keras's interpolate_pr_auc). */
    private double interpolatePr(double[] tp, double[] fp, double[] fn) {
        double area = 0;
        for (int j = 0; j < numThresholds - 1; j++) {
            double dtp = tp[j] - tp[j + 1];
            double p0 = tp[j] + fp[j], p1 = tp[j + 1] + fp[j + 1];
            double slope = Confusion.divideNoNan(dtp, Math.max(p0 - p1, 0));
            double intercept = tp[j + 1] - slope * p1;
            double ratio = p0 > 0 && p1 > 0 ? Confusion.divideNoNan(p0, Math.max(p1, 0)) : 1.0;
            area += Confusion.divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(tp[j + 1] + fn[j + 1], 0));
        }
        return area;
    }

    @Override
    public void resetState() {
        java.util.Arrays.fill(positiveBuckets, 0);
        java.util.Arrays.fill(negativeBuckets, 0);
    }
}
