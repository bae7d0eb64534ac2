package dev.kiln.data;

import java.util.HashSet;
import java.util.Set;

/** scikit-learn's {@code sample_without_replacement} (method "auto") and {@code _generate_hypercube}. */
final class SampleWithoutReplacement {
    private SampleWithoutReplacement() {}

    /** {@code n} distinct integers of [0, population), drawn as scikit-learn does (random-state.md §7). */
    static long[] sample(long population, int n, RandomState rs) {
        double ratio = population == 0 ? 1.0 : (double) n / population;
        long[] out = new long[n];
        if (ratio > 0.01 && ratio < 0.99) {
            int[] perm = rs.permutation(Math.toIntExact(population));
            for (int i = 0; i < n; i++) out[i] = perm[i];
        } else if (ratio < 0.2) {
            Set<Long> taken = new HashSet<>();
            for (int i = 0; i < n; i++) {
                long j;
                do {
                    j = rs.randint(0, population);
                } while (!taken.add(j));
                out[i] = j;
            }
        } else {
            for (int i = 0; i < n; i++) out[i] = i;
            for (long i = n; i < population; i++) {
                long j = rs.randint(0, i + 1);
                if (j < n) out[(int) j] = i;
            }
        }
        return out;
    }

    /** {@code samples} distinct vertices of the d-dimensional 0/1 hypercube, as rows of doubles. */
    static double[][] hypercube(int samples, int d, RandomState rs) {
        double[][] out = new double[samples][d];
        int extra = Math.max(0, d - 30);
        for (int r = 0; r < samples; r++) {
            for (int j = 0; j < extra; j++) out[r][j] = rs.randint(0, 2);
        }
        int low = d - extra;
        long[] v = sample(1L << low, samples, rs);
        for (int r = 0; r < samples; r++) {
            // Most significant bit first, as numpy.unpackbits on big-endian words.
            for (int c = 0; c < low; c++) out[r][extra + c] = (v[r] >>> (low - 1 - c)) & 1;
        }
        return out;
    }
}
