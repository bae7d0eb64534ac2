package dev.kiln.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Column sums (a bias's gradient, a mean over the batch) give the float additions of the plain loop, row
 * after row, bit for bit, on every path: the Vector API's, the plain scratch-row one for wide rows and the
 * loop in place for narrow ones, the column sums of two or three columns (a single column is one row of
 * the reduction, summed in double).
 */
class ReduceTest {
    @AfterEach
    void restore() {
        MatMul.useVector(true);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void columnSumsAddTheRowsInOrder(boolean vector) {
        MatMul.useVector(vector);
        SplittableRandom rnd = new SplittableRandom(11);
        int[] rowCounts = {1, 2, 3, 7, 32, 33, 100};
        int[] colCounts = {1, 2, 3, 5, 8, 31, 32, 33, 50, 64, 129};
        for (int rows : rowCounts) {
            for (int cols : colCounts) {
                for (int outer : new int[] {1, 2}) {
                    float[] x = new float[outer * rows * cols];
                    // magnitudes spread over six decades, so that another order would round differently
                    for (int i = 0; i < x.length; i++) x[i] = (float) ((rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(6) - 3));
                    float[] sum = new float[outer * cols], mean = new float[outer * cols];
                    Reduce.reduce(Reduce.Kind.SUM, x, sum, outer, rows, cols);
                    Reduce.reduce(Reduce.Kind.MEAN, x, mean, outer, rows, cols);
                    for (int o = 0; o < outer; o++) {
                        for (int j = 0; j < cols; j++) {
                            float expectedSum, expectedMean;
                            if (cols == 1) { // one column is one row of the reduction: summed in double
                                double d = 0;
                                for (int k = 0; k < rows; k++) d += x[o * rows + k];
                                expectedSum = (float) d;
                                expectedMean = (float) (d / rows);
                            } else {
                                expectedSum = x[o * rows * cols + j];
                                for (int k = 1; k < rows; k++) expectedSum += x[(o * rows + k) * cols + j];
                                expectedMean = expectedSum * (1f / rows);
                            }
                            String at = "rows " + rows + ", cols " + cols + ", outer " + o + ", column " + j + ", vector " + vector;
                            assertEquals(Float.floatToIntBits(expectedSum), Float.floatToIntBits(sum[o * cols + j]), "sum, " + at);
                            assertEquals(Float.floatToIntBits(expectedMean), Float.floatToIntBits(mean[o * cols + j]), "mean, " + at);
                        }
                    }
                }
            }
        }
    }
}
