package dev.kiln.kernel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch cut into a fixed number of chunks (a function of the batch size alone), which
 * {@link Parallelism}'s threads take one after another from a shared counter. On a machine shared with
 * other work, a thread that is scheduled late or slowed leaves its chunks to the others, where a split
 * into one half per thread made every call wait for the slower half. Partial sums kept per chunk and added
 * in chunk order make results independent of which thread took which chunk.
 */
final class BatchChunks {
    /** Chunks per call: with two threads the last chunk is at most 1/16 of the work. */
    private static final int CHUNKS = 16;

    private BatchChunks() {}

    @FunctionalInterface
    interface Body {
        /** Processes images {@code start <= b < end}, chunk number {@code chunk} of {@link #count(int)}. */
        void accept(int chunk, int start, int end);
    }

    /** Number of chunks a batch of n is cut into. */
    static int count(int n) { return n <= 0 ? 0 : Math.min(n, CHUNKS); }

    /** Runs body over every chunk of [0, n), on all threads, and returns when all are done. */
    static void run(int n, Body body) {
        int chunks = count(n);
        if (chunks == 0) return;
        AtomicInteger next = new AtomicInteger();
        Parallelism.parallelFor(Math.min(chunks, Parallelism.threads()), (t0, t1) -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                body.accept(c, Parallelism.split(n, chunks, c), Parallelism.split(n, chunks, c + 1));
            }
        });
    }
}
