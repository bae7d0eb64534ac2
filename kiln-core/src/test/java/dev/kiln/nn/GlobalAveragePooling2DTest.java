package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.Json;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GlobalAveragePooling2DTest {

    static Stream<Arguments> kerasCases() {
        return KerasImageCases.cases("GlobalAveragePooling2D").stream().map(c -> Arguments.of(c.get("id"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasCases")
    void matchesKeras(String id, Map<String, Object> c) {
        GlobalPooling2D l = new GlobalAveragePooling2D().keepdims((Boolean) Json.obj(c.get("config")).get("keepdims"));
        Tensor x = KerasImageCases.tensor(c.get("input"), DType.FLOAT32);
        Tensor y = KerasImageCases.run(l, c, x);
        assertEquals(KerasImageCases.shape(c.get("output")), l.outputShape(x.shape()), id + ": inferred shape");
        KerasImageCases.assertClose(id, KerasImageCases.tensor(c.get("output"), DType.FLOAT32), y, 1e-6);
    }

    @Test
    void gradientsShapesAndConfig() {
        LayerTester.gradientCheck(GlobalAveragePooling2D::new, true, -1, 1, 2, 3, 4, 2);
        LayerTester.gradientCheck(() -> new GlobalAveragePooling2D().dataFormat("channels_first").keepdims(true), true, -1, 1, 2, 3, 4, 2);
        assertEquals(Shape.of(-1, 16), new GlobalAveragePooling2D().outputShape(Shape.of(-1, 9, 9, 16)));
        assertEquals(Shape.of(-1, 16, 1, 1), new GlobalAveragePooling2D().dataFormat("channels_first").keepdims(true).outputShape(Shape.of(-1, 16, 9, 9)));
        LayerTester.configRoundTrip(() -> new GlobalAveragePooling2D().keepdims(true), 2, 3, 4, 2);
    }
}
