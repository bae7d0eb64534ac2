package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        for (Regularizer r : List.of(new L1(0.2), new L2(0.3), new L1L2(0.1, 0.4))) {
            assertEquals(Regularizers.serialize(r), Regularizers.serialize(Regularizers.deserialize(Regularizers.serialize(r))));
            assertEquals(r.getClass(), Regularizers.deserialize(Regularizers.serialize(r)).getClass());
        }
        assertThrows(IllegalArgumentException.class, () -> new L2(-1));
        assertThrows(IllegalArgumentException.class, () -> Regularizers.get("l3"));
        assertThrows(IllegalArgumentException.class, () -> Regularizers.serialize(w -> w.sum()));
    }
}
