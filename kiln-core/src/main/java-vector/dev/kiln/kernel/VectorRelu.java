package dev.kiln.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * relu's gradient mask on the Vector API: the same test as {@link Relu#backward} (keep g where y's
 * bits, read as an int, are &gt; 0), which plain Java does not vectorise. It is a float comparison,
 * y &gt; 0, except in a vector holding a NaN (whose sign bit decides): reinterpreting the floats as ints
 * (VectorSupport.convert) was left unintrinsified by JDK 17's C2 when this loop was inlined into a
 * large method (a training step), boxing every vector. Loaded reflectively by
 * {@link Relu} only when jdk.incubator.vector is present.
 */
final class VectorRelu implements Relu.MaskKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
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
        FloatVector zero = FloatVector.zero(S);
        int upper = S.loopBound(n);
        for (; i < upper; i += V) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            if (yv.compare(VectorOperators.NE, yv).anyTrue()) {
                Relu.mask(y, g, out, i, i + V);   // a NaN: its sign bit decides, which a float comparison cannot see
                continue;
            }
            // y's bits are > 0 exactly where y > 0 (±0 and negatives are not)
            zero.blend(FloatVector.fromArray(S, g, i), yv.compare(VectorOperators.GT, 0f)).intoArray(out, i);
        }
        Relu.mask(y, g, out, i, n);
    }
}
