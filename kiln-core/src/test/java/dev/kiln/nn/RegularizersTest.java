package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.GradCheck;
import dev.kiln.testing.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keras's penalties l1·Σ|w| + l2·Σw², written out by hand for w = [[1, −2], [0.5, 3]]. */
class RegularizersTest {
    private static final Tensor W = Tensor.of(new double[][] {{1, -2}, {0.5, 3}}, DType.FLOAT64);

    @Test
    void penalties() {
        // Σ|w| = 6.5, Σw² = 1 + 4 + 0.25 + 9 = 14.25
        assertEquals(0.01 * 6.5, new L1().penalty(W).item(), 1e-15);
        assertEquals(0.01 * 14.25, new L2().penalty(W).item(), 1e-15);
        assertEquals(0.3 * 6.5 + 0.2 * 14.25, new L1L2(0.3, 0.2).penalty(W).item(), 1e-14);
        assertEquals(0.0, new L1L2().penalty(W).item(), 0.0, "Keras 3's L1L2() is all zeros");
        assertEquals(0.5 * 6.5, Regularizers.l1(0.5).penalty(W).item(), 1e-15);
        assertEquals(0.01 * 14.25, Regularizers.get("l2").penalty(W).item(), 1e-15);
        assertEquals(DType.FLOAT32, new L2().penalty(W.astype(DType.FLOAT32)).dtype());
        assertEquals(0, new L2().penalty(W).rank(), "a scalar");
    }

    @Test
    void gradients() {
        GradCheck.check("l1l2", in -> new L1L2(0.3, 0.2).penalty(in.get(0)), List.of(GradCheck.input(1, 0.1, 2, 3, 4)));
        GradCheck.check("l2", in -> new L2(0.7).penalty(in.get(0)), List.of(GradCheck.input(2, -2, 2, 5)));
    }

    @Test
    void serializationAndErrors() {
        for (Regularizer r : List.of(new L1(0.2), new L2(0.3), new L1L2(0.1, 0.4), new OrthogonalRegularizer(0.2, "columns"))) {
            assertEquals(Regularizers.serialize(r), Regularizers.serialize(Regularizers.deserialize(Regularizers.serialize(r))));
            assertEquals(r.getClass(), Regularizers.deserialize(Regularizers.serialize(r)).getClass());
        }
        assertThrows(IllegalArgumentException.class, () -> new L2(-1));
        assertThrows(IllegalArgumentException.class, () -> Regularizers.get("l3"));
        assertThrows(IllegalArgumentException.class, () -> Regularizers.get("l1_l2"), "not a Keras 3 name");
        assertThrows(IllegalArgumentException.class, () -> Regularizers.serialize(w -> w.sum()));
    }

    // ------------------------------------------------------------------ Keras 3.15 reference (regularizers.json)

    static List<Map<String, Object>> kerasCases() { return KerasReference.entries("regularizers.json", "cases", e -> true); }

    /** Each regularizer's float32 penalty on vectors, matrices, a conv kernel, zeros and a scalar; Keras's refusals too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasCases")
    void matchesKeras(Map<String, Object> c) {
        Regularizer r = Regularizers.deserialize(Map.of("class_name", c.get("regularizer"), "config", c.get("config")));
        Tensor x = KerasReference.tensor(c.get("x"));
        if (c.containsKey("error")) {
            assertThrows(IllegalArgumentException.class, () -> r.penalty(x), (String) c.get("id"));
            return;
        }
        double expected = KerasReference.tensor(c.get("value")).item();
        // a float32 sum of up to a few dozen terms: a few ulps of the sum of magnitudes
        assertEquals(expected, r.penalty(x).item(), 1e-6 * Math.abs(expected) + 1e-9, (String) c.get("id"));
        assertEquals(DType.FLOAT32, r.penalty(x).dtype());
    }

    @Test
    void constructorChecksAndGetMatchKeras() {
        for (Map<String, Object> c : KerasReference.entries("regularizers.json", "constructor_checks", e -> true)) {
            Map<String, Object> cfg = Json.obj(c.get("config"));
            if (cfg.containsValue(null)) continue;   // Python's None (use the default) has no Java counterpart
            Map<String, Object> m = Map.of("class_name", c.get("regularizer"), "config", cfg);
            if (Boolean.TRUE.equals(c.get("accepted"))) Regularizers.deserialize(m);
            else assertThrows(IllegalArgumentException.class, () -> Regularizers.deserialize(m), c.toString());
        }
        for (Map<String, Object> g : KerasReference.entries("regularizers.json", "get", e -> e.get("identifier") != null)) {
            String id = (String) g.get("identifier");
            if (g.containsKey("error")) {
                assertThrows(IllegalArgumentException.class, () -> Regularizers.get(id), id);
            } else {
                Regularizer r = Regularizers.get(id);
                assertEquals(g.get("class"), r.className(), id);
                Map<String, Object> keras = Json.obj(g.get("config"));
                for (Map.Entry<String, Object> e : r.config().entrySet()) {
                    Object k = keras.get(e.getKey());
                    if (k instanceof Number) assertEquals(((Number) k).floatValue(), ((Number) e.getValue()).floatValue(), id + "." + e.getKey());
                    else assertEquals(k, e.getValue(), id + "." + e.getKey());
                }
            }
        }
    }

    @Test
    void orthogonalRegularizer() {
        // rows (1, 0) and (1, 1)/√2: one pair, |cos| = 1/√2 counted twice, ½·factor·2/√2 / 1
        Tensor w = Tensor.of(new double[][] {{2, 0}, {3, 3}}, DType.FLOAT64);
        assertEquals(0.1 * 0.5 * 2 / Math.sqrt(2), new OrthogonalRegularizer(0.1, "rows").penalty(w).item(), 1e-15);
        GradCheck.check("orthogonal rows", in -> new OrthogonalRegularizer(0.1, "rows").penalty(in.get(0)), List.of(GradCheck.input(3, -1, 1, 3, 4)));
        GradCheck.check("orthogonal columns", in -> new OrthogonalRegularizer(0.1, "columns").penalty(in.get(0)), List.of(GradCheck.input(4, -1, 1, 3, 4)));
        assertThrows(IllegalArgumentException.class, () -> new OrthogonalRegularizer(0.1, "diagonal"));
    }
}
