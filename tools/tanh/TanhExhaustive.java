/**
 * VectorConvKernel's float32 tanh written with scalar FMAs, operation for operation as the vector lanes
 * compute it, checked against (float) Math.tanh on every float in [from, to]:
 *
 *   java tools/tanh/TanhExhaustive.java 1.4E-45 1e-5      # 925 million values
 *   java tools/tanh/TanhExhaustive.java 1e-5 0.55         # 132 million
 *   java tools/tanh/TanhExhaustive.java 0.55 9.6          # 34 million
 *   java tools/tanh/TanhExhaustive.java 9.6 3.4028235E38  # 1.05 billion
 *
 * Result (2026-12-07, JDK 17): no value beyond one ulp in any range (negative inputs are the same
 * computation with the sign bit put back). Coefficients: tools/tanh/fit_tanh.py.
 */
public class TanhExhaustive {
    static final float T = 0.55f, CLAMP = 9.5f;
    static final float S0 = -0.33333316445350647f, S1 = 0.13332580029964447f, S2 = -0.053851865231990814f, S3 = 0.02107025310397148f, S4 = -0.006272607482969761f;
    static final float E2 = 0.5f, E3 = 0.1666666567325592f, E4 = 0.04166622459888458f, E5 = 0.008333578705787659f, E6 = 0.0013948134146630764f, E7 = 0.00019766918558161706f;
    static final float LOG2E = 1.4426950216293335f, LN2_HI = 0.6931471824645996f, LN2_LO = -1.9046542121259336e-09f, MAGIC = 12582912f; // 1.5 * 2^23

    static float tanh(float x) {
        float a = Math.abs(x);
        // small
        float p = a * a;
        float q = Math.fma(p, S4, S3);
        q = Math.fma(p, q, S2);
        q = Math.fma(p, q, S1);
        q = Math.fma(p, q, S0);
        float small = Math.fma(a * p, q, a);
        // large
        float y = Math.min(a, CLAMP);
        y = y + y;
        float t = Math.fma(y, LOG2E, MAGIC);
        float kf = t - MAGIC;
        float r = Math.fma(-kf, LN2_HI, y);
        r = Math.fma(-kf, LN2_LO, r);
        float e = Math.fma(r, E7, E6);
        e = Math.fma(r, e, E5);
        e = Math.fma(r, e, E4);
        e = Math.fma(r, e, E3);
        e = Math.fma(r, e, E2);
        e = Math.fma(r, e, 1f);
        e = Math.fma(r, e, 1f);
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(t) << 23) + (127 << 23));
        float big = e * scale;                    // e^{2a}
        float dHi = big + 1f;
        float dLo = 1f - (dHi - big);             // dHi + dLo = big + 1 exactly
        float q0 = 2f / dHi;
        float rho = Math.fma(-q0, dHi, 2f);
        rho = Math.fma(-q0, dLo, rho);
        float qq = Math.fma(rho, q0 * 0.5f, q0);  // 2 / (big + 1)
        float large = 1f - qq;
        float res = a < T ? small : large;
        return Float.intBitsToFloat(Float.floatToRawIntBits(res) | (Float.floatToRawIntBits(x) & 0x80000000));
    }

    public static void main(String[] args) {
        int lo = Float.floatToRawIntBits(Float.parseFloat(args[0])), hi = Float.floatToRawIntBits(Float.parseFloat(args[1]));
        long bad = 0, n = 0; double worst = 0; float worstX = 0;
        for (int b = lo; b <= hi; b++) {
            float x = Float.intBitsToFloat(b);
            float got = tanh(x), want = (float) Math.tanh(x);
            n++;
            double d = Math.abs((double) got - want) / Math.ulp(want);
            if (d > worst) { worst = d; worstX = x; }
            if (d > 1) { bad++; if (bad < 5) System.out.println("bad " + x + " got " + got + " want " + want); }
        }
        System.out.printf("%s..%s: %d values, %d beyond 1 ulp, worst %.2f ulp at %s%n", args[0], args[1], n, bad, worst, worstX);
        float[] sp = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 30f, -30f, 1e-30f, Float.MIN_VALUE, -0.55f, 0.55f, 9.5f, 9.0f};
        for (float x : sp) System.out.print(x + "->" + tanh(x) + " (" + (float) Math.tanh(x) + ")  ");
        System.out.println();
    }
}
