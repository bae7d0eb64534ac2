package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DenseTest {
    private static final Supplier<Layer> PLAIN = () -> new Dense(3);
    private static final Supplier<Layer> FULL = () -> new Dense(4).activation("tanh").biasInitializer("random_normal")
            .kernelRegularizer(new L1L2(0.01, 0.02)).biasRegularizer(new L2(0.1)).activityRegularizer(new L1(0.05))
            .kernelConstraint(new MaxNorm(2.0)).biasConstraint(new NonNeg());

    @Test
    void shapesAndParameterCount() {
        LayerTester.outputShapeMatches(PLAIN, 5, 2);
        LayerTester.outputShapeMatches(PLAIN, 2, 4, 6);   // applied on the last axis
        Dense d = new Dense(50);
        d.build(Shape.of(-1, 2), new SplittableRandom(1));
        assertEquals(2 * 50 + 50, d.countParams());
        assertEquals(Shape.of(2, 50), d.kernel().shape());
        assertEquals(Shape.of(50), d.bias().shape());
        assertEquals(List.of("kernel", "bias"), d.weightNames());
        assertSame(d.kernel(), d.trainableWeights().get(0));
        Dense noBias = new Dense(3).useBias(false);
        noBias.build(Shape.of(-1, 4), new SplittableRandom(1));
        assertEquals(12, noBias.countParams());
        assertNull(noBias.bias());
    }

    @Test
    void computesActivationOfAffineMap() {
        Dense d = new Dense(2).activation("relu").kernelInitializer((s, dt, r) -> Tensor.of(new double[][] {{1, -1}, {2, 0.5}}, dt))
                .biasInitializer(Initializers.constant(0.5));
        Tensor y = d.call(Tensor.of(new double[][] {{1, 1}, {-3, 1}}), false);
        // [1,1]·K = [3, -0.5] + 0.5 = [3.5, 0]; [-3,1]·K = [-1, 3.5] + 0.5 = [-0.5, 4] → relu
        assertArrayEquals(new double[] {3.5, 0, 0, 4}, y.toDoubleArray(), 1e-6);
        assertEquals(DType.FLOAT32, y.dtype());
        assertEquals("relu", d.activationName());
        assertEquals("linear", new Dense(1).activationName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "relu", "sigmoid", "tanh", "softmax", "elu", "gelu", "swish"})
    void gradientCheckWithActivations(String activation) {
        LayerTester.gradientCheck(() -> new Dense(3).activation(activation).biasInitializer("random_normal"), true, -1, 1, 4, 5);
    }

    @Test
    void gradientCheckWithRegularizersAndRank3Input() {
        LayerTester.gradientCheck(FULL, true, -1, 1, 2, 3, 5);
        LayerTester.gradientCheck(() -> new Dense(2).useBias(false), false, -1, 1, 3, 4);
    }

    @Test
    void stepLowersLoss() {
        LayerTester.stepLowersLoss(PLAIN, 8, 3);
        LayerTester.stepLowersLoss(FULL, 8, 3);
    }

    @Test
    void configRoundTrip() {
        LayerTester.configRoundTrip(FULL, 3, 5);
        LayerTester.configRoundTrip(() -> new Dense(2).inputDim(5).activation(Activations.leakyRelu(0.3)).kernelInitializer("he_uniform"), 3, 5);
        assertEquals(3, Layers.fromConfig("Dense", new Dense(3).config()).outputShape(Shape.of(-1, 7)).dim(1));
    }

    @Test
    void wrongInputWidthNamesLayerAndBothShapes() {
        Dense d = new Dense(25).inputDim(20).name("dense_1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.call(Tensor.zeros(32, 2), true));
        assertEquals("Dense 'dense_1': expected input of shape (*, 20), received (32, 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.outputShape(Shape.of(-1, 2)));
        assertEquals("Dense 'dense_1': expected input of shape (*, 20), received (None, 2)", e.getMessage());
        Dense built = new Dense(3);
        built.build(Shape.of(-1, 4), new SplittableRandom(1));
        e = assertThrows(IllegalArgumentException.class, () -> built.build(Shape.of(-1, 5), new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("expected input of shape (*, 4), received (None, 5)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dense(3).outputShape(Shape.of(-1)));
        assertEquals("Dense: units (0) must be > 0", assertThrows(IllegalArgumentException.class, () -> new Dense(0)).getMessage());
        assertThrows(IllegalStateException.class, () -> built.kernelInitializer("zeros"));
    }

    @Test
    void buildIsIdempotentAndSeeded() {
        Dense a = new Dense(4), b = new Dense(4);
        a.build(Shape.of(-1, 3), new SplittableRandom(42));
        Tensor k = a.kernel();
        a.build(Shape.of(-1, 3), new SplittableRandom(43));
        assertSame(k, a.kernel(), "second build keeps the weights");
        b.build(Shape.of(-1, 3), new SplittableRandom(42));
        assertArrayEquals(a.kernel().toDoubleArray(), b.kernel().toDoubleArray(), 0.0, "same seed, same weights");
    }

    @Test
    void constraintsApplyInPlace() {
        Dense d = new Dense(2).kernelInitializer(Initializers.constant(3.0)).biasInitializer(Initializers.constant(-1.0))
                .kernelConstraint(new MaxNorm(2.0)).biasConstraint(new NonNeg());
        d.build(Shape.of(-1, 2), new SplittableRandom(1));
        Tensor kernel = d.kernel();
        d.applyConstraints();
        assertSame(kernel, d.kernel());
        // each column (3, 3) has norm 3√2, rescaled to norm 2
        double expected = 3 * 2 / (1e-7 + 3 * Math.sqrt(2));
        assertArrayEquals(new double[] {expected, expected, expected, expected}, kernel.toDoubleArray(), 1e-6);
        assertArrayEquals(new double[] {0, 0}, d.bias().toDoubleArray(), 0.0);
    }

    static List<Map<String, Object>> kerasLayerCases() { return KerasReference.layerCases("Dense"); }

    /** Keras 3.15's outputs for this layer (reference/layers.json, tools/reference/layers.py). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasLayerCases")
    void matchesKerasLayer(Map<String, Object> c) { LayerTester.matchesKeras(c); }
}
