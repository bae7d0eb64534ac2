package dev.kiln.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * FloatMath against StrictMath (fdlibm, within one double ulp) on a sample of every float bit pattern
 * (every 211th, both signs: about 20 million values), plus the special values. The bounds are the ones
 * the Javadoc states; a float32 result may differ from StrictMath's rounded one only where the exact
 * value lies within that bound of a halfway point, which the sample shows to be almost never.
 */
class FloatMathTest {
    private static final int STRIDE = 211;

    /** Worst relative error over the sampled floats in [lo, hi], and the count whose float rounding differs. */
    private static double[] sweep(DoubleUnaryOperator ours, DoubleUnaryOperator reference, double lo, double hi) {
        double worst = 0;
        long differ = 0, n = 0;
        for (int bits = 0; bits >= 0 && bits < 0x7f800000; bits += STRIDE) {
            for (int sign = 0; sign < 2; sign++) {
                float x = Float.intBitsToFloat(bits | (sign << 31));
                if (x < lo || x > hi) continue;
                double want = reference.applyAsDouble(x), got = ours.applyAsDouble(x);
                n++;
                if (Double.isInfinite(want) || want == 0) {
                    assertEquals(want, got, 0.0, "at x = " + x);
                    continue;
                }
                if (Math.abs(want) >= Double.MIN_NORMAL) worst = Math.max(worst, Math.abs(got - want) / Math.abs(want));
                if ((float) got != (float) want) differ++;
            }
        }
        assertTrue(n > 1_000_000, "sampled " + n);
        return new double[] {worst, differ, n};
    }

    @Test
    void expIsWithin3e15OfStrictMathOverTheFloatRange() {
        double[] r = sweep(FloatMath::exp, StrictMath::exp, -746, 710);
        assertTrue(r[0] < 3e-15, "worst relative error " + r[0]);
        assertTrue(r[1] <= 2, r[1] + " of " + r[2] + " floats round differently");
    }

    @Test
    void logIsWithin1e15OfStrictMath() {
        double[] r = sweep(FloatMath::log, StrictMath::log, 0, Float.MAX_VALUE);
        assertTrue(r[0] < 1e-15, "worst relative error " + r[0]);
        assertTrue(r[1] <= 2, r[1] + " of " + r[2] + " floats round differently");
    }

    @Test
    void log1pIsWithin1e15OfStrictMathAboveMinusOne() {
        double[] r = sweep(FloatMath::log1p, StrictMath::log1p, Math.nextUp(-1.0), Float.MAX_VALUE);
        assertTrue(r[0] < 1e-15, "worst relative error " + r[0]);
        assertTrue(r[1] <= 2, r[1] + " of " + r[2] + " floats round differently");
    }

