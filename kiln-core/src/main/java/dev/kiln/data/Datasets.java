package dev.kiln.data;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * scikit-learn's dataset generators, {@code shuffle} and {@code train_test_split}, reproduced bit for bit
 * for an integer {@code random_state}, plus one-hot encoding and the Fashion-MNIST loader.
 *
 * <p>Every generator draws from a {@link RandomState} in scikit-learn's order, so
 * {@code makeCircles(1000, 0.1, 1)} returns the numbers {@code make_circles(1000, noise=0.1,
 * random_state=1)} returns. Exactness (see docs/data.md): blobs, regression, classification, shuffles and
 * splits are bit-exact against numpy on x86-64 Linux (OpenBLAS with FMA for the matrix products);
 * circles and moons have exact labels and row order, and X within 2 ulp(1.0) (4.4e-16) because Java's
 * {@code Math.sin/cos} differ from glibc's by one ulp on a few angles; make_regression with
 * {@code effectiveRank} has exact draws and coef, and X and y within 1e-13 of their largest magnitude.
 *
 * <p>The long methods take scikit-learn's full parameter list in its order; {@code null} stands for
 * Python's {@code None}. A {@code RandomState} argument is used as is (its state advances, as sklearn
 * does with an instance); {@code null} means an unseeded generator. A {@code long randomState} must lie
 * in [0, 2^32 - 1].
 *
 * <pre>{@code
 * Dataset d = Datasets.makeCircles(1000, 0.1, 1);
 * Split s = Datasets.trainTestSplit(d.x(), d.y(), 0.2, 42, true);
 * }</pre>
 */
public final class Datasets {
    private Datasets() {}

    /** scikit-learn's default {@code factor} of make_circles. */
    public static final double DEFAULT_FACTOR = 0.8;
    /** scikit-learn's default {@code center_box} of make_blobs. */
    public static final double DEFAULT_CENTER_BOX_LOW = -10.0;
    /** scikit-learn's default {@code center_box} of make_blobs. */
    public static final double DEFAULT_CENTER_BOX_HIGH = 10.0;
    /** scikit-learn's default {@code tail_strength} of make_regression. */
    public static final double DEFAULT_TAIL_STRENGTH = 0.5;

    // ---------------------------------------------------------------- circles and moons

    /**
     * A large circle holding a smaller one (make_circles), with Gaussian noise of standard deviation
     * {@code noise}, shuffled; {@code factor} 0.8.
     *
     * <pre>{@code Dataset d = Datasets.makeCircles(1000, 0.1, 1);  // make_circles(1000, noise=0.1, random_state=1)}</pre>
     */
    public static Dataset makeCircles(int nSamples, double noise, long randomState) {
        return makeCircles(nSamples, true, noise, Checks.randomState("makeCircles", randomState), DEFAULT_FACTOR);
    }

    /**
     * make_circles with its full parameter list: {@code n_out = nSamples / 2} points on the unit circle
     * at angles {@code i * 2pi/n_out} (label 0), {@code n_in = nSamples - n_out} on the circle of radius
     * {@code factor} (label 1); then the rows are shuffled, then {@code noise * N(0,1)} is added to
     * every coordinate.
     *
     * @param nSamples number of points, >= 1 (default 100)
     * @param shuffle whether to shuffle the rows (default true)
     * @param noise standard deviation of the added noise, >= 0, or null for none (default null)
     * @param randomState the generator, or null for an unseeded one
     * @param factor radius of the inner circle, in [0, 1) (default 0.8)
     */
    public static Dataset makeCircles(int nSamples, boolean shuffle, Double noise, RandomState randomState,
            double factor) {
        Checks.atLeast("makeCircles", "nSamples", nSamples, 1);
        return makeCircles(nSamples / 2, nSamples - nSamples / 2, shuffle, noise, randomState, factor);
    }

