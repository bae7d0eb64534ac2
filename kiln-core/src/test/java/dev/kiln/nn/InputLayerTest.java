package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

class InputLayerTest {
    @Test
    void declaresShapeAndPassesThrough() {
        InputLayer in = new InputLayer(28, 28, 1);
        assertEquals(Shape.of(-1, 28, 28, 1), in.inputShape());
        assertEquals(Shape.of(-1, 28, 28, 1), in.outputShape(Shape.of(-1, 28, 28, 1)));
        Tensor x = Tensor.zeros(2, 28, 28, 1);
        assertSame(x, in.call(x, true));
        assertThrows(IllegalArgumentException.class, () -> in.call(Tensor.zeros(2, 28, 28), true));
        assertThrows(IllegalArgumentException.class, () -> new InputLayer());
        assertThrows(IllegalArgumentException.class, () -> new InputLayer(0, 3));
        assertEquals(0, in.countParams());
        LayerTester.configRoundTrip(() -> new InputLayer(3, 2), 4, 3, 2);
        LayerTester.gradientCheck(() -> new InputLayer(3, 2), true, -1, 1, 4, 3, 2);
        assertEquals(Shape.of(-1, 3), Layers.fromConfig("InputLayer", new InputLayer(3).config()).inputShape());
    }
}
