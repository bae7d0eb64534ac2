package dev.kiln.data;

import static dev.kiln.data.Vectors.assertBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The public generators, shuffle, trainTestSplit and toCategorical (the arithmetic: GeneratorsTest). */
class DatasetsTest {

    @Test
    void shortOverloadsReturnScikitLearnsDatasetsAsFloat64Tensors() {
        Dataset blobs = Datasets.makeBlobs(1000, 3, 2, 2.0, 2);
        assertEquals(Shape.of(1000, 2), blobs.x().shape());
        assertEquals(Shape.of(1000), blobs.y().shape());
        assertEquals(DType.FLOAT64, blobs.x().dtype());
        assertEquals(DType.FLOAT64, blobs.y().dtype());
        assertEquals(sha("make_blobs(1000, centers=3, n_features=2, cluster_std=2, random_state=2)"), sha256(blobs));
        assertEquals(sha("make_regression(1000, 20, noise=0.1, random_state=1)"),
                sha256(Datasets.makeRegression(1000, 20, 0.1, 1)));
        assertEquals(sha("make_classification(1000, 20, random_state=1)"),
                sha256(Datasets.makeClassification(1000, 20, 1)));
        Dataset reg = Datasets.makeRegression(5, 4, 0.1, 1);
        assertBits(Vectors.doubles("make_regression_5x4/coef"), reg.coef().toDoubleArray(), "coef");
        assertEquals(Shape.of(4), reg.coef().shape());
    }

    @Test
    void circlesAndMoonsHaveExactLabelsAndXWithinTwoUlpOfOne() {
        Dataset c = Datasets.makeCircles(8, 0.1, 1);
        Dataset m = Datasets.makeMoons(6, 0.1, 1);
        assertBits(Vectors.doubles("make_circles_8/y"), c.y().toDoubleArray(), "circles y");
        assertBits(Vectors.doubles("make_moons_6/y"), m.y().toDoubleArray(), "moons y");
        assertWithin(Vectors.doubles("make_circles_8/X"), c.x().toDoubleArray());
        assertWithin(Vectors.doubles("make_moons_6/X"), m.x().toDoubleArray());
        assertEquals(Shape.of(8, 2), c.x().shape());
    }