    /**
     * make_circles with {@code n_samples=(nOut, nIn)}: the points on the outer and on the inner circle.
     * Other parameters as {@link #makeCircles(int, boolean, Double, RandomState, double)}.
     */
    public static Dataset makeCircles(int nOut, int nIn, boolean shuffle, Double noise, RandomState randomState,
            double factor) {
        String fn = "makeCircles";
        checkPair(fn, nOut, nIn);
        if (noise != null) Checks.nonNegative(fn, "noise", noise, true);
        Checks.inRange(fn, "factor", factor, 0, true, 1, false);
        Generators.Raw raw = Generators.circles(nOut, nIn, shuffle, noise, Checks.orUnseeded(randomState), factor,
                Generators.JAVA_MATH);
        return wrap(raw);
    }

    /**
     * Two interleaving half circles (make_moons) with Gaussian noise, shuffled.
     *
     * <pre>{@code Dataset d = Datasets.makeMoons(200, 0.05, 0);  // make_moons(200, noise=0.05, random_state=0)}</pre>
     */
    public static Dataset makeMoons(int nSamples, double noise, long randomState) {
        return makeMoons(nSamples, true, noise, Checks.randomState("makeMoons", randomState));
    }

    /**
     * make_moons with its full parameter list: {@code n_out = nSamples / 2} points
     * {@code (cos t, sin t)} for t in linspace(0, pi) (label 0) and {@code n_in} points
     * {@code (1 - cos t, 1 - sin t - 0.5)} (label 1); shuffled, then noise added.
     *
     * @param nSamples number of points, >= 1 (default 100)
     * @param shuffle whether to shuffle the rows (default true)
     * @param noise standard deviation of the added noise, >= 0, or null for none (default null)
     * @param randomState the generator, or null for an unseeded one
     */
    public static Dataset makeMoons(int nSamples, boolean shuffle, Double noise, RandomState randomState) {
        Checks.atLeast("makeMoons", "nSamples", nSamples, 1);
        return makeMoons(nSamples / 2, nSamples - nSamples / 2, shuffle, noise, randomState);
    }

    /** make_moons with {@code n_samples=(nOut, nIn)}. */
    public static Dataset makeMoons(int nOut, int nIn, boolean shuffle, Double noise, RandomState randomState) {
        checkPair("makeMoons", nOut, nIn);
        if (noise != null) Checks.nonNegative("makeMoons", "noise", noise, true);
        return wrap(Generators.moons(nOut, nIn, shuffle, noise, Checks.orUnseeded(randomState), Generators.JAVA_MATH));
    }

    private static void checkPair(String fn, int nOut, int nIn) {
        Checks.atLeast(fn, "nSamples (outer)", nOut, 0);
        Checks.atLeast(fn, "nSamples (inner)", nIn, 0);
        Checks.atLeast(fn, "nSamples (outer + inner)", (long) nOut + nIn, 1);
    }

    // ---------------------------------------------------------------- blobs

    /**
     * Isotropic Gaussian blobs (make_blobs) around {@code centers} centres drawn uniformly in
     * [-10, 10]^nFeatures, shuffled. The centres are in {@link Dataset#centers()} (sklearn's
     * {@code return_centers=True}).
     *
     * <pre>{@code Dataset d = Datasets.makeBlobs(1000, 3, 2, 2.0, 2);  // make_blobs(1000, centers=3, n_features=2, cluster_std=2, random_state=2)}</pre>
     */
    public static Dataset makeBlobs(int nSamples, int centers, int nFeatures, double clusterStd, long randomState) {
        return makeBlobs(nSamples, nFeatures, centers, clusterStd, DEFAULT_CENTER_BOX_LOW, DEFAULT_CENTER_BOX_HIGH,
                true, Checks.randomState("makeBlobs", randomState));
    }

