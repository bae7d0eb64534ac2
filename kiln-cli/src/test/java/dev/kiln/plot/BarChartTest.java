package dev.kiln.plot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {
    @TempDir
    Path dir;

    @Test
    void overlappedSeriesBothVisible() throws Exception {
        List<String> cats = List.of("w0", "w1", "w2", "w3");
        Path f = new BarChart().title("weights").categories(cats).series("informative", new double[] {3, 0, -2, 0})
                .series("irrelevant", new double[] {0, 0.5, 0, -0.4}).yRange(-4, 4).save(dir.resolve("b.png"));
        BufferedImage img = Pictures.assertPng(f, 800, 320);
        assertTrue(Pictures.hasColour(img, Plot.PALETTE[0], 0, 0, 800, 320));
        assertTrue(Pictures.hasColour(img, Plot.PALETTE[1], 0, 0, 800, 320));
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalStateException.class, () -> new BarChart().series("a", new double[] {1}));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new BarChart().categories(List.of("a", "b")).series("s", new double[] {1}));
        assertTrue(e.getMessage().contains("1 values for 2 categories"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BarChart().yRange(1, 1));
    }
}
