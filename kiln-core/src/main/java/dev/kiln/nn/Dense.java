package dev.kiln.nn;

import dev.kiln.tensor.AffineActivation;
import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fully connected layer: {@code y = activation(x · kernel + bias)}, kernel (inputDim, units), bias
 * (units), applied to the last axis of an input of rank ≥ 2. Defaults as Keras: linear activation, bias
 * on, kernel glorot_uniform, bias zeros, no regularizers or constraints.
 *
 * <pre>{@code
 * model.add(new Dense(50).inputDim(2).activation("relu").kernelInitializer("he_uniform"));
 * model.add(new Dense(3).activation("softmax"));
 * new Dense(8).kernelRegularizer(Regularizers.l2(1e-4)).kernelConstraint(new MaxNorm(3));
 * }</pre>
 */
public class Dense extends Layer {
    private final int units;
    private ActivationFunction activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private Tensor kernel;
    private Tensor bias;

    /** A layer with {@code units} outputs (> 0). */
    public Dense(int units) {
        if (units <= 0) throw new IllegalArgumentException("Dense: units (" + units + ") must be > 0");
        this.units = units;
    }

    /** The number of output units. */
    public int units() { return units; }

    // ------------------------------------------------------------------ fluent settings

    /** Declares the input width, Keras's {@code input_dim}: input shape (batch, inputDim). */
    public Dense inputDim(int inputDim) {
        declareInputShape(inputDim);
        return this;
    }

    /** Declares the input shape without the batch axis, Keras's {@code input_shape}. */
    public Dense inputShape(int... dims) {
        declareInputShape(dims);
        return this;
    }

    /** The activation by Keras name ({@code "relu"}, {@code "softmax"}, …); null means linear. */
    public Dense activation(String name) {
        this.activation = name == null ? null : Activations.get(name);
        return this;
    }

    /** The activation as a function object or lambda; null means linear. */
    public Dense activation(ActivationFunction function) {
        this.activation = function;
        return this;
    }

    /** The function of an {@link Activation} layer object. */
    public Dense activation(Activation layer) {
        this.activation = layer.function();
        return this;
    }

    /** Whether to add a bias (default true). */
    public Dense useBias(boolean useBias) {
        requireUnbuilt("useBias");
        this.useBias = useBias;
        return this;
    }

    /** Initializer of the kernel by Keras name, e.g. "he_uniform" (default "glorot_uniform"). */
    public Dense kernelInitializer(String name) { return kernelInitializer(Initializers.get(name)); }

    /** Initializer of the kernel (default glorot_uniform). */
    public Dense kernelInitializer(Initializer init) {
        requireUnbuilt("kernelInitializer");
        this.kernelInitializer = nonNull(init, "kernelInitializer");
        return this;
    }

    /** Initializer of the bias by Keras name (default "zeros"). */
    public Dense biasInitializer(String name) { return biasInitializer(Initializers.get(name)); }

    /** Initializer of the bias (default zeros). */
    public Dense biasInitializer(Initializer init) {
        requireUnbuilt("biasInitializer");
        this.biasInitializer = nonNull(init, "biasInitializer");
        return this;
    }

    /** Penalty on the kernel added to the loss, e.g. {@code Regularizers.l2(1e-4)} (default none). */
    public Dense kernelRegularizer(Regularizer r) { requireUnbuilt("kernelRegularizer"); kernelRegularizer = r; return this; }

    /** Penalty on the bias added to the loss (default none). */
    public Dense biasRegularizer(Regularizer r) { requireUnbuilt("biasRegularizer"); biasRegularizer = r; return this; }

    /** Projection of the kernel after each update, e.g. {@link MaxNorm} (default none). */
    public Dense kernelConstraint(Constraint c) { requireUnbuilt("kernelConstraint"); kernelConstraint = c; return this; }

    /** Projection of the bias after each update (default none). */
    public Dense biasConstraint(Constraint c) { requireUnbuilt("biasConstraint"); biasConstraint = c; return this; }

    @Override public Dense activityRegularizer(Regularizer r) { super.activityRegularizer(r); return this; }

    @Override public Dense name(String name) { super.name(name); return this; }

    @Override public Dense dtype(DType dtype) { super.dtype(dtype); return this; }

    @Override public Dense trainable(boolean trainable) { super.trainable(trainable); return this; }

    private void requireUnbuilt(String what) {
        if (built()) throw new IllegalStateException(describe() + ": " + what + " must be set before the layer is built");
    }

