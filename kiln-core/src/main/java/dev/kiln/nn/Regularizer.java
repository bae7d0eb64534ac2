package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * A penalty on a weight (or a layer's output) added to the training loss; a scalar tensor in the graph.
 *
 * <pre>{@code
 * new Dense(64).kernelRegularizer(Regularizers.l2(1e-4));
 * Regularizer custom = w -> w.abs().max().mul(0.1);
 * }</pre>
 */
@FunctionalInterface
public interface Regularizer {
    /** The penalty of {@code w}: a scalar tensor in the graph, of w's dtype. */
    Tensor penalty(Tensor w);

    /** Keras's class name for config ({@code "L2"}); null for user regularizers, which cannot be saved. */
    default String className() { return null; }

    /** Keras's config of this regularizer ({@code {"l2": 0.01}}). */
    default Map<String, Object> config() { return Map.of(); }
}
