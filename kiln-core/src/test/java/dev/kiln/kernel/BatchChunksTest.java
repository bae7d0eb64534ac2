package dev.kiln.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class BatchChunksTest {

    /** Every image is visited exactly once, by the chunk whose bounds depend on the batch size alone. */
    @Test
    void everyImageOnceInChunksFixedByTheBatchSize() {
        for (int n : new int[] {0, 1, 2, 15, 16, 17, 100, 1000}) {
            AtomicIntegerArray visits = new AtomicIntegerArray(Math.max(1, n));
            int chunks = BatchChunks.count(n);
            int[][] bounds = new int[chunks][];
            BatchChunks.run(n, (chunk, start, end) -> {
                assertTrue(start < end, "n=" + n + ": empty chunk " + chunk);
                synchronized (bounds) {
                    assertEquals(null, bounds[chunk], "n=" + n + ": chunk " + chunk + " ran twice");
                    bounds[chunk] = new int[] {start, end};
                }
                for (int b = start; b < end; b++) visits.incrementAndGet(b);
            });
            for (int b = 0; b < n; b++) assertEquals(1, visits.get(b), "n=" + n + ": image " + b);
            for (int c = 0; c < chunks; c++) {
                assertEquals(c == 0 ? 0 : bounds[c - 1][1], bounds[c][0], "n=" + n + ": chunk " + c + " starts where the previous ends");
            }
            assertEquals(Math.min(n, 16), chunks, "n=" + n);
        }
    }
}
