package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.Json;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * StandardScaler, MinMaxScaler and RobustScaler against scikit-learn 1.2.1 (sklearn-reference.json,
 * tools/data/gen_sklearn_reference.py), bit for bit: fitted on a 9x4 matrix with a constant column, an outlier and
 * ties, and on its first 8 rows (even count: the median and quantiles interpolate).
 */
class ColumnScalerTest {
    static final Map<String, Object> REF = Json.obj(Json.resource("/data/sklearn-reference.json"));
    static final double[] X = strings(REF.get("x"));
    static final int ROWS = 9;
    static final int COLS = 4;

    static final Map<String, Supplier<ColumnScaler<?>>> MAKERS = Map.of(
            "standard", StandardScaler::new,
            "standard_nomean", () -> new StandardScaler(false, true),
            "minmax", MinMaxScaler::new,
            "minmax_m1_2", () -> new MinMaxScaler(-1, 2, false),
            "robust", RobustScaler::new,
            "robust_10_90", () -> new RobustScaler(true, true, 10, 90));

    static double[] strings(Object list) {
        List<Object> l = Json.arr(list);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = Double.parseDouble((String) l.get(i));
        return out;
    }

    static Stream<Map<String, Object>> cases() {
        return Json.arr(REF.get("scalers")).stream().map(Json::obj);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesScikitLearn(Map<String, Object> c) {
        String name = (String) c.get("name");
        int rows = c.get("rows").equals("odd") ? ROWS : ROWS - 1;
        double[] fitData = java.util.Arrays.copyOf(X, rows * COLS);
        ColumnScaler<?> s = MAKERS.get(name).get().fit(Tensor.fromFlat(fitData, DType.FLOAT64, rows, COLS));
        Tensor x = Tensor.fromFlat(X, DType.FLOAT64, ROWS, COLS);
        Tensor t = s.transform(x);
        assertClose(strings(c.get("transform")), t.toDoubleArray(), 0, name + " transform");
        assertClose(strings(c.get("inverse")), s.inverseTransform(t).toDoubleArray(), 0, name + " inverse");
        if (s instanceof StandardScaler) {
            assertClose(strings(c.get("mean_")), ((StandardScaler) s).mean(), 0, name + " mean_");
            assertClose(strings(c.get("var_")), ((StandardScaler) s).variance(), 0, name + " var_");
            assertClose(strings(c.get("scale_")), ((StandardScaler) s).scale(), 0, name + " scale_");
        } else if (s instanceof MinMaxScaler) {
            assertClose(strings(c.get("data_min_")), ((MinMaxScaler) s).dataMin(), 0, name + " data_min_");
            assertClose(strings(c.get("data_max_")), ((MinMaxScaler) s).dataMax(), 0, name + " data_max_");
            assertClose(strings(c.get("scale_")), ((MinMaxScaler) s).scale(), 0, name + " scale_");
            assertClose(strings(c.get("min_")), ((MinMaxScaler) s).min(), 0, name + " min_");
        } else {
            assertClose(strings(c.get("center_")), ((RobustScaler) s).center(), 0, name + " center_");
            assertClose(strings(c.get("scale_")), ((RobustScaler) s).scale(), 0, name + " scale_");
        }
    }

    /** Equal within {@code ulps} units in the last place of the expected value (0: the same number). */
    static Stream<Map<String, Object>> unitVarianceCases() {
        return Json.arr(LowRankMatrixTest.EXTRAS.get("robust_unit_variance")).stream().map(Json::obj);
    }

    /** unit_variance: bit-exact for (25, 75) (scipy's constant), 1e-14 relative for other ranges. */
    @ParameterizedTest
    @MethodSource("unitVarianceCases")
    void robustUnitVarianceMatchesScikitLearn(Map<String, Object> c) {
        double[] x = strings(LowRankMatrixTest.EXTRAS.get("x"));
        Tensor xt = Tensor.fromFlat(x, DType.FLOAT64, 9, 4);
        double[] q = Json.doubles(c.get("quantile_range"));
        RobustScaler s = new RobustScaler((Boolean) c.get("with_centering"), true, q[0], q[1], true).fit(xt);
        Tensor t = s.transform(xt);
        boolean iqr = q[0] == 25.0 && q[1] == 75.0;
        String what = "unit variance " + q[0] + "-" + q[1];
        assertRelative(strings(c.get("scale_")), s.scale(), iqr ? 0 : 1e-14, what + " scale_");
        assertRelative(strings(c.get("transform")), t.toDoubleArray(), iqr ? 0 : 1e-14, what + " transform");
        assertRelative(strings(c.get("inverse")), s.inverseTransform(t).toDoubleArray(), iqr ? 0 : 1e-14,
                what + " inverse");
    }

    @Test
    void unitVarianceRefusesPercentilesWhoseNormalRangeIsInfiniteOrZero() {
        for (double[] q : new double[][] {{0, 75}, {25, 100}, {50, 50}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RobustScaler(true, true, q[0], q[1], true));
            assertTrue(e.getMessage().contains("0 < qLo < qHi < 100") && e.getMessage().contains("" + q[0]),
                    e.getMessage());
        }
        assertEquals(1.0, new RobustScaler(true, true, 0, 100, false).fit(Tensor.fromFlat(new double[] {0, 1},
                DType.FLOAT64, 2, 1)).scale()[0]);
    }

    static void assertRelative(double[] expected, double[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= rel * Math.abs(expected[i]))) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    static void assertClose(double[] expected, double[] actual, int ulps, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            double tol = ulps * Math.ulp(expected[i]);
            if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    @Test
    void tutorialRegressionScalingMatchesScikitLearn() {
        Map<String, Object> ref = Json.obj(REF.get("tutorial_regression"));
        Dataset d = Datasets.makeRegression(1000, 20, 0.1, 1);
        StandardScaler sx = new StandardScaler().fit(d.x());
        Tensor y = d.y().reshape(-1, 1);
        StandardScaler sy = new StandardScaler().fit(y);
        assertClose(strings(ref.get("x_mean_")), sx.mean(), 0, "x mean_");
        assertClose(strings(ref.get("x_var_")), sx.variance(), 0, "x var_");
        assertClose(strings(ref.get("y_mean_")), sy.mean(), 0, "y mean_");
        assertClose(strings(ref.get("y_var_")), sy.variance(), 0, "y var_");
        assertEquals(ref.get("x_scaled_sha256"), sha256(sx.transform(d.x()).toDoubleArray()));
        assertEquals(ref.get("y_scaled_sha256"), sha256(sy.transform(y).toDoubleArray()));
    }

    /** One column sums pairwise (numpy), at every block boundary of the pairwise sum. */
    @Test
    void oneColumnMeanAndVarianceMatchNumpysPairwiseSum() {
        Map<String, Object> cases = Json.obj(REF.get("one_column"));
        for (Map.Entry<String, Object> e : cases.entrySet()) {
            Map<String, Object> c = Json.obj(e.getValue());
            double[] col = strings(c.get("x"));
            StandardScaler s = new StandardScaler().fit(Tensor.fromFlat(col, DType.FLOAT64, col.length, 1));
            assertClose(strings(c.get("mean_")), s.mean(), 0, "n=" + e.getKey() + " mean_");
            assertClose(strings(c.get("var_")), s.variance(), 0, "n=" + e.getKey() + " var_");
        }
    }

    static String sha256(double[] v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double x : v) b.putDouble(x);
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b.array()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void constantFeatureGetsScaleOneAndStandardizedColumnsHaveUnitVariance() {
        Tensor x = Tensor.fromFlat(X, DType.FLOAT64, ROWS, COLS);
        StandardScaler s = new StandardScaler().fit(x);
        assertEquals(1.0, s.scale()[2]);
        double[] z = s.transform(x).toDoubleArray();
        for (int j : new int[] {0, 1, 3}) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < ROWS; i++) {
                sum += z[i * COLS + j];
                sq += z[i * COLS + j] * z[i * COLS + j];
            }
            assertEquals(0.0, sum / ROWS, 1e-12);
            assertEquals(1.0, sq / ROWS, 1e-12);
        }
    }

