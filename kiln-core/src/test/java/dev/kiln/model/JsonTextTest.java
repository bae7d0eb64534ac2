package dev.kiln.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void configsRoundTripExactly() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "dense \"1\"\n\t\\");
        m.put("units", 50L);
        m.put("seed", Long.MAX_VALUE);
        m.put("rate", 0.1 + 0.2);
        m.put("tiny", 4.9e-324);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("flag", true);
        m.put("none", null);
        m.put("shape", Arrays.asList(null, 2L));
        m.put("nested", Map.of("a", List.of()));
        m.put("empty", Map.of());
        Object back = JsonText.parse(JsonText.write(m));
        assertEquals(m.toString(), back.toString());
        assertEquals(0.1 + 0.2, ((Map<?, ?>) back).get("rate"));
        assertEquals(Long.MAX_VALUE, ((Map<?, ?>) back).get("seed"));
        assertEquals(List.of(1L, 2L, 3L), JsonText.parse(JsonText.write(new int[] {1, 2, 3})));
    }

    @Test
    void malformedTextIsRejectedWithAPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonText.parse("{\"a\": [1, 2}"));
        assertEquals(true, e.getMessage().contains("character 11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonText.parse("{} x"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.write(new Object()));
    }
}