    private <T> T nonNull(T v, String what) {
        if (v == null) throw new IllegalArgumentException(describe() + ": " + what + " is null");
        return v;
    }

    // ------------------------------------------------------------------ layer

    /** The (inputDim, units) weight matrix, or null before building. */
    public Tensor kernel() { return kernel; }

    /** The activation function (null when none was set: linear). */
    public ActivationFunction activation() { return activation; }

    /** The kernel's regularizer, or null. */
    public Regularizer kernelRegularizer() { return kernelRegularizer; }

    /** The bias's regularizer, or null. */
    public Regularizer biasRegularizer() { return biasRegularizer; }

    /** Whether the layer adds a bias. */
    public boolean useBias() { return useBias; }

    /** The (units) bias, or null before building or with useBias(false). */
    public Tensor bias() { return bias; }

    @Override
    protected Shape computeOutputShape(Shape in) {
        if (in.rank() < 2 || in.dim(-1) < 0) {
            throw new IllegalArgumentException(describe() + ": expected input of shape (*, features) with known features, received " + in);
        }
        return in.with(-1, units);
    }

    @Override
    protected void buildWeights(Shape in, SplittableRandom rng) {
        kernel = addWeight("kernel", Shape.of(in.dim(-1), units), kernelInitializer, true, kernelRegularizer, kernelConstraint, rng);
        if (useBias) bias = addWeight("bias", Shape.of(units), biasInitializer, true, biasRegularizer, biasConstraint, rng);
    }

    /**
     * The built-in linear, relu, tanh, sigmoid and softmax activations go through the fused
     * {@link Tensor#affine} (one graph node, same values); any other activation is applied to
     * {@code x · kernel + bias} computed as one matmul and one bias add.
     */
    @Override
    protected Tensor forward(Tensor x, boolean training) {
        AffineActivation fused = fusedActivation();
        if (fused != null) return Tensor.affine(x, kernel, bias, fused);
        Tensor y = x.matmul(kernel);
        if (bias != null) y = y.add(bias);
        return activation.apply(y);
    }

    /** The fused form of the activation, or null when it has none (a custom or other built-in function). */
    private AffineActivation fusedActivation() {
        if (activation == null || activation == Activations.LINEAR) return AffineActivation.LINEAR;
        if (activation == Activations.RELU) return AffineActivation.RELU;
        if (activation == Activations.TANH) return AffineActivation.TANH;
        if (activation == Activations.SIGMOID) return AffineActivation.SIGMOID;
        if (activation == Activations.SOFTMAX) return AffineActivation.SOFTMAX;
        return null;
    }

    @Override
    public String activationName() {
        if (activation == null) return "linear";
        return activation.name() == null ? "custom" : activation.name();
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("units", units);
        c.put("activation", Layers.serializeActivation(activation == null ? Activations.LINEAR : activation, describe()));
        c.put("use_bias", useBias);
        c.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        c.put("bias_initializer", Initializers.serialize(biasInitializer));
        c.put("kernel_regularizer", kernelRegularizer == null ? null : Regularizers.serialize(kernelRegularizer));
        c.put("bias_regularizer", biasRegularizer == null ? null : Regularizers.serialize(biasRegularizer));
        c.put("kernel_constraint", kernelConstraint == null ? null : Constraints.serialize(kernelConstraint));
        c.put("bias_constraint", biasConstraint == null ? null : Constraints.serialize(biasConstraint));
        return c;
    }

    static Dense fromConfig(Map<String, Object> c) {
        Dense d = new Dense(Config.integer(c, "units", 0));
        d.applyBaseConfig(c);
        if (c.get("activation") != null) d.activation(Layers.deserializeActivation(c.get("activation")));
        d.useBias(Config.bool(c, "use_bias", true));
        if (c.get("kernel_initializer") != null) d.kernelInitializer(Initializers.deserialize(c.get("kernel_initializer")));
        if (c.get("bias_initializer") != null) d.biasInitializer(Initializers.deserialize(c.get("bias_initializer")));
        if (c.get("kernel_regularizer") != null) d.kernelRegularizer(Regularizers.deserialize(c.get("kernel_regularizer")));
        if (c.get("bias_regularizer") != null) d.biasRegularizer(Regularizers.deserialize(c.get("bias_regularizer")));
        if (c.get("kernel_constraint") != null) d.kernelConstraint(Constraints.deserialize(c.get("kernel_constraint")));
        if (c.get("bias_constraint") != null) d.biasConstraint(Constraints.deserialize(c.get("bias_constraint")));
        return d;
    }
}
