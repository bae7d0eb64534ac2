package dev.kiln.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramPlotTest {
    @TempDir
    Path dir;

    @Test
    void countsLikeNumpyHistogram() {
        // numpy.histogram([0, 1, 1, 2, 3, 4], bins=4) -> [1, 2, 1, 2] (last bin closed on the right)
        assertArrayEquals(new int[] {1, 2, 1, 2}, HistogramPlot.counts(new double[] {0, 1, 1, 2, 3, 4}, 4, 0, 4));
    }

    @Test
    void drawsAPng() throws Exception {
        double[] v = new double[1000];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        Pictures.assertPng(new HistogramPlot().title("target").xLabel("y").values(v).save(dir.resolve("h.png")),
                800, 320);
    }

    @Test
    void constantSampleStillDraws() throws Exception {
        Pictures.assertPng(new HistogramPlot().values(new double[] {2, 2, 2}).save(dir.resolve("c.png")), 800, 320);
    }

    @Test
    void refusesNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> new HistogramPlot().values(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new HistogramPlot().bins(0));
    }
}
