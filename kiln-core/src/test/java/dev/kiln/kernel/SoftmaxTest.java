package dev.kiln.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link Softmax#rows} against the row-by-row definition written out here with the scalar
 * {@link FloatMath} functions: the same bits for shapes of one block of exponentials and of several,
 * for rows longer than a block, for rows with infinite or NaN entries, and whatever the per-thread scratch
 * held from an earlier, larger call.
 */
class SoftmaxTest {
    /** rows × len, largest first, so that every later call finds scratch arrays longer than it needs. */
    private static final int[][] SHAPES = {{3, 5000}, {700, 3}, {64, 50}, {33, 3}, {32, 3}, {7, 2}, {1, 1}, {5, 3}};

    @Test
    void rowsAreTheDefinitionBitForBitWhateverTheScratchHeld() {
        SplittableRandom random = new SplittableRandom(11);
        for (int[] shape : SHAPES) {
            checkShape(shape[0], shape[1], random);
        }
    }

    @Test
    void rowsWithInfiniteOrNanEntriesFollowTheDefinition() {
        float inf = Float.POSITIVE_INFINITY;
        float[] x = {1f, 2f, 3f, inf, 0f, -1f, -inf, -inf, -inf, Float.NaN, 1f, 2f, -inf, 5f, 5f, 88f, -90f, 0.5f};
        checkRows(x, 6, 3);
    }

    @Test
    void threadsKeepTheirOwnScratch() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> {
                SplittableRandom r = new SplittableRandom(1);
                for (int i = 0; i < 200; i++) checkShape(700, 3, r);
            });
            Future<?> b = pool.submit(() -> {
                SplittableRandom r = new SplittableRandom(2);
                for (int i = 0; i < 200; i++) checkShape(40, 50, r);
            });
            a.get();
            b.get();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkShape(int rows, int len, SplittableRandom random) {
        float[] x = new float[rows * len];
        for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextDouble(-30, 30));
        checkRows(x, rows, len);
    }

    private static void checkRows(float[] x, int rows, int len) {
        float[] prob = new float[rows * len];
        double[] shift = new double[rows], logSum = new double[rows];
        Softmax.rows(x, rows, len, prob, shift, logSum);
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < len; k++) max = Math.max(max, x[r * len + k]);
            double s = Double.isInfinite(max) ? 0.0 : max;
            double[] e = new double[len];
            double sum = 0;
            for (int k = 0; k < len; k++) {
                e[k] = FloatMath.exp(x[r * len + k] - s);
                sum += e[k];
            }
            String where = rows + "x" + len + " row " + r;
            assertEquals(Double.doubleToRawLongBits(s), Double.doubleToRawLongBits(shift[r]), where + ": shift");
            assertEquals(Double.doubleToRawLongBits(FloatMath.log(sum)), Double.doubleToRawLongBits(logSum[r]), where + ": log-sum");
            for (int k = 0; k < len; k++) {
                assertEquals(Float.floatToRawIntBits((float) (e[k] / sum)), Float.floatToRawIntBits(prob[r * len + k]),
                        where + ", column " + k + ": probability");
            }
        }
    }
}
