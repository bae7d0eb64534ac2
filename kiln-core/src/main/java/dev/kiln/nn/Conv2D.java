package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A 2-D convolution layer: {@code y = activation(conv2d(x, kernel) + bias)}, kernel (kh, kw, inChannels,
 * filters), bias (filters). Defaults as Keras: strides 1, padding "valid", dilation 1, channels-last,
 * linear activation, bias on, kernel glorot_uniform (fans kh·kw·in and kh·kw·filters), bias zeros.
 * "same" padding keeps ceil(size / stride) outputs; strides > 1 with dilation > 1 is refused, as in Keras.
 *
 * <pre>{@code
 * model.add(new Conv2D(4, 5).inputShape(28, 28, 1).activation("tanh"));   // (None, 24, 24, 4)
 * model.add(new Conv2D(8, 3, 3).padding("same").strides(2));                // (None, 12, 12, 8)
 * new Conv2D(4, 5).dataFormat("channels_first").inputShape(1, 28, 28);      // Keras 1's input_shape=(1,28,28)
 * }</pre>
 */
public class Conv2D extends Layer {
    private final int filters;
    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private String padding = "valid";
    private int[] dilationRate = {1, 1};
    private DataFormat dataFormat = DataFormat.CHANNELS_LAST;
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

    /** {@code filters} kernels of kernelSize × kernelSize. */
    public Conv2D(int filters, int kernelSize) { this(filters, kernelSize, kernelSize); }

    /** {@code filters} kernels of kernelHeight × kernelWidth (Keras 1's {@code Convolution2D(filters, rows, cols)}). */
    public Conv2D(int filters, int kernelHeight, int kernelWidth) {
        if (filters <= 0) throw new IllegalArgumentException("Conv2D: filters (" + filters + ") must be > 0");
        this.filters = filters;
        this.kernelSize = positivePair("kernelSize", new int[] {kernelHeight, kernelWidth});
    }

    public int filters() { return filters; }

    // ------------------------------------------------------------------ fluent settings

    /** Declares the input shape without the batch axis: (height, width, channels), or (channels, height, width) for channels_first. */
    public Conv2D inputShape(int... dims) {
        if (dims.length != 3) throw new IllegalArgumentException(describe() + ": inputShape must have 3 dimensions, got " + Arrays.toString(dims));
        declareInputShape(dims);
        return this;
    }

    /** One value for both axes, or (height, width). */
    public Conv2D strides(int... strides) { requireUnbuilt("strides"); this.strides = positivePair("strides", strides); return this; }

    /** "valid" (no padding, the default) or "same" (zeros around, output ceil(size / stride)). */
    public Conv2D padding(String padding) {
        requireUnbuilt("padding");
        String p = padding == null ? "" : padding.toLowerCase(Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same")) {
            throw new IllegalArgumentException(describe() + ": padding must be 'valid' or 'same', got '" + padding + "'");
        }
        this.padding = p;
        return this;
    }

    /** One value for both axes, or (height, width): the spacing between kernel taps. */
    public Conv2D dilationRate(int... rate) { requireUnbuilt("dilationRate"); this.dilationRate = positivePair("dilationRate", rate); return this; }

    /** "channels_last" (default) or "channels_first". */
    public Conv2D dataFormat(String format) { requireUnbuilt("dataFormat"); this.dataFormat = DataFormat.of(format, describe()); return this; }

    public Conv2D activation(String name) { this.activation = name == null ? null : Activations.get(name); return this; }

    public Conv2D activation(ActivationFunction function) { this.activation = function; return this; }

    public Conv2D useBias(boolean useBias) { requireUnbuilt("useBias"); this.useBias = useBias; return this; }

    public Conv2D kernelInitializer(String name) { return kernelInitializer(Initializers.get(name)); }

    public Conv2D kernelInitializer(Initializer init) { requireUnbuilt("kernelInitializer"); kernelInitializer = nonNull(init, "kernelInitializer"); return this; }

    public Conv2D biasInitializer(String name) { return biasInitializer(Initializers.get(name)); }

    public Conv2D biasInitializer(Initializer init) { requireUnbuilt("biasInitializer"); biasInitializer = nonNull(init, "biasInitializer"); return this; }

    public Conv2D kernelRegularizer(Regularizer r) { requireUnbuilt("kernelRegularizer"); kernelRegularizer = r; return this; }

    public Conv2D biasRegularizer(Regularizer r) { requireUnbuilt("biasRegularizer"); biasRegularizer = r; return this; }

    public Conv2D kernelConstraint(Constraint c) { requireUnbuilt("kernelConstraint"); kernelConstraint = c; return this; }

    public Conv2D biasConstraint(Constraint c) { requireUnbuilt("biasConstraint"); biasConstraint = c; return this; }

    @Override public Conv2D activityRegularizer(Regularizer r) { super.activityRegularizer(r); return this; }

    @Override public Conv2D name(String name) { super.name(name); return this; }

    @Override public Conv2D dtype(DType dtype) { super.dtype(dtype); return this; }

    @Override public Conv2D trainable(boolean trainable) { super.trainable(trainable); return this; }

    private void requireUnbuilt(String what) {
        if (built()) throw new IllegalStateException(describe() + ": " + what + " must be set before the layer is built");
    }

    private <T> T nonNull(T v, String what) {
        if (v == null) throw new IllegalArgumentException(describe() + ": " + what + " is null");
        return v;
    }

