package dev.kiln.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * relu's gradient mask on the Vector API: the same bit test as {@link Relu#backward} (keep g where y's
 * bits, read as an int, are &gt; 0), which plain Java does not vectorise. Loaded reflectively by
 * {@link Relu} only when jdk.incubator.vector is present.
 */
final class VectorRelu implements Relu.MaskKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final int V = S.length();
    static final VectorRelu INSTANCE = new VectorRelu();

    private VectorRelu() {}

    /** 256-bit vectors must be intrinsified (AVX2); below that the plain loop is as fast. */
    public boolean usable() {
        return FloatVector.SPECIES_PREFERRED.length() >= V;
    }

    @Override
    public void backward(float[] y, float[] g, float[] out, int n) {
        int i = 0;
        IntVector zero = IntVector.zero(I);
        int upper = S.loopBound(n);
        for (; i < upper; i += V) {
            IntVector yb = FloatVector.fromArray(S, y, i).reinterpretAsInts();
            IntVector gb = FloatVector.fromArray(S, g, i).reinterpretAsInts();
            gb.blend(zero, yb.compare(VectorOperators.LE, 0)).reinterpretAsFloats().intoArray(out, i);
        }
        for (; i < n; i++) {
            int bits = Float.floatToRawIntBits(y[i]);
            int keep = (-bits & ~bits) >> 31;
            out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & keep);
        }
    }
}
