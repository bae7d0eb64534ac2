package dev.kiln.data;

import dev.kiln.tensor.Tensor;

/**
 * The four parts of {@link Datasets#trainTestSplit}: scikit-learn's
 * {@code X_train, X_test, y_train, y_test} (the y parts are null when no y was given).
 *
 * <pre>{@code
 * Split s = Datasets.trainTestSplit(d.x(), d.y(), 0.25, 42, true);
 * model.fit(s.xTrain(), s.yTrain());
 * }</pre>
 */
public record Split(Tensor xTrain, Tensor xTest, Tensor yTrain, Tensor yTest) {

    /** The common number of rows of x and y (y may be null). */
    static int rowsOf(String fn, Tensor x, Tensor y) {
        if (x == null) throw new IllegalArgumentException(fn + ": x must not be null");
        if (x.rank() == 0) throw new IllegalArgumentException(fn + ": x must have at least one axis, got a scalar");
        int n = x.shape().dim(0);
        if (y != null && (y.rank() == 0 || y.shape().dim(0) != n)) {
            throw new IllegalArgumentException(fn + ": found input variables with inconsistent numbers of samples: ["
                    + n + ", " + (y.rank() == 0 ? "scalar" : y.shape().dim(0)) + "] (x " + x.shape() + ", y "
                    + y.shape() + ")");
        }
        return n;
    }

    /** scikit-learn's {@code _validate_shuffle_split}: {n_test, n_train}. */
    static int[] sizes(int n, Number testSize, Number trainSize) {
        if (testSize == null && trainSize == null) testSize = 0.25;
        checkSize("testSize", testSize, n);
        checkSize("trainSize", trainSize, n);
        if (isFraction(testSize) && isFraction(trainSize) && trainSize.doubleValue() + testSize.doubleValue() > 1) {
            throw new IllegalArgumentException("trainTestSplit: the sum of testSize and trainSize = "
                    + (trainSize.doubleValue() + testSize.doubleValue())
                    + ", should be in the (0, 1) range. Reduce testSize and/or trainSize.");
        }
        long nTest = testSize == null ? -1
                : isFraction(testSize) ? (long) Math.ceil(testSize.doubleValue() * n) : testSize.longValue();
        long nTrain = trainSize == null ? -1
                : isFraction(trainSize) ? (long) Math.floor(trainSize.doubleValue() * n) : trainSize.longValue();
        if (trainSize == null) nTrain = n - nTest;
        if (testSize == null) nTest = n - nTrain;
        if (nTrain + nTest > n) {
            throw new IllegalArgumentException("trainTestSplit: the sum of train and test sizes = " + (nTrain + nTest)
                    + ", should be smaller than the number of samples " + n + ". Reduce testSize and/or trainSize.");
        }
        if (nTrain == 0) {
            throw new IllegalArgumentException("trainTestSplit: with nSamples=" + n + ", testSize=" + testSize
                    + " and trainSize=" + trainSize + ", the resulting train set will be empty."
                    + " Adjust any of these parameters.");
        }
        return new int[] {(int) nTest, (int) nTrain};
    }

    private static boolean isFraction(Number v) {
        return v instanceof Double || v instanceof Float;
    }

    private static void checkSize(String name, Number v, int n) {
        if (v == null) return;
        if (!(v instanceof Double || v instanceof Float || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Byte)) {
            throw new IllegalArgumentException("trainTestSplit: invalid value for " + name + ": " + v
                    + " (expected an Integer count or a Double fraction)");
        }
        boolean bad = isFraction(v) ? !(v.doubleValue() > 0 && v.doubleValue() < 1)
                : v.longValue() <= 0 || v.longValue() >= n;
        if (bad) {
            throw new IllegalArgumentException("trainTestSplit: " + name + "=" + v + " should be either positive and"
                    + " smaller than the number of samples " + n + " or a float in the (0, 1) range");
        }
    }
}
