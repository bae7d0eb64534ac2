package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResultsJsonTest {
    static final List<String> BASE = List.of("id", "loss", "activation", "metric", "train", "test", "seeds",
            "keras_train", "keras_test", "train_seconds");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> experiments(String json) {
        Map<String, Object> doc = (Map<String, Object>) MiniJson.parse(json);
        assertEquals(Set.of("experiments"), doc.keySet());
        return (List<Map<String, Object>>) doc.get("experiments");
    }

    /** The exact key set a row must have: std only with several seeds, keras3/sign only for hinge rows. */
    static Set<String> expectedKeys(Experiment e, int seeds) {
        java.util.Set<String> keys = new java.util.HashSet<>(BASE);
        if (seeds > 1) {
            keys.addAll(List.of("train_std", "test_std"));
        }
        if (e.hinge()) {
            keys.addAll(List.of("keras3_train", "keras3_test", "sign_train", "sign_test"));
        }
        return keys;
    }

    @Test
    void oneSeedRows() {
        List<Map<String, Object>> rows = experiments(ResultsJson.write(Fixtures.summaries(1)));
        assertEquals(11, rows.size());
        for (Map<String, Object> r : rows) {
            Experiment e = Experiments.get((String) r.get("id"));
            assertEquals(expectedKeys(e, 1), r.keySet(), e.id());
            assertEquals(e.loss(), r.get("loss"));
            assertEquals(e.activation(), r.get("activation"));
            assertEquals(1.0, r.get("seeds"));
            assertEquals(0.81, (Double) r.get("train"), 1e-9);
        }
        Map<String, Object> hinge = rows.get(4);
        assertEquals("binary-hinge", hinge.get("id"));
        assertEquals(0.792, hinge.get("keras_train"));
        assertEquals(0.41, hinge.get("keras3_train"));
        assertEquals(0.84, hinge.get("sign_test"));
        assertNull(rows.get(9).get("keras_train"), "adam rows have no published figure");
    }

    @Test
    void severalSeedsAddStd() {
        List<Map<String, Object>> rows = experiments(ResultsJson.write(Fixtures.summaries(3)));
        for (Map<String, Object> r : rows) {
            assertEquals(expectedKeys(Experiments.get((String) r.get("id")), 3), r.keySet());
            assertEquals(0.01, (Double) r.get("train_std"), 1e-9);
        }
    }

    @Test
    void numbersAreValidJson() {
        assertEquals("null", ResultsJson.number(Double.NaN));
        assertEquals("null", ResultsJson.number(Double.POSITIVE_INFINITY));
        assertEquals("0.836", ResultsJson.number(0.836));
        assertEquals("100", ResultsJson.number(100));
        assertEquals("1e-07", ResultsJson.number(1e-7));
        assertEquals("1.23457e-05", ResultsJson.number(1.234567e-5)); // six significant digits
        assertEquals(1.23457e-5, (Double) MiniJson.parse(ResultsJson.number(1.234567e-5)), 1e-15);
        assertEquals("a\"b\\c\n", MiniJson.parse(ResultsJson.quote("a\"b\\c\n")));
    }
}
