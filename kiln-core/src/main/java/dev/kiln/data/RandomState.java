package dev.kiln.data;

/**
 * numpy's legacy {@code numpy.random.RandomState}, reproduced bit for bit: the same seed gives the same
 * integers, doubles, Gaussians, bounded integers and permutations as numpy (and so the same datasets as
 * scikit-learn's {@code random_state=seed}).
 *
 * <p>The generator is MT19937 seeded with {@code init_genrand(seed)}. Doubles take 53 bits from two
 * draws: {@code ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53}. Gaussians use the polar (Marsaglia) method and
 * cache the second value of each pair, exactly as numpy's {@code legacy_gauss}; the log inside it is
 * glibc's (see {@code GlibcLog}), so every Gaussian matches numpy on x86-64 Linux. Bounded integers use
 * numpy's masked rejection (32-bit draws for ranges below 2^32, 64-bit draws above). Not thread-safe.
 *
 * <pre>{@code
 * new RandomState(1).randomSample();       // 0.417022004702574, as np.random.RandomState(1).random_sample()
 * new RandomState(1).standardNormal();     // 1.6243453636632417, as ...standard_normal()
 * new RandomState(1).randint(0, 10, 3);    // [5, 8, 9]
 * }</pre>
 */
public final class RandomState {
    private static final int N = 624;
    private static final int M = 397;
    /** numpy's largest seed, 2^32 - 1. */
    public static final long MAX_SEED = 0xffffffffL;

    private final int[] key = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    /**
     * A generator seeded like {@code np.random.RandomState(seed)}.
     *
     * @param seed in [0, 2^32 - 1]; numpy rejects anything else (negative seeds are not reduced)
     * @throws IllegalArgumentException if the seed is out of range
     */
    public RandomState(long seed) {
        seed(seed);
    }

