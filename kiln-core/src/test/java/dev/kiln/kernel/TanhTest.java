package dev.kiln.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TanhTest {

    /** Both paths (Vector API lanes if present, scalar formula) on short, odd and thread-split lengths, at offsets. */
    @Test
    void bothPathsAreWithinOneUlpOfMathTanhAtEveryLengthAndOffset() {
        SplittableRandom r = new SplittableRandom(11);
        int[] lengths = {0, 1, 7, 8, 9, 31, 1000, 100_003};
        for (boolean vector : new boolean[] {true, false}) {
            PlaneConv.useVector(vector);
            try {
                for (int n : lengths) {
                    int xo = 3, yo = 5;
                    float[] x = new float[xo + n], y = new float[yo + n + 2];
                    for (int i = 0; i < n; i++) x[xo + i] = (float) (r.nextGaussian() * Math.pow(10, r.nextDouble(-6, 1.5)));
                    y[yo + n] = 42f;
                    Tanh.apply(x, xo, y, yo, n);
                    for (int i = 0; i < n; i++) {
                        float want = (float) Math.tanh(x[xo + i]);
                        assertTrue(Math.abs(y[yo + i] - want) <= Math.ulp(want),
                                "vector=" + vector + " n=" + n + ": tanh(" + x[xo + i] + ") = " + y[yo + i] + ", Math.tanh gives " + want);
                    }
                    assertEquals(42f, y[yo + n], "wrote past the end (n=" + n + ")");
                    assertEquals(0f, y[yo - 1], "wrote before the start (n=" + n + ")");
                }
                float[] special = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 30f, -30f, 1e-30f};
                float[] out = new float[special.length];
                Tanh.apply(special, 0, out, 0, special.length);
                assertTrue(Float.isNaN(out[0]), "tanh(NaN)");
                assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(out[1]), "tanh(0)");
                assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(out[2]), "tanh(-0)");
                assertEquals(1f, out[3]);
                assertEquals(-1f, out[4]);
                assertEquals(1f, out[5]);
                assertEquals(-1f, out[6]);
                assertEquals(1e-30f, out[7]);
            } finally {
                PlaneConv.useVector(true);
            }
        }
    }

    /**
     * Every 101st float from 0 to 10 (10.8 million values, where the vector formula switches branches at
     * 0.55 and saturates at 9.5), both signs, through the vector path: within one ulp of Math.tanh. The
     * whole float range was checked once, exhaustively, against the same formula in scalar FMAs.
     */
    @Test
    void vectorTanhIsWithinOneUlpOnADenseSweep() {
        org.junit.jupiter.api.Assumptions.assumeTrue(PlaneConv.vectorAvailable(),
                "the JVM runs without jdk.incubator.vector (the default test run, with the module, runs this test)");
        int step = 101, end = Float.floatToRawIntBits(10f), block = 4096;
        float[] x = new float[block], y = new float[block];
        int bits = 0;
        while (bits <= end) {
            int n = 0;
            for (; n < block && bits <= end; n++, bits += step) x[n] = (n & 1) == 0 ? Float.intBitsToFloat(bits) : -Float.intBitsToFloat(bits);
            Tanh.serial(x, 0, y, 0, n);
            for (int i = 0; i < n; i++) {
                float want = (float) Math.tanh(x[i]);
                if (!(Math.abs(y[i] - want) <= Math.ulp(want))) {
                    throw new AssertionError("tanh(" + x[i] + ") = " + y[i] + ", Math.tanh gives " + want);
                }
            }
        }
    }
}
