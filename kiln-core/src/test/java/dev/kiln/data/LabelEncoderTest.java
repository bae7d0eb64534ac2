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
    @Test
    void numericLabelsMatchScikitLearn() {
        for (Object o : Json.arr(LowRankMatrixTest.EXTRAS.get("label_encoder_numeric"))) {
            Map<String, Object> ref = Json.obj(o);
            double[] labels = LowRankMatrixTest.strings(ref.get("labels"));
            double[] classes = LowRankMatrixTest.strings(ref.get("classes"));
            int[] codes = Json.ints(ref.get("codes"));
            LabelEncoder enc = new LabelEncoder();
            if ((Boolean) ref.get("integer")) {
                int[] ints = new int[labels.length];
                for (int i = 0; i < ints.length; i++) ints[i] = (int) labels[i];
                assertArrayEquals(codes, enc.fitTransform(ints));
                assertArrayEquals(codes, enc.transform(ints));
            } else {
                assertArrayEquals(codes, enc.fitTransform(labels));
            }
            Vectors.assertBits(classes, enc.numericClasses(), "classes_");
            Vectors.assertBits(labels, enc.inverseTransformNumeric(enc.transform(labels)), "inverse");
        }
        // -0.0 and 0.0 are one class, as numpy's unique.
        assertArrayEquals(new int[] {0, 0, 1}, new LabelEncoder().fitTransform(new double[] {0.0, -0.0, 2}));
    }

    @Test
    void numericMisuseIsReportedClearly() {
        LabelEncoder enc = new LabelEncoder().fit(new int[] {3, 1, 3});
        IllegalArgumentException unseen = assertThrows(IllegalArgumentException.class,
                () -> enc.transform(new double[] {1, 7, 2.5, Double.NaN}));
        assertTrue(unseen.getMessage().contains("[2.5, 7.0, NaN]") && unseen.getMessage().contains("[1.0, 3.0]"),
                unseen.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> enc.transform(new String[] {"a"}))
                .getMessage().contains("fitted on numeric labels"));
        assertTrue(assertThrows(IllegalStateException.class, enc::classes).getMessage().contains("numericClasses"));
        assertTrue(assertThrows(IllegalStateException.class, () -> enc.inverseTransform(new int[] {0}))
                .getMessage().contains("inverseTransformNumeric"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> enc.inverseTransformNumeric(new int[] {0, 2}))
                .getMessage().contains("code 2 at index 1"));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> enc.fit(new double[] {1, Double.NaN}));
        assertTrue(nan.getMessage().contains("label 1 is NaN"), nan.getMessage());
        assertArrayEquals(new double[] {1, 3}, enc.numericClasses()); // the failed fit changed nothing
        LabelEncoder strings = new LabelEncoder().fit(new String[] {"a"});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> strings.transform(new int[] {1}))
                .getMessage().contains("fitted on String labels"));
        assertTrue(assertThrows(IllegalStateException.class, strings::numericClasses).getMessage()
                .contains("use classes"));
        assertThrows(IllegalStateException.class, () -> new LabelEncoder().transform(new double[] {1}));
    }
}
