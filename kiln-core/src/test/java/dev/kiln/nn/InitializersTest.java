package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each initializer's distribution against Keras 3's definition: support bounds, mean and standard
 * deviation of many draws (tolerances are several standard errors), fans, and the deterministic ones exactly.
 */
class InitializersTest {
    private static double[] draw(String name, int... shape) {
        return Initializers.get(name).initialize(Shape.of(shape), DType.FLOAT64, new SplittableRandom(3)).toDoubleArray();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static double std(double[] v) {
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / v.length);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, Math.abs(x));
        return m;
    }

    /**
     * name, shape (rows x cols), expected std, support bound (0: unbounded). Uniform(±a) has std a/√3;
     * a unit normal truncated at ±2 has std 0.8796…, so the truncated variance-scaling ones have std √(s/n).
     */
    @ParameterizedTest
    @CsvSource({
        "random_normal,    200, 300, 0.05, 0",
        "normal,           200, 300, 0.05, 0",
        "random_uniform,   200, 300, 0.028867513459481287, 0.05",
        "uniform,          200, 300, 0.028867513459481287, 0.05",
        "truncated_normal, 200, 300, 0.04398128305171199, 0.1",
        // glorot: fan_avg = 250 → limit √(3/250), std √(1/250)
        "glorot_uniform,   200, 300, 0.06324555320336758, 0.10954451150103323",
        "glorot_normal,    200, 300, 0.06324555320336758, 0.14380106448692093",
        // he: fan_in = 200 → limit √(6/200), std √(2/200)
        "he_uniform,       200, 300, 0.1, 0.17320508075688773",
        "he_normal,        200, 300, 0.1, 0.2273694468677113",
        "lecun_uniform,    200, 300, 0.07071067811865475, 0.12247448713915890",
        "lecun_normal,     200, 300, 0.07071067811865475, 0.16077447771479306",
    })
    void distributions(String name, int rows, int cols, double expectedStd, double bound) {
        double[] v = draw(name, rows, cols);
        double se = expectedStd / Math.sqrt(v.length);
        assertEquals(0.0, mean(v), 5 * se, name + " mean");
        assertEquals(expectedStd, std(v), 0.01 * expectedStd, name + " std");
        if (bound > 0) {
            assertTrue(maxAbs(v) <= bound, name + " exceeds its bound " + bound + ": " + maxAbs(v));
            assertTrue(maxAbs(v) > 0.95 * bound, name + " does not reach near its bound");
        }
    }

    @Test
    void kerasFans() {
        assertArrayEquals(new int[] {1, 1}, Initializers.computeFans(Shape.scalar()));
        assertArrayEquals(new int[] {7, 7}, Initializers.computeFans(Shape.of(7)));
        assertArrayEquals(new int[] {20, 50}, Initializers.computeFans(Shape.of(20, 50)));
        // conv kernel (3, 3, in 16, out 32): receptive field 9
        assertArrayEquals(new int[] {144, 288}, Initializers.computeFans(Shape.of(3, 3, 16, 32)));
        double[] conv = draw("he_uniform", 3, 3, 16, 32);
        assertTrue(maxAbs(conv) <= Math.sqrt(6.0 / 144));
        assertEquals(Math.sqrt(2.0 / 144), std(conv), 0.03 * Math.sqrt(2.0 / 144));
    }

    @Test
    void deterministicInitializers() {
        assertArrayEquals(new double[6], draw("zeros", 2, 3), 0);
        assertArrayEquals(new double[] {1, 1}, draw("ones", 2), 0);
        assertArrayEquals(new double[] {2.5, 2.5}, Initializers.constant(2.5).initialize(Shape.of(2), DType.FLOAT64, null).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, draw("identity", 2, 3), 0);
        assertArrayEquals(new double[] {3, 0, 0, 3}, Initializers.identity(3).initialize(Shape.of(2, 2), DType.FLOAT32, null).toDoubleArray(), 0);
        assertThrows(IllegalArgumentException.class, () -> draw("identity", 2, 2, 2));
    }

    @ParameterizedTest
    @CsvSource({"6, 4", "4, 6", "5, 5", "12, 3"})
    void orthogonalHasOrthonormalRowsOrColumns(int rows, int cols) {
        double[] q = Initializers.orthogonal(2.0).initialize(Shape.of(rows, cols), DType.FLOAT64, new SplittableRandom(5)).toDoubleArray();
        boolean columns = rows >= cols;
        int k = columns ? cols : rows, len = columns ? rows : cols;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double dot = 0;
                for (int i = 0; i < len; i++) dot += (columns ? q[i * cols + a] * q[i * cols + b] : q[a * cols + i] * q[b * cols + i]);
                assertEquals(a == b ? 4.0 : 0.0, dot, 1e-12, "gain² on the diagonal, 0 elsewhere");
            }
        }
        assertEquals(Shape.of(2, 3, 4), Initializers.get("orthogonal").initialize(Shape.of(2, 3, 4), DType.FLOAT32, new SplittableRandom(1)).shape());
    }

    @Test
    void seedsAndDtype() {
        Initializer seeded = Initializers.seeded("he_normal", 11);
        Tensor a = seeded.initialize(Shape.of(3, 3), DType.FLOAT32, new SplittableRandom(1));
        Tensor b = seeded.initialize(Shape.of(3, 3), DType.FLOAT32, new SplittableRandom(2));
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0.0, "a seeded initializer ignores the generator");
        assertEquals(DType.FLOAT32, a.dtype());
        assertThrows(IllegalArgumentException.class, () -> Initializers.get("glorot"));
        assertThrows(IllegalArgumentException.class, () -> Initializers.randomUniform(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Initializers.varianceScaling(1, "fan_sum", "uniform", null));
    }

    @Test
    void serializeRoundTrip() {
        for (String name : List.of("zeros", "ones", "random_normal", "random_uniform", "truncated_normal", "glorot_uniform",
                "glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal", "orthogonal", "identity", "variance_scaling")) {
            Initializer i = Initializers.get(name);
            Map<String, Object> s = Initializers.serialize(i);
            assertEquals(s, Initializers.serialize(Initializers.deserialize(s)), name);
        }
        assertEquals("GlorotUniform", Initializers.serialize(Initializers.get("glorot_uniform")).get("class_name"));
        Map<String, Object> normal = new java.util.LinkedHashMap<>();
        normal.put("mean", 0.0);
        normal.put("stddev", 0.05);
        normal.put("seed", null);
        assertEquals(Map.of("class_name", "RandomNormal", "config", normal), Initializers.serialize(Initializers.get("normal")), "Keras 1's init='normal'");
        assertThrows(IllegalArgumentException.class, () -> Initializers.serialize((s, d, r) -> Tensor.zeros(1)));
    }
}