    /**
     * make_blobs with drawn centres: centre k is {@code uniform(boxLow, boxHigh, nFeatures)}; centre k
     * gets {@code nSamples / centers} samples (the first {@code nSamples % centers} one more), each
     * {@code centre + clusterStd * N(0,1)}; labels are centre indices.
     *
     * @param nSamples >= 1 (default 100)
     * @param nFeatures >= 1 (default 2)
     * @param centers number of centres, >= 1 (sklearn's default None means 3)
     * @param clusterStd standard deviation, >= 0 (default 1.0)
     * @param centerBoxLow lower bound of the centres (default -10.0)
     * @param centerBoxHigh upper bound of the centres (default 10.0)
     * @param shuffle whether to shuffle the rows (default true)
     * @param randomState the generator, or null for an unseeded one
     */
    public static Dataset makeBlobs(int nSamples, int nFeatures, int centers, double clusterStd, double centerBoxLow,
            double centerBoxHigh, boolean shuffle, RandomState randomState) {
        String fn = "makeBlobs";
        Checks.atLeast(fn, "nSamples", nSamples, 1);
        Checks.atLeast(fn, "centers", centers, 1);
        double[] stds = new double[centers];
        Arrays.fill(stds, clusterStd);
        return blobs(fn, evenCounts(nSamples, centers), nFeatures, null, stds, centerBoxLow, centerBoxHigh, shuffle,
                randomState);
    }

    /**
     * make_blobs around given centres (nothing is drawn for them); {@code clusterStd} holds one standard
     * deviation per centre, or a single value for all.
     */
    public static Dataset makeBlobs(int nSamples, double[][] centers, double[] clusterStd, boolean shuffle,
            RandomState randomState) {
        String fn = "makeBlobs";
        Checks.atLeast(fn, "nSamples", nSamples, 1);
        checkCenters(fn, centers);
        return blobs(fn, evenCounts(nSamples, centers.length), centers[0].length, centers,
                stdsFor(fn, clusterStd, centers.length), 0, 1, shuffle, randomState);
    }

    /**
     * make_blobs with {@code n_samples} given per centre; {@code centers} null draws one centre per
     * entry in the box, otherwise it must have one row per entry.
     */
    public static Dataset makeBlobs(int[] nSamples, int nFeatures, double[][] centers, double[] clusterStd,
            double centerBoxLow, double centerBoxHigh, boolean shuffle, RandomState randomState) {
        String fn = "makeBlobs";
        if (nSamples.length == 0) throw new IllegalArgumentException(fn + ": nSamples must not be empty");
        for (int c : nSamples) Checks.atLeast(fn, "nSamples[i]", c, 0);
        if (centers != null) {
            checkCenters(fn, centers);
            if (centers.length != nSamples.length) {
                throw new IllegalArgumentException(fn + ": length of nSamples not consistent with number of centers."
                        + " Got nSamples = " + Arrays.toString(nSamples) + " and " + centers.length + " centers");
            }
            nFeatures = centers[0].length;
        }
        return blobs(fn, nSamples.clone(), nFeatures, centers, stdsFor(fn, clusterStd, nSamples.length),
                centerBoxLow, centerBoxHigh, shuffle, randomState);
    }

    private static Dataset blobs(String fn, int[] counts, int nFeatures, double[][] centers, double[] stds,
            double lo, double hi, boolean shuffle, RandomState rs) {
        Checks.atLeast(fn, "nFeatures", nFeatures, 1);
        for (double s : stds) Checks.nonNegative(fn, "clusterStd", s, false);
        if (centers == null) {
            Checks.finite(fn, "centerBoxLow", lo);
            Checks.finite(fn, "centerBoxHigh", hi);
            Checks.finite(fn, "centerBoxHigh - centerBoxLow", hi - lo);
        }
        Generators.Raw raw = Generators.blobs(counts, nFeatures, centers == null ? null : copy(centers), stds, lo, hi,
                shuffle, Checks.orUnseeded(rs));
        return new Dataset(Tensor.of(raw.x(), DType.FLOAT64), Tensor.of(raw.y(), DType.FLOAT64), null,
                Tensor.of(raw.centers(), DType.FLOAT64));
    }

