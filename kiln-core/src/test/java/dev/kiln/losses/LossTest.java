package dev.kiln.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The shared reduction of {@link Loss#apply} (§2.2 of the spec): weights, masks, reductions, rank
 * alignment of weights, divide_no_nan, dtypes, empty batches; and custom losses (lambda and subclass).
 * Expected values are worked out by hand from the spec's algorithm.
 */
class LossTest {
    /** A loss whose per-sample values are the predictions themselves, so the reduction is seen alone. */
    static final class Identity extends Loss {
        @Override
        public Tensor call(Tensor yTrue, Tensor yPred) { return yPred; }
    }

    private static final Tensor VALUES = Tensor.of(new double[] {1, 2, 3, 4});
    private static final Tensor LABELS = Tensor.zeros(4);

    static List<Arguments> reductions() {
        Tensor w = Tensor.of(new double[] {1, 0, 2, 0.5});
        Tensor wCol = Tensor.of(new double[][] {{1}, {0}, {2}, {0.5}});
        // weighted values 1, 0, 6, 2: sum 9; weights sum 3.5
        return List.of(
                Arguments.of("default mean", Reduction.SUM_OVER_BATCH_SIZE, null, 2.5),
                Arguments.of("sum", Reduction.SUM, null, 10.0),
                Arguments.of("mean", Reduction.MEAN, null, 2.5),
                Arguments.of("mean_with_sample_weight, no weights", Reduction.MEAN_WITH_SAMPLE_WEIGHT, null, 2.5),
                Arguments.of("weighted sum over batch size: zero weights stay in the denominator", Reduction.SUM_OVER_BATCH_SIZE, w, 9 / 4.0),
                Arguments.of("weighted sum", Reduction.SUM, w, 9.0),
                Arguments.of("weighted mean_with_sample_weight", Reduction.MEAN_WITH_SAMPLE_WEIGHT, w, 9 / 3.5),
                Arguments.of("(B,1) weights against (B,) values", Reduction.SUM_OVER_BATCH_SIZE, wCol, 9 / 4.0),
                Arguments.of("scalar weight scales the mean", Reduction.SUM_OVER_BATCH_SIZE, Tensor.scalar(3), 7.5),
                Arguments.of("scalar weight with mean_with_sample_weight is the sum", Reduction.MEAN_WITH_SAMPLE_WEIGHT, Tensor.scalar(3), 10.0),
                Arguments.of("all weights zero give 0, not NaN", Reduction.MEAN_WITH_SAMPLE_WEIGHT, Tensor.zeros(4), 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reductions")
    void reductionFollowsTheSpec(String what, Reduction reduction, Tensor weight, double expected) {
        Tensor out = new Identity().reduction(reduction).apply(LABELS, VALUES, weight);
        assertEquals(0, out.rank(), what);
        assertEquals(expected, out.item(), 1e-6, what);
    }

    @Test
    void noneReturnsTheWeightedValues() {
        Tensor out = new Identity().reduction(Reduction.NONE).apply(LABELS, VALUES, Tensor.of(new double[] {1, 0, 2, 0.5}));
        assertArrayEquals(new double[] {1, 0, 6, 2}, out.toDoubleArray(), 1e-6);
    }

    @Test
    void aScalarLossIsNeverDividedAgain() {
        Loss scalar = Loss.of((t, p) -> p.sum());
        for (Reduction r : Reduction.values()) {
            assertEquals(10.0, scalar.reduction(r).apply(LABELS, VALUES).item(), 1e-6, r.toString());
        }
    }

    static List<Arguments> masks() {
        Tensor mask = Tensor.of(new double[] {1, 1, 0, 0});
        return List.of(
                // mean over the valid entries only: (1 + 2) / 2
                Arguments.of(Reduction.SUM_OVER_BATCH_SIZE, mask, null, 1.5),
                Arguments.of(Reduction.MEAN, mask, null, 1.5),
                Arguments.of(Reduction.SUM, mask, null, 3.0),
                Arguments.of(Reduction.MEAN_WITH_SAMPLE_WEIGHT, mask, null, 1.5),
                // weights 2 on valid entries: sum 6, total/valid = 2 → (2 + 4)·2 / 4
                Arguments.of(Reduction.SUM_OVER_BATCH_SIZE, mask, Tensor.full(2.0, 4), 3.0),
                Arguments.of(Reduction.MEAN_WITH_SAMPLE_WEIGHT, mask, Tensor.of(new double[] {1, 3, 5, 5}), 7 / 4.0),
                // a fully masked batch gives 0, never NaN
                Arguments.of(Reduction.SUM_OVER_BATCH_SIZE, Tensor.zeros(4), null, 0.0),
                Arguments.of(Reduction.MEAN_WITH_SAMPLE_WEIGHT, Tensor.zeros(4), null, 0.0));
    }

    @ParameterizedTest(name = "{0} mask {1} weights {2}")
    @MethodSource("masks")
    void masksAreFoldedIntoTheWeights(Reduction reduction, Tensor mask, Tensor weight, double expected) {
        Tensor out = new Identity().reduction(reduction).apply(LABELS, VALUES.withMask(mask), weight);
        assertEquals(expected, out.item(), 1e-6);
    }

    @Test
    void sequenceMaskOnPredictionsOfTimeSteps() {
        // SCCE over (B=1, T=3, K=2) with the last time step masked: mean of the first two steps
        Tensor logits = Tensor.of(new double[][][] {{{0, 1}, {2, 0}, {5, -5}}});
        Tensor labels = Tensor.of(new double[][] {{1, 1, 0}});
        Tensor mask = Tensor.of(new double[][] {{1, 1, 0}});
        Loss loss = new SparseCategoricalCrossentropy().fromLogits(true);
        Tensor perStep = loss.reduction(Reduction.NONE).apply(labels, logits);
        double expected = (perStep.getDouble(0, 0) + perStep.getDouble(0, 1)) / 2;
        assertEquals(expected, loss.reduction(Reduction.SUM_OVER_BATCH_SIZE).apply(labels, logits.withMask(mask)).item(), 1e-6);
    }

    @Test
    void computeDtypeIsFloat32UnlessThePredictionIsFloat64() {
        Loss mse = new MeanSquaredError();
        Tensor t = Tensor.of(new double[][] {{0, 1}}, DType.FLOAT64);
        assertEquals(DType.FLOAT32, mse.apply(t, Tensor.of(new double[][] {{1, 1}})).dtype());
        assertEquals(DType.FLOAT64, mse.apply(t, Tensor.of(new double[][] {{1, 1}}, DType.FLOAT64)).dtype());
        assertEquals(DType.FLOAT64, mse.dtype(DType.FLOAT64).apply(t, Tensor.of(new double[][] {{1, 1}})).dtype());
        assertEquals(DType.FLOAT32, new SparseCategoricalCrossentropy().apply(Tensor.of(new int[] {1}), Tensor.of(new double[][] {{0.5, 0.5}})).dtype());
        // function forms convert the labels to the prediction's dtype
        assertEquals(DType.FLOAT32, Losses.meanSquaredError(t, Tensor.of(new double[][] {{1, 1}})).dtype());
        assertEquals(DType.FLOAT32, Losses.binaryCrossentropy(t, Tensor.of(new double[][] {{0.5, 0.5}})).dtype());
        assertEquals(DType.FLOAT64, Losses.hinge(Tensor.of(new double[][] {{0, 1}}), Tensor.of(new double[][] {{1, 1}}, DType.FLOAT64)).dtype());
    }

    @Test
    void emptyBatchIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().apply(Tensor.zeros(0, 3), Tensor.zeros(0, 3)));
        assertTrue(e.getMessage().contains("empty batch") && e.getMessage().contains("(0, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().check(Tensor.zeros(0, 3), Tensor.zeros(0, 3), null));
    }

    @Test
    void badWeightsNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Identity().apply(LABELS, VALUES, Tensor.ones(3)));
        assertTrue(e.getMessage().contains("(3,)") && e.getMessage().contains("(4,)"), e.getMessage());
    }

    @Test
    void lambdaLossIsDifferentiatedAndAlignsRanks() {
        Tensor p = Tensor.of(new double[] {1, 2, 3}, DType.FLOAT64).requiresGrad(true);
        Tensor t = Tensor.of(new double[][] {{0}, {0}, {0}}, DType.FLOAT64);
        Loss loss = Loss.of("sq", (yt, yp) -> {
            assertEquals(yt.shape(), yp.shape());
            return yp.sub(yt).square().mean(-1);
        });
        Tensor value = loss.apply(t, p);
        assertEquals((1 + 4 + 9) / 3.0, value.item(), 1e-12);
        value.backward();
        assertArrayEquals(new double[] {2 / 3.0, 4 / 3.0, 6 / 3.0}, p.grad().toDoubleArray(), 1e-12);
        assertEquals("sq", loss.name());
        assertEquals("custom_loss", Loss.of((a, b) -> b).name());
    }

    @Test
    void subclassNameIsSnakeCaseOfTheClass() {
        assertEquals("identity", new Identity().name());
        assertEquals("my_focal_loss", Loss.snakeCase("MyFocalLoss"));
        assertEquals("ctc_loss", Loss.snakeCase("CTCLoss"));
    }

    @Test
    void configHoldsKerasKeys() {
        Map<String, Object> c = new BinaryCrossentropy().fromLogits(true).labelSmoothing(0.1).reduction(Reduction.SUM).config();
        assertEquals(Map.of("name", "binary_crossentropy", "reduction", "sum", "from_logits", true, "label_smoothing", 0.1, "axis", -1), c);
        assertEquals(Reduction.MEAN_WITH_SAMPLE_WEIGHT, Reduction.fromKerasName("mean_with_sample_weight"));
        assertEquals(Reduction.NONE, Reduction.fromKerasName(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reduction.fromKerasName("auto"));
        assertTrue(e.getMessage().contains("auto"), e.getMessage());
    }

    @Test
    void fluentConfigurationReturnsTheConfiguredLoss() {
        BinaryCrossentropy bce = new BinaryCrossentropy().reduction(Reduction.SUM).fromLogits(true).labelSmoothing(0.1);
        assertTrue(bce.fromLogits());
        assertEquals(0.1, bce.labelSmoothing());
        assertEquals(Reduction.SUM, bce.reduction());
        assertNotNull(new Huber().name("h").delta(2.0));
        assertThrows(IllegalArgumentException.class, () -> new BinaryCrossentropy().labelSmoothing(1.5));
        assertThrows(IllegalArgumentException.class, () -> new CategoricalGeneralizedCrossEntropy().q(1.0));
    }

    @Test
    void sparseCategoricalCrossentropyOnAnyClassAxis() {
        // (B, K, T) with the classes on axis 1 equals (B, T, K) with the classes last (torch's layout, which the spec allows)
        Tensor logits = Tensor.randomNormal(3, 0, 2, 2, 4, 5);
        Tensor labels = Tensor.of(new double[][] {{0, 3, 1, 2, 2}, {1, 1, 0, 3, 0}});
        for (boolean fromLogits : new boolean[] {true, false}) {
            Tensor p = fromLogits ? logits : logits.softmax(1);
            Tensor onAxis1 = new SparseCategoricalCrossentropy().fromLogits(fromLogits).axis(1).reduction(Reduction.NONE).apply(labels, p);
            Tensor last = new SparseCategoricalCrossentropy().fromLogits(fromLogits).reduction(Reduction.NONE).apply(labels, p.transpose(0, 2, 1));
            assertArrayEquals(last.toDoubleArray(), onAxis1.toDoubleArray(), 1e-6);
            assertEquals(Shape(2, 5), onAxis1.shape());
        }
    }

    private static dev.kiln.tensor.Shape Shape(int... d) { return dev.kiln.tensor.Shape.of(d); }

    /** Element-wise squared error without rank alignment (Keras's loss_test ExampleLoss). */
    static final class SquaredError extends Loss {
        @Override
        public Tensor call(Tensor yTrue, Tensor yPred) { return yTrue.sub(yPred).square(); }
    }

    @ParameterizedTest(name = "upranked {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"none", "mask", "sample_weight", "ys"})
    void maskWeightsAndValuesOfDifferentRanksAreAligned(String uprank) {
        Tensor w = Tensor.of(new double[] {0.4, 0.3, 0.2, 0.1});
        Tensor t = Tensor.of(new double[] {1, 0, 1, 0});
        Tensor p = Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4});
        Tensor mask = Tensor.of(new double[] {1, 0, 1, 1});
        if (uprank.equals("mask")) mask = mask.reshape(4, 1);
        if (uprank.equals("sample_weight")) w = w.reshape(4, 1);
        if (uprank.equals("ys")) {
            t = t.reshape(4, 1);
            p = p.reshape(4, 1);
        }
        double expected = (0.4 * 0.81 + 0.2 * 0.49 + 0.1 * 0.16) / 3;
        assertEquals(expected, new SquaredError().apply(t, p.withMask(mask), w).item(), 1e-7);
    }
}
