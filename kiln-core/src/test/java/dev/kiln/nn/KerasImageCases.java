package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Reads the image-layer cases of reference/layers.json (real Keras 3, tools/reference/layers.py): inputs,
 * weights, outputs and, for Conv2D, the gradients of sum(output · R). Shared by the image layers' tests.
 */
final class KerasImageCases {
    private KerasImageCases() {}

    static List<Map<String, Object>> cases(String layer) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : Json.arr(Json.obj(Json.resource("/reference/layers.json")).get("cases"))) {
            Map<String, Object> c = Json.obj(o);
            if (layer.equals(c.get("layer"))) out.add(c);
        }
        if (out.isEmpty()) throw new AssertionError("no " + layer + " case in reference/layers.json");
        return out;
    }

    /** A {"shape", "dtype", "data"} record as a tensor of the given dtype. */
    static Tensor tensor(Object spec, DType dtype) {
        Map<String, Object> m = Json.obj(spec);
        return Tensor.fromFlat(Json.doubles(m.get("data")), dtype, Json.ints(m.get("shape")));
    }

    /** An int or a list of two ints from a Keras config; null stays null. */
    static int[] pair(Object o) {
        if (o == null) return null;
        if (o instanceof Number) return new int[] {((Number) o).intValue()};
        return Json.ints(o);
    }

    /** Builds the layer for the case's input shape, copies the case's weights in by Keras name, returns the output. */
    static Tensor run(Layer layer, Map<String, Object> c, Tensor input) {
        layer.build(input.shape().with(0, -1), new SplittableRandom(1));
        Map<String, Object> weights = Json.obj(c.get("weights"));
        List<String> names = layer.weightNames();
        if (names.size() != weights.size()) throw new AssertionError(c.get("id") + ": weights " + names + " vs Keras " + weights.keySet());
        for (int i = 0; i < names.size(); i++) {
            layer.weights().get(i).assign(tensor(weights.get(names.get(i)), layer.dtype()));
        }
        return layer.call(input, false);
    }

    static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
        if (!expected.shape().equals(actual.shape())) throw new AssertionError(what + ": shape " + actual.shape() + ", Keras " + expected.shape());
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (Math.abs(e[i] - a[i]) > tol * (1 + Math.abs(e[i]))) {
                throw new AssertionError(what + "[" + i + "]: expected " + e[i] + " (Keras), got " + a[i]);
            }
        }
    }

    static Shape shape(Object spec) { return Shape.of(Json.ints(Json.obj(spec).get("shape"))); }
}
