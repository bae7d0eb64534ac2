package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.testing.Json;
import java.util.List;
import java.util.Map;

/** The reference vectors of random-state-vectors.json (numpy/scikit-learn), and bit-exact comparisons. */
final class Vectors {
    private Vectors() {}

    static final Map<String, Object> ALL = Json.obj(Json.resource("/data/random-state-vectors.json"));

    static Object get(String path) {
        Object o = ALL;
        for (String part : path.split("/")) {
            o = Json.obj(o).get(part);
            if (o == null) throw new IllegalArgumentException("no vector " + path);
        }
        return o;
    }

    /** A vector of '%.17g' strings (possibly nested), flattened row-major. */
    static double[] doubles(String path) {
        List<Object> flat = new java.util.ArrayList<>();
        flatten(get(path), flat);
        double[] out = new double[flat.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = flat.get(i);
            out[i] = v instanceof String ? Double.parseDouble((String) v) : ((Number) v).doubleValue();
        }
        return out;
    }

    static long[] longs(String path) {
        List<Object> l = Json.arr(get(path));
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).longValue();
        return out;
    }

    private static void flatten(Object o, List<Object> out) {
        if (o instanceof List) {
            for (Object e : (List<?>) o) flatten(e, out);
        } else {
            out.add(o);
        }
    }

    /** Asserts equal bit patterns, printing both values in full on failure. */
    static void assertBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " but was "
                        + actual[i] + " (" + Math.abs(expected[i] - actual[i]) / Math.ulp(expected[i]) + " ulp)");
            }
        }
    }

    static double[] asDoubles(long[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }
}
