package dev.kiln.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ParallelismTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 7, 1000})
    void everyIndexIsVisitedExactlyOnce(int n) {
        AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
        AtomicInteger ranges = new AtomicInteger();
        Parallelism.parallelFor(n, (start, end) -> {
            assertTrue(0 <= start && start < end && end <= n, () -> "range [" + start + ", " + end + ") for n=" + n);
            ranges.incrementAndGet();
            for (int i = start; i < end; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i), "index " + i);
        }
        assertEquals(Math.min(n, Parallelism.threads()), ranges.get());
    }

    @Test
    void maxTasksLimitsTheNumberOfRanges() {
        AtomicInteger ranges = new AtomicInteger();
        Parallelism.parallelFor(100, 1, (start, end) -> {
            assertEquals(0, start);
            assertEquals(100, end);
            ranges.incrementAndGet();
        });
        assertEquals(1, ranges.get());
    }

    @Test
    void rangesDifferInLengthByAtMostOne() {
        for (int n = 1; n < 50; n++) {
            for (int tasks = 1; tasks <= n; tasks++) {
                int min = Integer.MAX_VALUE, max = 0;
                for (int t = 0; t < tasks; t++) {
                    int len = Parallelism.split(n, tasks, t + 1) - Parallelism.split(n, tasks, t);
                    min = Math.min(min, len);
                    max = Math.max(max, len);
                }
                assertTrue(max - min <= 1 && min >= 1, "n=" + n + " tasks=" + tasks);
                assertEquals(n, Parallelism.split(n, tasks, tasks));
            }
        }
    }

    @Test
    void nestedLoopsComplete() {
        AtomicInteger total = new AtomicInteger();
        Parallelism.parallelFor(8, (s, e) -> {
            for (int i = s; i < e; i++) {
                Parallelism.parallelFor(10, (s2, e2) -> total.addAndGet(e2 - s2));
            }
        });
        assertEquals(80, total.get());
    }

    @Test
    void anExceptionInAnyRangeReachesTheCaller() {
        IllegalStateException boom = new IllegalStateException("boom");
        for (int failing = 0; failing < Parallelism.threads(); failing++) {
            int f = failing;
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Parallelism.parallelFor(Parallelism.threads(), (s, end) -> {
                        if (s == f) {
                            throw boom;
                        }
                    }));
            assertSame(boom, e);
        }
    }

    @Test
    void whenSeveralRangesFailTheLowestOnesExceptionIsThrown() {
        int n = Math.max(2, Parallelism.threads());
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Parallelism.parallelFor(n, (s, end) -> {
                    throw new IllegalStateException("range " + s);
                }));
        assertEquals("range 0", e.getMessage());
    }

    @Test
    void manyCallersAtOnceEachGetTheirOwnRangesDone() throws InterruptedException {
        int callers = 4, calls = 300, n = 257;
        AtomicReference<Throwable> problem = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            Thread t = new Thread(() -> {
                try {
                    for (int k = 0; k < calls; k++) {
                        long[] sums = new long[n];
                        Parallelism.parallelFor(n, (s, e) -> {
                            for (int i = s; i < e; i++) sums[i] += i;
                        });
                        long total = 0;
                        for (long v : sums) total += v;
                        if (total != (long) n * (n - 1) / 2) throw new AssertionError("call " + k + ": sum " + total);
                    }
                } catch (Throwable e) {
                    problem.compareAndSet(null, e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join(60_000);
        for (Thread t : threads) assertTrue(!t.isAlive(), "a caller is still waiting");
        if (problem.get() != null) throw new AssertionError(problem.get());
    }

    @Test
    void anInterruptedCallerStillWaitsForEveryRangeAndKeepsItsFlag() {
        AtomicIntegerArray hits = new AtomicIntegerArray(64);
        Thread.currentThread().interrupt();
        try {
            Parallelism.parallelFor(64, (s, e) -> {
                try {
                    Thread.sleep(2); // longer than a wait that an interrupt cut short
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                for (int i = s; i < e; i++) hits.incrementAndGet(i);
            });
            assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt flag is kept");
        } finally {
            Thread.interrupted();
        }
        for (int i = 0; i < 64; i++) assertEquals(1, hits.get(i), "index " + i);
    }

    @Test
    void callsSpacedOutBeyondTheWorkersPollingStillComplete() throws InterruptedException {
        // the workers go to sleep between these calls and must be woken for each
        for (int k = 0; k < 5; k++) {
            Thread.sleep(2 * Parallelism.SPIN_MICROS / 1000 + 1);
            AtomicInteger ranges = new AtomicInteger();
            Parallelism.parallelFor(100, (s, e) -> ranges.incrementAndGet());
            assertEquals(Math.min(100, Parallelism.threads()), ranges.get());
        }
    }
}
