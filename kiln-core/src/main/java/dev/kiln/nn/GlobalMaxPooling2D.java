package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * The maximum over height and width of each channel: (batch, h, w, c) → (batch, c); tied maxima share
 * the gradient equally (the tensor max rule).
 *
 * <pre>{@code
 * model.add(new GlobalMaxPooling2D().keepdims(true));    // (None, 9, 9, 16) -> (None, 1, 1, 16)
 * }</pre>
 */
public class GlobalMaxPooling2D extends GlobalPooling2D {
    @Override
    Tensor reduce(Tensor x, int[] axes, boolean keepdims) { return x.max(axes, keepdims); }

    public static GlobalMaxPooling2D fromConfig(Map<String, Object> c) { return applyConfig(new GlobalMaxPooling2D(), c); }
}
