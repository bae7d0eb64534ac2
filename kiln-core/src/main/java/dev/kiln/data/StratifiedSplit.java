package dev.kiln.data;

import java.util.Arrays;

/**
 * The indices of scikit-learn's {@code train_test_split(..., stratify=y)}, which takes the first split of
 * a {@code StratifiedShuffleSplit}: per-class train and test counts from {@code _approximate_mode} (ties
 * broken by the generator), one permutation per class (classes in sorted order), then the train and the
 * test indices each permuted once more. Same draws as scikit-learn 1.2.1, so the indices are bit-exact.
 */
final class StratifiedSplit {
    private StratifiedSplit() {}

    /** {train, test} row indices for the class labels {@code y} (one per row). */
    static int[][] indices(double[] y, int nTest, int nTrain, RandomState rs) {
        String fn = "trainTestSplit";
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) {
                throw new IllegalArgumentException(fn + ": stratify holds NaN at index " + i
                        + "; every row needs a class label");
            }
        }
        double[] classes = Arrays.stream(y).map(v -> v == 0.0 ? 0.0 : v).sorted().distinct().toArray();
        int k = classes.length;
        int[] code = new int[y.length];
        int[] counts = new int[k];
        for (int i = 0; i < y.length; i++) {
            code[i] = Arrays.binarySearch(classes, y[i] == 0.0 ? 0.0 : y[i]);
            counts[code[i]]++;
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] < 2) {
                throw new IllegalArgumentException(fn + ": the least populated class in stratify (" + classes[c]
                        + ") has only " + counts[c] + " member, which is too few. The minimum number of groups"
                        + " for any class cannot be less than 2.");
            }
        }
        if (nTrain < k) {
            throw new IllegalArgumentException(fn + ": the train size = " + nTrain + " should be greater or equal"
                    + " to the number of classes = " + k);
        }
        if (nTest < k) {
            throw new IllegalArgumentException(fn + ": the test size = " + nTest + " should be greater or equal"
                    + " to the number of classes = " + k);
        }
        // Rows of each class in ascending order (numpy's stable argsort of the class codes).
        int[][] members = new int[k][];
        int[] fill = new int[k];
        for (int c = 0; c < k; c++) members[c] = new int[counts[c]];
        for (int i = 0; i < y.length; i++) members[code[i]][fill[code[i]]++] = i;

        int[] trainPer = approximateMode(counts, nTrain, rs);
        int[] remaining = new int[k];
        for (int c = 0; c < k; c++) remaining[c] = counts[c] - trainPer[c];
        int[] testPer = approximateMode(remaining, nTest, rs);

        int[] train = new int[nTrain];
        int[] test = new int[nTest];
        int tr = 0;
        int te = 0;
        for (int c = 0; c < k; c++) {
            int[] perm = rs.permutation(counts[c]);
            for (int i = 0; i < trainPer[c]; i++) train[tr++] = members[c][perm[i]];
            for (int i = 0; i < testPer[c]; i++) test[te++] = members[c][perm[trainPer[c] + i]];
        }
        rs.shuffle(train);
        rs.shuffle(test);
        return new int[][] {train, test};
    }

    /**
     * scikit-learn's {@code _approximate_mode}: {@code floor(count / total * nDraws)} per class, then one
     * more for the classes with the largest remainders; among equal remainders the generator picks
     * ({@code choice(ties, size, replace=False)}, i.e. the first entries of a permutation).
     */
    static int[] approximateMode(int[] counts, int nDraws, RandomState rs) {
        int k = counts.length;
        long total = 0;
        for (int c : counts) total += c;
        double[] continuous = new double[k];
        int[] floored = new int[k];
        double[] remainder = new double[k];
        double flooredSum = 0;
        for (int c = 0; c < k; c++) {
            continuous[c] = (double) counts[c] / total * nDraws;
            double f = Math.floor(continuous[c]);
            floored[c] = (int) f;
            flooredSum += f;
            remainder[c] = continuous[c] - f;
        }
        int needToAdd = (int) (nDraws - flooredSum);
        if (needToAdd > 0) {
            double[] values = Arrays.stream(remainder).sorted().distinct().toArray();
            for (int v = values.length - 1; v >= 0 && needToAdd > 0; v--) {
                int[] ties = new int[k];
                int nTies = 0;
                for (int c = 0; c < k; c++) if (remainder[c] == values[v]) ties[nTies++] = c;
                int addNow = Math.min(nTies, needToAdd);
                int[] perm = rs.permutation(nTies);
                for (int i = 0; i < addNow; i++) floored[ties[perm[i]]]++;
                needToAdd -= addNow;
            }
        }
        return floored;
    }
}
