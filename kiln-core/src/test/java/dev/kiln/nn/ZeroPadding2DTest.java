package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ZeroPadding2DTest {
    @Test
    void padsWithZerosOnEachSide() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}).reshape(1, 2, 2, 1);
        Tensor y = new ZeroPadding2D(1, 0, 0, 2).call(x, false);
        assertEquals(Shape.of(1, 3, 4, 1), y.shape());
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0}, y.toDoubleArray(), 0);
        assertEquals(Shape.of(-1, 4, 8, 3), new ZeroPadding2D(1, 2).outputShape(Shape.of(-1, 2, 4, 3)));
        assertEquals(Shape.of(-1, 3, 4, 6), new ZeroPadding2D().dataFormat("channels_first").outputShape(Shape.of(-1, 3, 2, 4)));
    }

    @Test
    void gradientsAndConfig() {
        LayerTester.gradientCheck(() -> new ZeroPadding2D(0, 1, 2, 3), true, -1, 1, 2, 3, 2, 2);
        LayerTester.gradientCheck(() -> new ZeroPadding2D(1).dataFormat("channels_first"), true, -1, 1, 1, 2, 3, 2);
        LayerTester.outputShapeMatches(() -> new ZeroPadding2D(2, 1), 2, 3, 4, 2);
        LayerTester.configRoundTrip(() -> new ZeroPadding2D(0, 1, 2, 3), 2, 3, 2, 2);
        Conv2DTest.assertMessage(() -> new ZeroPadding2D(-1), "ZeroPadding2D: padding must be >= 0, got ((-1, -1), (-1, -1))");
    }
}
