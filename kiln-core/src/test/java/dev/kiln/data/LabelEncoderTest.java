package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.testing.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelEncoderTest {

    @Test
    void matchesScikitLearn() {
        Map<String, Object> ref = Json.obj(ColumnScalerTest.REF.get("label_encoder"));
        String[] labels = Json.arr(ref.get("labels")).toArray(new String[0]);
        LabelEncoder enc = new LabelEncoder();
        assertArrayEquals(Json.ints(ref.get("codes")), enc.fitTransform(labels));
        assertEquals(Json.arr(ref.get("classes")), List.copyOf(enc.classes()));
        assertArrayEquals(labels, enc.inverseTransform(enc.transform(labels)));
    }

    @Test
    void misuseIsReportedClearly() {
        assertThrows(IllegalStateException.class, () -> new LabelEncoder().transform(new String[] {"a"}));
        LabelEncoder enc = new LabelEncoder().fit(new String[] {"a", "b"});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> enc.transform(new String[] {"a", "z", "y"}));
        assertTrue(e.getMessage().contains("[y, z]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> enc.inverseTransform(new int[] {2}));
    }
}
