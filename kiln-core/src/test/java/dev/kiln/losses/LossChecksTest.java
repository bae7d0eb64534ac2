package dev.kiln.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Loss#check}: the mistakes of the "Beyond Keras" list, each as an error (with the fix
 * named in the message) or a warning, and correct setups that must pass silently.
 */
class LossChecksTest {
    record Case(String name, Supplier<Loss> loss, Tensor yTrue, Tensor yPred, String activation, String expect) {
        @Override
        public String toString() { return name; }
    }

    private static final Tensor PROBS = Tensor.of(new double[][] {{0.2, 0.7, 0.1}, {0.5, 0.25, 0.25}});
    private static final Tensor LOGITS = Tensor.of(new double[][] {{-2, 3, 0.5}, {1, -1, 4}});
    private static final Tensor ONE_HOT = Tensor.of(new double[][] {{0, 1, 0}, {1, 0, 0}});
    private static final Tensor IDS = Tensor.of(new int[] {1, 0});
    private static final Tensor BIN_COL = Tensor.of(new double[][] {{1}, {0}});
    private static final Tensor SIG_COL = Tensor.of(new double[][] {{0.8}, {0.3}});

    /** expect: "ok" (no warning), "warn:<text>" (a warning containing text), "error:<text>" (IAE containing text). */
    static List<Case> cases() {
        return List.of(
                new Case("cce with sparse labels", CategoricalCrossentropy::new, IDS, PROBS, "softmax", "error:SparseCategoricalCrossentropy"),
                new Case("cce with (N,1) sparse labels", CategoricalCrossentropy::new, Tensor.of(new double[][] {{1}, {0}}), PROBS, "softmax",
                        "error:SparseCategoricalCrossentropy"),
                new Case("scce with one-hot labels", SparseCategoricalCrossentropy::new, ONE_HOT, PROBS, "softmax", "error:CategoricalCrossentropy"),
                new Case("scce label >= classes", SparseCategoricalCrossentropy::new, Tensor.of(new int[] {3, 0}), PROBS, "softmax",
                        "error:as many units as there are classes"),
                new Case("scce negative label", SparseCategoricalCrossentropy::new, Tensor.of(new int[] {-1, 0}), PROBS, "softmax", "error:-1.0"),
                new Case("scce ignored label", () -> new SparseCategoricalCrossentropy().ignoreClass(-1), Tensor.of(new int[] {-1, 0}), PROBS,
                        "softmax", "ok"),
                new Case("scce non-integer label", SparseCategoricalCrossentropy::new, Tensor.of(new double[] {0.5, 1}), PROBS, "softmax",
                        "error:integers"),
                new Case("bce labels outside {0,1}", BinaryCrossentropy::new, Tensor.of(new double[][] {{2}, {0}}), SIG_COL, "sigmoid",
                        "error:outside {0, 1}"),
                new Case("bce -1/1 labels", BinaryCrossentropy::new, Tensor.of(new double[][] {{-1}, {1}}), SIG_COL, "sigmoid", "error:Hinge"),
                new Case("bce softmax over one unit", BinaryCrossentropy::new, BIN_COL, Tensor.of(new double[][] {{1}, {1}}), "softmax",
                        "error:softmax over one unit"),
                new Case("bce probabilities outside [0,1]", BinaryCrossentropy::new, BIN_COL, Tensor.of(new double[][] {{2.5}, {-1}}), null,
                        "error:fromLogits(true)"),
                new Case("bce logits with fromLogits", () -> new BinaryCrossentropy().fromLogits(true), BIN_COL,
                        Tensor.of(new double[][] {{2.5}, {-1}}), "linear", "ok"),
                new Case("bce fromLogits after a sigmoid", () -> new BinaryCrossentropy().fromLogits(true), BIN_COL, SIG_COL, "sigmoid",
                        "warn:squashed twice"),
                new Case("bce linear output in [0,1]", BinaryCrossentropy::new, BIN_COL, SIG_COL, null, "warn:linear"),
                new Case("bce correct", BinaryCrossentropy::new, BIN_COL, SIG_COL, "sigmoid", "ok"),
                new Case("bce (N,) against (N,1) is aligned", BinaryCrossentropy::new, Tensor.of(new double[] {1, 0}), SIG_COL, "sigmoid", "ok"),
                new Case("bce accidental broadcasting", BinaryCrossentropy::new, Tensor.of(new double[][] {{1, 0}, {0, 1}}), SIG_COL, "sigmoid",
                        "error:(2, 1)"),
                new Case("mse accidental broadcasting", MeanSquaredError::new, Tensor.of(new double[][] {{1}, {2}}),
                        Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), null, "error:(2, 3)"),
                new Case("mse transposed", MeanSquaredError::new, Tensor.of(new double[][] {{1, 2}}), Tensor.of(new double[][] {{1}, {2}}), null,
                        "error:(1, 2)"),
                new Case("mse correct", MeanSquaredError::new, Tensor.of(new double[] {1, 2}), Tensor.of(new double[][] {{1}, {2}}), null, "ok"),
                new Case("nan label", MeanSquaredError::new, Tensor.of(new double[] {Double.NaN, 2}), Tensor.of(new double[] {1, 2}), null,
                        "error:NaN"),
                new Case("inf label", BinaryCrossentropy::new, Tensor.of(new double[][] {{Double.POSITIVE_INFINITY}, {0}}), SIG_COL, "sigmoid",
                        "error:Infinity"),
                new Case("nan prediction", MeanSquaredError::new, Tensor.of(new double[] {1, 2}), Tensor.of(new double[] {Double.NaN, 2}), null,
                        "warn:diverges"),
                new Case("hinge with 0/1 labels", Hinge::new, BIN_COL, Tensor.of(new double[][] {{0.3}, {-2}}), null, "warn:converted to {-1, 1}"),
                new Case("hinge with ±1 labels", Hinge::new, Tensor.of(new double[][] {{1}, {-1}}), Tensor.of(new double[][] {{0.3}, {-2}}), null,
                        "ok"),
                new Case("squared hinge with 0/1 labels", SquaredHinge::new, BIN_COL, Tensor.of(new double[][] {{0.3}, {-2}}), null,
                        "warn:2·t − 1"),
                new Case("cce probabilities outside [0,1]", CategoricalCrossentropy::new, ONE_HOT, LOGITS, "linear", "error:fromLogits(true)"),
                new Case("cce softmax over one unit", CategoricalCrossentropy::new, BIN_COL, Tensor.of(new double[][] {{1}, {1}}), "softmax",
                        "error:BinaryCrossentropy"),
                new Case("cce correct", CategoricalCrossentropy::new, ONE_HOT, PROBS, "softmax", "ok"),
                new Case("cce logits correct", () -> new CategoricalCrossentropy().fromLogits(true), ONE_HOT, LOGITS, null, "ok"),
                new Case("scce sigmoid output", SparseCategoricalCrossentropy::new, IDS, PROBS, "sigmoid", "warn:softmax"),
                new Case("poisson negative rate", Poisson::new, Tensor.of(new double[] {1, 2}), Tensor.of(new double[] {-1, 2}), null,
                        "error:softplus"),
                new Case("mape zero targets", MeanAbsolutePercentageError::new, Tensor.of(new double[] {0, 2}), Tensor.of(new double[] {1, 2}), null,
                        "warn:1e-7"),
                new Case("ctc after softmax", CTC::new, Tensor.of(new double[][] {{1, 2}}), Tensor.of(new double[][][] {{{0.2, 0.3, 0.5},
                        {0.2, 0.3, 0.5}, {0.2, 0.3, 0.5}}}), "softmax", "warn:logits"),
                new Case("ctc too few frames", CTC::new, Tensor.of(new double[][] {{1, 1}}), Tensor.of(new double[][][] {{{0, 1, 2}, {0, 1, 2}}}),
                        null, "error:frames"),
                new Case("dice labels outside [0,1]", Dice::new, Tensor.of(new double[][] {{2, 0}}), Tensor.of(new double[][] {{0.5, 0.5}}),
                        "sigmoid", "error:0/1 masks"),
                new Case("circle unnormalized", Circle::new, IDS, Tensor.of(new double[][] {{3, 0}, {0, 2}}), null, "warn:L2-normalized"),
                new Case("custom loss accepts anything", () -> Loss.of((t, p) -> p.sub(t)), IDS, PROBS, null, "ok"),
                new Case("crossentropy resolved as sparse", () -> Losses.get("crossentropy"), Tensor.of(new int[] {5, 0}), PROBS, "softmax",
                        "error:as many units as there are classes"),
                new Case("crossentropy resolved as categorical", () -> Losses.get("ce"), ONE_HOT, PROBS, "softmax", "ok"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(Case c) {
        Loss loss = c.loss.get();
        if (c.expect.startsWith("error:")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.check(c.yTrue, c.yPred, c.activation), c.name);
            assertTrue(e.getMessage().contains(c.expect.substring(6)), c.name + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith(loss.name() + ":"), "the message names the loss: " + e.getMessage());
        } else if (c.expect.startsWith("warn:")) {
            List<String> warnings = loss.check(c.yTrue, c.yPred, c.activation);
            assertTrue(warnings.stream().anyMatch(w -> w.contains(c.expect.substring(5))), c.name + ": " + warnings);
        } else {
            assertEquals(List.of(), loss.check(c.yTrue, c.yPred, c.activation), c.name);
        }
    }

    /** {@link Loss#checkLabels}: every label of a dataset, before training, as the loss would check it at its batch. */
    @Test
    void checkLabelsLooksAtEveryLabel() {
        double[] ids = new double[100];
        for (int i = 0; i < ids.length; i++) ids[i] = i % 3;
        Shape pred = Shape.of(100, 3);
        new SparseCategoricalCrossentropy().checkLabels(Tensor.of(ids), pred, DType.FLOAT32);
        ids[77] = 3;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().checkLabels(Tensor.of(ids), pred, DType.FLOAT32));
        assertTrue(e.getMessage().startsWith("sparse_categorical_crossentropy: label 3.0 (flat position 77)"), e.getMessage());
        // "crossentropy" resolved as sparse for these shapes checks the same
        assertThrows(IllegalArgumentException.class, () -> Losses.get("crossentropy").checkLabels(Tensor.of(ids), pred, DType.FLOAT32));
        new SparseCategoricalCrossentropy().ignoreClass(3).checkLabels(Tensor.of(ids), pred, DType.FLOAT32);
        ids[77] = 1.5;
        assertThrows(IllegalArgumentException.class, () -> new SparseCategoricalCrossentropy().checkLabels(Tensor.of(ids), pred, DType.FLOAT32));
        // float64 labels cast as the loss casts them: 2 + 1e-9 is 2 in float32, not in float64
        ids[77] = 2 + 1e-9;
        Tensor wide = Tensor.of(ids, DType.FLOAT64);
        new SparseCategoricalCrossentropy().checkLabels(wide, pred, DType.FLOAT32);
        assertThrows(IllegalArgumentException.class, () -> new SparseCategoricalCrossentropy().checkLabels(wide, pred, DType.FLOAT64));
        // a NaN anywhere, for any loss
        double[][] oneHot = new double[100][3];
        oneHot[99][0] = Double.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalCrossentropy().checkLabels(Tensor.of(oneHot), pred, DType.FLOAT32));
        assertTrue(nan.getMessage().contains("NaN") && nan.getMessage().contains("297"), nan.getMessage());
        oneHot[99][0] = 1;
        new CategoricalCrossentropy().checkLabels(Tensor.of(oneHot), pred, DType.FLOAT32);
        Loss.of((t, p) -> p.sub(t)).checkLabels(Tensor.of(oneHot), pred, DType.FLOAT32);
    }
}
