package dev.kiln.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The convolution kernel: window geometry as TensorFlow computes it, the float path against the double
 * path (values against numpy are in ConvFunctionsTest) on batches that split unevenly over threads, and a
 * hand-computed case.
 */
class ConvTest {

    @ParameterizedTest(name = "in {0}, k {1}, stride {2}, dilation {3}, same {4}")
    @CsvSource({
            // in, k, stride, dilation, same, out, padBefore (TensorFlow: out = ceil(in/s); pad = max((out-1)s + eff - in, 0))
            "28, 5, 1, 1, false, 24, 0",
            "28, 5, 1, 1, true, 28, 2",
            "7, 3, 2, 1, false, 3, 0",
            "7, 3, 2, 1, true, 4, 1",
            "8, 3, 2, 1, true, 4, 0",
            "8, 2, 2, 1, true, 4, 0",
            "9, 3, 1, 2, false, 5, 0",
            "9, 3, 1, 2, true, 9, 2",
            "5, 4, 3, 1, true, 2, 1",
            "4, 5, 1, 1, false, 0, 0",
    })
    void outputSizeAndPaddingFollowTensorFlow(int in, int k, int s, int d, boolean same, int out, int pad) {
        assertEquals(out, Conv.outputSize(in, k, s, d, same));
        if (same) assertEquals(pad, Conv.padBefore(in, k, s, d));
    }

