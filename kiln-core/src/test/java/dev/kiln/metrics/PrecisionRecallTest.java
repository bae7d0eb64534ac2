package dev.kiln.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {
    @Test
    void kerasDocumentedExamples() {
        // Keras docstrings: y_true [0, 1, 1, 1], y_pred [1, 0, 1, 1] → precision 2/3, recall 2/3.
        Metric p = new Precision(), r = new Recall();
        p.updateState(Tensor.of(new double[] {0, 1, 1, 1}), Tensor.of(new double[] {1, 0, 1, 1}));
        r.updateState(Tensor.of(new double[] {0, 1, 1, 1}), Tensor.of(new double[] {1, 0, 1, 1}));
        assertEquals(2.0 / 3, p.result(), 1e-12);
        assertEquals(2.0 / 3, r.result(), 1e-12);
        // With sample weights [0, 0, 1, 0]: precision 1.0, recall 1.0.
        p.resetState();
        r.resetState();
        Tensor w = Tensor.of(new double[] {0, 0, 1, 0});
        p.updateState(Tensor.of(new double[] {0, 1, 1, 1}), Tensor.of(new double[] {1, 0, 1, 1}), w);
        r.updateState(Tensor.of(new double[] {0, 1, 1, 1}), Tensor.of(new double[] {1, 0, 1, 1}), w);
        assertEquals(1.0, p.result(), 1e-12);
        assertEquals(1.0, r.result(), 1e-12);
    }

    @Test
    void noPredictedPositivesGiveZeroNotNaN() {
        Metric p = new Precision();
        p.updateState(Tensor.of(new double[] {1, 1}), Tensor.of(new double[] {0.1, 0.5}));
        assertEquals(0.0, p.result());
        Metric r = new Recall();
        r.updateState(Tensor.of(new double[] {0, 0}), Tensor.of(new double[] {0.9, 0.1}));
        assertEquals(0.0, r.result());
    }
}
