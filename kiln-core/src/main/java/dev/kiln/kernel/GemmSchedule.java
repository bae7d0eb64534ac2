package dev.kiln.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The work of one multi-threaded blocked GEMM as an ordered list of tasks that the threads claim one
 * at a time, so that a thread the OS delays (another job on the core, a late wake-up) costs the
 * product only the task it holds, not its whole share.
 *
 * <p>Loop nest as in the serial algorithm: column blocks {@code jc} of at most {@code ncMax} columns,
 * and in each the inner dimension in {@code kBlocks} near-equal blocks {@code pc} of at most KC. One
 * ({@code jc}, {@code pc}) pair is a <em>stage</em>. A stage's tasks are, in order: packing B (the
 * kc × nc block, cut into column chunks) into one buffer that every thread reads, then computing C's
 * tiles, each task one block of rows ({@code mc}, whose A block the task packs into its thread's own
 * buffer) times one chunk of columns. Stages alternate between two B buffers, so packing stage s + 1
 * overlaps computing stage s.
 *
 * <p>Dependencies, each on a task with a smaller index (a thread never waits for a task nobody has
 * claimed, so there is no deadlock, whatever the number of threads that actually take part):
 * computing in stage s needs B of stage s packed; packing B of stage s needs every compute task of
 * stage s − 2 done (it reuses that buffer); a tile of C in stage s needs the same tile of stage s − 1
 * done (both update it). Waiting spins briefly, then parks until the task's owner signals.
 */
final class GemmSchedule {
    /** What a participating thread does; one per thread, holding its own A buffer. */
    interface Runner {
        /** Packs panels {@code [jr0, jr1)} (column offsets within the block) of B's kc × nc block. */
        void packB(int buffer, int jc, int pc, int kc, int jr0, int jr1);

        /** C[ic:ic+mc, jc+jr0:jc+jr1] (+)= A[ic:ic+mc, pc:pc+kc] · packed B columns {@code [jr0, jr1)}. */
        void compute(int buffer, int jc, int pc, int kc, int ic, int mc, int jr0, int jr1);
    }

    /** Makes the runner of each thread that joins. */
    interface RunnerFactory {
        Runner newRunner();
    }

    /** Spin this long on an unfinished dependency before parking (a task lasts 0.1 to 2 ms). */
    private static final long SPIN_NANOS = 30_000;
    /** A parked thread re-checks after this long even without a signal. */
    private static final long PARK_NANOS = 200_000;

    private final int m;
    private final int n;
    private final int k;
    private final int nr;
    private final int ncMax;
    private final int kBlocks;
    private final int stages;
    private final int rowsPerBlock;
    private final int mBlocks;
    private final int colChunks;
    private final int packChunks;
    private final int tasksPerStage;
    private final int total;

    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger joined = new AtomicInteger();
    private final AtomicIntegerArray packed;
    private final AtomicIntegerArray computed;
    /** Per (stage, compute task): 1 when done. */
    private final AtomicIntegerArray tileDone;
    private final AtomicReferenceArray<Thread> waiters;
    private volatile Throwable failure;

