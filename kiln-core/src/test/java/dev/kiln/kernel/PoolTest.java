package dev.kiln.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pooling kernels: argmax bookkeeping (ties, NaN), padding left out of averages, float path against double. */
class PoolTest {
    private static final int[] ONE = {1, 1};

    @Test
    void maxRemembersTheFirstMaximumAndRoutesTheGradientThere() {
        // one 2x2 window, two channels: channel 0 ties between positions 1 and 3, channel 1 max at 2
        float[] x = {1, 5, 3, 2, 0, 9, 3, 4};
        Conv.Geometry g = Conv.Geometry.of(1, 2, 2, 2, 2, 2, 2, new int[] {2, 2}, ONE, false);
        float[] y = new float[2];
        int[] arg = new int[2];
        Pool.maxForward(g, x, y, arg);
        assertArrayEquals(new float[] {3, 9}, y);
        assertArrayEquals(new int[] {2, 5}, arg);
        float[] dx = new float[8];
        Pool.maxBackward(g, new float[] {10, 20}, arg, dx);
        assertArrayEquals(new float[] {0, 0, 10, 0, 0, 20, 0, 0}, dx);
    }

    @Test
    void maxPropagatesNaN() {
        float[] x = {1, Float.NaN, 3, 2};
        Conv.Geometry g = Conv.Geometry.of(1, 2, 2, 1, 2, 2, 1, new int[] {2, 2}, ONE, false);
        float[] y = new float[1];
        Pool.maxForward(g, x, y, new int[1]);
        assertTrue(Float.isNaN(y[0]));
    }

    @Test
    void averageWithSamePaddingCountsOnlyPixelsInsideTheImage() {
        // 3x3 image, 2x2 windows, stride 2, same: out 2x2, pad 0 before / 1 after
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Conv.Geometry g = Conv.Geometry.of(1, 3, 3, 1, 2, 2, 1, new int[] {2, 2}, ONE, true);
        float[] y = new float[4];
        Pool.avgForward(g, x, y);
        assertArrayEquals(new float[] {3, 4.5f, 7.5f, 9}, y);
        float[] dx = new float[9];
        Pool.avgBackward(g, new float[] {4, 2, 2, 1}, dx);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, dx);
    }

    @Test
    void floatPathAgreesWithDoublePathOnAnUnevenlySplitBatch() {
        Conv.Geometry g = Conv.Geometry.of(7, 9, 8, 3, 3, 2, 3, new int[] {2, 1}, ONE, true);
        SplittableRandom r = new SplittableRandom(3);
        double[] x = ConvTest.random(r, g.inputSize()), dy = ConvTest.random(r, g.outputSize());
        double[] y = new double[g.outputSize()], dx = new double[g.inputSize()];
        float[] yf = new float[y.length], dxf = new float[dx.length];
        int[] arg = new int[y.length], argf = new int[y.length];
        Pool.maxForward(g, x, y, arg);
        Pool.maxForward(g, ConvTest.floats(x), yf, argf);
        assertArrayEquals(arg, argf);
        ConvTest.close("max y", y, yf);
        Pool.maxBackward(g, dy, arg, dx);
        Pool.maxBackward(g, ConvTest.floats(dy), argf, dxf);
        ConvTest.close("max dx", dx, dxf);
        Pool.avgForward(g, x, y);
        Pool.avgForward(g, ConvTest.floats(x), yf);
        ConvTest.close("avg y", y, yf);
        Pool.avgBackward(g, dy, dx);
        Pool.avgBackward(g, ConvTest.floats(dy), dxf);
        ConvTest.close("avg dx", dx, dxf);
    }

    @Test
    void vectorMaxPoolingAgreesWithTheScalarLoop() {
        org.junit.jupiter.api.Assumptions.assumeTrue(PlaneConv.vectorAvailable(),
                "the JVM runs without jdk.incubator.vector (the default test run, with the module, runs this test)");
        for (int c : new int[] {8, 16, 5}) {
            Conv.Geometry g = Conv.Geometry.of(3, 9, 7, c, 3, 2, c, new int[] {2, 1}, ONE, true);
            SplittableRandom r = new SplittableRandom(c);
            float[] x = new float[g.inputSize()];
            // a coarse grid of values makes ties common; one NaN must win its windows
            for (int i = 0; i < x.length; i++) x[i] = (float) Math.floor(r.nextDouble(-3, 3));
            x[x.length / 2] = Float.NaN;
            x[x.length / 2 + c] = Float.NaN; // a second NaN in the same window: the first keeps it
            x[1] = -0f; // ties between -0 and +0: the first wins, with its sign
            x[1 + c] = 0f;
            float[][] ys = new float[2][g.outputSize()];
            int[][] args = new int[2][g.outputSize()];
            for (int v = 0; v < 2; v++) {
                PlaneConv.useVector(v == 0);
                try {
                    Pool.maxForward(g, x, ys[v], args[v]);
                } finally {
                    PlaneConv.useVector(true);
                }
            }
            assertArrayEquals(args[1], args[0], "argmax, " + c + " channels");
            for (int v = 0; v < 2; v++) { // without argmax (inference): the same maxima
                float[] y = new float[g.outputSize()];
                PlaneConv.useVector(v == 0);
                try {
                    Pool.maxForward(g, x, y, null);
                } finally {
                    PlaneConv.useVector(true);
                }
                for (int i = 0; i < y.length; i++) {
                    assertEquals(Float.floatToRawIntBits(ys[1][i]), Float.floatToRawIntBits(y[i]), "max without argmax at " + i + ", vector " + (v == 0));
                }
            }
            for (int i = 0; i < ys[0].length; i++) {
                assertEquals(Float.floatToRawIntBits(ys[1][i]), Float.floatToRawIntBits(ys[0][i]), "max bits at " + i + ", " + c + " channels");
            }
        }
    }

    @Test
    void channelMismatchIsRejected() {
        Conv.Geometry g = Conv.Geometry.of(1, 2, 2, 2, 2, 2, 3, new int[] {2, 2}, ONE, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pool.avgForward(g, new float[8], new float[3]));
        assertEquals("pooling: output channels (3) must equal input channels (2)", e.getMessage());
    }
}
