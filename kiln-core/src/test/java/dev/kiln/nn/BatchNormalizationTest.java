package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** Keras 3's batch normalization worked by hand on x = [[1, 2], [3, 6]]: batch mean [2, 4], biased variance [1, 4]. */
class BatchNormalizationTest {
    private static final Tensor X = Tensor.of(new double[][] {{1, 2}, {3, 6}}, DType.FLOAT64);
    private static final Supplier<Layer> RANDOM_AFFINE = () -> new BatchNormalization()
            .gammaInitializer(Initializers.randomUniform(0.5, 1.5)).betaInitializer(Initializers.randomNormal(0, 0.5));

    private static BatchNormalization built() {
        BatchNormalization bn = new BatchNormalization().dtype(DType.FLOAT64);
        bn.build(Shape.of(-1, 2), new SplittableRandom(1));
        return bn;
    }

    @Test
    void trainingNormalizesWithBatchStatisticsAndUpdatesMovingOnes() {
        BatchNormalization bn = built();
        double a = 1 / Math.sqrt(1 + 1e-3), b = 2 / Math.sqrt(4 + 1e-3);
        assertArrayEquals(new double[] {-a, -b, a, b}, bn.call(X, true).toDoubleArray(), 1e-15);
        // moving = moving·0.99 + batch·0.01
        assertArrayEquals(new double[] {0.02, 0.04}, bn.movingMean().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0.99 + 0.01, 0.99 + 0.04}, bn.movingVariance().toDoubleArray(), 1e-15);
    }

    @Test
    void inferenceUsesMovingStatistics() {
        BatchNormalization bn = built();
        bn.call(X, true);
        double[] y = bn.call(X, false).toDoubleArray();
        double s0 = Math.sqrt(1.0 + 1e-3), s1 = Math.sqrt(1.03 + 1e-3);
        assertArrayEquals(new double[] {(1 - 0.02) / s0, (2 - 0.04) / s1, (3 - 0.02) / s0, (6 - 0.04) / s1}, y, 1e-15);
        assertArrayEquals(new double[] {0.02, 0.04}, bn.movingMean().toDoubleArray(), 1e-15, "inference leaves the statistics");
        bn.trainable(false);
        bn.call(X, true);
        assertArrayEquals(new double[] {0.02, 0.04}, bn.movingMean().toDoubleArray(), 1e-15, "a frozen layer runs in inference mode (Keras 3)");
    }

    @Test
    void weightsAndShapes() {
        BatchNormalization bn = built();
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"), bn.weightNames());
        assertEquals(2, bn.trainableWeights().size());
        assertEquals(8, bn.countParams());
        BatchNormalization conv = new BatchNormalization();
        conv.build(Shape.of(-1, 5, 5, 3), new SplittableRandom(1));
        assertEquals(Shape.of(3), conv.gamma().shape());
        BatchNormalization channelsFirst = new BatchNormalization().axis(1).center(false);
        channelsFirst.build(Shape.of(-1, 3, 5, 5), new SplittableRandom(1));
        assertEquals(List.of("gamma", "moving_mean", "moving_variance"), channelsFirst.weightNames());
        LayerTester.outputShapeMatches(BatchNormalization::new, 4, 3);
        LayerTester.outputShapeMatches(() -> new BatchNormalization().axis(1), 2, 3, 4);
        assertThrows(IllegalArgumentException.class, () -> new BatchNormalization().axis(0).outputShape(Shape.of(-1, 3)));
    }

    @Test
    void gradientsThroughBatchStatisticsAndInInference() {
        LayerTester.gradientCheck(RANDOM_AFFINE, true, -2, 2, 5, 3);
        LayerTester.gradientCheck(RANDOM_AFFINE, false, -2, 2, 5, 3);
        LayerTester.gradientCheck(() -> new BatchNormalization().axis(1).gammaInitializer(Initializers.randomUniform(0.5, 1.5)), true, -2, 2, 3, 2, 4);
        LayerTester.gradientCheck(() -> new BatchNormalization().scale(false).center(false), true, -2, 2, 4, 2);
    }

    @Test
    void stepLowersLossAndConfigRoundTrip() {
        LayerTester.stepLowersLoss(RANDOM_AFFINE, 8, 3);
        LayerTester.configRoundTrip(() -> new BatchNormalization().momentum(0.9).epsilon(1e-5).gammaRegularizer(new L2(0.1)), 4, 3);
    }

    static List<Map<String, Object>> kerasLayerCases() { return KerasReference.layerCases("BatchNormalization"); }

    /** Keras 3.15's outputs for this layer (reference/layers.json, tools/reference/layers.py). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasLayerCases")
    void matchesKerasLayer(Map<String, Object> c) { LayerTester.matchesKeras(c); }
}