    /**
     * @param mcMax  most rows of an A block (a multiple of mr)
     * @param ncMax  most columns of a B block (a multiple of nr)
     * @param kc     most of the inner dimension per block
     */
    GemmSchedule(int threads, int m, int n, int k, int mr, int nr, int mcMax, int ncMax, int kc) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.nr = nr;
        this.ncMax = ncMax;
        this.kBlocks = (k + kc - 1) / kc;
        int jBlocks = (n + ncMax - 1) / ncMax;
        this.stages = jBlocks * kBlocks;
        int blocks = (m + mcMax - 1) / mcMax;
        this.rowsPerBlock = roundUp((m + blocks - 1) / blocks, mr);
        this.mBlocks = (m + rowsPerBlock - 1) / rowsPerBlock;
        // Enough tasks per stage that the last one's wait is short against the whole (few rows, as in
        // an MLP layer at batch 128, means several column chunks per row block).
        int panels = (Math.min(n, ncMax) + nr - 1) / nr;
        this.colChunks = Math.max(1, Math.min(panels, (4 * threads + mBlocks - 1) / mBlocks));
        this.packChunks = Math.max(1, Math.min(panels, 2 * threads));
        this.tasksPerStage = packChunks + mBlocks * colChunks;
        this.total = stages * tasksPerStage;
        this.packed = new AtomicIntegerArray(stages);
        this.computed = new AtomicIntegerArray(stages);
        this.tileDone = new AtomicIntegerArray(stages * mBlocks * colChunks);
        this.waiters = new AtomicReferenceArray<>(threads);
    }

    /** Most inner-dimension length of one stage (all stages' kc are within one of each other). */
    int kcMax() {
        return (k + kBlocks - 1) / kBlocks;
    }

    /** Most rows one compute task packs. */
    int rowsPerBlock() {
        return rowsPerBlock;
    }

    /** Number of stages; with one stage only one B buffer is used. */
    int stages() {
        return stages;
    }

    /** Runs every task on up to {@code threads} threads (the caller's included) and returns when all are done. */
    void run(int threads, RunnerFactory factory) {
        Parallelism.parallelFor(threads, threads, (start, end) -> participate(factory));
        Throwable f = failure;
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        if (f instanceof Error) {
            throw (Error) f;
        }
    }

    private void participate(RunnerFactory factory) {
        int slot = joined.getAndIncrement();
        if (slot >= waiters.length()) {
            return; // more ranges than expected: the others cover every task
        }
        try {
            Runner runner = factory.newRunner();
            int t;
            while ((t = next.getAndIncrement()) < total && failure == null) {
                runTask(runner, slot, t);
            }
        } catch (RuntimeException | Error e) {
            if (failure == null) {
                failure = e;
            }
            signal();
            if (e instanceof WaitAborted) {
                return;
            }
            throw e;
        }
    }

    private void runTask(Runner runner, int slot, int t) {
        int s = t / tasksPerStage;
        int local = t - s * tasksPerStage;
        int jb = s / kBlocks;
        int pb = s - jb * kBlocks;
        int jc = jb * ncMax;
        int nc = Math.min(ncMax, n - jc);
        int base = k / kBlocks;
        int extra = k - base * kBlocks;
        int pc = pb * base + Math.min(pb, extra);
        int kc = base + (pb < extra ? 1 : 0);
        int panels = (nc + nr - 1) / nr;
        int buffer = s & 1;
        if (local < packChunks) {
            if (s >= 2) {
                await(computed, s - 2, mBlocks * colChunks, slot);
            }
            int p0 = (int) ((long) panels * local / packChunks);
            int p1 = (int) ((long) panels * (local + 1) / packChunks);
            if (p1 > p0) {
                runner.packB(buffer, jc, pc, kc, p0 * nr, Math.min(nc, p1 * nr));
            }
            packed.incrementAndGet(s);
        } else {
            int task = local - packChunks;
            await(packed, s, packChunks, slot);
            if (pb > 0) {
                await(tileDone, (s - 1) * mBlocks * colChunks + task, 1, slot);
            }
            int blk = task / colChunks;
            int chunk = task - blk * colChunks;
            int ic = blk * rowsPerBlock;
            int mc = Math.min(rowsPerBlock, m - ic);
            int p0 = (int) ((long) panels * chunk / colChunks);
            int p1 = (int) ((long) panels * (chunk + 1) / colChunks);
            if (p1 > p0) {
                runner.compute(buffer, jc, pc, kc, ic, mc, p0 * nr, Math.min(nc, p1 * nr));
            }
            tileDone.set(s * mBlocks * colChunks + task, 1);
            computed.incrementAndGet(s);
        }
        signal();
    }

    private void await(AtomicIntegerArray counter, int index, int target, int slot) {
        if (counter.get(index) >= target) {
            return;
        }
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (counter.get(index) < target) {
            if (failure != null) {
                throw new WaitAborted();
            }
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                waiters.set(slot, Thread.currentThread());
                // Re-check after publishing ourselves: a task finished in between has seen us or
                // is seen here (both sides use volatile accesses), so no wake-up is lost.
                if (counter.get(index) < target && failure == null) {
                    LockSupport.parkNanos(this, PARK_NANOS);
                }
                waiters.set(slot, null);
            }
        }
    }

    private void signal() {
        for (int i = 0; i < waiters.length(); i++) {
            Thread w = waiters.get(i);
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** Ends a thread's wait because another thread's task failed; that failure is what the caller sees. */
    private static final class WaitAborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WaitAborted() {
            super("sgemm: another thread's task failed", null, false, false);
        }
    }
}
