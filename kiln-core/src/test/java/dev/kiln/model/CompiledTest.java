package dev.kiln.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.metrics.Metric;
import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** compile's metric resolution against Keras 3 (reference/metrics.json). */
class CompiledTest {
    private static final Map<String, Object> REF = Json.obj(Json.resource("/reference/metrics.json"));

    @Test
    void accuracyIsResolvedFromTheShapesExactlyAsKeras() {
        int n = 0;
        for (Object o : Json.arr(REF.get("compile_resolution"))) {
            Map<String, Object> r = Json.obj(o);
            Tensor yTrue = Tensor.zeros(Json.ints(r.get("y_true_shape")));
            Tensor yPred = Tensor.zeros(Json.ints(r.get("y_pred_shape")));
            for (Object e : Json.arr(r.get("resolved_metrics"))) {
                Map<String, Object> expected = Json.obj(e);
                Metric m = Compiled.resolve((String) r.get("metric"), yTrue, yPred);
                String where = r.get("output") + " " + r.get("loss") + " " + r.get("metric");
                assertEquals(expected.get("class"), m.getClass().getSimpleName(), where);
                assertEquals(expected.get("name"), m.name(), where);
                n++;
            }
        }
        assertTrue(n >= 100, "rows checked: " + n);
    }

    @Test
    void lossNamesAreMetricsOverTheLossFunction() {
        int n = 0;
        Map<String, String> byClass = Map.of("BinaryCrossentropy", "binary_crossentropy", "CategoricalCrossentropy", "categorical_crossentropy",
                "MeanAbsolutePercentageError", "mean_absolute_percentage_error");
        for (Object o : Json.arr(REF.get("cases"))) {
            Map<String, Object> c = Json.obj(o);
            String id = byClass.get((String) c.get("metric"));
            if (id == null || !Json.obj(c.get("config")).isEmpty()) continue;
            Metric m = Compiled.resolve(id, Tensor.zeros(1, 1), Tensor.zeros(1, 1));
            assertEquals(id, m.name());
            List<Object> batches = Json.arr(c.get("batches"));
            for (int b = 0; b < batches.size(); b++) {
                Map<String, Object> batch = Json.obj(batches.get(b));
                Tensor sw = batch.containsKey("sample_weight") ? tensor(batch.get("sample_weight")) : null;
                m.updateState(tensor(batch.get("y_true")), tensor(batch.get("y_pred")), sw);
                double expected = Json.doubles(Json.obj(Json.arr(c.get("results")).get(b)).get("data"))[0];
                assertEquals(expected, m.result(), 2e-6 * Math.max(1, Math.abs(expected)), c.get("id") + " batch " + b);
            }
            n++;
        }
        assertEquals(6, n);
    }

    @Test
    void unknownMetricNamesFailAtCompileWithSuggestions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Compiled.metricSpecs(new Object[] {"mean_sqared_error"}));
        assertTrue(e.getMessage().contains("'mean_squared_error'"), e.getMessage());
        assertEquals(List.of("ACC", "mse", "hinge"), Compiled.metricSpecs(new Object[] {"ACC", "mse", "hinge"}));
    }

    static Tensor tensor(Object o) {
        Map<String, Object> m = Json.obj(o);
        return Tensor.fromFlat(Json.doubles(m.get("data")), DType.FLOAT32, Json.ints(m.get("shape")));
    }
}
