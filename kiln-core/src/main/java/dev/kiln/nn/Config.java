package dev.kiln.nn;

import dev.kiln.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading and writing the JSON-ready config maps of layers, initializers, regularizers and constraints. */
final class Config {
    private Config() {}

    /** A shape as a list, the unknown batch axis as null (Python's None). */
    static List<Object> shapeList(Shape s) {
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) l.add(s.dim(i) < 0 ? null : s.dim(i));
        return l;
    }

    static int[] ints(Object o) {
        if (o instanceof Number) return new int[] {((Number) o).intValue()};
        List<?> l = (List<?>) o;
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) r[i] = l.get(i) == null ? -1 : ((Number) l.get(i)).intValue();
        return r;
    }

    static List<Object> intList(int[] v) {
        List<Object> l = new ArrayList<>();
        for (int x : v) l.add(x);
        return l;
    }

    static double number(Map<String, Object> c, String key, double fallback) {
        Object o = c.get(key);
        return o == null ? fallback : ((Number) o).doubleValue();
    }

    static int integer(Map<String, Object> c, String key, int fallback) {
        Object o = c.get(key);
        return o == null ? fallback : ((Number) o).intValue();
    }

    static boolean bool(Map<String, Object> c, String key, boolean fallback) {
        Object o = c.get(key);
        return o == null ? fallback : (Boolean) o;
    }

    static Long seed(Map<String, Object> c) {
        Object o = c.get("seed");
        return o == null ? null : ((Number) o).longValue();
    }

    /** {"class_name": ..., "config": {...}}: Keras's serialized form of an object. */
    static Map<String, Object> serialized(String className, Map<String, Object> config) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("class_name", className);
        m.put("config", config);
        return m;
    }
}
