package dev.kiln.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatMath#exp(double)} over an array on the Vector API, bit-for-bit the scalar function: the
 * same operations on the same doubles in the same order (lane-wise IEEE arithmetic, no fused
 * multiply-adds), the 32-entry table read by a gather. A vector holding a value outside
 * (−700, 700) or a NaN (overflow, underflow, subnormal results) goes to the scalar function. Plain
 * Java does not vectorise the scalar loop (a table lookup and bit conversions); a softmax over three
 * classes spends most of its time in it. Loaded reflectively by {@link FloatMath} only when
 * jdk.incubator.vector is present.
 */
final class VectorFloatMath implements FloatMath.ArrayKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int V = S.length();
    static final VectorFloatMath INSTANCE = new VectorFloatMath();
    /** Inside these bounds 2^m is a normal double for every lane (m in [−1011, 1010]). */
    private static final double LOW = -700, HIGH = 700;

    private VectorFloatMath() {}

    /** 256-bit vectors must be intrinsified (AVX2); below that the scalar loop is as fast. */
    public boolean usable() {
        return DoubleVector.SPECIES_PREFERRED.length() >= V;
    }

    @Override
    public void exp(double[] x, int from, int to) {
        int[] idx = new int[V];
        int i = from;
        for (; i + V <= to; i += V) {
            DoubleVector v = DoubleVector.fromArray(S, x, i);
            VectorMask<Double> inside = v.compare(VectorOperators.GT, LOW).and(v.compare(VectorOperators.LT, HIGH));
            if (!inside.allTrue()) {
                for (int l = i; l < i + V; l++) x[l] = FloatMath.exp(x[l]);
                continue;
            }
            DoubleVector shifted = v.mul(FloatMath.INV_STEP).add(FloatMath.SHIFTER);
            LongVector k = shifted.reinterpretAsLongs();
            DoubleVector kd = shifted.sub(FloatMath.SHIFTER);
            DoubleVector r = v.sub(kd.mul(FloatMath.STEP_HI)).sub(kd.mul(FloatMath.STEP_LO));
            DoubleVector p = r.mul(1.0 / 120).add(1.0 / 24);
            p = r.mul(p).add(1.0 / 6);
            p = r.mul(p).add(0.5);
            p = r.mul(p).add(1.0);
            p = r.mul(p).add(1.0);
            // the table index j = k & 31 as ints, for a gather (reading the four entries one by one and
            // loading them as a vector cost half as much again as the whole polynomial)
            ((IntVector) k.and(31L).convertShape(VectorOperators.L2I, IntVector.SPECIES_128, 0)).intoArray(idx, 0);
            // m = (int) k >> 5 from the low 32 bits, then 2^m's bits (m + 1023) << 52
            LongVector scale = k.lanewise(VectorOperators.LSHL, 32).lanewise(VectorOperators.ASHR, 37)
                    .add(1023L).lanewise(VectorOperators.LSHL, 52);
            DoubleVector.fromArray(S, FloatMath.TWO_POW, 0, idx, 0).mul(p).mul(scale.reinterpretAsDoubles()).intoArray(x, i);
        }
        for (; i < to; i++) x[i] = FloatMath.exp(x[i]);
    }
}
