package dev.kiln.losses;

import dev.kiln.tensor.Tensor;

/**
 * A loss written as a function of tensors, e.g. a lambda; it is differentiated automatically because it is
 * built from {@link Tensor} operations. Wrap it with {@link Loss#of} to use it wherever a loss is expected.
 *
 * <pre>{@code
 * LossFunction mse = (yTrue, yPred) -> yPred.sub(yTrue).square().mean(-1);
 * Loss loss = Loss.of("my_mse", mse);
 * }</pre>
 */
@FunctionalInterface
public interface LossFunction {
    /** Per-sample (unreduced) loss values; any shape, a scalar included. */
    Tensor apply(Tensor yTrue, Tensor yPred);
}
