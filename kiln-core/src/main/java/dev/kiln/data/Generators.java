package dev.kiln.data;

/**
 * The arithmetic of scikit-learn's dataset generators on plain arrays, in the exact order of its random
 * draws (random-state.md §6-§8). {@link Datasets} checks the arguments and wraps the results in tensors.
 */
final class Generators {
    private Generators() {}

    /** The sin/cos used by circles and moons; tests swap in the platform C library's values. */
    interface Trig {
        double cos(double t);

        double sin(double t);
    }

    static final Trig JAVA_MATH = new Trig() {
        @Override
        public double cos(double t) {
            return Math.cos(t);
        }

        @Override
        public double sin(double t) {
            return Math.sin(t);
        }
    };

    /**
     * Rows of x, labels or targets y (one per row, or n x targets flattened), the coefficients
     * (make_regression) and the centres (make_blobs).
     */
    record Raw(double[][] x, double[] y, int targets, double[] coef, double[][] centers) {
        Raw(double[][] x, double[] y, int targets, double[] coef) {
            this(x, y, targets, coef, null);
        }
    }

    static final double TWO_PI = 6.283185307179586;
    static final double PI = 3.141592653589793;

    /** {@code linspace(0, 2*pi, m, endpoint=False)}: {@code i * (2*pi/m)}. */
    static double[] circleAngles(int m) {
        double step = TWO_PI / m;
        double[] t = new double[m];
        for (int i = 0; i < m; i++) t[i] = i * step;
        return t;
    }

    /** {@code linspace(0, pi, m)}: {@code i * (pi/(m-1))}, last value set to pi, and {0} when m == 1. */
    static double[] moonAngles(int m) {
        double[] t = new double[m];
        if (m == 1) return t;
        double step = PI / (m - 1);
        for (int i = 0; i < m; i++) t[i] = i * step;
        if (m > 1) t[m - 1] = PI;
        return t;
    }

    static Raw circles(int nOut, int nIn, boolean shuffle, Double noise, RandomState rs, double factor, Trig trig) {
        double[][] x = new double[nOut + nIn][];
        double[] y = new double[nOut + nIn];
        double[] tOut = circleAngles(nOut);
        for (int i = 0; i < nOut; i++) x[i] = new double[] {trig.cos(tOut[i]), trig.sin(tOut[i])};
        double[] tIn = circleAngles(nIn);
        for (int i = 0; i < nIn; i++) {
            x[nOut + i] = new double[] {trig.cos(tIn[i]) * factor, trig.sin(tIn[i]) * factor};
            y[nOut + i] = 1;
        }
        return finishTwoD(x, y, shuffle, noise, rs);
    }

    static Raw moons(int nOut, int nIn, boolean shuffle, Double noise, RandomState rs, Trig trig) {
        double[][] x = new double[nOut + nIn][];
        double[] y = new double[nOut + nIn];
        double[] tOut = moonAngles(nOut);
        for (int i = 0; i < nOut; i++) x[i] = new double[] {trig.cos(tOut[i]), trig.sin(tOut[i])};
        double[] tIn = moonAngles(nIn);
        for (int i = 0; i < nIn; i++) {
            x[nOut + i] = new double[] {1 - trig.cos(tIn[i]), 1 - trig.sin(tIn[i]) - 0.5};
            y[nOut + i] = 1;
        }
        return finishTwoD(x, y, shuffle, noise, rs);
    }

    /** Shuffle rows, then add noise after the shuffle (numpy's {@code X += normal(scale=noise)}). */
    private static Raw finishTwoD(double[][] x, double[] y, boolean shuffle, Double noise, RandomState rs) {
        if (shuffle) shuffleRows(x, y, rs);
        if (noise != null) {
            double s = noise;
            for (double[] row : x) {
                for (int j = 0; j < row.length; j++) row[j] = row[j] + (0.0 + s * rs.standardNormal());
            }
        }
        return new Raw(x, y, 1, null);
    }

    /** scikit-learn's {@code utils.shuffle(x, y)}: one permutation applied to both. */
    static void shuffleRows(double[][] x, double[] y, RandomState rs) {
        int[] idx = rs.permutation(x.length);
        double[][] xs = new double[x.length][];
        double[] ys = new double[y.length];
        int t = x.length == 0 ? 0 : y.length / x.length;
        for (int i = 0; i < idx.length; i++) {
            xs[i] = x[idx[i]];
            System.arraycopy(y, idx[i] * t, ys, i * t, t);
        }
        System.arraycopy(xs, 0, x, 0, x.length);
        System.arraycopy(ys, 0, y, 0, y.length);
    }