    private static int[] evenCounts(int n, int centers) {
        int[] counts = new int[centers];
        for (int i = 0; i < centers; i++) counts[i] = n / centers + (i < n % centers ? 1 : 0);
        return counts;
    }

    private static double[] stdsFor(String fn, double[] clusterStd, int centers) {
        if (clusterStd.length == 1) {
            double[] s = new double[centers];
            Arrays.fill(s, clusterStd[0]);
            return s;
        }
        if (clusterStd.length != centers) {
            throw new IllegalArgumentException(fn + ": length of clusterStd not consistent with number of centers."
                    + " Got " + centers + " centers and clusterStd = " + Arrays.toString(clusterStd));
        }
        return clusterStd.clone();
    }

    private static void checkCenters(String fn, double[][] centers) {
        if (centers.length == 0 || centers[0].length == 0) {
            throw new IllegalArgumentException(fn + ": centers must have at least one row and one column");
        }
        for (double[] c : centers) {
            if (c.length != centers[0].length) {
                throw new IllegalArgumentException(fn + ": every centre must have " + centers[0].length
                        + " features, got one with " + c.length);
            }
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }

    // ---------------------------------------------------------------- regression and classification

    /**
     * A random linear regression problem (make_regression) with 10 informative features, shuffled;
     * {@code y = X w + noise * N(0,1)}; the dataset's {@code coef} holds w.
     *
     * <pre>{@code Dataset d = Datasets.makeRegression(1000, 20, 0.1, 1);  // make_regression(1000, 20, noise=0.1, random_state=1)}</pre>
     */
    public static Dataset makeRegression(int nSamples, int nFeatures, double noise, long randomState) {
        return makeRegression(nSamples, nFeatures, 10, 1, 0.0, noise, true,
                Checks.randomState("makeRegression", randomState));
    }

    /**
     * make_regression with a well-conditioned X drawn from N(0,1): the full parameter list without
     * {@code effectiveRank} and {@code tailStrength}, see
     * {@link #makeRegression(int, int, int, int, double, Integer, double, double, boolean, RandomState)}.
     */
    public static Dataset makeRegression(int nSamples, int nFeatures, int nInformative, int nTargets, double bias,
            double noise, boolean shuffle, RandomState randomState) {
        return makeRegression(nSamples, nFeatures, nInformative, nTargets, bias, null, DEFAULT_TAIL_STRENGTH, noise,
                shuffle, randomState);
    }

    /**
     * make_regression with its full parameter list: X is {@code N(0,1)} or, with {@code effectiveRank},
     * a low-rank matrix {@code U diag(s) V^T} (make_low_rank_matrix: U, V orthonormal from the QR of
     * Gaussian matrices, {@code s_i = (1 - tailStrength) exp(-(i/effectiveRank)^2) + tailStrength
     * exp(-0.1 i/effectiveRank)}); the first {@code min(nInformative, nFeatures)} rows of the
     * coefficients are {@code 100 * U[0,1)}; {@code y = X @ coef + bias + noise * N(0,1)}; then rows,
     * then feature columns are shuffled. y has shape (n,) for one target, (n, nTargets) otherwise; coef
     * (nFeatures,) or (nFeatures, nTargets). With several targets the product is checked bit-exact for
     * nFeatures up to 20. With {@code effectiveRank} the draws and coef are bit-exact but X and y match
     * scikit-learn to a relative 1e-13 only (the QR rounds differently from LAPACK; see docs/data.md).
     *
     * <pre>{@code
     * Dataset d = Datasets.makeRegression(100, 20, 10, 1, 0.0, 5, 0.5, 0.1, true, new RandomState(1));
     * // make_regression(100, 20, effective_rank=5, noise=0.1, random_state=1)
     * }</pre>
     *
     * @param nSamples >= 1 (default 100)
     * @param nFeatures >= 1 (default 100)
     * @param nInformative >= 0 (default 10)
     * @param nTargets >= 1 (default 1)
     * @param bias added to every target (default 0.0)
     * @param effectiveRank approximate number of singular vectors that explain most of X, >= 1, or null
     *     for a well-conditioned Gaussian X (default null)
     * @param tailStrength relative weight of the fat tail of the singular values, in [0, 1]; used only with
     *     effectiveRank (default 0.5)
     * @param noise standard deviation of the target noise, >= 0 (default 0.0)
     * @param shuffle whether to shuffle rows and features (default true)
     * @param randomState the generator, or null for an unseeded one
     */
    public static Dataset makeRegression(int nSamples, int nFeatures, int nInformative, int nTargets, double bias,
            Integer effectiveRank, double tailStrength, double noise, boolean shuffle, RandomState randomState) {
        String fn = "makeRegression";
        Checks.atLeast(fn, "nSamples", nSamples, 1);
        Checks.atLeast(fn, "nFeatures", nFeatures, 1);
        Checks.atLeast(fn, "nInformative", nInformative, 0);
        Checks.atLeast(fn, "nTargets", nTargets, 1);
        Checks.finite(fn, "bias", bias);
        if (effectiveRank != null) Checks.atLeast(fn, "effectiveRank", effectiveRank, 1);
        Checks.inRange(fn, "tailStrength", tailStrength, 0, true, 1, true);
        Checks.nonNegative(fn, "noise", noise, false);
        Generators.Raw raw = Generators.regression(nSamples, nFeatures, nInformative, nTargets, bias, effectiveRank,
                tailStrength, noise, shuffle, Checks.orUnseeded(randomState));
        Tensor y = nTargets == 1 ? Tensor.fromFlat(raw.y(), DType.FLOAT64, nSamples)
                : Tensor.fromFlat(raw.y(), DType.FLOAT64, nSamples, nTargets);
        Tensor coef = nTargets == 1 ? Tensor.fromFlat(raw.coef(), DType.FLOAT64, nFeatures)
                : Tensor.fromFlat(raw.coef(), DType.FLOAT64, nFeatures, nTargets);
        return new Dataset(Tensor.of(raw.x(), DType.FLOAT64), y, coef);
    }

    /**
     * A random two-class problem (make_classification with its defaults: 2 informative, 2 redundant
     * features, 2 clusters per class, 1% of labels flipped), shuffled.
     *
     * <pre>{@code Dataset d = Datasets.makeClassification(1000, 20, 1);  // make_classification(1000, 20, random_state=1)}</pre>
     */
    public static Dataset makeClassification(int nSamples, int nFeatures, long randomState) {
        return makeClassification(nSamples, nFeatures, 2, 2, 0, 2, 2, null, 0.01, 1.0, true, new double[] {0.0},
                new double[] {1.0}, true,
                Checks.randomState("makeClassification", randomState));
    }

    /**
     * make_classification with its full parameter list: Gaussian clusters around the vertices of a
     * hypercube of side {@code 2 * classSep} in the informative features, linear combinations of them as
     * redundant features, copies as repeated features, noise as useless features; {@code flipY} of the
     * labels replaced at random; then shifted, scaled and shuffled.
     *
     * <pre>{@code
     * Dataset d = Datasets.makeClassification(100, 3, 2, 1, 0, 2, 2, null, 0.01, 1.0, true,
     *         new double[] {1, 2, 3}, new double[] {0.5}, true, new RandomState(0));
     * // make_classification(100, 3, n_redundant=1, shift=[1, 2, 3], scale=0.5, random_state=0)
     * }</pre>
     *
     * @param nSamples >= 1 (default 100)
     * @param nFeatures >= 1 (default 20)
     * @param nInformative >= 1 (default 2)
     * @param nRedundant >= 0 (default 2)
     * @param nRepeated >= 0 (default 0)
     * @param nClasses >= 1 (default 2)
     * @param nClustersPerClass >= 1 (default 2); nClasses * nClustersPerClass at most 2^nInformative
     * @param weights class proportions, nClasses or nClasses - 1 values, or null for equal (default null)
     * @param flipY fraction of labels replaced at random, in [0, 1] (default 0.01)
     * @param classSep half the hypercube side, >= 0 (default 1.0)
     * @param hypercube centroids on the vertices (true, default) or scaled randomly (false)
     * @param shift added to the features: one value for all ({@code {0.0}} is the default), one per feature,
     *     or null for a random shift per feature, {@code (2 U[0,1) - 1) * classSep}
     * @param scale multiplies the features (after the shift): one value for all ({@code {1.0}} is the
     *     default), one per feature, or null for a random scale per feature, {@code 1 + 100 U[0,1)}
     * @param shuffle whether to shuffle rows and features (default true)
     * @param randomState the generator, or null for an unseeded one
     */
    public static Dataset makeClassification(int nSamples, int nFeatures, int nInformative, int nRedundant,
            int nRepeated, int nClasses, int nClustersPerClass, double[] weights, double flipY, double classSep,
            boolean hypercube, double[] shift, double[] scale, boolean shuffle, RandomState randomState) {
        String fn = "makeClassification";
        Checks.atLeast(fn, "nSamples", nSamples, 1);
        Checks.atLeast(fn, "nFeatures", nFeatures, 1);
        Checks.atLeast(fn, "nInformative", nInformative, 1);
        Checks.atLeast(fn, "nRedundant", nRedundant, 0);
        Checks.atLeast(fn, "nRepeated", nRepeated, 0);
        Checks.atLeast(fn, "nClasses", nClasses, 1);
        Checks.atLeast(fn, "nClustersPerClass", nClustersPerClass, 1);
        Checks.inRange(fn, "flipY", flipY, 0, true, 1, true);
        Checks.nonNegative(fn, "classSep", classSep, false);
        checkPerFeature(fn, "shift", shift, nFeatures);
        checkPerFeature(fn, "scale", scale, nFeatures);
        if ((long) nInformative + nRedundant + nRepeated > nFeatures) {
            throw new IllegalArgumentException(fn + ": number of informative, redundant and repeated features must"
                    + " sum to less than the number of total features, got " + nInformative + " + " + nRedundant
                    + " + " + nRepeated + " > " + nFeatures);
        }
        if (nInformative < 31 && (long) nClasses * nClustersPerClass > (1L << nInformative)) {
            throw new IllegalArgumentException(fn + ": nClasses(" + nClasses + ") * nClustersPerClass("
                    + nClustersPerClass + ") must be smaller or equal 2**nInformative(" + nInformative + ")="
                    + (1L << nInformative));
        }
        double[] w = classWeights(fn, weights, nClasses);
        return wrap(Generators.classification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, w, flipY, classSep, hypercube, shift, scale, shuffle,
                Checks.orUnseeded(randomState)));
    }

