package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.testing.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Householder QR (against scipy's {@code qr(mode='economic')}) and make_low_rank_matrix's profile. */
class LowRankMatrixTest {
    static final Map<String, Object> EXTRAS = Json.obj(Json.resource("/data/sklearn-extras.json"));

    static double[] strings(Object list) {
        List<Object> l = Json.arr(list);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = Double.parseDouble((String) l.get(i));
        return out;
    }

    static Stream<Map<String, Object>> qrCases() {
        return Json.arr(EXTRAS.get("qr_economic")).stream().map(Json::obj);
    }

    @ParameterizedTest
    @MethodSource("qrCases")
    void qMatchesScipyIncludingColumnSigns(Map<String, Object> c) {
        List<Object> shape = Json.arr(c.get("shape"));
        int m = ((Number) shape.get(0)).intValue();
        int n = ((Number) shape.get(1)).intValue();
        double[] a = strings(c.get("a"));
        double[] expected = strings(c.get("q"));
        double[][] rows = new double[m][n];
        for (int i = 0; i < m; i++) System.arraycopy(a, i * n, rows[i], 0, n);
        double[][] q = LowRankMatrix.qrQ(rows);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                // Same reflectors in another summation order: agreement to a few ulp of 1 (|q| <= 1).
                assertEquals(expected[i * n + j], q[i][j], 1e-14, "Q[" + i + "][" + j + "]");
            }
        }
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                double dot = 0;
                for (int i = 0; i < m; i++) dot += q[i][j] * q[i][k];
                assertEquals(j == k ? 1.0 : 0.0, dot, 1e-14, "Q^T Q [" + j + "][" + k + "]");
            }
        }
    }

    @Test
    void singularProfileIsTheBellPlusTheTail() {
        double[] s = LowRankMatrix.singularProfile(4, 2, 0.25);
        for (int i = 0; i < 4; i++) {
            double want = 0.75 * Math.exp(-(i / 2.0) * (i / 2.0)) + 0.25 * Math.exp(-0.1 * i / 2);
            assertEquals(want, s[i], 1e-16);
        }
        assertEquals(1.0, s[0]);
        assertTrue(s[3] < s[2] && s[2] < s[1]);
    }

    @Test
    void economicQNeedsAtLeastAsManyRowsAsColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LowRankMatrix.qrQ(new double[2][3]));
        assertTrue(e.getMessage().contains("2 x 3"), e.getMessage());
    }
}
