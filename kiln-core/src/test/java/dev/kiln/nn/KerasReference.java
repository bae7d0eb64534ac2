package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads the Keras 3.15 reference files under /reference (made by tools/reference/*.py), parsed once each. */
final class KerasReference {
    private KerasReference() {}

    private static final Map<String, Map<String, Object>> FILES = new HashMap<>();

    static synchronized Map<String, Object> file(String name) {
        return FILES.computeIfAbsent(name, n -> Json.obj(Json.resource("/reference/" + n)));
    }

    /** The entries of list {@code key} in {@code file} that pass {@code keep}. */
    static List<Map<String, Object>> entries(String file, String key, Predicate<Map<String, Object>> keep) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : Json.arr(file(file).get(key))) {
            Map<String, Object> e = Json.obj(o);
            if (keep.test(e)) out.add(e);
        }
        return out;
    }

    /** The cases of layers.json for one layer class. */
    static List<Map<String, Object>> layerCases(String layerClass) {
        return entries("layers.json", "cases", c -> layerClass.equals(c.get("layer")));
    }

    /** A reference tensor {shape, dtype, data} as float32. */
    static Tensor tensor(Object o) {
        Map<String, Object> t = Json.obj(o);
        return Tensor.fromFlat(Json.doubles(t.get("data")), DType.FLOAT32, Json.ints(t.get("shape")));
    }
}
