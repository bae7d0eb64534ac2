package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.Json;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

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

    // ------------------------------------------------------------------ Keras 3.15 reference (initializers.json)

    static List<Map<String, Object>> kerasDeterministic() { return KerasReference.entries("initializers.json", "deterministic", e -> true); }

    /** Zeros, Ones, Constant, Identity: Keras's exact values, and Identity's refusal of shapes that are not 2-D. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasDeterministic")
    void deterministicMatchKeras(Map<String, Object> c) {
        Initializer init = Initializers.deserialize(Map.of("class_name", c.get("initializer"), "config", c.get("config")));
        Shape shape = Shape.of(Json.ints(c.get("shape")));
        if (c.containsKey("error")) {
            assertThrows(IllegalArgumentException.class, () -> init.initialize(shape, DType.FLOAT32, new SplittableRandom(1)), (String) c.get("id"));
            return;
        }
        assertArrayEquals(KerasReference.tensor(c.get("value")).toFloatArray(), init.initialize(shape, DType.FLOAT32, new SplittableRandom(1)).toFloatArray(), (String) c.get("id"));
    }

    static List<Map<String, Object>> kerasRandom() {
        // Keras's Orthogonal needs rank >= 2 (the file lists the parameters it would use for a vector too)
        return KerasReference.entries("initializers.json", "random",
                e -> !(e.get("initializer").equals("Orthogonal") && Json.ints(e.get("shape")).length < 2));
    }

    /**
     * The distributions Keras derives for each shape (fans, n, limit, σ): many draws of that shape must stay within
     * the support, reach near its edges, and have the mean and standard deviation of the distribution (within
     * five standard errors and 3 %); orthogonal draws must be orthogonal with the gain.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasRandom")
    void randomDistributionsMatchKerasParameters(Map<String, Object> c) {
        String id = (String) c.get("id");
        Map<String, Object> cfg = new java.util.LinkedHashMap<>(Json.obj(c.get("config")));
        Initializer init = Initializers.deserialize(Map.of("class_name", c.get("initializer"), "config", cfg));
        int[] shape = Json.ints(c.get("shape"));
        Map<String, Object> p = Json.obj(c.get("params"));
        String dist = (String) p.get("distribution");
        SplittableRandom rng = new SplittableRandom(17);
        if (dist.equals("orthogonal")) {
            double gain = ((Number) p.get("gain")).doubleValue();
            double[] q = init.initialize(Shape.of(shape), DType.FLOAT64, rng).toDoubleArray();
            int cols = shape[shape.length - 1], rows = q.length / cols, k = Math.min(rows, cols);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    double dot = 0;
                    for (int i = 0; i < Math.max(rows, cols); i++) {
                        dot += rows >= cols ? q[i * cols + a] * q[i * cols + b] : q[a * cols + i] * q[b * cols + i];
                    }
                    assertEquals(a == b ? gain * gain : 0, dot, 1e-9, id);
                }
            }
            return;
        }
        int size = 1;
        for (int d : shape) size *= d;
        int draws = Math.max(1, 20_000 / size);
        double[] all = new double[draws * size];
        for (int d = 0; d < draws; d++) {
            System.arraycopy(init.initialize(Shape.of(shape), DType.FLOAT64, rng).toDoubleArray(), 0, all, d * size, size);
        }
        double mean, std, lo, hi;
        switch (dist) {
            case "uniform": {
                lo = num(p, "minval");
                hi = num(p, "maxval");
                mean = (lo + hi) / 2;
                std = (hi - lo) / Math.sqrt(12);
                break;
            }
            case "normal":
                mean = num(p, "mean");
                std = num(p, "stddev");
                lo = Double.NEGATIVE_INFINITY;
                hi = Double.POSITIVE_INFINITY;
                break;
            default: {   // truncated_normal: σ of the underlying normal, cut at ±2σ; the cut one has σ·0.8796
                mean = num(p, "mean");
                double sigma = num(p, "stddev"), cut = num(p, "truncate_at_stddevs");
                lo = mean - cut * sigma;
                hi = mean + cut * sigma;
                std = sigma * ((Number) KerasReference.file("initializers.json").get("truncated_normal_correction")).doubleValue();
            }
        }
        double m = mean(all), s = std(all), min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : all) { min = Math.min(min, v); max = Math.max(max, v); }
        assertEquals(mean, m, 5 * std / Math.sqrt(all.length), id + ": mean");
        assertEquals(std, s, 0.03 * std, id + ": standard deviation");
        if (Double.isFinite(lo)) {
            assertTrue(min >= lo && max <= hi, id + ": values in [" + lo + ", " + hi + "], got [" + min + ", " + max + "]");
            assertTrue(min < lo + 0.02 * (hi - lo) && max > hi - 0.02 * (hi - lo), id + ": the support's edges are reached");
        }
    }

    private static double num(Map<String, Object> p, String k) { return ((Number) p.get(k)).doubleValue(); }

    @Test
    void getAcceptsAndRejectsWhatKerasDoes() {
        for (Map<String, Object> g : KerasReference.entries("initializers.json", "get", e -> true)) {
            String id = (String) g.get("identifier");
            if (g.containsKey("error")) assertThrows(IllegalArgumentException.class, () -> Initializers.get(id), id);
            else assertEquals(g.get("class"), Initializers.get(id).className(), id);
        }
        for (Map<String, Object> d : KerasReference.entries("initializers.json", "layer_defaults", e -> e.get("layer").equals("Dense"))) {
            Map<String, Object> ours = new Dense(1).config();
            assertEquals(Json.obj(d.get("kernel_initializer")).get("class_name"), Json.obj(ours.get("kernel_initializer")).get("class_name"));
            assertEquals(Json.obj(d.get("bias_initializer")).get("class_name"), Json.obj(ours.get("bias_initializer")).get("class_name"));
        }
    }

    /** Every name the error for an unknown name lists is one {@code get} makes (the list and the lookup kept in step). */
    @Test
    void everyListedNameResolves() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.get("no_such_initializer"));
        String msg = e.getMessage();
        assertTrue(msg.contains("unknown initializer 'no_such_initializer'"), msg);
        String listed = msg.substring(msg.indexOf("known: [") + "known: [".length(), msg.lastIndexOf(']'));
        List<String> names = List.of(listed.split(", "));
        assertTrue(names.size() >= 14 && names.contains("glorot_uniform") && names.contains("he_uniform"), names.toString());
        for (String name : names) {
            Initializer init = Initializers.get(name);
            Tensor w = init.initialize(Shape.of(4, 4), DType.FLOAT32, new SplittableRandom(1));
            assertEquals(Shape.of(4, 4), w.shape(), name);
        }
        IllegalArgumentException constant = assertThrows(IllegalArgumentException.class, () -> Initializers.get("constant"));
        assertTrue(constant.getMessage().contains("Initializers.constant(v)"), constant.getMessage());
    }
}
