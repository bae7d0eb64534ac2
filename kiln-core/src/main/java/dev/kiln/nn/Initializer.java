package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Produces the starting values of a weight. Random ones draw from the generator they are given (the
 * layer's build generator, so a seeded model is reproducible); a lambda is an initializer:
 *
 * <pre>{@code
 * Initializer small = (shape, dtype, rng) -> Tensor.full(0.01, dtype, shape.toArray());
 * new Dense(4).kernelInitializer(small);
 * new Dense(4).kernelInitializer("he_normal");
 * }</pre>
 */
@FunctionalInterface
public interface Initializer {
    /** A new tensor of this shape and dtype, drawn from {@code rng} if random. */
    Tensor initialize(Shape shape, DType dtype, SplittableRandom rng);

    /** Keras's class name for config ({@code "GlorotUniform"}); null for user initializers, which cannot be saved. */
    default String className() { return null; }

    /** Keras's config of this initializer ({@code {"seed": null}}, {@code {"mean": 0.0, "stddev": 0.05, ...}}). */
    default Map<String, Object> config() { return Map.of(); }
}
