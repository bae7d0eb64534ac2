package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.testing.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlibcLogTest {

    /** Pairs (x, glibc log(x)) made by tools/data/gen_libm_reference.py with glibc 2.36's FMA build. */
    static List<double[]> reference() throws IOException {
        List<double[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                GlibcLogTest.class.getResourceAsStream("/data/glibc-log-reference.txt"), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) continue;
                String[] p = line.split(" ");
                out.add(new double[] {bits(p[0]), bits(p[1])});
            }
        }
        return out;
    }

    static double bits(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }

    @Test
    void fmaBuildMatchesGlibcOnEveryReferenceValue() throws IOException {
        List<double[]> ref = reference();
        assertTrue(ref.size() > 5000);
        int mathLogDiffers = 0;
        for (double[] p : ref) {
            double got = GlibcLog.log(p[0]);
            if (Double.doubleToRawLongBits(got) != Double.doubleToRawLongBits(p[1])) {
                throw new AssertionError("log(" + p[0] + "): expected " + p[1] + " but was " + got);
            }
            if (Math.log(p[0]) != p[1]) mathLogDiffers++;
        }
        // The reason this class exists: Math.log is not glibc's log. Reported, not asserted, because
        // Math.log is an intrinsic whose results depend on the JVM.
        System.out.println("GlibcLogTest: Math.log differs from glibc on " + mathLogDiffers + " of " + ref.size());
    }

    @Test
    void plainBuildIsWithinOneUlpOfTheFmaBuild() throws IOException {
        int differ = 0;
        for (double[] p : reference()) {
            double plain = GlibcLog.log(p[0], false);
            assertTrue(Math.abs(plain - p[1]) <= Math.ulp(p[1]), () -> "plain log(" + p[0] + ") = " + plain);
            if (plain != p[1]) differ++;
        }
        assertTrue(differ < 50, "plain and FMA builds differ on about 1 in 8000 inputs, here " + differ);
    }

    @Test
    void specialValues() {
        assertEquals(Double.NEGATIVE_INFINITY, GlibcLog.log(0.0));
        assertEquals(Double.NEGATIVE_INFINITY, GlibcLog.log(-0.0));
        assertTrue(Double.isNaN(GlibcLog.log(-1.0)));
        assertTrue(Double.isNaN(GlibcLog.log(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, GlibcLog.log(Double.POSITIVE_INFINITY));
        assertEquals(0.0, GlibcLog.log(1.0));
    }

    @Test
    void embeddedTablesEqualTheJsonConstants() {
        Map<String, Object> c = Json.obj(Json.resource("/data/glibc-log-constants.json"));
        assertSame(Json.doubles(c.get("poly_A0_A4")), GlibcLogData.A);
        assertSame(Json.doubles(c.get("poly1_B0_B10")), GlibcLogData.B);
        assertSame(Json.doubles(c.get("tab_invc")), GlibcLogData.INVC);
        assertSame(Json.doubles(c.get("tab_logc")), GlibcLogData.LOGC);
        assertSame(Json.doubles(c.get("tab2_chi")), GlibcLogData.CHI);
        assertSame(Json.doubles(c.get("tab2_clo")), GlibcLogData.CLO);
        assertSame(new double[] {(Double) c.get("ln2hi"), (Double) c.get("ln2lo")},
                new double[] {GlibcLogData.LN2_HI, GlibcLogData.LN2_LO});
    }

    private static void assertSame(double[] expected, double[] actual) {
        Vectors.assertBits(expected, actual, "table");
    }
}
