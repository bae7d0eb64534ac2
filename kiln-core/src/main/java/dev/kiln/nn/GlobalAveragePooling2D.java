package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * The mean over height and width of each channel: (batch, h, w, c) → (batch, c).
 *
 * <pre>{@code
 * model.add(new GlobalAveragePooling2D());               // (None, 9, 9, 16) -> (None, 16)
 * }</pre>
 */
public class GlobalAveragePooling2D extends GlobalPooling2D {
    @Override
    Tensor reduce(Tensor x, int[] axes, boolean keepdims) { return x.mean(axes, keepdims); }

    public static GlobalAveragePooling2D fromConfig(Map<String, Object> c) { return applyConfig(new GlobalAveragePooling2D(), c); }
}
