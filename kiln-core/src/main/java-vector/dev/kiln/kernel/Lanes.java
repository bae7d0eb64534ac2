package dev.kiln.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a vector's lanes in one fixed order, for the Vector API kernels. Not
 * {@code reduceLanes(ADD)}: its order is unspecified and differs between the JIT's intrinsic and the
 * interpreted fallback, so the same product would round differently before and after compilation (a
 * model's predict and call disagreeing in the last bit, a training run not repeating itself).
 */
final class Lanes {
    private Lanes() {}

    /** Shuffles that bring lane i + w to lane i, for w = length/2, length/4, …, 1. */
    @SuppressWarnings("unchecked")
    static VectorShuffle<Float>[] halves(VectorSpecies<Float> species) {
        int n = species.length();
        VectorShuffle<Float>[] h = new VectorShuffle[Integer.numberOfTrailingZeros(n)];
        for (int l = 0, w = n / 2; w >= 1; l++, w /= 2) h[l] = VectorShuffle.iota(species, w, 1, true);
        return h;
    }

    /** Halves added lanewise until one lane is left ({@code halves} of v's species). */
    static float sum(FloatVector v, VectorShuffle<Float>[] halves) {
        for (VectorShuffle<Float> h : halves) v = v.add(v.rearrange(h));
        return v.lane(0);
    }
}
