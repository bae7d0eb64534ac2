package dev.kiln.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * glibc's (FMA build) cos and sin at every linspace angle the tests use, read from
 * glibc-trig-reference.txt (tools/data/gen_libm_reference.py). An angle outside the table fails loudly.
 */
final class GlibcTrig implements Generators.Trig {
    static final GlibcTrig INSTANCE = new GlibcTrig();

    private final Map<Long, double[]> table = new HashMap<>();

    private GlibcTrig() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                GlibcTrig.class.getResourceAsStream("/data/glibc-trig-reference.txt"), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) continue;
                String[] p = line.split(" ");
                table.put(Long.parseUnsignedLong(p[2], 16), new double[] {bits(p[3]), bits(p[4])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double bits(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }

    private double[] at(double t) {
        double[] v = table.get(Double.doubleToRawLongBits(t));
        if (v == null) throw new IllegalStateException("no glibc reference for angle " + t);
        return v;
    }

    /** Every angle in the table, for comparisons with Java's Math. */
    Map<Long, double[]> all() {
        return table;
    }

    @Override
    public double cos(double t) {
        return at(t)[0];
    }

    @Override
    public double sin(double t) {
        return at(t)[1];
    }
}
