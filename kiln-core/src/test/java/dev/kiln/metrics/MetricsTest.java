package dev.kiln.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void identifiersMapToClassesAndDefaultNames() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("accuracy", "Accuracy"), Map.entry("binary_accuracy", "BinaryAccuracy"),
                Map.entry("BinaryAccuracy", "BinaryAccuracy"), Map.entry("categorical_accuracy", "CategoricalAccuracy"),
                Map.entry("sparse_categorical_accuracy", "SparseCategoricalAccuracy"),
                Map.entry("top_k_categorical_accuracy", "TopKCategoricalAccuracy"), Map.entry("mse", "MeanSquaredError"),
                Map.entry("MSE", "MeanSquaredError"), Map.entry("mae", "MeanAbsoluteError"),
                Map.entry("root_mean_squared_error", "RootMeanSquaredError"), Map.entry("auc", "AUC"),
                Map.entry("AUC", "AUC"), Map.entry("precision", "Precision"), Map.entry("recall", "Recall"),
                Map.entry("keras2_binary_accuracy", "Keras2BinaryAccuracy"), Map.entry("sign_accuracy", "SignAccuracy"));
        expected.forEach((id, cls) -> assertEquals(cls, Metrics.get(id).getClass().getSimpleName(), id));
        assertEquals("mean_squared_error", Metrics.get("mse").name());
        assertNotSame(Metrics.get("auc"), Metrics.get("auc"));
    }

    @Test
    void lookupIsCaseSensitiveAndUnknownNamesGetSuggestions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("Mse"));
        assertTrue(e.getMessage().contains("'Mse'") && e.getMessage().contains("did you mean"), e.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> Metrics.get("binary_acuracy"));
        assertTrue(typo.getMessage().contains("'binary_accuracy'"), typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.get(null));
    }
}