    @Test
    void float32InputStaysFloat32() {
        Tensor x = Tensor.fromFlat(X, DType.FLOAT32, ROWS, COLS);
        assertEquals(DType.FLOAT32, new MinMaxScaler().fitTransform(x).dtype());
    }

    @Test
    void clipKeepsValuesInRange() {
        MinMaxScaler s = new MinMaxScaler(0, 1, true).fit(Tensor.of(new double[][] {{0}, {10}}, DType.FLOAT64));
        assertArrayEquals(new double[] {0, 0.5, 1}, s.transform(Tensor.of(new double[][] {{-5}, {5}, {20}},
                DType.FLOAT64)).toDoubleArray());
    }

    @Test
    void misuseIsReportedClearly() {
        Tensor x = Tensor.fromFlat(X, DType.FLOAT64, ROWS, COLS);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new StandardScaler().transform(x));
        assertTrue(e.getMessage().contains("before fit"), e.getMessage());
        StandardScaler s = new StandardScaler().fit(x);
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> s.transform(Tensor.of(new double[][] {{1, 2}}, DType.FLOAT64)));
        assertTrue(w.getMessage().contains("2 features") && w.getMessage().contains("4 features"), w.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new RobustScaler().fit(Tensor.of(new double[][] {{1, 2}, {Double.NaN, 3}}, DType.FLOAT64)));
        assertTrue(nan.getMessage().contains("row 1, column 0"), nan.getMessage());
        IllegalArgumentException oneD = assertThrows(IllegalArgumentException.class,
                () -> new StandardScaler().fit(Tensor.of(new double[] {1, 2}, DType.FLOAT64)));
        assertTrue(oneD.getMessage().contains("(2,)") && oneD.getMessage().contains("reshape(-1, 1)"), oneD.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new RobustScaler(true, true, 80, 20));
        // A failed fit leaves the previous statistics in place.
        double[] before = s.mean();
        assertThrows(IllegalArgumentException.class, () -> s.fit(Tensor.of(new double[][] {{Double.NaN, 0, 0, 0}},
                DType.FLOAT64)));
        assertArrayEquals(before, s.mean());
    }
}