    /**
     * make_blobs. {@code centers} is null to draw {@code nCenters} centres in the box; {@code counts}
     * gives the samples of each centre.
     */
    static Raw blobs(int[] counts, int nFeatures, double[][] centers, double[] stds, double boxLow,
            double boxHigh, boolean shuffle, RandomState rs) {
        int nCenters = counts.length;
        if (centers == null) {
            centers = new double[nCenters][];
            for (int i = 0; i < nCenters; i++) centers[i] = rs.uniform(boxLow, boxHigh, nFeatures);
        }
        int n = 0;
        for (int c : counts) n += c;
        double[][] x = new double[n][];
        double[] y = new double[n];
        int row = 0;
        for (int i = 0; i < nCenters; i++) {
            for (int r = 0; r < counts[i]; r++, row++) {
                double[] v = new double[nFeatures];
                for (int j = 0; j < nFeatures; j++) v[j] = centers[i][j] + stds[i] * rs.standardNormal();
                x[row] = v;
                y[row] = i;
            }
        }
        if (shuffle) shuffleRows(x, y, rs);
        return new Raw(x, y, 1, null, centers);
    }

    /**
     * make_regression; {@code effectiveRank} null draws X from N(0,1), otherwise from
     * make_low_rank_matrix. y holds n x targets values, row-major.
     */
    static Raw regression(int nSamples, int nFeatures, int nInformative, int nTargets, double bias,
            Integer effectiveRank, double tailStrength, double noise, boolean shuffle, RandomState rs) {
        nInformative = Math.min(nFeatures, nInformative);
        double[][] x;
        if (effectiveRank == null) {
            x = new double[nSamples][];
            for (int i = 0; i < nSamples; i++) x[i] = rs.standardNormal(nFeatures);
        } else {
            x = LowRankMatrix.make(nSamples, nFeatures, effectiveRank, tailStrength, rs);
        }
        double[][] gt = new double[nFeatures][nTargets];
        for (int k = 0; k < nInformative; k++) {
            for (int t = 0; t < nTargets; t++) gt[k][t] = 100 * rs.randomSample();
        }
        double[] y = new double[nSamples * nTargets];
        if (nTargets == 1) {
            double[] w = new double[nFeatures];
            for (int k = 0; k < nFeatures; k++) w[k] = gt[k][0];
            double[] dot = BlasModel.gemv(x, w);
            for (int i = 0; i < nSamples; i++) y[i] = dot[i] + bias;
        } else {
            double[][] dot = BlasModel.gemm(x, gt);
            for (int i = 0; i < nSamples; i++) {
                for (int t = 0; t < nTargets; t++) y[i * nTargets + t] = dot[i][t] + bias;
            }
        }
        if (noise > 0.0) {
            for (int i = 0; i < y.length; i++) y[i] += 0.0 + noise * rs.standardNormal();
        }
        if (shuffle) {
            shuffleRows(x, y, rs);
            int[] idx = rs.permutation(nFeatures);
            permuteColumns(x, idx);
            double[][] g = new double[nFeatures][];
            for (int j = 0; j < nFeatures; j++) g[j] = gt[idx[j]];
            gt = g;
        }
        double[] coef = new double[nFeatures * nTargets];
        for (int k = 0; k < nFeatures; k++) System.arraycopy(gt[k], 0, coef, k * nTargets, nTargets);
        return new Raw(x, y, nTargets, coef);
    }

    /** {@code x[:, :] = x[:, idx]}. */
    static void permuteColumns(double[][] x, int[] idx) {
        double[] tmp = new double[idx.length];
        for (double[] row : x) {
            for (int j = 0; j < idx.length; j++) tmp[j] = row[idx[j]];
            System.arraycopy(tmp, 0, row, 0, idx.length);
        }
    }

