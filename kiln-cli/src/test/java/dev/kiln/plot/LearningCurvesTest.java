package dev.kiln.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvesTest {
    @TempDir
    Path dir;

    static double[] decay(int n, double start, double end) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = end + (start - end) * Math.exp(-i / 20.0);
        }
        return v;
    }

    @Test
    void twoPanelsWithBothSeriesColours() throws Exception {
        Path f = new LearningCurves().title("binary-bce")
                .loss("binary_crossentropy", decay(200, 0.7, 0.3), decay(200, 0.72, 0.32))
                .metric("accuracy", decay(200, 0.5, 0.84), decay(200, 0.5, 0.85)).save(dir.resolve("c.png"));
        BufferedImage img = Pictures.assertPng(f, 800, 640);
        assertEquals(800, img.getWidth());
        assertEquals(640, img.getHeight());
        // Train (first palette colour) and test (second) lines are drawn in both panels.
        for (int top : new int[] {0, 320}) {
            assertTrue(Pictures.hasColour(img, Plot.PALETTE[0], 0, top, 800, top + 320), "train line, panel at " + top);
            assertTrue(Pictures.hasColour(img, Plot.PALETTE[1], 0, top, 800, top + 320), "test line, panel at " + top);
        }
    }

    @Test
    void fromAHistory() {
        dev.kiln.model.Sequential model = new dev.kiln.model.Sequential();
        model.add(new dev.kiln.nn.Dense(1).inputDim(2));
        model.compile(new dev.kiln.optim.SGD(0.01), "mean_squared_error", "mae");
        dev.kiln.tensor.Tensor x = dev.kiln.tensor.Tensor.of(new double[][] {{0, 1}, {1, 0}, {1, 1}});
        dev.kiln.tensor.Tensor y = dev.kiln.tensor.Tensor.of(new double[][] {{1}, {2}, {3}});
        dev.kiln.model.History h = model.fit(x, y, dev.kiln.model.Fit.epochs(4).validationData(x, y).verbose(0));
        BufferedImage img = LearningCurves.of(h, "mae").render();
        assertEquals(640, img.getHeight());
        assertTrue(Pictures.hasColour(img, Plot.PALETTE[1], 0, 320, 800, 640), "val_mae drawn");
        var e = assertThrows(IllegalArgumentException.class, () -> LearningCurves.of(h, "accuracy"));
        assertTrue(e.getMessage().contains("'accuracy'"), e.getMessage());
    }

    @Test
    void lossOnlyGivesOnePanel() {
        BufferedImage img = new LearningCurves().loss("mse", decay(10, 1, 0), null).render();
        assertEquals(640, img.getHeight());
    }

    @Test
    void divergedLossStillDraws() {
        double[] loss = decay(20, 1, 0);
        loss[5] = Double.NaN;
        loss[6] = Double.POSITIVE_INFINITY;
        BufferedImage img = new LearningCurves().loss("mse", loss, loss).metric("mse", loss, null).render();
        assertTrue(Pictures.distinctColours(img) > 3);
    }

    @Test
    void refusesBadInput() {
        LearningCurves c = new LearningCurves();
        assertThrows(IllegalStateException.class, c::render);
        var e = assertThrows(IllegalArgumentException.class, () -> c.loss("mse", new double[3], new double[4]));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.metric("accuracy", new double[0], null));
    }
}
