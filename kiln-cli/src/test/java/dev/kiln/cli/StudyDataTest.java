package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StudyDataTest {
    static StudyData data;

    @BeforeAll
    static void generate() {
        data = StudyData.generate();
    }

    @Test
    void shapesAndTypes() {
        int[][] expected = {{500, 20}, {500, 1}, {500, 2}, {500, 1}, {500, 2}, {500, 1}, {500, 2}, {500, 3}, {500, 2}, {500}};
        int k = 0;
        for (StudyData.Kind kind : StudyData.Kind.values()) {
            StudyData.Split s = data.split(kind);
            assertArrayEquals(expected[k++], s.trainX().shape().toArray(), kind + " x");
            assertArrayEquals(expected[k++], s.trainY().shape().toArray(), kind + " y");
            assertEquals(s.trainX().shape().dim(1), s.testX().shape().dim(1));
            assertEquals(500, s.testX().shape().dim(0));
            assertEquals(DType.FLOAT32, s.trainX().dtype());
        }
        assertEquals(DType.INT32, data.split(StudyData.Kind.BLOBS_INTEGER).trainY().dtype());
    }

    @Test
    void splitIsFirstAndLastHalfWithoutShuffle() {
        double[] all = data.circles().x().toDoubleArray();
        float[] train = data.split(StudyData.Kind.CIRCLES).trainX().toFloatArray();
        float[] test = data.split(StudyData.Kind.CIRCLES).testX().toFloatArray();
        assertEquals((float) all[0], train[0]);
        assertEquals((float) all[999], train[999]);
        assertEquals((float) all[1000], test[0]);
        assertEquals((float) all[1999], test[999]);
    }

    @Test
    void labelEncodings() {
        double[] y01 = data.circles().y().toDoubleArray();
        float[] signed = data.split(StudyData.Kind.CIRCLES_SIGNED).trainY().toFloatArray();
        float[] oneHot = data.split(StudyData.Kind.BLOBS_ONE_HOT).trainY().toFloatArray();
        double[] blobs = data.blobs().y().toDoubleArray();
        for (int i = 0; i < 500; i++) {
            assertEquals(y01[i] == 0 ? -1f : 1f, signed[i]);
            for (int c = 0; c < 3; c++) {
                assertEquals(blobs[i] == c ? 1f : 0f, oneHot[3 * i + c]);
            }
        }
        assertEquals(blobs[7], data.split(StudyData.Kind.BLOBS_INTEGER).trainY().getDouble(7));
    }

    @Test
    void regressionIsStandardizedOverAllRows() {
        double[] y = data.standardizedTarget();
        double mean = 0;
        double sq = 0;
        for (double v : y) {
            mean += v;
            sq += v * v;
        }
        assertEquals(0, mean / y.length, 1e-12);
        assertEquals(1, sq / y.length, 1e-12);
        // every input column too, over train and test halves together
        float[] tr = data.split(StudyData.Kind.REGRESSION).trainX().toFloatArray();
        float[] te = data.split(StudyData.Kind.REGRESSION).testX().toFloatArray();
        for (int j = 0; j < 20; j++) {
            double m = 0;
            double s = 0;
            for (int i = 0; i < 500; i++) {
                m += tr[i * 20 + j] + te[i * 20 + j];
                s += tr[i * 20 + j] * tr[i * 20 + j] + te[i * 20 + j] * te[i * 20 + j];
            }
            assertEquals(0, m / 1000, 1e-5, "column " + j);
            assertEquals(1, s / 1000, 1e-5, "column " + j);
        }
    }

    @Test
    void standardizeMatchesHandComputedValues() {
        // columns (1, 2, 3) and (10, 10, 10): mean 2, population std sqrt(2/3); a constant column keeps scale 1
        double[] out = StudyData.standardize(new double[] {1, 10, 2, 10, 3, 10}, 2);
        double s = Math.sqrt(2.0 / 3);
        assertArrayEquals(new double[] {-1 / s, 0, 0, 0, 1 / s, 0}, out, 1e-15);
        assertTrue(out.length == 6);
    }
}
