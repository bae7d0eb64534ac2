package dev.kiln.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ElementwiseTest {

    /** The float32 tanh rounds to the same float as Math.tanh, or to a neighbour (one float ulp). */
    @Test
    void float32TanhIsWithinOneUlpOfMathTanh() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 200_000;
        float[] x = new float[n], out = new float[n];
        for (int i = 0; i < n; i++) {
            double scale = Math.pow(10, r.nextDouble(-8, 2));    // 1e-8 .. 100, both signs
            x[i] = (float) (r.nextBoolean() ? scale : -scale);
        }
        x[0] = 0f;
        x[1] = -0f;
        x[2] = 4e-4f;
        x[3] = 20f;
        x[4] = Float.MAX_VALUE;
        Elementwise.unary(Elementwise.Unary.TANH, x, 0, out, 0, n);
        for (int i = 0; i < n; i++) {
            float want = (float) Math.tanh(x[i]);
            assertTrue(Math.abs(out[i] - want) <= Math.ulp(want), "tanh(" + x[i] + ") = " + out[i] + ", Math.tanh gives " + want);
        }
        assertEquals(0f, out[0]);
        assertEquals(1f, out[4]);
        float[] nan = {Float.NaN};
        Elementwise.unary(Elementwise.Unary.TANH, nan, 0, nan, 0, 1);
        assertTrue(Float.isNaN(nan[0]));
    }
}
