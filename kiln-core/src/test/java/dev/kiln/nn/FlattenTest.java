package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FlattenTest {
    @Test
    void shapes() {
        assertEquals(Shape.of(-1, 784), new Flatten().outputShape(Shape.of(-1, 28, 28)));
        assertEquals(Shape.of(-1, 60), new Flatten().outputShape(Shape.of(-1, 3, 4, 5)));
        assertEquals(Shape.of(-1, -1), new Flatten().outputShape(Shape.of(-1, -1, 4)));
        assertEquals(Shape.of(8, 1), new Flatten().outputShape(Shape.of(8)));
        LayerTester.outputShapeMatches(Flatten::new, 2, 3, 4);
        LayerTester.outputShapeMatches(Flatten::new, 5, 1);
        assertEquals(0, new Flatten().countParams());
    }

    @Test
    void rowMajorValuesAndGradient() {
        Tensor x = Tensor.of(new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new Flatten().call(x, false).toDoubleArray(), 0);
        LayerTester.gradientCheck(Flatten::new, true, -1, 1, 2, 3, 2);
    }

    @Test
    void declaredShapeAndConfig() {
        Flatten f = new Flatten().inputShape(28, 28);
        assertEquals(Shape.of(-1, 28, 28), f.inputShape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.outputShape(Shape.of(-1, 28, 27)));
        assertEquals("Flatten '" + f.name() + "': expected input of shape (*, 28, 28), received (None, 28, 27)", e.getMessage());
        LayerTester.configRoundTrip(() -> new Flatten().inputShape(3, 2), 4, 3, 2);
    }

    static List<Map<String, Object>> kerasLayerCases() { return KerasReference.layerCases("Flatten"); }

    /** Keras 3.15's outputs for this layer (reference/layers.json, tools/reference/layers.py). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasLayerCases")
    void matchesKerasLayer(Map<String, Object> c) { LayerTester.matchesKeras(c); }
}
