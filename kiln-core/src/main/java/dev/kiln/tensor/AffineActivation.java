package dev.kiln.tensor;

/**
 * The activations {@link Tensor#affine} applies inside its single graph node (LINEAR, RELU, TANH), or,
 * for SIGMOID and SOFTMAX, right after it with the logits attached ({@link Tensor#withLogits}) so that
 * the cross-entropy losses compute from them.
 *
 * <pre>{@code
 * Tensor h = Tensor.affine(x, kernel, bias, AffineActivation.RELU);   // relu(x · kernel + bias)
 * }</pre>
 */
public enum AffineActivation {
    /** linear(z) = z. */
    LINEAR,
    /** relu(z) = max(z, 0). */
    RELU,
    /** tanh(z). */
    TANH,
    /** sigmoid(z) = 1/(1 + e^−z), carrying its logits z. */
    SIGMOID,
    /** softmax over the last axis, e^z/Σe^z, carrying its logits z. */
    SOFTMAX
}