    private static void checkPerFeature(String fn, String arg, double[] v, int nFeatures) {
        if (v == null) return;
        if (v.length != 1 && v.length != nFeatures) {
            throw new IllegalArgumentException(fn + ": " + arg + " must hold 1 value or one per feature (" + nFeatures
                    + "), got " + v.length + " values");
        }
        for (int j = 0; j < v.length; j++) Checks.finite(fn, arg + "[" + j + "]", v[j]);
    }

    private static double[] classWeights(String fn, double[] weights, int nClasses) {
        double[] w = new double[nClasses];
        if (weights == null) {
            Arrays.fill(w, 1.0 / nClasses);
            return w;
        }
        if (weights.length != nClasses && weights.length != nClasses - 1) {
            throw new IllegalArgumentException(fn + ": weights specified but incompatible with number of classes: "
                    + weights.length + " weights for " + nClasses + " classes (expected " + nClasses + " or "
                    + (nClasses - 1) + ")");
        }
        System.arraycopy(weights, 0, w, 0, weights.length);
        if (weights.length == nClasses - 1) {
            double sum = 0;
            for (double v : weights) sum += v;
            w[nClasses - 1] = 1.0 - sum;
        }
        return w;
    }

    private static Dataset wrap(Generators.Raw raw) {
        return new Dataset(Tensor.of(raw.x(), DType.FLOAT64), Tensor.of(raw.y(), DType.FLOAT64));
    }

