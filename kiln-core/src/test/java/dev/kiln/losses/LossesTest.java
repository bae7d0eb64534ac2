package dev.kiln.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Losses#get} (every Keras 3 identifier, the extensions, rejections with suggestions) and the
 * Javadoc examples of every loss, whose expected values were printed by Keras 3.15.1 (JAX backend) with
 * tools/losses/javadoc_examples.py.
 */
class LossesTest {
    static final Map<String, Class<? extends Loss>> KERAS_IDS = Map.ofEntries(
            Map.entry("MeanSquaredError", MeanSquaredError.class), Map.entry("mean_squared_error", MeanSquaredError.class),
            Map.entry("mse", MeanSquaredError.class), Map.entry("MSE", MeanSquaredError.class),
            Map.entry("MeanAbsoluteError", MeanAbsoluteError.class), Map.entry("mean_absolute_error", MeanAbsoluteError.class),
            Map.entry("mae", MeanAbsoluteError.class), Map.entry("MAE", MeanAbsoluteError.class),
            Map.entry("MeanAbsolutePercentageError", MeanAbsolutePercentageError.class),
            Map.entry("mean_absolute_percentage_error", MeanAbsolutePercentageError.class),
            Map.entry("mape", MeanAbsolutePercentageError.class), Map.entry("MAPE", MeanAbsolutePercentageError.class),
            Map.entry("MeanSquaredLogarithmicError", MeanSquaredLogarithmicError.class),
            Map.entry("mean_squared_logarithmic_error", MeanSquaredLogarithmicError.class),
            Map.entry("msle", MeanSquaredLogarithmicError.class), Map.entry("MSLE", MeanSquaredLogarithmicError.class),
            Map.entry("CosineSimilarity", CosineSimilarity.class), Map.entry("cosine_similarity", CosineSimilarity.class),
            Map.entry("Huber", Huber.class), Map.entry("huber", Huber.class),
            Map.entry("LogCosh", LogCosh.class), Map.entry("log_cosh", LogCosh.class),
            Map.entry("KLDivergence", KLDivergence.class), Map.entry("kl_divergence", KLDivergence.class),
            Map.entry("kld", KLDivergence.class), Map.entry("KLD", KLDivergence.class),
            Map.entry("Poisson", Poisson.class), Map.entry("poisson", Poisson.class),
            Map.entry("Hinge", Hinge.class), Map.entry("hinge", Hinge.class),
            Map.entry("SquaredHinge", SquaredHinge.class), Map.entry("squared_hinge", SquaredHinge.class),
            Map.entry("CategoricalHinge", CategoricalHinge.class), Map.entry("categorical_hinge", CategoricalHinge.class),
            Map.entry("BinaryCrossentropy", BinaryCrossentropy.class), Map.entry("binary_crossentropy", BinaryCrossentropy.class),
            Map.entry("bce", BinaryCrossentropy.class), Map.entry("BCE", BinaryCrossentropy.class),
            Map.entry("BinaryFocalCrossentropy", BinaryFocalCrossentropy.class),
            Map.entry("binary_focal_crossentropy", BinaryFocalCrossentropy.class),
            Map.entry("CategoricalCrossentropy", CategoricalCrossentropy.class),
            Map.entry("categorical_crossentropy", CategoricalCrossentropy.class),
            Map.entry("CategoricalFocalCrossentropy", CategoricalFocalCrossentropy.class),
            Map.entry("categorical_focal_crossentropy", CategoricalFocalCrossentropy.class),
            Map.entry("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy.class),
            Map.entry("sparse_categorical_crossentropy", SparseCategoricalCrossentropy.class),
            Map.entry("Dice", Dice.class), Map.entry("dice", Dice.class),
            Map.entry("Tversky", Tversky.class), Map.entry("tversky", Tversky.class),
            Map.entry("Circle", Circle.class), Map.entry("circle", Circle.class),
            Map.entry("CTC", CTC.class), Map.entry("ctc", CTC.class));

    @Test
    void everyKerasIdentifierGivesItsLossAndNothingElseIsAKerasId() {
        for (Map.Entry<String, Class<? extends Loss>> e : KERAS_IDS.entrySet()) {
            Loss loss = Losses.get(e.getKey());
            assertEquals(e.getValue(), loss.getClass(), e.getKey());
            assertEquals(Reduction.SUM_OVER_BATCH_SIZE, loss.reduction(), e.getKey());
        }
        assertEquals(KERAS_IDS.keySet(), Losses.kerasNames());
    }

    @Test
    void eachCallGivesANewInstance() {
        Loss a = Losses.get("mse");
        a.reduction(Reduction.SUM);
        assertEquals(Reduction.SUM_OVER_BATCH_SIZE, Losses.get("mse").reduction());
    }

    @Test
    void namesFollowKeras() {
        assertEquals("huber_loss", Losses.get("Huber").name());
        assertEquals("log_cosh", Losses.get("LogCosh").name());
        assertEquals("mse", Losses.get("mse").name());
        assertEquals("mean_squared_error", Losses.get("MeanSquaredError").name());
    }

    @Test
    void extensions() {
        assertEquals(KLDivergence.class, Losses.get("kullback_leibler_divergence").getClass());
        assertEquals(LogCosh.class, Losses.get("logcosh").getClass());
        assertEquals(Huber.class, Losses.get("huber_loss").getClass());
        assertEquals(CosineSimilarity.class, Losses.get("cosine_proximity").getClass());
        assertEquals(CategoricalGeneralizedCrossEntropy.class, Losses.get("CategoricalGeneralizedCrossEntropy").getClass());
        assertEquals(CategoricalGeneralizedCrossEntropy.class, Losses.get("categorical_generalized_cross_entropy").getClass());
        assertNull(Losses.get(null));
    }

    static List<Arguments> crossentropyResolution() {
        return List.of(
                Arguments.of(Tensor.of(new double[][] {{1}, {0}}), Tensor.of(new double[][] {{0.8}, {0.3}}), BinaryCrossentropy.class),
                Arguments.of(Tensor.of(new int[] {1, 0}), Tensor.of(new double[][] {{0.2, 0.8}, {0.7, 0.3}}), SparseCategoricalCrossentropy.class),
                Arguments.of(Tensor.of(new double[][] {{1}, {0}}), Tensor.of(new double[][] {{0.2, 0.8}, {0.7, 0.3}}), SparseCategoricalCrossentropy.class),
                Arguments.of(Tensor.of(new double[][] {{0, 1}, {1, 0}}), Tensor.of(new double[][] {{0.2, 0.8}, {0.7, 0.3}}), CategoricalCrossentropy.class));
    }

    @ParameterizedTest
    @MethodSource("crossentropyResolution")
    void crossentropyIsResolvedFromShapesAsCompileDoes(Tensor t, Tensor p, Class<? extends Loss> expected) {
        assertEquals(expected, AnyCrossentropy.resolve(t, p).getClass());
        for (String name : List.of("crossentropy", "ce", "CE", "CrossEntropy")) {
            Loss any = Losses.get(name);
            Loss resolved = Losses.get(expected.getSimpleName());
            assertEquals(resolved.apply(t, p).item(), any.apply(t, p).item(), 0.0, name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mse", "mean_square_error", "MeanSquareError", "binary_cross_entropy", "auto", "", "sparse_categorical", "focal"})
    void unknownNamesAreRejectedWithSuggestions(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get(name));
        assertTrue(e.getMessage().contains("Could not interpret loss identifier") && e.getMessage().contains("Did you mean"), e.getMessage());
    }

    @Test
    void suggestionsAreTheNearestNames() {
        assertTrue(Losses.closest("Mse", 3).contains("'mse'"), Losses.closest("Mse", 3).toString());
        assertTrue(Losses.closest("binary_cross_entropy", 1).contains("'binary_crossentropy'"));
        assertTrue(Losses.closest("KLDivergance", 1).contains("'KLDivergence'"));
        assertEquals(3, Losses.editDistance("kitten", "sitting"));
    }

    @Test
    void baseClassesAreExplained() {
        for (String name : List.of("Loss", "LossFunctionWrapper")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get(name));
            assertTrue(e.getMessage().contains("Loss.of"), e.getMessage());
        }
    }

    private static final double[][] A = {{0, 1}, {0, 0}};
    private static final double[][] B = {{1, 1}, {1, 0}};
    private static final double[][] C = {{0.6, 0.4}, {0.4, 0.6}};
    private static final double[][] D = {{1, 1}, {0, 0}};
    private static final double[][] ONE_HOT = {{0, 1, 0}, {0, 0, 1}};
    private static final double[][] PROBS = {{0.05, 0.95, 0}, {0.1, 0.8, 0.1}};
    private static final double[] BIN = {0, 1, 0, 0};
    private static final double[] LOGITS = {-18.6, 0.51, 2.94, -12.8};
    private static final double[][] MASK = {{1, 0}, {1, 1}};
    private static final double[][] SOFT = {{0.9, 0.2}, {0.8, 0.6}};

    record Example(String name, Supplier<Loss> loss, Tensor yTrue, Tensor yPred, double keras) {
        @Override
        public String toString() { return name; }
    }

    static List<Example> javadocExamples() {
        Tensor ctcLogits = Tensor.arange(24).astype(dev.kiln.tensor.DType.FLOAT32).sub(12).div(100).reshape(2, 4, 3);
        Tensor circleEmb = Tensor.of(new double[][] {{1, 0}, {0.8, 0.6}, {0, 1}, {-0.6, 0.8}});
        return List.of(
                new Example("mse", MeanSquaredError::new, Tensor.of(A), Tensor.of(B), 0.5),
                new Example("mae", MeanAbsoluteError::new, Tensor.of(A), Tensor.of(B), 0.5),
                new Example("mape", MeanAbsolutePercentageError::new, Tensor.of(new double[][] {{2, 4}}), Tensor.of(new double[][] {{1, 5}}), 37.5),
                new Example("msle", MeanSquaredLogarithmicError::new, Tensor.of(A), Tensor.of(B), 0.24022643),
                new Example("cosine", () -> new CosineSimilarity().axis(1), Tensor.of(new double[][] {{0, 1}, {1, 1}}),
                        Tensor.of(new double[][] {{1, 0}, {1, 1}}), -0.49999997),
                new Example("huber", Huber::new, Tensor.of(A), Tensor.of(C), 0.155),
                new Example("log_cosh", LogCosh::new, Tensor.of(A), Tensor.of(D), 0.1084452),
                new Example("kld", KLDivergence::new, Tensor.of(A), Tensor.of(C), 0.45814306),
                new Example("poisson", Poisson::new, Tensor.of(A), Tensor.of(D), 0.49999997),
                new Example("hinge", Hinge::new, Tensor.of(A), Tensor.of(C), 1.3),
                new Example("squared_hinge", SquaredHinge::new, Tensor.of(A), Tensor.of(C), 1.86),
                new Example("categorical_hinge", CategoricalHinge::new, Tensor.of(A), Tensor.of(C), 1.4000001),
                new Example("bce logits", () -> new BinaryCrossentropy().fromLogits(true), Tensor.of(BIN), Tensor.of(LOGITS), 0.865458),
                new Example("binary focal logits", () -> new BinaryFocalCrossentropy().gamma(2.0).fromLogits(true),
                        Tensor.of(BIN), Tensor.of(LOGITS), 0.6912119),
                new Example("cce", CategoricalCrossentropy::new, Tensor.of(ONE_HOT), Tensor.of(PROBS), 1.1769392),
                new Example("categorical focal", CategoricalFocalCrossentropy::new, Tensor.of(ONE_HOT), Tensor.of(PROBS), 0.23315276),
                new Example("scce", SparseCategoricalCrossentropy::new, Tensor.of(new int[] {1, 2}), Tensor.of(PROBS), 1.1769392),
                new Example("generalized ce", () -> new CategoricalGeneralizedCrossEntropy().q(0.5), Tensor.of(new int[] {0, 1}),
                        Tensor.of(new double[][] {{0.7, 0.3}, {0.2, 0.8}}), 0.2689128),
                new Example("dice", Dice::new, Tensor.of(MASK), Tensor.of(SOFT), 0.16363627),
                // Keras 3.15.1 still has the pre-#23333 Tversky (alpha on false negatives): its (0.3, 0.7) is the spec's (0.7, 0.3)
                new Example("tversky", () -> new Tversky().alpha(0.7).beta(0.3), Tensor.of(MASK), Tensor.of(SOFT), 0.13207549),
                new Example("ctc", CTC::new, Tensor.of(new double[][] {{1, 2, 1, 0}, {1, 2, 0, 2}}), ctcLogits, 2.4486456),
                new Example("circle", Circle::new, Tensor.of(new int[] {0, 0, 1, 1}), circleEmb, 3.2008657));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javadocExamples")
    void javadocExamplesMatchKeras(Example ex) {
        double value = ex.loss.get().apply(ex.yTrue, ex.yPred).item();
        // float32 results: a few ulps of the value (and of the terms summed into it)
        assertEquals(ex.keras, value, 4e-7 * Math.max(1, Math.abs(ex.keras)), ex.name);
    }

    private static final double[] CIRCLE_LABELS = {1, 1, 2, 2, 3};
    private static final double[][] CIRCLE_EMB = {
            {0.70014004, -0.42008403, 0.14002801, 0.56011203}, {0.17609018, 0.70436073, -0.52827054, 0.44022545},
            {-0.34050261, 0.25537696, -0.68100522, 0.59587957}, {0.32163376, -0.75047877, 0.53605627, -0.21442251},
            {0.51261459, -0.34174306, 0.17087153, 0.76892189}};
    private static final double[] REF_LABELS = {1, 1, 2, 2, 3, 4};
    private static final double[][] REF_EMB = {
            {0.40824829, -0.54433105, 0.27216553, 0.68041382}, {0.76376261, 0.10910895, -0.54554473, 0.32732684},
            {-0.74420841, 0.24806947, 0.49613894, -0.3721042}, {0.52981294, -0.13245324, 0.79471941, -0.26490647},
            {0.54554473, -0.32732684, 0.10910895, 0.76376261}, {-0.27216553, 0.68041382, 0.40824829, -0.54433105}};
    private static final double[][] SEG_TRUE = {{0, 1, 1, 0}, {1, 0, 1, 0}, {0, 0, 1, 1}, {1, 1, 0, 1}};
    private static final double[][][] SEG_PRED = {
            {{1, 0}, {0, 1}, {0, 1}, {0.2, 0.8}}, {{0, 1}, {1, 0}, {0, 1}, {1, 0}},
            {{1, 0}, {1, 0}, {0, 1}, {0, 1}}, {{0, 1}, {0, 1}, {1, 0}, {0.6, 0.4}}};

    record Vector(String name, Supplier<Tensor> value, double[] expected, double tolerance) {
        @Override
        public String toString() { return name; }
    }

    /** Expected numbers of Keras's own unit tests (keras/src/losses/*_test.py), as assertions on the class form. */
    static List<Vector> kerasTestVectors() {
        Tensor circleT = Tensor.of(CIRCLE_LABELS);
        Tensor circleP = Tensor.of(CIRCLE_EMB);
        Tensor segPredClassesFirst = Tensor.of(SEG_PRED).transpose(2, 0, 1);
        double segExpected = (-Math.log(0.2) - Math.log(0.4)) / 16;
        double gceExpected = ((1 - Math.sqrt(0.2)) / 0.5 + (1 - Math.sqrt(0.4)) / 0.5) / 16;
        return List.of(
                new Vector("mse timestep weighted", () -> new MeanSquaredError().apply(
                        Tensor.of(new double[] {1, 9, 2, -5, -2, 6}).reshape(2, 3, 1), Tensor.of(new double[] {4, 8, 12, 8, 1, 3}).reshape(2, 3, 1),
                        Tensor.of(new double[] {3, 6, 5, 0, 4, 2}).reshape(2, 3)), new double[] {97.833336}, 1e-5),
                new Vector("cce logits label smoothing", () -> new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.1).apply(
                        Tensor.of(new double[][] {{1, 0, 0}}), Tensor.of(new double[][] {{100, -100, -100}})), new double[] {400 * 0.1 / 3}, 1e-5),
                new Vector("circle", () -> new Circle().apply(circleT, circleP), new double[] {188.3883}, 1e-3),
                new Vector("circle gamma 256 margin 0.25", () -> new Circle().gamma(256).margin(0.25).apply(circleT, circleP),
                        new double[] {652.7617}, 1e-3),
                new Vector("circle function with references", () -> Losses.circle(circleT, circleP, Tensor.of(REF_LABELS), Tensor.of(REF_EMB),
                        false, 80, 0.4), new double[] {61.5844, 94.3465, 276.9344, 90.9873, 48.8963}, 1e-3),
                new Vector("circle weighted", () -> new Circle().apply(circleT, circleP, Tensor.of(new double[] {2, 2, 1, 1, 0.5})),
                        new double[] {244.91918}, 1e-3),
                new Vector("circle none", () -> new Circle().reduction(Reduction.NONE).apply(Tensor.of(REF_LABELS), Tensor.of(REF_EMB)),
                        new double[] {82.9116, 36.7942, 92.4590, 52.6798, 0.0, 0.0}, 1e-3),
                new Vector("circle sum", () -> new Circle().reduction(Reduction.SUM).apply(Tensor.of(REF_LABELS), Tensor.of(REF_EMB)),
                        new double[] {264.845}, 1e-3),
                new Vector("circle mean_with_sample_weight", () -> new Circle().reduction(Reduction.MEAN_WITH_SAMPLE_WEIGHT)
                        .apply(circleT, circleP, Tensor.of(new double[] {2, 2, 1, 1, 0.5})), new double[] {163.27948}, 1e-3),
                new Vector("scce classes on axis 0 (torch)", () -> new SparseCategoricalCrossentropy().axis(0).apply(Tensor.of(SEG_TRUE),
                        segPredClassesFirst), new double[] {segExpected}, 1e-5),
                new Vector("scce classes on axis 1 (torch)", () -> new SparseCategoricalCrossentropy().axis(1).apply(
                        Tensor.stack(List.of(Tensor.of(SEG_TRUE), Tensor.of(SEG_TRUE), Tensor.of(SEG_TRUE)), 0),
                        Tensor.stack(List.of(segPredClassesFirst, segPredClassesFirst, segPredClassesFirst), 0)), new double[] {segExpected}, 1e-5),
                new Vector("generalized ce segmentation", () -> new CategoricalGeneralizedCrossEntropy().q(0.5).apply(Tensor.of(SEG_TRUE),
                        Tensor.of(SEG_PRED)), new double[] {gceExpected}, 1e-6),
                new Vector("dice", () -> new Dice().apply(Tensor.of(new double[][] {{1, 2}, {1, 2}}), Tensor.of(new double[][] {{4, 1}, {6, 1}})),
                        new double[] {-0.55555546}, 1e-6),
                new Vector("dice segmentation", () -> new Dice().apply(
                        Tensor.of(new double[][] {{1, 0, 1, 0}, {0, 1, 0, 1}, {1, 0, 1, 0}, {0, 1, 0, 1}}),
                        Tensor.of(new double[][] {{0, 1, 0, 1}, {1, 0, 1, 1}, {0, 1, 0, 1}, {1, 0, 1, 1}})), new double[] {0.77777773}, 1e-6),
                new Vector("dice per image", () -> new Dice().axis(1, 2, 3).reduction(Reduction.NONE).apply(
                        Tensor.of(new double[] {1, 1, 0, 0, 1, 1, 0, 0}).reshape(2, 2, 2, 1),
                        Tensor.of(new double[] {0, 1, 0, 1, 0.4, 0, 0, 0.9}).reshape(2, 2, 2, 1)), new double[] {0.5, 0.75757575}, 1e-6),
                new Vector("tversky", () -> new Tversky().apply(Tensor.of(new double[][] {{1, 2}, {1, 2}}), Tensor.of(new double[][] {{4, 1}, {6, 1}})),
                        new double[] {-0.55555546}, 1e-6),
                // Keras 3.15's Tversky(alpha=0.2, beta=0.8) weighs false negatives by 0.2: the spec's (0.8, 0.2)
                new Vector("tversky custom coefficients", () -> new Tversky().alpha(0.8).beta(0.2).apply(Tensor.of(new double[][] {{1, 2}, {1, 2}}),
                        Tensor.of(new double[][] {{4, 1}, {6, 1}})), new double[] {-0.29629636}, 1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasTestVectors")
    void kerasUnitTestVectors(Vector v) {
        double[] got = v.value.get().toDoubleArray();
        assertEquals(v.expected.length, got.length, v.name);
        for (int i = 0; i < got.length; i++) {
            assertEquals(v.expected[i], got[i], v.tolerance * Math.max(1, Math.abs(v.expected[i])), v.name + "[" + i + "]");
        }
    }

    @Test
    void shapeMismatchSaysTheShapesMustBeTheSame() {
        Tensor t = Tensor.of(new double[][] {{0}, {1}, {2}});
        Tensor p = Tensor.of(new double[][] {{0.9, 0.05, 0.05}, {0.5, 0.89, 0.6}, {0.05, 0.01, 0.94}});
        for (Loss loss : List.of(new BinaryCrossentropy(), new CategoricalCrossentropy())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.apply(t, p));
            assertTrue(e.getMessage().contains("must have the same shape") && e.getMessage().contains("(3, 1)")
                    && e.getMessage().contains("(3, 3)"), e.getMessage());
        }
    }
}
