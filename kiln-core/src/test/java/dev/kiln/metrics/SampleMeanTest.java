package dev.kiln.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The per-sample metrics against values worked out by hand from Keras's definitions. */
class SampleMeanTest {
    record Case(String what, Supplier<Metric> metric, Tensor yTrue, Tensor yPred, Tensor weights, double expected) {}

    static Tensor col(double... v) { return Tensor.of(v).reshape(v.length, 1); }

    static Tensor rows(double[][] v) { return Tensor.of(v); }

    static final List<Case> CASES = List.of(
            new Case("accuracy exact equality", Accuracy::new, Tensor.of(new double[] {1, 2, 3, 4}), Tensor.of(new double[] {0, 2, 3, 4}), null, 0.75),
            new Case("binary: > 0.5, 0.5 itself is 0", BinaryAccuracy::new, col(1, 1, 0, 0), col(0.98, 0.5, 0.2, 0.6), null, 0.5),
            new Case("binary threshold 0.7", () -> new BinaryAccuracy(0.7), col(1, 1, 0, 0), col(0.98, 0.6, 0.2, 0.6), null, 0.75),
            new Case("binary: -1 labels never match", BinaryAccuracy::new, col(-1, -1, 1, 1), col(-0.9, -0.2, 0.8, 0.3), null, 0.25),
            new Case("binary weighted", BinaryAccuracy::new, col(1, 0), col(0.9, 0.9), Tensor.of(new double[] {3, 1}), 0.75),
            new Case("binary two outputs per sample", BinaryAccuracy::new, rows(new double[][] {{1, 0}, {1, 1}}), rows(new double[][] {{0.9, 0.9}, {0.9, 0.9}}), null, 0.75),
            new Case("keras2 rounds tanh outputs", Keras2BinaryAccuracy::new, col(-1, -1, 1, 1), col(-0.9, -0.2, 0.8, 0.3), null, 0.5),
            new Case("keras2 half to even", Keras2BinaryAccuracy::new, col(0, 1), col(0.5, 1.5), null, 0.5),
            new Case("sign accuracy", SignAccuracy::new, col(-1, -1, 1, 1), col(-0.9, -0.2, 0.8, -0.3), null, 0.75),
            new Case("sign accuracy 0/1 labels", SignAccuracy::new, col(0, 1), col(-0.1, 0.1), null, 1.0),
            new Case("categorical", CategoricalAccuracy::new, rows(new double[][] {{0, 0, 1}, {0, 1, 0}}),
                    rows(new double[][] {{0.1, 0.9, 0.8}, {0.05, 0.95, 0}}), null, 0.5),
            new Case("categorical tie goes to first", CategoricalAccuracy::new, rows(new double[][] {{0, 1}}), rows(new double[][] {{0.5, 0.5}}), null, 0.0),
            new Case("sparse categorical (n,)", SparseCategoricalAccuracy::new, Tensor.of(new int[] {2, 1}),
                    rows(new double[][] {{0.1, 0.6, 0.3}, {0.05, 0.95, 0}}), null, 0.5),
            new Case("sparse categorical (n,1) float", SparseCategoricalAccuracy::new, col(2, 1),
                    rows(new double[][] {{0.1, 0.6, 0.3}, {0.05, 0.95, 0}}), null, 0.5),
            new Case("top-1 = categorical", () -> new TopKCategoricalAccuracy(1), rows(new double[][] {{0, 0, 1}, {0, 1, 0}}),
                    rows(new double[][] {{0.1, 0.9, 0.8}, {0.05, 0.95, 0}}), null, 0.5),
            new Case("top-2", () -> new TopKCategoricalAccuracy(2), rows(new double[][] {{0, 0, 1}, {0, 1, 0}}),
                    rows(new double[][] {{0.1, 0.9, 0.8}, {0.05, 0.95, 0}}), null, 1.0),
            new Case("mse per sample then mean", MeanSquaredError::new, rows(new double[][] {{0, 1}, {0, 0}}), rows(new double[][] {{1, 1}, {1, 0}}), null, 0.5),
            new Case("mse weighted", MeanSquaredError::new, col(0, 0), col(1, 3), Tensor.of(new double[] {1, 0}), 1.0),
            new Case("mae", MeanAbsoluteError::new, rows(new double[][] {{0, 1}, {0, 0}}), rows(new double[][] {{1, 1}, {1, 0}}), null, 0.5),
            new Case("rmse root at the end", RootMeanSquaredError::new, col(0, 0), col(3, 4), null, Math.sqrt(12.5)),
            new Case("float64 inputs", BinaryAccuracy::new, Tensor.of(new double[] {1, 0}, DType.FLOAT64).reshape(2, 1),
                    Tensor.of(new double[] {0.7, 0.7}, DType.FLOAT64).reshape(2, 1), null, 0.5),
            new Case("wrapper over a function", () -> new MeanMetricWrapper("diff", (t, p) -> p.sub(t).abs().sum(-1)),
                    rows(new double[][] {{0, 0}, {0, 0}}), rows(new double[][] {{1, 2}, {3, 4}}), null, 5.0));

    @Test
    void everyCaseMatchesItsHandValue() {
        for (Case c : CASES) {
            Metric m = c.metric().get();
            m.updateState(c.yTrue(), c.yPred(), c.weights());
            assertEquals(c.expected(), m.result(), 1e-6, c.what());
        }
    }

    @Test
    void stateAccumulatesAcrossBatchesWeightedBySamples() {
        Metric m = new BinaryAccuracy();
        m.updateState(col(1, 1, 1), col(0.9, 0.9, 0.9));   // 3 of 3
        m.updateState(col(1), col(0.1));                    // 0 of 1
        assertEquals(0.75, m.result(), 1e-12);
        m.resetState();
        assertEquals(0.0, m.result());
        m.updateState(col(0), col(0.1));
        assertEquals(1.0, m.result());
    }

    @Test
    void mismatchedShapesAreRejectedWithBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BinaryAccuracy().updateState(rows(new double[][] {{1, 0}}), col(0.5)));
        assertTrue(e.getMessage().contains("(1, 2)") && e.getMessage().contains("(1, 1)"), e.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalAccuracy().updateState(col(1, 0, 1), col(0.5, 0.5)));
        assertTrue(rows.getMessage().contains("categorical_accuracy"), rows.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().updateState(col(1, 2), col(1, 2), Tensor.of(new double[] {1, 2, 3})));
    }

    @Test
    void renamingKeepsBehaviour() {
        Metric m = new BinaryAccuracy().name("acc");
        assertEquals("acc", m.name());
        m.updateState(col(1), col(0.9));
        assertEquals(1.0, m.result());
    }
}