    // ---------------------------------------------------------------- shuffle, split, one-hot, files

    /**
     * Shuffles the rows of x and y with one permutation (scikit-learn's {@code utils.shuffle(x, y,
     * random_state=seed)}): {@code idx = permutation(n)}, then {@code x[idx], y[idx]}.
     *
     * <pre>{@code Dataset s = Datasets.shuffle(x, y, 1);}</pre>
     */
    public static Dataset shuffle(Tensor x, Tensor y, long randomState) {
        return shuffle(x, y, Checks.randomState("shuffle", randomState));
    }

    /** {@link #shuffle(Tensor, Tensor, long)} drawing from a given generator (y may be null). */
    public static Dataset shuffle(Tensor x, Tensor y, RandomState randomState) {
        int n = Split.rowsOf("shuffle", x, y);
        int[] idx = Checks.orUnseeded(randomState).permutation(n);
        return new Dataset(x.gather(idx), y == null ? null : y.gather(idx));
    }

    /**
     * Splits x and y into random train and test parts as scikit-learn's {@code train_test_split(x, y,
     * test_size=testSize, random_state=seed, shuffle=shuffle)}: {@code n_test = ceil(testSize * n)},
     * {@code perm = permutation(n)}, test rows {@code perm[:n_test]}, train rows the rest, in that order.
     * Without shuffling the first {@code n - n_test} rows train and the last ones test.
     *
     * <pre>{@code Split s = Datasets.trainTestSplit(x, y, 0.3, 1, true);}</pre>
     *
     * @param testSize fraction of the rows for the test part, in (0, 1) (sklearn's default 0.25)
     * @param randomState seed in [0, 2^32 - 1]
     * @param shuffle whether to shuffle before splitting (default true)
     */
    public static Split trainTestSplit(Tensor x, Tensor y, double testSize, long randomState, boolean shuffle) {
        return trainTestSplit(x, y, testSize, null, Checks.randomState("trainTestSplit", randomState), shuffle);
    }