    /** One value (both axes) or two, each > 0. */
    private int[] positivePair(String what, int[] v) {
        int[] p = v != null && v.length == 1 ? new int[] {v[0], v[0]} : v;
        if (p == null || p.length != 2 || p[0] <= 0 || p[1] <= 0) {
            throw new IllegalArgumentException((kernelSize == null ? "Conv2D" : describe()) + ": " + what
                    + " must be one or two positive integers, got " + Arrays.toString(v));
        }
        return p.clone();
    }

    // ------------------------------------------------------------------ layer

    /** The (kh, kw, inChannels, filters) kernel, or null before building. */
    public Tensor kernel() { return kernel; }

    /** The (filters) bias, or null before building or with useBias(false). */
    public Tensor bias() { return bias; }

    @Override
    protected Shape computeOutputShape(Shape in) {
        Shape last = dataFormat.checkImages(in, describe());
        if (last.dim(3) < 0) throw new IllegalArgumentException(describe() + ": the channel axis of the input must be known, received " + in);
        if ((strides[0] > 1 || strides[1] > 1) && (dilationRate[0] > 1 || dilationRate[1] > 1)) {
            throw new IllegalArgumentException(describe() + ": `strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides="
                    + Arrays.toString(strides) + " and dilation_rate=" + Arrays.toString(dilationRate));
        }
        int h = outputSize(last.dim(1), 0, in), w = outputSize(last.dim(2), 1, in);
        return dataFormat.fromLast(Shape.of(last.dim(0), h, w, filters));
    }

    private int outputSize(int size, int axis, Shape in) {
        if (size < 0) return -1;
        int eff = (kernelSize[axis] - 1) * dilationRate[axis] + 1;
        if (padding.equals("same")) return (size + strides[axis] - 1) / strides[axis];
        if (size < eff) {
            throw new IllegalArgumentException(describe() + ": kernel " + kernelSize[0] + "x" + kernelSize[1] + " (dilation "
                    + dilationRate[0] + "x" + dilationRate[1] + ") is larger than the input " + in + " with 'valid' padding; use padding(\"same\")");
        }
        return (size - eff) / strides[axis] + 1;
    }

    @Override
    protected void buildWeights(Shape in, SplittableRandom rng) {
        int channels = dataFormat.toLast(in).dim(3);
        kernel = addWeight("kernel", Shape.of(kernelSize[0], kernelSize[1], channels, filters), kernelInitializer, true,
                kernelRegularizer, kernelConstraint, rng);
        if (useBias) bias = addWeight("bias", Shape.of(filters), biasInitializer, true, biasRegularizer, biasConstraint, rng);
    }

    /**
     * The convolution with its bias in one op (channels-last), and with its activation when that is linear,
     * relu or tanh (each image is activated while in cache, and the backward pass fuses the activation's
     * and the bias's gradients); other activations are applied after it.
     */
    @Override
    protected Tensor forward(Tensor x, boolean training) {
        String fused = activation == null || activation == Activations.LINEAR ? "linear"
                : activation == Activations.RELU ? "relu" : activation == Activations.TANH ? "tanh" : null;
        Tensor in = dataFormat.toLast(x);
        Tensor y = fused != null ? Tensor.conv2d(in, kernel, bias, strides, padding, dilationRate, fused)
                : activation.apply(Tensor.conv2d(in, kernel, bias, strides, padding, dilationRate));
        return dataFormat.fromLast(y);
    }

    @Override
    public String activationName() {
        if (activation == null) return "linear";
        return activation.name() == null ? "custom" : activation.name();
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("filters", filters);
        c.put("kernel_size", Config.intList(kernelSize));
        c.put("strides", Config.intList(strides));
        c.put("padding", padding);
        c.put("data_format", dataFormat.keras());
        c.put("dilation_rate", Config.intList(dilationRate));
        c.put("groups", 1);
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

    /** Rebuilds a Conv2D from {@link #config()} (Keras's keys; an int kernel_size, strides or dilation_rate means both axes). */
    public static Conv2D fromConfig(Map<String, Object> c) {
        int[] k = Config.ints(c.get("kernel_size"));
        Conv2D l = k.length == 1 ? new Conv2D(Config.integer(c, "filters", 0), k[0]) : new Conv2D(Config.integer(c, "filters", 0), k[0], k[1]);
        l.applyBaseConfig(c);
        if (c.get("groups") != null && Config.integer(c, "groups", 1) != 1) {
            throw new IllegalArgumentException(l.describe() + ": groups other than 1 are not supported, got " + c.get("groups"));
        }
        if (c.get("strides") != null) l.strides(Config.ints(c.get("strides")));
        if (c.get("padding") != null) l.padding((String) c.get("padding"));
        if (c.get("dilation_rate") != null) l.dilationRate(Config.ints(c.get("dilation_rate")));
        if (c.get("data_format") != null) l.dataFormat((String) c.get("data_format"));
        if (c.get("activation") != null) l.activation(Layers.deserializeActivation(c.get("activation")));
        l.useBias(Config.bool(c, "use_bias", true));
        if (c.get("kernel_initializer") != null) l.kernelInitializer(Initializers.deserialize(c.get("kernel_initializer")));
        if (c.get("bias_initializer") != null) l.biasInitializer(Initializers.deserialize(c.get("bias_initializer")));
        if (c.get("kernel_regularizer") != null) l.kernelRegularizer(Regularizers.deserialize(c.get("kernel_regularizer")));
        if (c.get("bias_regularizer") != null) l.biasRegularizer(Regularizers.deserialize(c.get("bias_regularizer")));
        if (c.get("kernel_constraint") != null) l.kernelConstraint(Constraints.deserialize(c.get("kernel_constraint")));
        if (c.get("bias_constraint") != null) l.biasConstraint(Constraints.deserialize(c.get("bias_constraint")));
        return l;
    }
}
