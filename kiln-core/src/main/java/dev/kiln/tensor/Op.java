package dev.kiln.tensor;

/**
 * Every primitive operation of the autodiff graph. Each differentiable one has its forward and its
 * backward side by side in {@link Functions}; everything else (losses, layers) is a composition of
 * these. The gradient-check test walks this list, so a primitive cannot be added without a check.
 */
public enum Op {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM,
    NEG, EXP, LOG, LOG1P, SQRT, SQUARE, ABS, SIGMOID, TANH, RELU, SOFTPLUS, LOG_COSH,
    CLIP, WHERE, MATMUL,
    /** act(x · W + b) of a dense layer as one node, in {@link AffineFunctions}. */
    AFFINE,
    SUM, MEAN, MAX, MIN,
    SOFTMAX, LOG_SOFTMAX, LOG_SUM_EXP,
    /** −Σ labels · logSoftmax(logits) over the last axis as one node, in {@link CrossEntropyFunctions}. */
    SOFTMAX_CROSS_ENTROPY,
    RESHAPE, TRANSPOSE, BROADCAST_TO, CONCAT, SLICE, GATHER, TAKE_ALONG_AXIS, ASTYPE, IDENTITY,
    /** Image primitives, in {@link ConvFunctions}: */
    CONV2D, MAX_POOL2D, AVG_POOL2D,
    /** Not differentiable (their outputs carry no graph): */
    SIGN(false), ROUND(false), FLOOR(false), COMPARE(false), ARGMAX(false), ONE_HOT(false);

    private final boolean differentiable;

    Op() { this(true); }

    Op(boolean differentiable) { this.differentiable = differentiable; }

    public boolean differentiable() { return differentiable; }
}
