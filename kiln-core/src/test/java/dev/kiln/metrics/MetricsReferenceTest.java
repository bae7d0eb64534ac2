package dev.kiln.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every metric of this package against Keras 3 (reference/metrics.json, tools/reference/metrics.py):
 * two batches in order, with and without sample weights, the result after each, and after a reset.
 * Loss-valued metrics (cross-entropies, MAPE) are checked with the model package, which owns them.
 */
class MetricsReferenceTest {
    private static final Map<String, Object> REF = Json.obj(Json.resource("/reference/metrics.json"));

    static Tensor tensor(Object o) {
        Map<String, Object> m = Json.obj(o);
        int[] shape = Json.ints(m.get("shape"));
        return Tensor.fromFlat(Json.doubles(m.get("data")), DType.FLOAT32, shape);
    }

    /** The metric for a case, or null when it is not one of this package's (or uses an option Kiln lacks). */
    static Metric metric(String cls, Map<String, Object> c) {
        Object th = c.get("thresholds");
        if (c.containsKey("top_k") || th instanceof List) return null;
        double threshold = th == null ? 0.5 : ((Number) th).doubleValue();
        return switch (cls) {
            case "Accuracy" -> new Accuracy();
            case "BinaryAccuracy" -> new BinaryAccuracy(c.containsKey("threshold") ? ((Number) c.get("threshold")).doubleValue() : 0.5);
            case "CategoricalAccuracy" -> new CategoricalAccuracy();
            case "SparseCategoricalAccuracy" -> new SparseCategoricalAccuracy();
            case "TopKCategoricalAccuracy" -> new TopKCategoricalAccuracy(c.containsKey("k") ? ((Number) c.get("k")).intValue() : 5);
            case "SparseTopKCategoricalAccuracy" -> new SparseTopKCategoricalAccuracy(c.containsKey("k") ? ((Number) c.get("k")).intValue() : 5);
            case "MeanSquaredError" -> new MeanSquaredError();
            case "MeanAbsoluteError" -> new MeanAbsoluteError();
            case "RootMeanSquaredError" -> new RootMeanSquaredError();
            case "Precision" -> new Precision(threshold);
            case "Recall" -> new Recall(threshold);
            case "Mean" -> new Mean();
            case "AUC" -> new AUC(c.containsKey("num_thresholds") ? ((Number) c.get("num_thresholds")).intValue() : 200,
                    "PR".equals(c.get("curve")) ? AUC.Curve.PR : AUC.Curve.ROC,
                    AUC.SummationMethod.valueOf(((String) c.getOrDefault("summation_method", "interpolation")).toUpperCase()))
                    .fromLogits(Boolean.TRUE.equals(c.get("from_logits")));
            default -> null;
        };
    }

    @Test
    void everyCaseMatchesKeras() {
        List<String> checked = new ArrayList<>();
        for (Object o : Json.arr(REF.get("cases"))) {
            Map<String, Object> c = Json.obj(o);
            String id = (String) c.get("id");
            Metric m = metric((String) c.get("metric"), Json.obj(c.get("config")));
            if (m == null) continue;
            List<Object> batches = Json.arr(c.get("batches"));
            List<Object> results = Json.arr(c.get("results"));
            for (int b = 0; b < batches.size(); b++) {
                Map<String, Object> batch = Json.obj(batches.get(b));
                Tensor yTrue = batch.containsKey("y_true") ? tensor(batch.get("y_true")) : null;
                Tensor sw = batch.containsKey("sample_weight") ? tensor(batch.get("sample_weight")) : null;
                m.updateState(yTrue, tensor(batch.get("y_pred")), sw);
                double expected = Json.doubles(Json.obj(results.get(b)).get("data"))[0];
                assertEquals(expected, m.result(), 2e-6 * Math.max(1, Math.abs(expected)), id + " after batch " + b);
            }
            m.resetState();
            assertEquals(Json.doubles(Json.obj(c.get("result_after_reset")).get("data"))[0], m.result(), 0.0, id + " after reset");
            checked.add(id);
        }
        assertTrue(checked.size() >= 50, "cases checked: " + checked.size());
    }

    @Test
    void registryMatchesKerasForItsMetrics() {
        int checked = 0;
        for (Object o : Json.arr(REF.get("metrics_get"))) {
            Map<String, Object> g = Json.obj(o);
            String id = (String) g.get("identifier");
            if (g.containsKey("error")) {
                assertTrue(!Metrics.contains(id), id + " is not a Keras metric identifier");
                continue;
            }
            String type = (String) g.get("type");
            if (!Metrics.contains(type)) continue;   // loss-valued metrics are resolved by compile
            Metric m = Metrics.get(id);
            assertEquals(type, m.getClass().getSimpleName(), id);
            String name = (String) g.get("name");
            if (!name.matches(".*_\\d+")) assertEquals(name, m.name(), id);   // Keras numbers repeated AUC/precision objects
            checked++;
        }
        assertTrue(checked >= 15, "identifiers checked: " + checked);
    }
}
