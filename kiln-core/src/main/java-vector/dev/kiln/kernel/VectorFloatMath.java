package dev.kiln.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatMath#exp(double)} and {@link FloatMath#log(double)} over an array on the Vector API,
 * bit-for-bit the scalar functions: the
 * same operations on the same doubles in the same order (lane-wise IEEE arithmetic, no fused
 * multiply-adds), each table read by a gather. A vector holding a value the fast path does not cover
 * (for exp: outside (−700, 700), so overflow, underflow and subnormal results; for log: not a positive
 * normal finite double) or a NaN goes to the scalar function. Plain
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

    /** The bits of {@link FloatMath#SHIFTER}: adding a small integer to them gives SHIFTER + that integer. */
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(FloatMath.SHIFTER);

    @Override
    public void log(double[] x, int from, int to) {
        int[] idx = new int[V];
        int i = from;
        for (; i + V <= to; i += V) {
            DoubleVector v = DoubleVector.fromArray(S, x, i);
            // positive normal and finite in every lane (NaN fails both); else the scalar function
            VectorMask<Double> normal = v.compare(VectorOperators.GE, Double.MIN_NORMAL)
                    .and(v.compare(VectorOperators.LT, Double.POSITIVE_INFINITY));
            if (!normal.allTrue()) {
                for (int l = i; l < i + V; l++) x[l] = FloatMath.log(x[l]);
                continue;
            }
            LongVector bits = v.reinterpretAsLongs();
            LongVector e = bits.sub(0x3FE8000000000000L).lanewise(VectorOperators.ASHR, 52);
            DoubleVector m = bits.sub(e.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
            DoubleVector shiftedJ = m.sub(0.75).mul(64).add(FloatMath.SHIFTER);
            // j and e as doubles without a conversion: SHIFTER + n, less SHIFTER, is n exactly
            DoubleVector j = shiftedJ.sub(FloatMath.SHIFTER);
            DoubleVector ed = e.add(SHIFTER_BITS).reinterpretAsDoubles().sub(FloatMath.SHIFTER);
            DoubleVector c = j.mul(1.0 / 64).add(0.75);
            DoubleVector s = m.sub(c).div(m.add(c));
            DoubleVector s2 = s.mul(s);
            DoubleVector poly = s2.mul(1.0 / 7).add(1.0 / 5);
            poly = s2.mul(poly).add(1.0 / 3);
            poly = s2.mul(poly).add(1);
            DoubleVector atanh2 = s.mul(2).mul(poly);
            ((IntVector) shiftedJ.reinterpretAsLongs().convertShape(VectorOperators.L2I, IntVector.SPECIES_128, 0)).intoArray(idx, 0);
            DoubleVector grid = DoubleVector.fromArray(S, FloatMath.LOG_GRID, 0, idx, 0);
            ed.mul(FloatMath.LN2_HI).add(grid).add(atanh2.add(ed.mul(FloatMath.LN2_LO))).intoArray(x, i);
        }
        for (; i < to; i++) x[i] = FloatMath.log(x[i]);
    }
}
