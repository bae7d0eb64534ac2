package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Declares the shape of the model's input (without the batch axis) and passes the input through; the
 * Keras way to start a Sequential model without {@code inputDim} on the first layer.
 *
 * <pre>{@code
 * model.add(new InputLayer(28, 28, 1));
 * model.add(new Flatten());
 * }</pre>
 */
public class InputLayer extends Layer {
    /** Declares an input of this shape (without the batch axis, every dimension > 0). */
    public InputLayer(int... shape) {
        if (shape.length == 0) throw new IllegalArgumentException("InputLayer: shape must have at least one dimension (without the batch axis)");
        declareInputShape(shape);
    }

    @Override public InputLayer name(String name) { super.name(name); return this; }

    @Override public InputLayer dtype(DType dtype) { super.dtype(dtype); return this; }

    @Override protected Shape computeOutputShape(Shape in) { return in; }

    @Override protected Tensor forward(Tensor x, boolean training) { return x; }

    static InputLayer fromConfig(Map<String, Object> c) {
        int[] s = Config.ints(c.get("batch_shape"));
        InputLayer l = new InputLayer(java.util.Arrays.copyOfRange(s, 1, s.length));
        l.applyBaseConfig(c);
        return l;
    }
}
