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

class AveragePooling2DTest {

    static Stream<Arguments> kerasCases() {
        return KerasImageCases.cases("AveragePooling2D").stream().map(c -> Arguments.of(c.get("id"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasCases")
    void matchesKeras(String id, Map<String, Object> c) {
        Map<String, Object> cfg = Json.obj(c.get("config"));
        int[] p = MaxPooling2DTest.poolSize(cfg);
        AveragePooling2D l = MaxPooling2DTest.configure(new AveragePooling2D(p[0], p[1]), cfg);
        Tensor x = KerasImageCases.tensor(c.get("input"), DType.FLOAT32);
        Tensor y = KerasImageCases.run(l, c, x);
        assertEquals(KerasImageCases.shape(c.get("output")), l.outputShape(x.shape()), id + ": inferred shape");
        KerasImageCases.assertClose(id, KerasImageCases.tensor(c.get("output"), DType.FLOAT32), y, 1e-6);
    }

    @Test
    void gradientsShapesAndConfig() {
        for (String pad : new String[] {"valid", "same"}) {
            for (int s : new int[] {1, 2, 3}) {
                LayerTester.gradientCheck(() -> new AveragePooling2D(3, 2).strides(s).padding(pad), true, -1, 1, 2, 7, 6, 2);
            }
        }
        LayerTester.gradientCheck(() -> new AveragePooling2D().dataFormat("channels_first"), true, -1, 1, 2, 2, 6, 4);
        assertEquals(Shape.of(-1, 11, 11, 8), new AveragePooling2D().outputShape(Shape.of(-1, 22, 22, 8)));
        assertEquals(Shape.of(-1, 8, 4, 4), new AveragePooling2D().dataFormat("channels_first").outputShape(Shape.of(-1, 8, 9, 9)));
        LayerTester.outputShapeMatches(() -> new AveragePooling2D(2, 3).padding("same"), 2, 7, 5, 3);
        LayerTester.configRoundTrip(() -> new AveragePooling2D(3).strides(2).padding("same"), 2, 7, 6, 2);
        Conv2DTest.assertMessage(() -> new AveragePooling2D(3).outputShape(Shape.of(-1, 2, 8, 1)), "pool 3x3 is larger than the input (None, 2, 8, 1)");
        Conv2DTest.assertMessage(() -> new AveragePooling2D(0), "AveragePooling2D: poolSize must be one or two positive integers, got [0, 0]");
    }
}
