package dev.kiln.kernel;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one shared pool of worker threads that Kiln's kernels split large loops over.
 *
 * <p>Loops are split over {@code threads()} threads, by default {@link Runtime#availableProcessors()},
 * overridable with the system property {@value #THREADS_PROPERTY} (read once, when the class loads): the
 * calling thread and {@code threads() − 1} daemon workers. {@link #parallelFor(int, IntRangeConsumer)}
 * cuts {@code [0, n)} into at most {@code threads()} contiguous ranges, runs the first on the calling thread
 * and offers the rest to the workers, and returns when all are done. A call made from inside a worker runs
 * serially, so nested loops cannot deadlock.
 *
 * <p>Latency matters more than throughput here: a training step of a small CNN makes a dozen parallel
 * loops of about half a millisecond each. A worker woken from sleep by the operating system started its
 * range about 0.1 ms late on average (measured on the benchmark machine), a fifth of the loop. So a worker
 * that has finished a range keeps polling for the next one for {@value #SPIN_MICROS} µs before it sleeps,
 * the caller waits for the workers in the same way (neither polls when there are more threads than
 * processors), and a caller that finishes its own range before a worker has started another runs that
 * range itself.
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

    /** How long an idle worker, or a caller waiting for the workers, polls before it sleeps. */
    static final long SPIN_MICROS = 200;

    private static final int THREADS = configuredThreads();
    /**
     * No polling when there are more threads than processors ({@value #THREADS_PROPERTY} set above their
     * number): a polling thread would then take a processor from one that has work.
     */
    private static final long SPIN_NANOS = THREADS <= Runtime.getRuntime().availableProcessors() ? SPIN_MICROS * 1000 : 0;
    /** Ranges offered to the workers, oldest first. */
    private static final ConcurrentLinkedQueue<Task> QUEUE = new ConcurrentLinkedQueue<>();
    private static final Worker[] WORKERS = startWorkers(THREADS - 1);

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
     * ranges have finished; if several fail, the one of the lowest range. {@code n <= 0} does nothing.
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
        Join join = new Join(tasks - 1);
        Task[] offered = new Task[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            offered[t - 1] = new Task(body, split(n, tasks, t), split(n, tasks, t + 1), join, t - 1);
            QUEUE.offer(offered[t - 1]);
        }
        wakeWorkers(tasks - 1);
        Throwable failure = null;
        try {
            body.accept(0, split(n, tasks, 1));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // ranges no worker has started yet: run them here rather than wait for one to wake up
        for (int i = offered.length - 1; i >= 0; i--) {
            offered[i].tryRun();
        }
        join.await();
        if (failure == null) {
            failure = join.firstFailure();
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

    /** Wakes up to {@code count} sleeping workers (the polling ones find the work themselves). */
    private static void wakeWorkers(int count) {
        for (Worker w : WORKERS) {
            if (count == 0) {
                return;
            }
            if (w.sleeping) {
                LockSupport.unpark(w);
                count--;
            }
        }
    }

    /** One offered range; whoever claims it first (a worker or the caller) runs it. */
    private static final class Task {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final IntRangeConsumer body;
        private final int start;
        private final int end;
        private final Join join;
        private final int index;

        Task(IntRangeConsumer body, int start, int end, Join join, int index) {
            this.body = body;
            this.start = start;
            this.end = end;
            this.join = join;
            this.index = index;
        }

        /** Runs the range unless someone else has claimed it. */
        void tryRun() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                body.accept(start, end);
            } catch (Throwable e) {
                join.fail(index, e);
            } finally {
                join.done();
            }
        }
    }

    /** The offered ranges of one call: how many are still running, and what they threw. */
    private static final class Join {
        private final AtomicInteger remaining;
        private final Throwable[] failures;
        private final Thread caller = Thread.currentThread();

        Join(int ranges) {
            remaining = new AtomicInteger(ranges);
            failures = new Throwable[ranges];
        }

        void fail(int index, Throwable e) {
            failures[index] = e; // published to the caller by the decrement in done()
        }

        void done() {
            if (remaining.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }

        /**
         * Returns when every offered range is done: polls for {@link #SPIN_MICROS} µs, then sleeps. The other
         * ranges write into the caller's arrays, so an interrupt does not cut the wait short; the flag is
         * restored afterwards.
         */
        void await() {
            long start = System.nanoTime();
            boolean interrupted = false;
            while (remaining.get() > 0) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        Throwable firstFailure() {
            for (Throwable e : failures) {
                if (e != null) {
                    return e;
                }
            }
            return null;
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

    private static Worker[] startWorkers(int count) {
        Worker[] workers = new Worker[count];
        for (int i = 0; i < count; i++) {
            workers[i] = new Worker("kiln-worker-" + (i + 1));
            workers[i].start();
        }
        return workers;
    }

    /**
     * A pool thread: runs offered ranges, polls the queue for {@link #SPIN_MICROS} µs after the last one,
     * then sleeps until woken. Marks the pool's threads too, so that a nested parallel loop runs serially
     * instead of waiting on itself.
     */
    private static final class Worker extends Thread {
        /** True while the worker sleeps or is about to; a caller that offers work then wakes it. */
        volatile boolean sleeping;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                Task task = QUEUE.poll();
                if (task == null && SPIN_NANOS > 0) {
                    long start = System.nanoTime();
                    do {
                        Thread.onSpinWait();
                        task = QUEUE.poll();
                    } while (task == null && System.nanoTime() - start < SPIN_NANOS);
                }
                if (task == null) {
                    sleeping = true;
                    task = QUEUE.poll(); // offered after the last poll but before the flag was seen: take it
                    if (task == null) {
                        LockSupport.park(this);
                        Thread.interrupted(); // nothing interrupts a worker; never let a stray flag make it spin
                    }
                    sleeping = false;
                }
                if (task != null) {
                    task.tryRun();
                }
            }
        }
    }
}
