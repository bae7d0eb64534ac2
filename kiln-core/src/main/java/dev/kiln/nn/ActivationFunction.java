package dev.kiln.nn;

import dev.kiln.tensor.Tensor;

/**
 * An element-wise (or, for softmax, last-axis) function applied to a layer's output, written with tensor
 * operations so that its gradient is automatic. A lambda is one:
 *
 * <pre>{@code
 * ActivationFunction cube = x -> x.mul(x).mul(x);
 * new Dense(8).activation(cube);
 * new Dense(8).activation(Activations.get("gelu"));
 * }</pre>
 */
@FunctionalInterface
public interface ActivationFunction {
    /** The activation of {@code x}, a tensor expression (so it is differentiable). */
    Tensor apply(Tensor x);

    /** Keras's name of a built-in activation ({@code "relu"}); null for user functions. */
    default String name() { return null; }
}
