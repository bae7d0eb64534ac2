package dev.kiln.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {
    @Test
    void keysStayAlignedWithEpochs() {
        History h = new History(Map.of("epochs", 3));
        h.append(0, Map.of("loss", 1.0));
        Map<String, Double> second = new LinkedHashMap<>();
        second.put("loss", 0.5);
        second.put("learning_rate", 0.1);
        h.append(1, second);
        h.append(2, Map.of("loss", 0.25));
        assertEquals(List.of("loss", "learning_rate"), List.copyOf(h.keys()));
        assertArrayEquals(new double[] {1.0, 0.5, 0.25}, h.get("loss"));
        double[] lr = h.get("learning_rate");
        assertTrue(Double.isNaN(lr[0]) && lr[1] == 0.1 && Double.isNaN(lr[2]), java.util.Arrays.toString(lr));
        assertArrayEquals(new int[] {0, 1, 2}, h.epochs());
        assertEquals(0.25, h.last("loss"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.get("val_loss"));
        assertTrue(e.getMessage().contains("[loss, learning_rate]"), e.getMessage());
        h.get("loss")[0] = 99;
        assertEquals(1.0, h.get("loss")[0], "get returns a copy");
        assertEquals(3, h.params().get("epochs"));
    }

    @Test
    void evaluationNamesItsValues() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", 0.312);
        m.put("accuracy", 0.84);
        Evaluation e = new Evaluation(m);
        assertEquals(0.312, e.loss());
        assertEquals(0.84, e.get("accuracy"));
        assertEquals("loss: 0.3120 - accuracy: 0.8400", e.toString());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.get("acc"));
        assertTrue(x.getMessage().contains("[loss, accuracy]"), x.getMessage());
    }
}