    /**
     * make_classification; {@code weights} n_classes long; shift/scale null means random, otherwise one
     * value for all features or one per feature (numpy's broadcasting).
     */
    static Raw classification(int nSamples, int nFeatures, int nInformative, int nRedundant, int nRepeated,
            int nClasses, int nClustersPerClass, double[] weights, double flipY, double classSep,
            boolean hypercube, double[] shift, double[] scale, boolean shuffle, RandomState rs) {
        int ni = nInformative;
        int nUseless = nFeatures - ni - nRedundant - nRepeated;
        int nClusters = nClasses * nClustersPerClass;
        int[] cnt = new int[nClusters];
        int total = 0;
        for (int k = 0; k < nClusters; k++) {
            cnt[k] = (int) ((nSamples * weights[k % nClasses]) / nClustersPerClass);
            total += cnt[k];
        }
        for (int i = 0; i < nSamples - total; i++) cnt[i % nClusters]++;

        double[][] centroids = SampleWithoutReplacement.hypercube(nClusters, ni, rs);
        for (double[] c : centroids) {
            for (int j = 0; j < ni; j++) c[j] = c[j] * (2 * classSep) - classSep;
        }
        if (!hypercube) {
            double[] u1 = rs.randomSample(nClusters);
            double[] u2 = rs.randomSample(ni);
            for (int k = 0; k < nClusters; k++) {
                for (int j = 0; j < ni; j++) centroids[k][j] *= u1[k];
            }
            for (int k = 0; k < nClusters; k++) {
                for (int j = 0; j < ni; j++) centroids[k][j] *= u2[j];
            }
        }
        double[][] x = new double[nSamples][nFeatures];
        double[] y = new double[nSamples];
        for (double[] row : x) {
            for (int j = 0; j < ni; j++) row[j] = rs.standardNormal();
        }
        int stop = 0;
        for (int k = 0; k < nClusters; k++) {
            int start = stop;
            stop += cnt[k];
            double[][] a = new double[ni][];
            for (int r = 0; r < ni; r++) {
                a[r] = rs.randomSample(ni);
                for (int j = 0; j < ni; j++) a[r][j] = 2 * a[r][j] - 1;
            }
            double[] acc = new double[ni];
            for (int i = start; i < stop; i++) {
                y[i] = k % nClasses;
                BlasModel.productRow(x[i], 0, a, acc, i - start, stop - start);
                for (int j = 0; j < ni; j++) x[i][j] = acc[j] + centroids[k][j];
            }
        }
        if (nRedundant > 0) {
            double[][] b = new double[ni][];
            for (int r = 0; r < ni; r++) {
                b[r] = rs.randomSample(nRedundant);
                for (int j = 0; j < nRedundant; j++) b[r][j] = 2 * b[r][j] - 1;
            }
            if (nRedundant == 1) {
                // A (ni, 1) right-hand side makes numpy call gemv, not gemm: another summation order.
                double[] w = new double[ni];
                for (int r = 0; r < ni; r++) w[r] = b[r][0];
                double[] col = BlasModel.gemv(x, w);
                for (int i = 0; i < nSamples; i++) x[i][ni] = col[i];
            } else {
                double[] acc = new double[nRedundant];
                for (int i = 0; i < nSamples; i++) {
                    BlasModel.productRow(x[i], 0, b, acc, i, nSamples);
                    System.arraycopy(acc, 0, x[i], ni, nRedundant);
                }
            }
        }
        if (nRepeated > 0) {
            int n = ni + nRedundant;
            int[] src = new int[nRepeated];
            for (int j = 0; j < nRepeated; j++) src[j] = (int) ((n - 1) * rs.randomSample() + 0.5);
            for (double[] row : x) {
                for (int j = 0; j < nRepeated; j++) row[n + j] = row[src[j]];
            }
        }
        if (nUseless > 0) {
            for (double[] row : x) {
                for (int j = nFeatures - nUseless; j < nFeatures; j++) row[j] = rs.standardNormal();
            }
        }
        double[] u = rs.randomSample(nSamples);
        int flips = 0;
        for (double v : u) if (v < flipY) flips++;
        long[] newLabels = rs.randint(0, nClasses, flips);
        for (int i = 0, f = 0; i < nSamples; i++) if (u[i] < flipY) y[i] = newLabels[f++];

        double[] shifts = new double[nFeatures];
        if (shift == null) {
            for (int j = 0; j < nFeatures; j++) shifts[j] = (2 * rs.randomSample() - 1) * classSep;
        } else {
            for (int j = 0; j < nFeatures; j++) shifts[j] = shift[shift.length == 1 ? 0 : j];
        }
        for (double[] row : x) {
            for (int j = 0; j < nFeatures; j++) row[j] = row[j] + shifts[j];
        }
        double[] scales = new double[nFeatures];
        if (scale == null) {
            for (int j = 0; j < nFeatures; j++) scales[j] = 1 + 100 * rs.randomSample();
        } else {
            for (int j = 0; j < nFeatures; j++) scales[j] = scale[scale.length == 1 ? 0 : j];
        }
        for (double[] row : x) {
            for (int j = 0; j < nFeatures; j++) row[j] = row[j] * scales[j];
        }
        if (shuffle) {
            shuffleRows(x, y, rs);
            permuteColumns(x, rs.permutation(nFeatures));
        }
        return new Raw(x, y, 1, null);
    }
}
