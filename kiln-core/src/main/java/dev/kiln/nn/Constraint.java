package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * A projection applied to a weight in place after each optimizer update (outside the gradient graph).
 *
 * <pre>{@code
 * new Dense(64).kernelConstraint(new MaxNorm(3));
 * Constraint clamp = w -> w.assign(w.clip(-1, 1));
 * }</pre>
 */
@FunctionalInterface
public interface Constraint {
    /** Projects {@code w} in place (its storage, outside the gradient graph). */
    void apply(Tensor w);

    /** Keras's class name for config ({@code "MaxNorm"}); null for user constraints, which cannot be saved. */
    default String className() { return null; }

    /** Keras's config of this constraint ({@code {"max_value": 2.0, "axis": 0}}). */
    default Map<String, Object> config() { return Map.of(); }
}
