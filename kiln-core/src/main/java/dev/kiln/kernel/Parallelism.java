package dev.kiln.kernel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one shared pool of worker threads that Kiln's kernels split large loops over.
 *
 * <p>The pool holds {@code threads()} daemon threads, by default {@link Runtime#availableProcessors()},
 * overridable with the system property {@value #THREADS_PROPERTY} (read once, when the class loads).
 * {@link #parallelFor(int, IntRangeConsumer)} cuts {@code [0, n)} into at most {@code threads()}
 * contiguous ranges, runs the first on the calling thread and the rest on the pool, and returns when
 * all are done. A call made from inside a worker runs serially, so nested loops cannot deadlock.
 *
 * <pre>{@code
 * float[] y = new float[n];
 * Parallelism.parallelFor(n, (start, end) -> {
 *     for (int i = start; i < end; i++) y[i] = f(i);
 * });
 * }</pre>
 */
public final class Parallelism {
    /** System property that sets the number of threads (an integer >= 1). */
    public static final String THREADS_PROPERTY = "kiln.threads";

    /** A body of a parallel loop: handles the indices {@code start <= i < end}. */
    @FunctionalInterface
    public interface IntRangeConsumer {
        /** Processes indices {@code start} (inclusive) to {@code end} (exclusive). */
        void accept(int start, int end);
    }

    private static final int THREADS = configuredThreads();
    private static final ExecutorService POOL = THREADS > 1 ? createPool(THREADS) : null;

    private Parallelism() {}

    /** Number of threads loops are split over (including the calling thread), at least 1. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over {@code [0, n)} cut into at most {@link #threads()} contiguous ranges of
     * near-equal length, in parallel, and returns when every range is done.
     *
     * <p>An exception thrown by any range is rethrown here (unchecked exceptions as they are) after all
     * ranges have finished. {@code n <= 0} does nothing.
     */
    public static void parallelFor(int n, IntRangeConsumer body) {
        parallelFor(n, THREADS, body);
    }

    /**
     * Like {@link #parallelFor(int, IntRangeConsumer)} but with at most {@code maxTasks} ranges
     * (useful when splitting finer would cost more than it saves).
     */
    public static void parallelFor(int n, int maxTasks, IntRangeConsumer body) {
        if (n <= 0) {
            return;
        }
        int tasks = Math.min(Math.min(n, THREADS), Math.max(1, maxTasks));
        if (tasks == 1 || Thread.currentThread() instanceof Worker) {
            body.accept(0, n);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int start = split(n, tasks, t);
            int end = split(n, tasks, t + 1);
            futures[t - 1] = POOL.submit(() -> body.accept(start, end));
        }
        Throwable failure = null;
        try {
            body.accept(0, split(n, tasks, 1));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                awaitUninterruptibly(f);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            }
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException("parallelFor: a range failed", failure);
        }
    }

    /** Start of range {@code t} of {@code tasks} over {@code [0, n)}; ranges differ in length by at most one. */
    static int split(int n, int tasks, int t) {
        return (int) ((long) n * t / tasks);
    }

    private static void awaitUninterruptibly(Future<?> f) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    // The other ranges write into the caller's arrays: returning early would let the
                    // caller read half-written results, so wait and restore the flag afterwards.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int configuredThreads() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        try {
            int t = Integer.parseInt(value.trim());
            if (t >= 1) {
                return t;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below, which names the bad value
        }
        throw new IllegalArgumentException(
                "system property " + THREADS_PROPERTY + " must be an integer >= 1, got '" + value + "'");
    }

    private static ExecutorService createPool(int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Worker(r, "kiln-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Marks the pool's threads, so that a nested parallel loop runs serially instead of waiting on itself. */
    private static final class Worker extends Thread {
        Worker(Runnable r, String name) {
            super(r, name);
        }
    }
}