    private static void assertWithin(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 2 * Math.ulp(1.0), "X[" + i + "]");
    }

    @Test
    void fullParameterListsReachEveryForm() {
        Dataset tuple = Datasets.makeCircles(3, 4, true, 0.05, new RandomState(0), 0.5);
        assertBits(Vectors.doubles("make_circles_tuple_3_4/y"), tuple.y().toDoubleArray(), "circles (3, 4) y");
        Dataset blobs = Datasets.makeBlobs(new int[] {3, 2}, 3, null, new double[] {1.0, 0.5}, -10, 10, true,
                new RandomState(0));
        assertBits(Vectors.doubles("make_blobs_list_3_2/X"), blobs.x().toDoubleArray(), "blobs list X");
        Dataset cls = Datasets.makeClassification(10, 6, 3, 1, 1, 3, 1, null, 0.1, 1.0, false, null, null, true,
                new RandomState(5));
        assertBits(Vectors.doubles("make_classification_10x6_allbranches/X"), cls.x().toDoubleArray(), "classification");
        // Explicit centres draw nothing: zero noise puts every sample on its centre.
        Dataset fixed = Datasets.makeBlobs(4, new double[][] {{1, 2}, {3, 4}}, new double[] {0.0}, false,
                new RandomState(0));
        assertArrayEquals(new double[] {1, 2, 1, 2, 3, 4, 3, 4}, fixed.x().toDoubleArray());
        // A shared RandomState continues its stream (and its cached Gaussian) across calls.
        RandomState rs = new RandomState(1);
        Datasets.makeMoons(6, true, 0.1, rs);
        RandomState again = new RandomState(1);
        Generators.moons(3, 3, true, 0.1, again, Generators.JAVA_MATH);
        assertEquals(again.standardNormal(), rs.standardNormal());
        // Several targets: y (n, targets), coef (features, targets).
        Dataset multi = Datasets.makeRegression(6, 3, 2, 2, 1.5, 0.0, false, new RandomState(0));
        assertEquals(Shape.of(6, 2), multi.y().shape());
        assertEquals(Shape.of(3, 2), multi.coef().shape());
    }

    private static final double[] ONE_ZERO = {0.0};
    private static final double[] ONE_ONE = {1.0};

    static Stream<Arguments> badArguments() {
        return Stream.of(
                bad(() -> Datasets.makeCircles(0, 0.1, 1), "nSamples", "[1, inf)", "0"),
                bad(() -> Datasets.makeCircles(100, -0.1, 1), "noise", "[0, inf)", "-0.1"),
                bad(() -> Datasets.makeCircles(100, 0.1, -1), "randomState", "2**32 - 1", "-1"),
                bad(() -> Datasets.makeCircles(100, 0.1, 1L << 32), "randomState", "4294967296"),
                bad(() -> Datasets.makeCircles(100, true, null, null, 1.0), "factor", "[0.0, 1.0)", "1.0"),
                bad(() -> Datasets.makeMoons(-5, 0.1, 1), "nSamples", "-5"),
                bad(() -> Datasets.makeMoons(10, Double.NaN, 1), "noise", "NaN"),
                bad(() -> Datasets.makeBlobs(0, 3, 2, 1.0, 1), "nSamples", "0"),
                bad(() -> Datasets.makeBlobs(10, 0, 2, 1.0, 1), "centers", "0"),
                bad(() -> Datasets.makeBlobs(10, 3, 2, -1.0, 1), "clusterStd", "-1.0"),
                bad(() -> Datasets.makeBlobs(10, new double[][] {{0, 0}, {1, 1}}, new double[] {1, 2, 3}, true, null),
                        "clusterStd", "2 centers"),
                bad(() -> Datasets.makeRegression(0, 2, 0.1, 1), "nSamples", "0"),
                bad(() -> Datasets.makeRegression(10, 2, -1, 1), "noise", "-1.0"),
                bad(() -> Datasets.makeRegression(10, 0, 0.1, 1), "nFeatures", "0"),
                bad(() -> Datasets.makeRegression(10, 3, 2, 1, 0.0, 0, 0.5, 0.0, true, null), "effectiveRank",
                        "[1, inf)", "0"),
                bad(() -> Datasets.makeRegression(10, 3, 2, 1, 0.0, 2, 1.5, 0.0, true, null), "tailStrength",
                        "[0.0, 1.0]", "1.5"),
                bad(() -> Datasets.makeClassification(10, 3, 1), "informative, redundant and repeated", "3"),
                bad(() -> Datasets.makeClassification(10, 5, 1, 0, 0, 3, 1, null, 0.01, 1, true, ONE_ZERO, ONE_ONE, true,
                        null),
                        "nClasses(3)", "2**nInformative(1)=2"),
                bad(() -> Datasets.makeClassification(10, 5, 2, 0, 0, 2, 1, null, 1.5, 1, true, ONE_ZERO, ONE_ONE, true,
                        null),
                        "flipY", "1.5"),
                bad(() -> Datasets.makeClassification(10, 5, 2, 0, 0, 3, 1, new double[] {0.5}, 0.0, 1, true,
                        ONE_ZERO, ONE_ONE, true, null), "weights", "3 classes"),
                bad(() -> Datasets.makeClassification(10, 5, 2, 0, 0, 2, 1, null, 0.0, 1, true, new double[] {1, 2},
                        ONE_ONE, true, null), "shift", "1 value or one per feature (5)", "got 2"),
                bad(() -> Datasets.makeClassification(10, 3, 2, 0, 0, 2, 1, null, 0.0, 1, true, null,
                        new double[] {1, Double.NaN, 1}, true, null), "scale[1]", "finite", "NaN"),
                bad(() -> Datasets.trainTestSplit(ids(10), ids(9), 0.3, 1, true), "inconsistent", "10, 9"),
                bad(() -> Datasets.trainTestSplit(ids(10), ids(10), 1.0, 1, true), "testSize=1.0", "(0, 1)"),
                bad(() -> Datasets.trainTestSplit(ids(10), null, 10, null, null, true), "testSize=10", "10"),
                bad(() -> Datasets.trainTestSplit(ids(10), null, 0.6, 0.6, null, true), "sum", "1.2"),
                bad(() -> Datasets.trainTestSplit(ids(10), null, 6, 6, null, true), "12", "10"),
                bad(() -> Datasets.trainTestSplit(ids(6), null, 0.5, null, null, true,
                        Tensor.of(new double[] {0, 0, 0, 1, 1, 2}, DType.FLOAT64)), "least populated class", "2.0",
                        "only 1 member"),
                bad(() -> Datasets.trainTestSplit(ids(6), null, 2, null, null, true,
                        Tensor.of(new double[] {0, 0, 1, 1, 2, 2}, DType.FLOAT64)), "test size = 2", "classes = 3"),
                bad(() -> Datasets.trainTestSplit(ids(6), null, 0.5, null, null, false, ids(6)), "shuffle=false"),
                bad(() -> Datasets.trainTestSplit(ids(6), null, 0.5, null, null, true, ids(5)), "stratify",
                        "(6,)", "(5,)"),
                bad(() -> Datasets.trainTestSplit(ids(4), null, 0.5, null, null, true,
                        Tensor.of(new double[] {0, 0, Double.NaN, 1}, DType.FLOAT64)), "NaN", "index 2"),
                bad(() -> Datasets.toCategorical(Tensor.of(new double[] {0, 3}, DType.FLOAT64), 3), "label 3.0",
                        "index 1", "[0, 3)"),
                bad(() -> Datasets.toCategorical(Tensor.of(new double[] {0.5}, DType.FLOAT64), 3), "0.5"));
    }

    private static Arguments bad(Executable call, String... parts) {
        return Arguments.of(String.join(" ", parts), call, parts);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void badArgumentsNameTheArgumentTheRangeAndTheValue(String label, Executable call, String[] parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    static Tensor ids(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return Tensor.of(v, DType.FLOAT64);
    }

    static Stream<Map<String, Object>> splits() {
        return Json.arr(ColumnScalerTest.REF.get("train_test_split")).stream().map(Json::obj);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void trainTestSplitMatchesScikitLearn(Map<String, Object> c) {
        int n = ((Number) c.get("n")).intValue();
        Number test = size(c.get("test_size"));
        Number train = size(c.get("train_size"));
        Object seed = c.get("random_state");
        Tensor x = ids(n);
        Split s = Datasets.trainTestSplit(x, x, test, train,
                seed == null ? null : new RandomState(((Number) seed).longValue()), (Boolean) c.get("shuffle"));
        assertArrayEquals(Json.doubles(c.get("train")), s.xTrain().toDoubleArray());
        assertArrayEquals(Json.doubles(c.get("test")), s.xTest().toDoubleArray());
        assertArrayEquals(Json.doubles(c.get("train")), s.yTrain().toDoubleArray());
        assertArrayEquals(Json.doubles(c.get("test")), s.yTest().toDoubleArray());
    }

    static Stream<Map<String, Object>> perFeatureShiftScale() {
        return Json.arr(LowRankMatrixTest.EXTRAS.get("make_classification_array_shift_scale")).stream()
                .map(Json::obj);
    }

    @ParameterizedTest
    @MethodSource("perFeatureShiftScale")
    void makeClassificationWithPerFeatureShiftAndScaleIsBitExact(Map<String, Object> c) {
        RandomState rs = new RandomState(((Number) c.get("random_state")).longValue());
        Dataset d = Datasets.makeClassification(num(c, "n_samples"), num(c, "n_features"), 2, 1, 0, 2, 2, null, 0.01,
                1.0, true, valuesOrNull(c.get("shift")), valuesOrNull(c.get("scale")), true, rs);
        assertBits(LowRankMatrixTest.strings(c.get("X")), d.x().toDoubleArray(), "X");
        assertBits(LowRankMatrixTest.strings(c.get("y")), d.y().toDoubleArray(), "y");
        assertBits(LowRankMatrixTest.strings(c.get("after")), rs.randomSample(3), "draws after the call");
    }

    static Stream<Map<String, Object>> singleSampleClusters() {
        return Json.arr(LowRankMatrixTest.EXTRAS.get("make_classification_single_sample_clusters")).stream()
                .map(Json::obj);
    }

    /** A one-sample cluster is a row times a matrix, which numpy hands to gemv (another summation order). */
    @ParameterizedTest
    @MethodSource("singleSampleClusters")
    void makeClassificationWithSingleSampleClustersIsBitExact(Map<String, Object> c) {
        Dataset d = Datasets.makeClassification(num(c, "n_samples"), num(c, "n_features"), num(c, "n_informative"), 0,
                0, 2, 2, null, 0.01, 1.0, true, ONE_ZERO, ONE_ONE, true,
                new RandomState(((Number) c.get("random_state")).longValue()));
        assertBits(LowRankMatrixTest.strings(c.get("X")), d.x().toDoubleArray(), "X");
        assertBits(LowRankMatrixTest.strings(c.get("y")), d.y().toDoubleArray(), "y");
    }

    static Stream<Map<String, Object>> oddAndSingleRowProducts() {
        return Json.arr(LowRankMatrixTest.EXTRAS.get("odd_and_single_row_products")).stream().map(Json::obj);
    }

    /** Products whose last row (odd row count) or only row OpenBLAS computes with other kernels. */
    @ParameterizedTest
    @MethodSource("oddAndSingleRowProducts")
    void oddAndSingleRowProductsAreBitExact(Map<String, Object> c) {
        RandomState rs = new RandomState(((Number) c.get("random_state")).longValue());
        Dataset d;
        if ("classification".equals(c.get("call"))) {
            d = Datasets.makeClassification(num(c, "n_samples"), num(c, "n_features"), num(c, "n_informative"),
                    num(c, "n_redundant"), 0, 2, num(c, "n_clusters_per_class"), null, 0.01, 1.0, true, ONE_ZERO,
                    ONE_ONE, true, rs);
        } else {
            d = Datasets.makeRegression(num(c, "n_samples"), num(c, "n_features"), num(c, "n_features"),
                    num(c, "n_targets"), 0.0, 0.5, true, rs);
            assertBits(LowRankMatrixTest.strings(c.get("coef")), d.coef().toDoubleArray(), "coef");
        }
        assertBits(LowRankMatrixTest.strings(c.get("X")), d.x().toDoubleArray(), "X");
        assertBits(LowRankMatrixTest.strings(c.get("y")), d.y().toDoubleArray(), "y");
    }

    static Stream<Map<String, Object>> blobsWithCenters() {
        return Json.arr(LowRankMatrixTest.EXTRAS.get("make_blobs_return_centers")).stream().map(Json::obj);
    }

    @ParameterizedTest
    @MethodSource("blobsWithCenters")
    void makeBlobsReturnsItsCentersAsScikitLearn(Map<String, Object> c) {
        Dataset d = Datasets.makeBlobs(num(c, "n_samples"), num(c, "centers"), num(c, "n_features"),
                ((Number) c.get("cluster_std")).doubleValue(), ((Number) c.get("random_state")).longValue());
        assertEquals(Shape.of(num(c, "centers"), num(c, "n_features")), d.centers().shape());
        assertBits(LowRankMatrixTest.strings(c.get("centers_")), d.centers().toDoubleArray(), "centers");
        assertBits(LowRankMatrixTest.strings(c.get("X")), d.x().toDoubleArray(), "X");
        assertBits(LowRankMatrixTest.strings(c.get("y")), d.y().toDoubleArray(), "y");
        assertNull(d.coef());
    }

    @Test
    void givenCentersComeBackUnchangedAndOtherGeneratorsHaveNone() {
        double[][] given = {{1, 2}, {3, 4}};
        Dataset d = Datasets.makeBlobs(4, given, new double[] {0.5}, true, new RandomState(0));
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.centers().toDoubleArray());
        assertEquals(DType.FLOAT64, d.centers().dtype());
        assertNull(Datasets.makeMoons(6, 0.1, 1).centers());
        assertNull(Datasets.makeRegression(5, 4, 0.1, 1).centers());
    }

    /** A JSON list, a single number (one value for every feature) or null. */
    private static double[] valuesOrNull(Object v) {
        if (v == null) return null;
        return v instanceof Number ? new double[] {((Number) v).doubleValue()} : Json.doubles(v);
    }

    static Stream<Map<String, Object>> stratifiedSplits() {
        return Json.arr(LowRankMatrixTest.EXTRAS.get("train_test_split_stratify")).stream().map(Json::obj);
    }

    @ParameterizedTest
    @MethodSource("stratifiedSplits")
    void stratifiedTrainTestSplitMatchesScikitLearnIndexForIndex(Map<String, Object> c) {
        double[] labels = LowRankMatrixTest.strings(c.get("y"));
        Tensor strat = Tensor.of(labels, DType.FLOAT64);
        Tensor x = ids(labels.length);
        Split s = Datasets.trainTestSplit(x, strat, size(c.get("test_size")), size(c.get("train_size")),
                new RandomState(((Number) c.get("random_state")).longValue()), true, strat);
        double[] train = Json.doubles(c.get("train"));
        double[] test = Json.doubles(c.get("test"));
        assertArrayEquals(train, s.xTrain().toDoubleArray());
        assertArrayEquals(test, s.xTest().toDoubleArray());
        for (int i = 0; i < train.length; i++) assertEquals(labels[(int) train[i]], s.yTrain().toDoubleArray()[i]);
    }

    @Test
    void approximateModeBreaksTiesWithTheGenerator() {
        // scikit-learn's own doctest examples of _approximate_mode.
        assertArrayEquals(new int[] {2, 1}, StratifiedSplit.approximateMode(new int[] {4, 2}, 3, new RandomState(0)));
        assertArrayEquals(new int[] {3, 1}, StratifiedSplit.approximateMode(new int[] {5, 2}, 4, new RandomState(0)));
        assertArrayEquals(new int[] {0, 1, 1, 0},
                StratifiedSplit.approximateMode(new int[] {2, 2, 2, 1}, 2, new RandomState(0)));
        assertArrayEquals(new int[] {1, 1, 0, 0},
                StratifiedSplit.approximateMode(new int[] {2, 2, 2, 1}, 2, new RandomState(42)));
    }

    /** JSON integers mean counts (Integer), JSON floats fractions (Double), as in Python. */
    private static Number size(Object v) {
        if (v == null) return null;
        return v instanceof Long ? (Number) Integer.valueOf(((Long) v).intValue()) : (Number) v;
    }

    @Test
    void splitAndShuffleMoveRowsOfBothTensorsTogether() {
        double[][] rows = new double[10][];
        for (int i = 0; i < 10; i++) rows[i] = new double[] {2 * i, 2 * i + 1};
        Tensor x = Tensor.of(rows, DType.FLOAT64);
        Split s = Datasets.trainTestSplit(x, ids(10), 0.3, 1, true);
        assertBits(Vectors.doubles("train_test_split_10_0.3_seed1/X_train"), s.xTrain().toDoubleArray(), "X_train");
        assertBits(Vectors.doubles("train_test_split_10_0.3_seed1/X_test"), s.xTest().toDoubleArray(), "X_test");
        assertBits(Vectors.doubles("train_test_split_10_0.3_seed1/y_train"), s.yTrain().toDoubleArray(), "y_train");
        assertBits(Vectors.doubles("train_test_split_10_0.3_seed1/y_test"), s.yTest().toDoubleArray(), "y_test");
        Split d = Datasets.trainTestSplit(x, ids(10), null, null, new RandomState(42), true);
        assertBits(Vectors.doubles("train_test_split_10_default_seed42/y_train"), d.yTrain().toDoubleArray(), "default");
        assertBits(Vectors.doubles("train_test_split_10_default_seed42/y_test"), d.yTest().toDoubleArray(), "default");
        Dataset sh = Datasets.shuffle(x, ids(10), 1);
        assertBits(Vectors.doubles("utils_shuffle_10_seed1/X"), sh.x().toDoubleArray(), "shuffle X");
        assertBits(Vectors.doubles("utils_shuffle_10_seed1/y"), sh.y().toDoubleArray(), "shuffle y");
        assertNull(Datasets.shuffle(x, null, 1).y());
    }

    @Test
    void toCategoricalOneHotEncodes() {
        Tensor onehot = Datasets.toCategorical(Tensor.of(new int[] {0, 2, 1, 2}), 3);
        assertEquals(Shape.of(4, 3), onehot.shape());
        assertEquals(DType.FLOAT32, onehot.dtype());
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1}, onehot.toDoubleArray());
        Tensor column = Tensor.fromFlat(new double[] {1, 0}, DType.FLOAT64, 2, 1);
        assertArrayEquals(new double[] {0, 1, 1, 0}, Datasets.toCategorical(column).toDoubleArray());
        assertEquals(DType.FLOAT64, Datasets.toCategorical(column, 2, DType.FLOAT64).dtype());
    }

    static Stream<Map<String, Object>> lowRankRegressions() {
        return Json.arr(LowRankMatrixTest.EXTRAS.get("make_regression_effective_rank")).stream().map(Json::obj);
    }

    /**
     * effective_rank: the draws and coef are exact (coef bits, and the next draws of the shared
     * generator); X and y go through a QR that rounds unlike LAPACK, so they are compared to 1e-13 of the
     * largest magnitude of X, respectively y.
     */
    @ParameterizedTest
    @MethodSource("lowRankRegressions")
    void makeRegressionWithEffectiveRankMatchesScikitLearn(Map<String, Object> c) {
        RandomState rs = new RandomState(((Number) c.get("random_state")).longValue());
        Dataset d = Datasets.makeRegression(num(c, "n_samples"), num(c, "n_features"), num(c, "n_informative"),
                num(c, "n_targets"), 0.0, num(c, "effective_rank"), ((Number) c.get("tail_strength")).doubleValue(),
                ((Number) c.get("noise")).doubleValue(), (Boolean) c.get("shuffle"), rs);
        assertBits(LowRankMatrixTest.strings(c.get("coef")), d.coef().toDoubleArray(), "coef");
        assertBits(LowRankMatrixTest.strings(c.get("after")), rs.randomSample(3), "draws after the call");
        assertClose(LowRankMatrixTest.strings(c.get("X")), d.x().toDoubleArray(), 1e-13, "X");
        assertClose(LowRankMatrixTest.strings(c.get("y")), d.y().toDoubleArray(), 1e-13, "y");
    }

    private static int num(Map<String, Object> c, String key) {
        return ((Number) c.get(key)).intValue();
    }

    /** |actual - expected| <= rel * max|expected| for every element. */
    static void assertClose(double[] expected, double[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double max = 0;
        for (double v : expected) max = Math.max(max, Math.abs(v));
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], rel * max, what + "[" + i + "]");
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / max);
        }
        System.out.println("DatasetsTest: " + what + " (" + expected.length + " values) within " + worst
                + " of the largest magnitude");
    }

    static String sha(String call) {
        return (String) Json.obj(Vectors.ALL.get("sha256")).get(call);
    }

    static String sha256(Dataset d) {
        double[][] rows = new double[d.x().shape().dim(0)][];
        double[] flat = d.x().toDoubleArray();
        int f = d.x().shape().dim(1);
        for (int i = 0; i < rows.length; i++) rows[i] = java.util.Arrays.copyOfRange(flat, i * f, (i + 1) * f);
        return GeneratorsTest.sha256(new Generators.Raw(rows, d.y().toDoubleArray(), 1, null));
    }

    @Test
    void unseededGeneratorsStillWork() {
        Dataset d = Datasets.makeMoons(10, true, null, null);
        assertEquals(Shape.of(10, 2), d.x().shape());
        assertEquals(List.of(5L, 5L), List.of(count(d.y(), 0), count(d.y(), 1)));
    }

    private static long count(Tensor y, double v) {
        return java.util.Arrays.stream(y.toDoubleArray()).filter(a -> a == v).count();
    }
}
