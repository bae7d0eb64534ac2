package dev.kiln.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {
    @TempDir
    Path dir;

    @Test
    void logAxesDraw() throws Exception {
        double[] s = {1e-4, 1e-3, 1e-2, 1e-1, 1};
        Path f = new LineChart().title("test MSE").xLabel("strength").yLabel("MSE").logX(true).logY(true)
                .series("L1", s, new double[] {0.01, 0.02, 0.5, 3, 40}).series("L2", s, new double[] {0.01, 0.01, 0.1, 2, 20})
                .save(dir.resolve("l.png"));
        Pictures.assertPng(f, 800, 320);
    }

    @Test
    void gapsReplaceWhatCannotBePlaced() {
        assertArrayEquals(new double[] {1, Double.NaN, Double.NaN}, LineChart.gaps(new double[] {1, Double.NEGATIVE_INFINITY, 0}, true));
        assertArrayEquals(new double[] {1, Double.NaN, 0}, LineChart.gaps(new double[] {1, Double.POSITIVE_INFINITY, 0}, false));
    }

    @Test
    void refusesNonPositiveXOnLogAxis() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new LineChart().logX(true).series("a", new double[] {0, 1}, new double[] {1, 2}).render());
        assertTrue(e.getMessage().contains("x > 0"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new LineChart().render());
    }
}