    @Test
    void handComputedValidConvolution() {
        // 1 image 3x3x1, kernel 2x2x1x1 of ones: each output is the sum of a 2x2 block
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 1, 1, 1};
        Conv.Geometry g = Conv.Geometry.of(1, 3, 3, 1, 2, 2, 1, new int[] {1, 1}, new int[] {1, 1}, false);
        float[] y = new float[g.outputSize()];
        Conv.forward(g, x, w, y);
        assertEquals(12f, y[0]);
        assertEquals(16f, y[1]);
        assertEquals(24f, y[2]);
        assertEquals(28f, y[3]);
        float[] dx = new float[9], dw = new float[4];
        Conv.backward(g, x, w, new float[] {1, 1, 1, 1}, dx, dw);
        assertEquals(4f, dx[4]);   // the centre pixel is in every window
        assertEquals(1f, dx[0]);
        assertEquals(12f, dw[0]);  // x[0..1, 0..1] summed over the windows = 1+2+4+5
    }

    @ParameterizedTest(name = "batch {0}, {1}x{2}x{3} -> {6} filters {4}x{5}, stride {7}, dilation {8}, same {9}")
    @CsvSource({
            "5, 28, 28, 1, 5, 5, 4, 1, 1, false",
            "7, 12, 11, 8, 3, 3, 16, 1, 1, true",
            "3, 10, 9, 3, 3, 2, 5, 2, 1, true",
            "4, 11, 10, 2, 3, 3, 3, 1, 2, false",
            "1, 6, 6, 4, 1, 1, 6, 2, 1, false",
    })
    void floatPathAgreesWithDoublePath(int n, int h, int w, int c, int kh, int kw, int co, int s, int d, boolean same) {
        Conv.Geometry g = Conv.Geometry.of(n, h, w, c, kh, kw, co, new int[] {s, s}, new int[] {d, d}, same);
        SplittableRandom r = new SplittableRandom(n * 31L + h);
        double[] x = random(r, g.inputSize()), k = random(r, g.kernelSize()), dy = random(r, g.outputSize());
        double[] y = new double[g.outputSize()], dx = new double[g.inputSize()], dk = new double[g.kernelSize()];
        Conv.forward(g, x, k, y);
        Conv.backward(g, x, k, dy, dx, dk);
        float[] yf = new float[y.length], dxf = new float[dx.length], dkf = new float[dk.length];
        Conv.forward(g, floats(x), floats(k), yf);
        Conv.backward(g, floats(x), floats(k), floats(dy), dxf, dkf);
        close("y", y, yf);
        close("dx", dx, dxf);
        close("dk", dk, dkf);
        // gradients alone (dx or dk null) give the same numbers
        double[] dk2 = new double[dk.length];
        Conv.backward(g, x, k, dy, null, dk2);
        assertEquals(java.util.Arrays.toString(dk), java.util.Arrays.toString(dk2));
    }

    @Test
    void vectorPlaneKernelAgreesWithIm2colGemm() {
        org.junit.jupiter.api.Assumptions.assumeTrue(PlaneConv.vectorAvailable(),
                "the JVM runs without jdk.incubator.vector (the default test run, with the module, runs this test)");
        // valid padding with 1, 2, 3, 4, 5, 8 and 16 input channels copies whole planes at constant strides
        int[][] shapes = {{5, 28, 28, 1, 5, 5, 4, 1, 0}, {3, 11, 11, 8, 3, 3, 16, 1, 1}, {4, 9, 7, 3, 3, 2, 5, 2, 1}, {2, 6, 5, 2, 1, 1, 3, 1, 0},
                {3, 11, 11, 8, 3, 3, 16, 1, 0}, {2, 9, 8, 16, 3, 3, 4, 1, 0}, {2, 7, 6, 5, 2, 2, 4, 1, 0}, {2, 8, 9, 4, 3, 2, 8, 1, 0},
                {2, 6, 7, 3, 3, 3, 2, 1, 0}};
        for (int[] s : shapes) {
            Conv.Geometry g = Conv.Geometry.of(s[0], s[1], s[2], s[3], s[4], s[5], s[6], new int[] {1, 1}, new int[] {s[7], s[7]}, s[8] == 1);
            SplittableRandom r = new SplittableRandom(s[1]);
            float[] x = floats(random(r, g.inputSize())), k = floats(random(r, g.kernelSize())), dy = floats(random(r, g.outputSize()));
            float[] bias = floats(random(r, g.outC));
            float[][] results = new float[2][];
            for (int v = 0; v < 2; v++) {
                PlaneConv.useVector(v == 0);
                try {
                    float[] y = new float[g.outputSize()], dx = new float[g.inputSize()], dk = new float[g.kernelSize()];
                    Conv.forward(g, x, k, bias, y);
                    Conv.backward(g, x, k, dy, dx, dk);
                    float[] all = new float[y.length + dx.length + dk.length];
                    System.arraycopy(y, 0, all, 0, y.length);
                    System.arraycopy(dx, 0, all, y.length, dx.length);
                    System.arraycopy(dk, 0, all, y.length + dx.length, dk.length);
                    results[v] = all;
                } finally {
                    PlaneConv.useVector(true);
                }
            }
            double[] vec = new double[results[0].length];
            for (int i = 0; i < vec.length; i++) vec[i] = results[0][i];
            close(java.util.Arrays.toString(s), vec, results[1]);
        }
    }

    @Test
    void badGeometryAndArraysAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conv.Geometry.of(1, 4, 4, 1, 3, 3, 1, new int[] {1, 1}, new int[] {2, 2}, false));
        assertTrue(e.getMessage().contains("window of 3x3 (dilation 2x2) does not fit in an input of 4x4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Conv.Geometry.of(1, 4, 4, 1, 3, 3, 0, new int[] {1, 1}, new int[] {1, 1}, false));
        assertEquals("output channels (0) must be > 0", e.getMessage());
        Conv.Geometry g = Conv.Geometry.of(2, 4, 4, 1, 3, 3, 1, new int[] {1, 1}, new int[] {1, 1}, false);
        e = assertThrows(IllegalArgumentException.class, () -> Conv.forward(g, new float[16], new float[9], new float[8]));
        assertEquals("conv2d: input has 16 elements, expected 32", e.getMessage());
    }

    static double[] random(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble(-1, 1);
        return v;
    }

    static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    static void close(String what, double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > 1e-4 * (1 + Math.abs(expected[i]))) {
                throw new AssertionError(what + "[" + i + "]: double " + expected[i] + ", float " + actual[i]);
            }
        }
    }
}
