package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class BatchesTest {
    static final int N = 10;

    static Tensor rows() {
        double[][] r = new double[N][];
        for (int i = 0; i < N; i++) r[i] = new double[] {i, 100 + i};
        return Tensor.of(r, DType.FLOAT64);
    }

    @Test
    void shuffledEpochVisitsEveryRowOnceInTheSeedsOrder() {
        Tensor x = rows();
        Tensor y = DatasetsTest.ids(N);
        Tensor w = Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, DType.FLOAT64);
        Batches b = Batches.of(x, y, w, 4, true, 7);
        assertEquals(3, b.batchesPerEpoch());
        int[] order = new RandomState(7 + 2).permutation(N);
        assertArrayEquals(order, b.order(2));
        int seen = 0;
        int[] sizes = new int[3];
        int k = 0;
        for (Iterator<Batch> it = b.epoch(2); it.hasNext(); k++) {
            Batch batch = it.next();
            sizes[k] = batch.x().shape().dim(0);
            double[] bx = batch.x().toDoubleArray();
            double[] by = batch.y().toDoubleArray();
            double[] bw = batch.sampleWeight().toDoubleArray();
            for (int i = 0; i < by.length; i++, seen++) {
                assertEquals(order[seen], (int) by[i]);
                assertEquals(by[i], bx[2 * i]);
                assertEquals(100 + by[i], bx[2 * i + 1]);
                assertEquals(by[i], bw[i]);
            }
        }
        assertEquals(N, seen);
        assertArrayEquals(new int[] {4, 4, 2}, sizes);
    }

    @Test
    void ordersAreDeterministicPerEpochAndDifferBetweenEpochs() {
        Batches a = Batches.of(rows(), null, null, 3, true, 1);
        Batches b = Batches.of(rows(), null, null, 3, true, 1);
        assertArrayEquals(a.order(5), b.order(5));
        assertFalse(Arrays.equals(a.order(0), a.order(1)));
        assertNotEquals(Arrays.toString(a.order(0)), Arrays.toString(Batches.of(rows(), null, null, 3, true, 2).order(0)));
        Batch first = a.iterator().next();
        assertNull(first.y());
        assertNull(first.sampleWeight());
        assertEquals(Shape.of(3, 2), first.x().shape());
    }

    @Test
    void unshuffledEpochIsRowOrder() {
        Batches b = Batches.of(rows(), DatasetsTest.ids(N), null, 5, false, 0);
        Iterator<Batch> it = b.epoch(3);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, it.next().y().toDoubleArray());
        assertArrayEquals(new double[] {5, 6, 7, 8, 9}, it.next().y().toDoubleArray());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Batches.of(rows(), DatasetsTest.ids(9), null, 4, true, 0));
        assertTrue(e.getMessage().contains("10, 9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Batches.of(rows(), null, DatasetsTest.ids(3), 4, true, 0));
        assertTrue(e.getMessage().contains("sampleWeight") && e.getMessage().contains("(10,)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Batches.of(rows(), null, null, 0, true, 0));
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Batches.of(rows(), null, null, 4, true, -1));
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Batches.of(rows(), null, null, 4, true, 0).epoch(-1));
    }
}
