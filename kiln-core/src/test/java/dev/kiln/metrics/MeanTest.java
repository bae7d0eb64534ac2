package dev.kiln.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MeanTest {
    @Test
    void weightedRunningMean() {
        Mean m = new Mean("loss");
        m.update(0.5, 32);
        m.update(0.3, 8);
        assertEquals((0.5 * 32 + 0.3 * 8) / 40, m.result(), 1e-15);
        assertEquals(40, m.count());
    }

    @Test
    void valuesAreAveragedPerSampleThenWeighted() {
        Mean m = new Mean();
        m.updateValues(Tensor.of(new double[][] {{1, 3}, {10, 10}}), Tensor.of(new double[] {1, 3}));
        assertEquals((2 * 1 + 10 * 3) / 4.0, m.result(), 1e-12);
        m.resetState();
        assertEquals(0.0, m.result());
    }
}
