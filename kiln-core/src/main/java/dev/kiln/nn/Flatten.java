package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Flattens every axis but the batch axis: (batch, d1, …, dk) → (batch, d1·…·dk), row-major, no weights
 * (a batch of vectors (batch,) becomes (batch, 1), as Keras).
 *
 * <pre>{@code
 * model.add(new Flatten().inputShape(28, 28));   // (None, 784)
 * model.add(new Dense(128).activation("relu"));
 * }</pre>
 */
public class Flatten extends Layer {
    /** Declares the input shape without the batch axis, when this is the first layer. */
    public Flatten inputShape(int... dims) {
        declareInputShape(dims);
        return this;
    }

    @Override public Flatten name(String name) { super.name(name); return this; }

    @Override
    protected Shape computeOutputShape(Shape in) {
        if (in.rank() < 1) throw new IllegalArgumentException(describe() + ": expected input with a batch axis, received " + in);
        long n = 1;
        for (int i = 1; i < in.rank(); i++) {
            if (in.dim(i) < 0) return Shape.of(in.dim(0), -1);
            n *= in.dim(i);
        }
        return Shape.of(in.dim(0), (int) n);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        int batch = x.shape().dim(0);
        return x.reshape(batch, batch == 0 ? computeOutputShape(x.shape()).dim(1) : -1);
    }

    static Flatten fromConfig(Map<String, Object> c) {
        Flatten f = new Flatten();
        f.applyBaseConfig(c);
        return f;
    }
}
