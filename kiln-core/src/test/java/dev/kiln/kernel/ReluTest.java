package dev.kiln.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Relu} on the special values, at lengths around the vector width, with and without the Vector API loop. */
class ReluTest {
    private static final float NEG_NAN = Float.intBitsToFloat(0xffc00000);   // x86's default NaN has the sign bit set
    private static final float[] SPECIAL = {1.5f, -2f, 0f, -0f, Float.NaN, NEG_NAN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, 3e38f, -7f};

    @AfterEach
    void restoreKernelChoice() {
        MatMul.useVector(true);
    }

    @ParameterizedTest(name = "n={0} vector={1}")
    @CsvSource({"1,false", "7,false", "8,true", "12,true", "17,true", "40,false", "40,true", "1600,true"})
    void forwardIsMathMaxAndBackwardPassesTheGradientWhereTheOutputIsPositive(int n, boolean vector) {
        MatMul.useVector(vector);
        float[] x = new float[n], y = new float[n], g = new float[n], gx = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = SPECIAL[(i * 7) % SPECIAL.length];
            g[i] = i + 0.25f;
        }
        Relu.forward(x, 0, y, 0, n);
        Relu.backward(y, g, gx, n);
        for (int i = 0; i < n; i++) {
            float expected = Math.max(x[i], 0f);
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(y[i]), "relu(" + x[i] + ") at " + i);
            boolean passes = Float.floatToRawIntBits(y[i]) > 0;   // positive, or a NaN with its sign bit clear
            assertEquals(passes ? g[i] : 0f, gx[i], "gradient at " + i + " for relu output " + y[i]);
            assertEquals(0, Float.floatToRawIntBits(gx[i]) >>> 31, "a blocked gradient is +0 at " + i);
        }
    }

    /** Ordinary values, no NaN in any vector (the special values above put one in every eight). */
    @ParameterizedTest(name = "n={0} vector={1}")
    @CsvSource({"1600,true", "1600,false", "53,true"})
    void backwardOnOrdinaryValues(int n, boolean vector) {
        MatMul.useVector(vector);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(n);
        float[] y = new float[n], g = new float[n], gx = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 5 == 0 ? 0f : Math.max((float) rnd.nextGaussian(), 0f);
            g[i] = (float) rnd.nextGaussian();
        }
        Relu.backward(y, g, gx, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(y[i] > 0 ? g[i] : 0f), Float.floatToRawIntBits(gx[i]), "gradient at " + i);
        }
    }
}
