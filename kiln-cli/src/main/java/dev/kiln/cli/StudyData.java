package dev.kiln.cli;

import dev.kiln.data.Dataset;
import dev.kiln.data.Datasets;
import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.EnumMap;
import java.util.Map;

/**
 * The study's three datasets, generated bit-exactly as scikit-learn does, and their train/test halves in
 * each label encoding the experiments use.
 *
 * <p>The first 500 rows train, the last 500 test (no shuffle before the split, as in the study). The
 * regression inputs and target are standardized with statistics of all 1000 rows, as the study's
 * {@code StandardScaler().fit(X)} does. Arrays are float32, as Keras casts them.
 *
 * <pre>{@code
 * StudyData data = StudyData.generate();
 * StudyData.Split s = data.split(StudyData.Kind.CIRCLES);   // s.trainX() (500, 2), s.trainY() (500, 1)
 * }</pre>
 */
public final class StudyData {
    /** Rows used for training; the rest test. */
    public static final int TRAIN_ROWS = 500;
    /** Rows generated per dataset. */
    public static final int ROWS = 1000;

    /** A dataset with one label encoding. */
    public enum Kind {
        /** make_regression(1000, 20, noise 0.1, random_state 1), X and y standardized; y (n, 1). */
        REGRESSION,
        /** make_circles(1000, noise 0.1, random_state 1); y 0/1 as (n, 1). */
        CIRCLES,
        /** The circles with labels 0 mapped to -1, for the hinge losses; y (n, 1). */
        CIRCLES_SIGNED,
        /** make_blobs(1000, 3 centers, 2 features, cluster_std 2, random_state 2); y one-hot (n, 3). */
        BLOBS_ONE_HOT,
        /** The blobs with integer labels (n,), for sparse categorical cross-entropy. */
        BLOBS_INTEGER
    }

    /** Train and test halves. */
    public record Split(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY) {
    }

    private final Dataset circles;
    private final Dataset blobs;
    private final Dataset regression;
    private final double[] regressionTarget;
    private final Map<Kind, Split> splits = new EnumMap<>(Kind.class);

    private StudyData(Dataset circles, Dataset blobs, Dataset regression) {
        this.circles = circles;
        this.blobs = blobs;
        this.regression = regression;
        double[] x = standardize(regression.x().toDoubleArray(), 20);
        double[] y = standardize(regression.y().toDoubleArray(), 1);
        this.regressionTarget = y;
        splits.put(Kind.REGRESSION, halves(x, 20, y, 1, DType.FLOAT32));
        double[] cx = circles.x().toDoubleArray();
        double[] cy = circles.y().toDoubleArray();
        splits.put(Kind.CIRCLES, halves(cx, 2, cy, 1, DType.FLOAT32));
        double[] signed = new double[cy.length];
        for (int i = 0; i < cy.length; i++) {
            signed[i] = cy[i] == 0 ? -1 : 1;
        }
        splits.put(Kind.CIRCLES_SIGNED, halves(cx, 2, signed, 1, DType.FLOAT32));
        double[] bx = blobs.x().toDoubleArray();
        double[] by = blobs.y().toDoubleArray();
        double[] oneHot = Datasets.toCategorical(blobs.y(), 3).toDoubleArray();
        splits.put(Kind.BLOBS_ONE_HOT, halves(bx, 2, oneHot, 3, DType.FLOAT32));
        Split ints = halves(bx, 2, by, 1, DType.INT32);
        splits.put(Kind.BLOBS_INTEGER, new Split(ints.trainX, ints.trainY.reshape(TRAIN_ROWS), ints.testX,
                ints.testY.reshape(ROWS - TRAIN_ROWS)));
    }

    /** Generates the three datasets of the study. */
    public static StudyData generate() {
        return new StudyData(Datasets.makeCircles(ROWS, 0.1, 1), Datasets.makeBlobs(ROWS, 3, 2, 2.0, 2),
                Datasets.makeRegression(ROWS, 20, 0.1, 1));
    }

    /** The train and test halves in the given encoding. */
    public Split split(Kind kind) {
        return splits.get(kind);
    }

    /** The circles as generated (x (1000, 2) float64, y 0/1). */
    public Dataset circles() {
        return circles;
    }

    /** The blobs as generated (x (1000, 2) float64, y 0/1/2). */
    public Dataset blobs() {
        return blobs;
    }

    /** The regression data as generated, before standardization. */
    public Dataset regression() {
        return regression;
    }

    /** The standardized regression target, all 1000 rows. */
    public double[] standardizedTarget() {
        return regressionTarget.clone();
    }

    /**
     * Standardizes each column of a row-major (n, d) array in place of a copy: {@code (x - mean) / std}
     * with the population standard deviation, as scikit-learn's StandardScaler (a constant column keeps
     * scale 1).
     */
    static double[] standardize(double[] data, int d) {
        int n = data.length / d;
        double[] out = data.clone();
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += data[i * d + j];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double c = data[i * d + j] - mean;
                var += c * c;
            }
            double std = Math.sqrt(var / n);
            double scale = std == 0 ? 1 : std;
            for (int i = 0; i < n; i++) {
                out[i * d + j] = (data[i * d + j] - mean) / scale;
            }
        }
        return out;
    }

    private static Split halves(double[] x, int d, double[] y, int k, DType yType) {
        int n = x.length / d;
        int m = n - TRAIN_ROWS;
        double[] trX = java.util.Arrays.copyOfRange(x, 0, TRAIN_ROWS * d);
        double[] teX = java.util.Arrays.copyOfRange(x, TRAIN_ROWS * d, n * d);
        double[] trY = java.util.Arrays.copyOfRange(y, 0, TRAIN_ROWS * k);
        double[] teY = java.util.Arrays.copyOfRange(y, TRAIN_ROWS * k, n * k);
        return new Split(Tensor.fromFlat(trX, DType.FLOAT32, TRAIN_ROWS, d), Tensor.fromFlat(trY, yType, TRAIN_ROWS, k),
                Tensor.fromFlat(teX, DType.FLOAT32, m, d), Tensor.fromFlat(teY, yType, m, k));
    }
}
