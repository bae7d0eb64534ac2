package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PReLUTest {
    private static final Supplier<Layer> RANDOM_ALPHA = () -> new PReLU().alphaInitializer(Initializers.randomUniform(0.1, 0.5));

    @Test
    void valuesAndWeightShapes() {
        PReLU p = new PReLU().alphaInitializer(Initializers.constant(0.25));
        Tensor y = p.call(Tensor.of(new double[][] {{-2, 3}, {4, -8}}), true);
        assertArrayEquals(new double[] {-0.5, 3, 4, -2}, y.toDoubleArray(), 0);
        assertEquals(Shape.of(2), p.alpha().shape());
        PReLU shared = new PReLU().sharedAxes(1, 2);
        shared.build(Shape.of(-1, 5, 5, 3), new SplittableRandom(1));
        assertEquals(Shape.of(1, 1, 3), shared.alpha().shape());
        assertEquals(3, shared.countParams());
        PReLU zero = new PReLU();
        assertArrayEquals(new double[] {0, 3}, zero.call(Tensor.of(new double[][] {{-2, 3}}), false).toDoubleArray(), 0, "alpha starts at zeros: ReLU");
        LayerTester.outputShapeMatches(PReLU::new, 4, 3);
        LayerTester.outputShapeMatches(() -> new PReLU().sharedAxes(1), 2, 3, 4);
    }

    @Test
    void gradientsAndTraining() {
        LayerTester.gradientCheck(RANDOM_ALPHA, true, -2, 2, 4, 3);
        LayerTester.gradientCheck(() -> new PReLU().alphaInitializer(Initializers.randomNormal(0.2, 0.1)).sharedAxes(1), true, -2, 2, 2, 3, 4);
        LayerTester.stepLowersLoss(RANDOM_ALPHA, 6, 3);
    }

    @Test
    void configAndErrors() {
        LayerTester.configRoundTrip(() -> new PReLU().alphaInitializer(Initializers.constant(0.3)).sharedAxes(1).alphaRegularizer(new L2(0.1)), 2, 3, 4);
        assertThrows(IllegalArgumentException.class, () -> new PReLU().sharedAxes(0));
        assertThrows(IllegalArgumentException.class, () -> new PReLU().sharedAxes(3).outputShape(Shape.of(-1, 4)));
    }

    static List<Map<String, Object>> kerasLayerCases() { return KerasReference.layerCases("PReLU"); }

    /** Keras 3.15's outputs for this layer (reference/layers.json, tools/reference/layers.py). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasLayerCases")
    void matchesKerasLayer(Map<String, Object> c) { LayerTester.matchesKeras(c); }
}