    /**
     * train_test_split without stratification; see
     * {@link #trainTestSplit(Tensor, Tensor, Number, Number, RandomState, boolean, Tensor)}.
     */
    public static Split trainTestSplit(Tensor x, Tensor y, Number testSize, Number trainSize,
            RandomState randomState, boolean shuffle) {
        return trainTestSplit(x, y, testSize, trainSize, randomState, shuffle, null);
    }

    /**
     * train_test_split with its full parameter list. A {@code Double} size is a fraction in (0, 1), an
     * {@code Integer} size a number of rows; both null means {@code testSize = 0.25}; a null one is the
     * complement of the other. {@code randomState} is unused when {@code shuffle} is false.
     *
     * <p>With {@code stratify} (one class label per row, shape (n,); default null) the split keeps the
     * class proportions as scikit-learn's {@code StratifiedShuffleSplit} does: per-class train counts
     * {@code floor(count_c / n * nTrain)} topped up by largest remainder (ties drawn at random), the same
     * for the test part from what is left, one permutation per class in sorted class order, then the train
     * and the test rows each shuffled; the indices are bit-exact. Every class needs at least 2 rows, and
     * both parts at least one row per class; stratify needs {@code shuffle} true.
     *
     * <pre>{@code
     * Split s = Datasets.trainTestSplit(x, y, 0.2, null, new RandomState(42), true, y);
     * // train_test_split(x, y, test_size=0.2, random_state=42, stratify=y)
     * }</pre>
     */
    public static Split trainTestSplit(Tensor x, Tensor y, Number testSize, Number trainSize,
            RandomState randomState, boolean shuffle, Tensor stratify) {
        String fn = "trainTestSplit";
        int n = Split.rowsOf(fn, x, y);
        int[] sizes = Split.sizes(n, testSize, trainSize);
        int nTest = sizes[0];
        int nTrain = sizes[1];
        int[] train = new int[nTrain];
        int[] test = new int[nTest];
        if (stratify != null) {
            if (!shuffle) {
                throw new IllegalArgumentException(fn + ": stratified train/test split is not implemented for"
                        + " shuffle=false");
            }
            if (stratify.rank() != 1 || stratify.shape().dim(0) != n) {
                throw new IllegalArgumentException(fn + ": stratify must hold one class label per row, shape (" + n
                        + ",), got " + stratify.shape());
            }
            int[][] parts = StratifiedSplit.indices(stratify.toDoubleArray(), nTest, nTrain,
                    Checks.orUnseeded(randomState));
            train = parts[0];
            test = parts[1];
        } else if (shuffle) {
            int[] perm = Checks.orUnseeded(randomState).permutation(n);
            System.arraycopy(perm, 0, test, 0, nTest);
            System.arraycopy(perm, nTest, train, 0, nTrain);
        } else {
            for (int i = 0; i < nTrain; i++) train[i] = i;
            for (int i = 0; i < nTest; i++) test[i] = nTrain + i;
        }
        return new Split(x.gather(train), x.gather(test), y == null ? null : y.gather(train),
                y == null ? null : y.gather(test));
    }