    /**
     * Re-seeds this generator (numpy's {@code seed(seed)}) and clears the cached Gaussian.
     *
     * @param seed in [0, 2^32 - 1]
     * @throws IllegalArgumentException if the seed is out of range
     */
    public void seed(long seed) {
        checkSeed("RandomState", "seed", seed);
        key[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = key[i - 1];
            key[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        pos = N;
        hasGauss = false;
        gauss = 0.0;
    }

    /** Checks a seed as numpy does, naming the caller and argument in the message. */
    static void checkSeed(String where, String argument, long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException(where + ": " + argument
                    + " must be an integer between 0 and 2**32 - 1 (4294967295), got " + seed);
        }
    }

    private void regenerate() {
        for (int i = 0; i < N; i++) {
            int y = (key[i] & 0x80000000) | (key[(i + 1) % N] & 0x7fffffff);
            key[i] = key[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        pos = 0;
    }

    /**
     * The next 32 raw bits of MT19937 (numpy's {@code genrand_int32}); read them as unsigned with
     * {@code Integer.toUnsignedLong}.
     */
    public int next32() {
        if (pos == N) regenerate();
        int y = key[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** 64 raw bits: the first draw is the high half, the second the low half. */
    public long next64() {
        long hi = Integer.toUnsignedLong(next32());
        return (hi << 32) | Integer.toUnsignedLong(next32());
    }

    /**
     * A double uniform on [0, 1) with 53 random bits ({@code random_sample()}).
     *
     * @return {@code ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53} for two consecutive draws a, b
     */
    public double randomSample() {
        int a = next32() >>> 5;
        int b = next32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code n} doubles from {@link #randomSample()}, in order ({@code random_sample(n)}). */
    public double[] randomSample(int n) {
        checkSize("randomSample", n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = randomSample();
        return out;
    }

    /**
     * A double uniform on [low, high): {@code low + (high - low) * randomSample()}, with the difference
     * computed once and two roundings (numpy does not fuse them).
     *
     * @throws IllegalArgumentException if {@code high - low} is not finite
     */
    public double uniform(double low, double high) {
        double range = checkRange(low, high);
        return low + range * randomSample();
    }

    /** {@code n} draws of {@link #uniform(double, double)} ({@code uniform(low, high, n)}). */
    public double[] uniform(double low, double high, int n) {
        double range = checkRange(low, high);
        checkSize("uniform", n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = low + range * randomSample();
        return out;
    }

    private static double checkRange(double low, double high) {
        double range = high - low;
        if (!Double.isFinite(range)) {
            throw new IllegalArgumentException("uniform: high - low must be finite, got low=" + low
                    + ", high=" + high);
        }
        return range;
    }

    /**
     * A standard Gaussian ({@code standard_normal()}), by the polar method: draw
     * {@code x1 = 2u - 1, x2 = 2u - 1} until {@code 0 < r2 = x1^2 + x2^2 < 1}, then
     * {@code f = sqrt(-2 log(r2) / r2)}; return {@code f*x2} and keep {@code f*x1} for the next call.
     */
    public double standardNormal() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * GlibcLog.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code n} draws of {@link #standardNormal()} in order ({@code standard_normal(n)}). */
    public double[] standardNormal(int n) {
        checkSize("standardNormal", n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = standardNormal();
        return out;
    }

    /**
     * A Gaussian with mean {@code loc} and standard deviation {@code scale}: {@code loc + scale * g}
     * (two roundings). A draw happens even when {@code scale == 0}.
     *
     * @throws IllegalArgumentException if {@code scale < 0}
     */
    public double normal(double loc, double scale) {
        checkScale(scale);
        return loc + scale * standardNormal();
    }

    /** {@code n} draws of {@link #normal(double, double)} ({@code normal(loc, scale, n)}). */
    public double[] normal(double loc, double scale, int n) {
        checkScale(scale);
        checkSize("normal", n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = loc + scale * standardNormal();
        return out;
    }

    private static void checkScale(double scale) {
        if (!(scale >= 0)) throw new IllegalArgumentException("normal: scale must be >= 0, got " + scale);
    }

    /**
     * An integer uniform on [low, high) ({@code randint(low, high)}), by numpy's masked rejection:
     * {@code v = draw & mask} until {@code v <= high - 1 - low}, then {@code low + v}. Ranges below
     * 2^32 use one 32-bit draw per try, larger ranges 64-bit draws; a range of one value draws nothing.
     *
     * @throws IllegalArgumentException if {@code low >= high}
     */
    public long randint(long low, long high) {
        checkBounds(low, high);
        return low + bounded(high - 1 - low);
    }

    /** {@code n} draws of {@link #randint(long, long)} ({@code randint(low, high, n)}). */
    public long[] randint(long low, long high, int n) {
        checkBounds(low, high);
        checkSize("randint", n);
        long rng = high - 1 - low;
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = low + bounded(rng);
        return out;
    }

    private static void checkBounds(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException("randint: low must be < high, got low=" + low + ", high=" + high);
        }
    }

    /** numpy's legacy masked rejection on [0, rng], rng read as unsigned. */
    private long bounded(long rng) {
        if (rng == 0) return 0;
        if (rng == 0xffffffffL) return Integer.toUnsignedLong(next32());
        if (rng == -1L) return next64();
        long mask = rng;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        long v;
        if (Long.compareUnsigned(rng, 0xffffffffL) < 0) {
            do {
                v = Integer.toUnsignedLong(next32()) & mask;
            } while (v > rng);
        } else {
            do {
                v = next64() & mask;
            } while (Long.compareUnsigned(v, rng) > 0);
        }
        return v;
    }

    /** numpy's {@code random_interval(max)}: uniform on [0, max], as used by shuffle. */
    private int interval(int max) {
        return (int) bounded(max);
    }

    /**
     * A random permutation of 0..n-1 ({@code permutation(n)}, the same draws as shuffling
     * {@code arange(n)}).
     */
    public int[] permutation(int n) {
        checkSize("permutation", n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = i;
        shuffle(out);
        return out;
    }

    /** Shuffles in place by Fisher-Yates from the end, as numpy's {@code shuffle}. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = interval(i);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** Shuffles in place, as {@link #shuffle(int[])}. */
    public void shuffle(long[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = interval(i);
            long t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** Shuffles in place, as {@link #shuffle(int[])}. */
    public void shuffle(double[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = interval(i);
            double t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /**
     * Shuffles the rows of an array in place (for a {@code double[][]}, rows move together, as numpy
     * shuffles the first axis of a 2-D array).
     *
     * <pre>{@code
     * double[][] x = {{0, 1}, {2, 3}, {4, 5}};
     * new RandomState(1).shuffle(x);
     * }</pre>
     */
    public <T> void shuffle(T[] rows) {
        for (int i = rows.length - 1; i > 0; i--) {
            int j = interval(i);
            T t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
    }

    private static void checkSize(String op, int n) {
        if (n < 0) throw new IllegalArgumentException(op + ": size must be >= 0, got " + n);
    }
}
