package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ReshapeTest {
    @Test
    void shapesAndValues() {
        assertEquals(Shape.of(-1, 28, 28, 1), new Reshape(28, 28, 1).outputShape(Shape.of(-1, 784)));
        assertEquals(Shape.of(-1, 3, 4), new Reshape(-1, 4).outputShape(Shape.of(-1, 6, 2)));
        assertEquals(Shape.of(-1, -1, 4), new Reshape(-1, 4).outputShape(Shape.of(-1, -1, 2)));
        Tensor x = Tensor.arange(0, 12, 1).reshape(2, 6);
        Tensor y = new Reshape(3, 2).call(x, false);
        assertEquals(Shape.of(2, 3, 2), y.shape());
        assertArrayEquals(x.toDoubleArray(), y.toDoubleArray(), 0);
        LayerTester.outputShapeMatches(() -> new Reshape(2, -1), 3, 4, 2);
    }

    @Test
    void gradientsConfigAndMistakes() {
        LayerTester.gradientCheck(() -> new Reshape(4, 3), true, -1, 1, 2, 3, 4);
        LayerTester.configRoundTrip(() -> new Reshape(-1, 2).inputShape(3, 4), 2, 3, 4);
        Conv2DTest.assertMessage(() -> new Reshape(5, -1).name("r").outputShape(Shape.of(-1, 6)), "Reshape 'r': cannot reshape input (None, 6) (6 values per sample) to [5, -1]");
        Conv2DTest.assertMessage(() -> new Reshape(-1, -1), "Reshape: at most one dimension of targetShape can be -1, got [-1, -1]");
        Conv2DTest.assertMessage(() -> new Reshape(0, 2), "Reshape: targetShape dimensions must be > 0 or -1, got [0, 2]");
    }
}
