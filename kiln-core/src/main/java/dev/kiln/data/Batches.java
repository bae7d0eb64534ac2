package dev.kiln.data;

import dev.kiln.tensor.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Mini-batches over (x, y[, sampleWeight]) for training: each epoch visits every row once, in an
 * order drawn from the seed and the epoch number (shuffle) or in row order, and each batch gathers
 * only its own rows, so nothing is copied per epoch but one int index per row.
 *
 * <p>Order of epoch e when shuffling: {@code new RandomState((seed + e) mod 2^32).permutation(n)}, so
 * an epoch's order depends only on (seed, e) and a resumed run sees the same batches. Batches have
 * {@code batchSize} rows, the last one fewer when batchSize does not divide n (as Keras).
 *
 * <pre>{@code
 * Batches batches = Batches.of(x, y, null, 32, true, 42);
 * for (int e = 0; e < epochs; e++) {
 *     for (Iterator<Batch> it = batches.epoch(e); it.hasNext(); ) trainStep(it.next());
 * }
 * }</pre>
 */
public final class Batches implements BatchSource, Iterable<Batch> {
    private final Tensor x;
    private final Tensor y;
    private final Tensor sampleWeight;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int n;

    private Batches(Tensor x, Tensor y, Tensor sampleWeight, int batchSize, boolean shuffle, long seed, int n) {
        this.x = x;
        this.y = y;
        this.sampleWeight = sampleWeight;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.n = n;
    }

    /**
     * Batches of {@code batchSize} rows.
     *
     * @param x features, first axis = samples
     * @param y targets with the same first axis, or null
     * @param sampleWeight one weight per sample (shape (n,)), or null
     * @param batchSize rows per batch, >= 1 (Keras's default is 32)
     * @param shuffle draw a new order each epoch (Keras's default true)
     * @param seed seed of the orders, in [0, 2^32 - 1]
     * @throws IllegalArgumentException for mismatched first axes or a bad batch size or seed
     */
    public static Batches of(Tensor x, Tensor y, Tensor sampleWeight, int batchSize, boolean shuffle, long seed) {
        int n = Split.rowsOf("Batches", x, y);
        if (sampleWeight != null && (sampleWeight.rank() != 1 || sampleWeight.shape().dim(0) != n)) {
            throw new IllegalArgumentException("Batches: sampleWeight must have shape (" + n + ",), got "
                    + sampleWeight.shape());
        }
        if (batchSize < 1) throw new IllegalArgumentException("Batches: batchSize must be >= 1, got " + batchSize);
        RandomState.checkSeed("Batches", "seed", seed);
        return new Batches(x, y, sampleWeight, batchSize, shuffle, seed, n);
    }

    /** Number of samples. */
    @Override
    public int size() {
        return n;
    }

    /** Number of batches per epoch: {@code ceil(n / batchSize)}. */
    @Override
    public int batchesPerEpoch() {
        return (n + batchSize - 1) / batchSize;
    }

    /** The row order of epoch {@code e} (a permutation of 0..n-1). */
    public int[] order(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("Batches: epoch must be >= 0, got " + epoch);
        if (!shuffle) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            return idx;
        }
        return new RandomState((seed + epoch) & RandomState.MAX_SEED).permutation(n);
    }

    /** The batches of epoch {@code e}, each gathered when {@code next()} is called. */
    @Override
    public Iterator<Batch> epoch(int epoch) {
        int[] order = order(epoch);
        return new Iterator<>() {
            private int start;

            @Override
            public boolean hasNext() {
                return start < n;
            }

            @Override
            public Batch next() {
                if (start >= n) throw new NoSuchElementException("Batches: epoch has " + batchesPerEpoch() + " batches");
                int end = Math.min(n, start + batchSize);
                int[] rows = java.util.Arrays.copyOfRange(order, start, end);
                start = end;
                return new Batch(x.gather(rows), y == null ? null : y.gather(rows),
                        sampleWeight == null ? null : sampleWeight.gather(rows));
            }
        };
    }

    /** The batches of epoch 0. */
    @Override
    public Iterator<Batch> iterator() {
        return epoch(0);
    }
}