    @Test
    void softplusSigmoidTanhAndLogCoshRoundLikeTheirDoubleForms() {
        assertTrue(sweep(FloatMath::softplus, x -> Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x))), -1e30, 1e30)[0] < 1e-14);
        assertTrue(sweep(FloatMath::sigmoid, x -> 1 / (1 + StrictMath.exp(-x)), -700, 1e30)[0] < 1e-14);
        assertTrue(sweep(FloatMath::tanh, StrictMath::tanh, -1e30, 1e30)[0] < 1e-13);
        assertTrue(sweep(FloatMath::logCosh, FloatMathTest::logCosh, -1e30, 1e30)[0] < 1e-13);
    }

    /** log cosh x, well conditioned: log1p(2 sinh²(x/2)) for small |x|, |x| + log1p(e^−2|x|) − log 2 beyond. */
    private static double logCosh(double x) {
        double a = Math.abs(x);
        if (a < 1) {
            double sh = StrictMath.sinh(a / 2);
            return StrictMath.log1p(2 * sh * sh);
        }
        return a + StrictMath.log1p(StrictMath.exp(-2 * a)) - StrictMath.log(2);
    }

    @Test
    void specialValues() {
        assertEquals(Double.POSITIVE_INFINITY, FloatMath.exp(710));
        assertEquals(Double.POSITIVE_INFINITY, FloatMath.exp(Double.POSITIVE_INFINITY));
        assertEquals(0.0, FloatMath.exp(-746));
        assertEquals(0.0, FloatMath.exp(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(FloatMath.exp(Double.NaN)));
        assertEquals(1.0, FloatMath.exp(0.0));
        assertEquals(1.0, FloatMath.exp(-0.0));
        assertEquals(StrictMath.exp(709.78), FloatMath.exp(709.78), StrictMath.exp(709.78) * 3e-15);   // m = 1024
        assertEquals(StrictMath.exp(-740), FloatMath.exp(-740), Double.MIN_VALUE * 2);               // subnormal
        assertEquals(Double.NEGATIVE_INFINITY, FloatMath.log(0.0));
        assertEquals(Double.NEGATIVE_INFINITY, FloatMath.log(-0.0));
        assertTrue(Double.isNaN(FloatMath.log(-1)));
        assertTrue(Double.isNaN(FloatMath.log(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, FloatMath.log(Double.POSITIVE_INFINITY));
        assertEquals(0.0, FloatMath.log(1.0));
        assertEquals(StrictMath.log(Double.MIN_VALUE), FloatMath.log(Double.MIN_VALUE), 1e-12);
        assertEquals(StrictMath.log(Double.MAX_VALUE), FloatMath.log(Double.MAX_VALUE), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, FloatMath.log1p(-1));
        assertTrue(Double.isNaN(FloatMath.log1p(-2)));
        assertEquals(-0.0, FloatMath.log1p(-0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(FloatMath.tanh(-0.0)));
        assertEquals(1.0, FloatMath.sigmoid(1e30));
        assertEquals(0.0, FloatMath.sigmoid(-1e30));
        assertEquals(1e30, FloatMath.softplus(1e30));
        assertEquals(0.0, FloatMath.softplus(-1e30));
    }

    /** An array form of a FloatMath function: x[i] = f(x[i]) on [from, to). */
    private interface ArrayForm {
        void apply(double[] x, int from, int to);
    }

    /**
     * {@code array} gives {@code scalar}'s bits for every element of 2,000 random arrays (values from
     * {@code value}, at every offset below 5 and length up to 40, elements outside the range untouched)
     * and of {@code sweep} as a whole.
     */
    private static void assertArrayFormIsTheScalarBitForBit(String name, DoubleUnaryOperator scalar, ArrayForm array,
                                                            long seed, ToDoubleFunction<SplittableRandom> value, double[] sweep) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int trial = 0; trial < 2000; trial++) {
            int n = rnd.nextInt(41), from = rnd.nextInt(5);
            double[] x = new double[from + n + 3];
            for (int i = 0; i < x.length; i++) x[i] = value.applyAsDouble(rnd);
            double[] got = x.clone();
            array.apply(got, from, from + n);
            for (int i = 0; i < x.length; i++) {
                double want = i >= from && i < from + n ? scalar.applyAsDouble(x[i]) : x[i];
                assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got[i]),
                        name + "(" + x[i] + ") at " + i + " of [" + from + ", " + (from + n) + ")");
            }
        }
        double[] got = sweep.clone();
        array.apply(got, 0, got.length);
        for (int i = 0; i < sweep.length; i++) {
            assertEquals(Double.doubleToRawLongBits(scalar.applyAsDouble(sweep[i])), Double.doubleToRawLongBits(got[i]), name + "(" + sweep[i] + ")");
        }
    }

    /**
     * The array exp: values spread over the whole float range, with overflows, underflows, subnormal
     * results, NaN and infinities among them, and a sweep of the values a softmax feeds it (x − max ≤ 0).
     */
    @Test
    void arrayExpIsTheScalarExpBitForBit() {
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 709.78, 700.5, -700.5,
            -708.5, -740, -746, 0.0, -0.0, 1e-300, -1e-300, 88.7, -103.9};
        double[] sweep = new double[1 << 16];
        for (int i = 0; i < sweep.length; i++) sweep[i] = -i * (90.0 / sweep.length) - Math.scalb(1.0, -(i % 40));
        assertArrayFormIsTheScalarBitForBit("exp", FloatMath::exp, FloatMath::exp, 5, rnd -> {
            double u = rnd.nextDouble();
            return u < 0.03 ? specials[rnd.nextInt(specials.length)]
                    : u < 0.5 ? (float) ((rnd.nextDouble() - 0.5) * 40)
                    : (float) ((rnd.nextDouble() - 0.5) * 1400);
        }, sweep);
    }

    /**
     * The array log: sums of exponentials (what a softmax feeds it, 1 to a few thousand), values over the
     * whole double range, and zeros, negatives, subnormals, infinities and NaN among them.
     */
    @Test
    void arrayLogIsTheScalarLogBitForBit() {
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, -1.0,
            Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, 1.0, 0.75, 1.5};
        double[] sweep = new double[1 << 16];
        for (int i = 0; i < sweep.length; i++) sweep[i] = 1 + i * (4.0 / sweep.length) + Math.scalb(1.0, -(i % 50));
        assertArrayFormIsTheScalarBitForBit("log", FloatMath::log, FloatMath::log, 6, rnd -> {
            double u = rnd.nextDouble();
            return u < 0.05 ? specials[rnd.nextInt(specials.length)]
                    : u < 0.6 ? 1 + rnd.nextDouble() * rnd.nextInt(1, 3000)
                    : Math.scalb(rnd.nextDouble() + 0.5, rnd.nextInt(-1074, 1020));
        }, sweep);
    }

    @Test
    void arrayExpChecksItsRange() {
        double[] x = new double[4];
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> FloatMath.exp(x, 2, 5));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> FloatMath.log(x, -1, 2));
    }
}
