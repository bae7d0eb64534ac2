package dev.kiln.plot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterPlotTest {
    @TempDir
    Path dir;

    @Test
    void eachClassHasItsColour() throws Exception {
        int n = 300;
        double[] xy = new double[2 * n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = i % 3;
            double a = i * 0.1;
            xy[2 * i] = Math.cos(a) * (1 + c[i]);
            xy[2 * i + 1] = Math.sin(a) * (1 + c[i]);
        }
        Path f = new ScatterPlot().title("blobs").xLabel("x0").yLabel("x1").size(480, 480).points(xy, 2, c)
                .save(dir.resolve("s.png"));
        BufferedImage img = Pictures.assertPng(f, 480, 480);
        for (int k = 0; k < 3; k++) {
            assertTrue(Pictures.hasColour(img, Plot.PALETTE[k], 0, 0, 480, 480), "class " + k);
        }
    }

    @Test
    void refusesMismatchedInput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ScatterPlot().points(new double[3], new double[3], new int[2]));
        assertTrue(e.getMessage().contains("3 points but 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ScatterPlot().points(new double[5], 2, new int[2]));
        assertThrows(IllegalStateException.class, () -> new ScatterPlot().render());
        assertThrows(IllegalArgumentException.class, () -> new ScatterPlot().size(10, 10));
    }
}
