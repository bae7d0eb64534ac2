package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.Tensor;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageDataGeneratorTest {
    /** 3×3 one-channel image 1..9, row-major. */
    private static final float[] IMG = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    private static float[] warp(ImageDataGenerator g, ImageDataGenerator.Params p) {
        float[] out = new float[9];
        g.transform(IMG, out, 0, 3, 3, 1, p);
        return out;
    }

    @Test
    void geometricTransformsMoveWholePixels() {
        ImageDataGenerator g = new ImageDataGenerator().fillMode("constant").cval(-1);
        assertArrayEquals(IMG, warp(g, new ImageDataGenerator.Params(0, 0, 0, 1, 1, false, false)));
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, warp(g, new ImageDataGenerator.Params(0, 0, 0, 1, 1, true, false)));
        assertArrayEquals(new float[] {7, 8, 9, 4, 5, 6, 1, 2, 3}, warp(g, new ImageDataGenerator.Params(0, 0, 0, 1, 1, false, true)));
        // output (r, c) reads input (r + tx, c + ty): a shift of +1 row shows the next row, then the fill value
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, -1, -1, -1}, warp(g, new ImageDataGenerator.Params(0, 1, 0, 1, 1, false, false)));
        assertArrayEquals(new float[] {-1, 1, 2, -1, 4, 5, -1, 7, 8}, warp(g, new ImageDataGenerator.Params(0, 0, -1, 1, 1, false, false)));
        // θ = 90°: input (row, col) = centre + R·(out − centre) = (2 − c, r), Keras's rotation matrix
        float[] rot = warp(g, new ImageDataGenerator.Params(Math.PI / 2, 0, 0, 1, 1, false, false));
        assertArrayEquals(new float[] {7, 4, 1, 8, 5, 2, 9, 6, 3}, rot, 1e-5f);
        // zoom 2 about the centre reads the centre pixel for the centre, half-way points elsewhere
        float[] zoom = warp(g, new ImageDataGenerator.Params(0, 0, 0, 0.5, 0.5, false, false));
        assertEquals(5f, zoom[4], 1e-6f);
        assertEquals(3f, zoom[0], 1e-6f); // reads (0.5, 0.5): mean of 1, 2, 4, 5
    }

    @Test
    void fillModesFollowScipysConventions() {
        ImageDataGenerator.Params shift2 = new ImageDataGenerator.Params(0, 0, 2, 1, 1, false, false); // reads columns c + 2
        assertArrayEquals(new float[] {3, 3, 3, 6, 6, 6, 9, 9, 9}, warp(new ImageDataGenerator().fillMode("nearest"), shift2));
        assertArrayEquals(new float[] {3, 3, 2, 6, 6, 5, 9, 9, 8}, warp(new ImageDataGenerator().fillMode("reflect"), shift2));
        assertArrayEquals(new float[] {3, 1, 2, 6, 4, 5, 9, 7, 8}, warp(new ImageDataGenerator().fillMode("wrap"), shift2));
        assertArrayEquals(new float[] {3, 0, 0, 6, 0, 0, 9, 0, 0}, warp(new ImageDataGenerator().fillMode("constant"), shift2));
    }

    @Test
    void featurewiseStatisticsPerChannel() {
        Tensor x = Tensor.randomUniform(1, 0, 10, 50, 4, 5, 2);
        ImageDataGenerator g = new ImageDataGenerator().featurewiseCenter(true).featurewiseStdNormalization(true).fit(x);
        double[] v = x.toDoubleArray();
        for (int ch = 0; ch < 2; ch++) {
            double s = 0, ss = 0;
            int n = 0;
            for (int i = ch; i < v.length; i += 2) { s += v[i]; ss += v[i] * v[i]; n++; }
            double m = s / n;
            assertEquals(m, g.mean()[ch], 1e-9);
            assertEquals(Math.sqrt(ss / n - m * m), g.std()[ch], 1e-6);
        }
        Tensor z = g.standardize(x);
        assertEquals(0, z.mean().item(), 1e-4);
        assertEquals(1, z.square().mean().item(), 1e-3);
    }

    @Test
    void samplewiseStandardisationAndRescale() {
        Tensor x = Tensor.randomUniform(2, 0, 255, 3, 4, 4, 1);
        Tensor z = new ImageDataGenerator().rescale(1 / 255.0).samplewiseCenter(true).samplewiseStdNormalization(true).standardize(x);
        for (int b = 0; b < 3; b++) {
            Tensor s = z.slice(b, b + 1);
            assertEquals(0, s.mean().item(), 1e-5);
            assertEquals(1, s.square().mean().item(), 1e-4);
        }
    }

    @Test
    void flowIsASeededBatchSource() {
        Tensor x = Tensor.randomUniform(3, 0, 1, 10, 6, 6, 1);
        Tensor y = Tensor.arange(10);
        ImageDataGenerator g = new ImageDataGenerator().rotationRange(20).widthShiftRange(0.2).heightShiftRange(0.2)
                .zoomRange(0.1).horizontalFlip(true);
        BatchSource flow = g.flow(x, y, 4, true, 7);
        assertEquals(3, flow.batchesPerEpoch());
        assertEquals(10, flow.size());
        Set<Integer> seen = new HashSet<>();
        float[] first = null;
        for (Iterator<Batch> it = flow.epoch(0); it.hasNext(); ) {
            Batch b = it.next();
            assertEquals(b.x().shape().dim(0), b.y().shape().dim(0));
            for (int label : b.y().toIntArray()) seen.add(label);
            if (first == null) first = b.x().toFloatArray();
        }
        assertEquals(10, seen.size());
        assertArrayEquals(first, g.flow(x, y, 4, true, 7).epoch(0).next().x().toFloatArray(), "same seed, same epoch: same batch");
        assertNotEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(flow.epoch(1).next().x().toFloatArray()));
        // the drawn parameters stay in their ranges
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            ImageDataGenerator.Params p = g.draw(r, 6, 6);
            assertTrue(Math.abs(Math.toDegrees(p.theta())) <= 20 && Math.abs(p.tx()) <= 1.2 && Math.abs(p.ty()) <= 1.2);
            assertTrue(p.zx() >= 0.9 && p.zx() <= 1.1 && p.zy() >= 0.9 && p.zy() <= 1.1);
        }
    }

    @Test
    void mistakes() {
        Tensor x = Tensor.zeros(2, 3, 3, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ImageDataGenerator().featurewiseCenter(true).flow(x, null, 2, true, 1));
        assertTrue(e.getMessage().contains("call fit(xTrain) first"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> new ImageDataGenerator().fillMode("mirror"));
        assertEquals("ImageDataGenerator: fillMode must be 'constant', 'nearest', 'reflect' or 'wrap', got 'mirror'", a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> new ImageDataGenerator().standardize(Tensor.zeros(2, 9)));
        assertEquals("ImageDataGenerator.standardize: expected images (N, H, W, C) or (N, H, W), got shape (2, 9)", a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> new ImageDataGenerator().rotationRange(-5));
        assertEquals("ImageDataGenerator: rotationRange must be >= 0, got -5.0", a.getMessage());
    }
}