    /**
     * One-hot encodes integer labels as Keras's {@code to_categorical}: row i has a 1 in column y[i].
     * Labels of shape (n,) or (n, 1) give (n, numClasses), float32.
     *
     * <pre>{@code Tensor onehot = Datasets.toCategorical(Tensor.of(new int[] {0, 2, 1}), 3);}</pre>
     *
     * @throws IllegalArgumentException if a label is not an integer in [0, numClasses)
     */
    public static Tensor toCategorical(Tensor y, int numClasses) {
        return toCategorical(y, numClasses, DType.FLOAT32);
    }

    /** {@link #toCategorical(Tensor, int)} with {@code numClasses = max(y) + 1}. */
    public static Tensor toCategorical(Tensor y) {
        double max = -1;
        for (double v : y.toDoubleArray()) max = Math.max(max, v);
        return toCategorical(y, (int) max + 1, DType.FLOAT32);
    }

    /** {@link #toCategorical(Tensor, int)} in the given floating dtype. */
    public static Tensor toCategorical(Tensor y, int numClasses, DType dtype) {
        Checks.atLeast("toCategorical", "numClasses", numClasses, 1);
        if (y.rank() > 2 || (y.rank() == 2 && y.shape().dim(1) != 1)) {
            throw new IllegalArgumentException("toCategorical: expected labels of shape (n,) or (n, 1), got "
                    + y.shape());
        }
        double[] labels = y.toDoubleArray();
        double[] out = new double[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            double v = labels[i];
            if (!(v >= 0 && v < numClasses && v == Math.rint(v))) {
                throw new IllegalArgumentException("toCategorical: label " + v + " at index " + i
                        + " is not an integer in [0, " + numClasses + ")");
            }
            out[i * numClasses + (int) v] = 1.0;
        }
        return Tensor.fromFlat(out, dtype, labels.length, numClasses);
    }

    /**
     * Fashion-MNIST (60,000 training and 10,000 test images of 28x28 clothes, labels 0-9), read from
     * local IDX files: see {@link FashionMnist#load()} for where it looks. Nothing is downloaded.
     *
     * <pre>{@code FashionMnist.Data d = Datasets.fashionMnist(); d.xTrain(); // (60000, 28, 28), values 0..255}</pre>
     */
    public static FashionMnist.Data fashionMnist() {
        return FashionMnist.load();
    }

    /** Reads a CSV file with a header row; see {@link Csv}. */
    public static Csv.Table readCsv(Path file) {
        return Csv.builder().read(file);
    }

    /** Reads an IDX file (MNIST format, plain or gzip); see {@link Idx}. */
    public static Idx.Array readIdx(Path file) {
        return Idx.read(file);
    }
}
