package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Max pooling over 2-D windows: each output is the maximum of its window; the gradient flows to that
 * maximum only. Defaults as Keras: pool 2×2, strides = pool size, padding "valid", channels-last.
 *
 * <pre>{@code
 * model.add(new MaxPooling2D());                        // (None, 22, 22, 8) -> (None, 11, 11, 8)
 * model.add(new MaxPooling2D(3).strides(2).padding("same"));
 * }</pre>
 */
public class MaxPooling2D extends Pooling2D {
    /** A 2×2 pool. */
    public MaxPooling2D() { this(2, 2); }

    /** A poolSize × poolSize pool. */
    public MaxPooling2D(int poolSize) { this(poolSize, poolSize); }

    public MaxPooling2D(int poolHeight, int poolWidth) { super(poolHeight, poolWidth); }

    @Override
    Tensor pool(Tensor x, int[] poolSize, int[] strides, String padding) { return x.maxPool2d(poolSize, strides, padding); }

    public static MaxPooling2D fromConfig(Map<String, Object> c) { return applyConfig(new MaxPooling2D(), c); }
}
