package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Average pooling over 2-D windows: each output is the mean of its window's positions inside the image
 * (with "same" padding the padded positions are not counted, as in Keras). Defaults as Keras: pool 2×2,
 * strides = pool size, padding "valid", channels-last.
 *
 * <pre>{@code
 * model.add(new AveragePooling2D());                        // (None, 22, 22, 8) -> (None, 11, 11, 8)
 * model.add(new AveragePooling2D(3).strides(2).padding("same"));
 * }</pre>
 */
public class AveragePooling2D extends Pooling2D {
    /** A 2×2 pool. */
    public AveragePooling2D() { this(2, 2); }

    /** A poolSize × poolSize pool. */
    public AveragePooling2D(int poolSize) { this(poolSize, poolSize); }

    public AveragePooling2D(int poolHeight, int poolWidth) { super(poolHeight, poolWidth); }

    @Override
    Tensor pool(Tensor x, int[] poolSize, int[] strides, String padding) { return x.avgPool2d(poolSize, strides, padding); }

    public static AveragePooling2D fromConfig(Map<String, Object> c) { return applyConfig(new AveragePooling2D(), c); }
}
