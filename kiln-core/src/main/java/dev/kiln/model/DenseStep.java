package dev.kiln.model;

import dev.kiln.kernel.Affine;
import dev.kiln.kernel.Elementwise;
import dev.kiln.kernel.Reduce;
import dev.kiln.kernel.Softmax;
import dev.kiln.losses.CategoricalCrossentropy;
import dev.kiln.losses.Loss;
import dev.kiln.losses.MeanSquaredError;
import dev.kiln.losses.Reduction;
import dev.kiln.losses.SparseCategoricalCrossentropy;
import dev.kiln.nn.ActivationFunction;
import dev.kiln.nn.Activations;
import dev.kiln.nn.Dense;
import dev.kiln.nn.InputLayer;
import dev.kiln.nn.Layer;
import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The training step of a model that is a stack of {@link Dense} layers (the multilayer perceptrons of
 * most tabular work), run as a fixed sequence of kernel calls on buffers kept from one step to the next
 * instead of a fresh autodiff graph. At batch 32 and fifty units most of a graph step goes to fresh
 * arrays (new memory is written at a fraction of cache speed) and graph bookkeeping, not arithmetic.
 *
 * <p>The arithmetic is the graph's: each layer calls the same {@link Affine} kernels as
 * {@code Tensor.affine}, in the same order, so weights after any number of steps are bit-for-bit those
 * of the graph path. Only the part the user's code can see stays in the graph: the last layer's
 * pre-activation {@code z} is a fresh leaf, its activation, the loss (any loss, built-in or custom) and
 * the metrics run on tensors as usual, and {@code z}'s gradient is then propagated down the stack here.
 * Hidden activations live in buffers no tensor exposes. Each parameter's gradient is written into one
 * tensor kept for that parameter and set with {@link Tensor#grad(Tensor)} (overwritten each step, as
 * PyTorch's {@code .grad} is).
 *
 * <p>The usual losses of classifiers and regressors run here too: a plain categorical cross-entropy on a
 * softmax output (or on logits), with one-hot labels ({@link #crossEntropyStep}) or class ids
 * ({@link #sparseCrossEntropyStep}), and the mean squared error of a linear output
 * ({@link #meanSquaredErrorStep}); see {@link #fusesLoss} for the exact conditions. They are computed by the
 * same {@link Softmax} and {@link Reduce} kernels and the same float operations as the graph's nodes, in the
 * same order, so the loss and every gradient are still the graph's bit for bit; at batch 32 the graph's
 * nodes and their backward pass cost more than the arithmetic.
 *
 * <p>{@link #of} returns null unless every layer is exactly {@code Dense} (or an {@code InputLayer}),
 * float32, built, trainable, without regularizers or activity regularizers, with hidden activations
 * linear, relu or tanh, and each weight used once; {@link #matches} re-checks what may change between
 * steps (activations, trainable flags, weights replaced by loading). Anything else takes the graph.
 */
final class DenseStep {
    private final Sequential model;
    private final Dense[] layers;
    private final ActivationFunction[] activations;
    private final Tensor[] kernels;
    private final Tensor[] biases;
    private final Tensor[] kernelGrads;
    private final Tensor[] biasGrads;
    /** Per hidden layer: its output, then (backward) the gradient with respect to it; grown to the batch. */
    private final float[][] hidden;
    private final float[][] hiddenGrad;
    private final int inputs;

    private Tensor input;
    private Tensor logits;
    private int rows;
    private long steps;
    private long lossSteps;

    /** The cross-entropy head's buffers ({@link #crossEntropyStep}), grown to the batch. */
    private float[] headRowLoss = new float[0], headRowGrad = new float[0], headLogitsGrad = new float[0];
    private double[] headShift = new double[0], headLogSum = new double[0];
    private final float[] headSum = new float[1];
    /** The model's output of the last {@link #crossEntropyStep} (for the metrics). */
    private Tensor output;

    private DenseStep(Sequential model, Dense[] layers) {
        this.model = model;
        this.layers = layers;
        int n = layers.length;
        activations = new ActivationFunction[n];
        kernels = new Tensor[n];
        biases = new Tensor[n];
        kernelGrads = new Tensor[n];
        biasGrads = new Tensor[n];
        hidden = new float[n - 1][];
        hiddenGrad = new float[n - 1][];
        for (int l = 0; l < n; l++) {
            Dense d = layers[l];
            activations[l] = d.activation();
            kernels[l] = d.kernel();
            biases[l] = d.bias();
            kernelGrads[l] = Tensor.zerosLike(kernels[l]);
            biasGrads[l] = biases[l] == null ? null : Tensor.zerosLike(biases[l]);
            if (l < n - 1) {
                hidden[l] = new float[0];
                hiddenGrad[l] = new float[0];
            }
        }
        inputs = kernels[0].shape().dim(0);
    }

    /** The step for this model, or null when some layer or setting needs the graph (see the class comment). */
    static DenseStep of(Sequential model) {
        List<Dense> dense = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof InputLayer) continue;
            if (layer.getClass() != Dense.class || !layer.built()) return null;
            dense.add((Dense) layer);
        }
        if (dense.isEmpty()) return null;
        DenseStep step = new DenseStep(model, dense.toArray(new Dense[0]));
        return step.chained() && step.matches() ? step : null;
    }

    /**
     * Whether the layers' weights chain (each layer's inputs are the previous one's units) and are
     * distinct tensors. Checked once: {@link #matches} then holds the weights to these same tensors.
     */
    private boolean chained() {
        for (int i = 0; i < layers.length; i++) {
            if (i > 0 && kernels[i].shape().dim(0) != kernels[i - 1].shape().dim(1)) return false;
            for (int j = 0; j < i; j++) {
                if (kernels[i] == kernels[j] || (biases[i] != null && biases[i] == biases[j])) return false;
            }
        }
        return true;
    }

    /** Whether the model is still what this step was made for (checked before every step). */
    boolean matches() {
        List<Layer> current = model.layers();
        int l = 0;
        for (int i = 0, n = current.size(); i < n; i++) {
            Layer layer = current.get(i);
            if (layer instanceof InputLayer) continue;
            if (l == layers.length || layer != layers[l] || !usable(layers[l], l)) return false;
            l++;
        }
        return l == layers.length;
    }

    private boolean usable(Dense d, int l) {
        if (!d.built() || !d.trainable() || d.dtype() != DType.FLOAT32) return false;
        if (d.kernelRegularizer() != null || d.biasRegularizer() != null || d.activityRegularizer() != null) return false;
        if (d.kernel() != kernels[l] || d.bias() != biases[l] || d.activation() != activations[l]) return false;
        return l == layers.length - 1 || hiddenKind(activations[l]) != Elementwise.Unary.NEG;
    }

    /** A hidden layer's activation as a kernel name: null for linear, NEG (a marker) when unsupported. */
    private static Elementwise.Unary hiddenKind(ActivationFunction f) {
        if (f == null || f == Activations.LINEAR) return null;
        if (f == Activations.RELU) return Elementwise.Unary.RELU;
        if (f == Activations.TANH) return Elementwise.Unary.TANH;
        return Elementwise.Unary.NEG;
    }

    /** Whether this step can run on {@code x} (floating, (rows, inputs)); otherwise the graph runs it. */
    boolean accepts(Tensor x) {
        return x.dtype().isFloating() && x.rank() == 2 && x.shape().dim(1) == inputs && x.shape().dim(0) > 0;
    }

    /** Steps run so far (for tests: that the step ran, not the graph). */
    long steps() { return steps; }

    /** Of {@link #steps}, those whose loss ran here too ({@link #lossStep}). */
    long lossSteps() { return lossSteps; }

    /**
     * Whether {@link #lossStep} computes this loss: a {@link MeanSquaredError} as
     * {@link #fusesMeanSquaredError} says, or exactly {@link CategoricalCrossentropy} or
     * {@link SparseCategoricalCrossentropy} (not a subclass, which may override {@code call}) over the last
     * axis, without label smoothing or an ignored class, reduced by the mean over the batch in float32,
     * without sample weights, on the logits of a softmax output (or of a linear output with
     * {@code fromLogits}), with labels of the output's shape (one-hot) or class ids in range, of shape
     * (batch) or (batch, 1) (sparse). Any other loss or setting takes the graph, which also gives the errors
     * for labels that do not fit.
     */
    boolean fusesLoss(Loss loss, Tensor y, Tensor sampleWeight, Tensor x) {
        if (sampleWeight != null) return false;
        if (loss.getClass() == MeanSquaredError.class) return fusesMeanSquaredError(loss, y, x);
        boolean fromLogits;
        int axis;
        if (loss.getClass() == CategoricalCrossentropy.class) {
            CategoricalCrossentropy cce = (CategoricalCrossentropy) loss;
            if (cce.labelSmoothing() != 0) return false;
            fromLogits = cce.fromLogits();
            axis = cce.axis();
        } else if (loss.getClass() == SparseCategoricalCrossentropy.class) {
            SparseCategoricalCrossentropy scce = (SparseCategoricalCrossentropy) loss;
            if (scce.ignoreClass() != null) return false;
            fromLogits = scce.fromLogits();
            axis = scce.axis();
        } else {
            return false;
        }
        if (axis != -1 && axis != 1) return false;
        if (loss.reduction() != Reduction.SUM_OVER_BATCH_SIZE || (loss.dtype() != null && loss.dtype() != DType.FLOAT32)) return false;
        ActivationFunction f = activations[layers.length - 1];
        boolean linear = f == null || f == Activations.LINEAR;
        if (fromLogits ? !linear : f != Activations.SOFTMAX) return false;
        int rows = x.shape().dim(0), units = kernels[layers.length - 1].shape().dim(1);
        if (loss instanceof CategoricalCrossentropy) {
            return y.rank() == 2 && y.shape().dim(0) == rows && y.shape().dim(1) == units;
        }
        return classIds(y, rows, units);
    }

    /**
     * The mean squared error of a linear output, reduced by the mean over the batch in float32, with labels
     * of the output's shape (or (batch) for one unit): the regression head ({@link #meanSquaredErrorStep}).
     */
    private boolean fusesMeanSquaredError(Loss loss, Tensor y, Tensor x) {
        if (loss.reduction() != Reduction.SUM_OVER_BATCH_SIZE || (loss.dtype() != null && loss.dtype() != DType.FLOAT32)) return false;
        ActivationFunction f = activations[layers.length - 1];
        if (f != null && f != Activations.LINEAR) return false;
        int rows = x.shape().dim(0), units = kernels[layers.length - 1].shape().dim(1);
        if (!y.dtype().isFloating() && y.dtype() != DType.INT32) return false;
        if (y.rank() == 1) return units == 1 && y.shape().dim(0) == rows;
        return y.rank() == 2 && y.shape().dim(0) == rows && y.shape().dim(1) == units;
    }

    /** Whether y holds one class id in [0, units) per row, as (rows) or (rows, 1), integers (of any dtype). */
    private static boolean classIds(Tensor y, int rows, int units) {
        if (!(y.rank() == 1 || (y.rank() == 2 && y.shape().dim(1) == 1)) || y.shape().dim(0) != rows) return false;
        double[] ids = y.toDoubleArray();
        for (int r = 0; r < rows; r++) {
            // as the loss reads them: cast to the float32 it computes in
            float v = (float) ids[r];
            if (!(v >= 0 && v < units) || v != (int) v) return false;
        }
        return true;
    }

    /**
     * The step of a loss {@link #fusesLoss} accepts: {@link #crossEntropyStep} for one-hot labels,
     * {@link #sparseCrossEntropyStep} for class ids, {@link #meanSquaredErrorStep}. Returns the loss.
     */
    double lossStep(Loss loss, Tensor x, Tensor y) {
        if (loss instanceof MeanSquaredError) return meanSquaredErrorStep(x, y);
        return loss instanceof SparseCategoricalCrossentropy ? sparseCrossEntropyStep(x, y) : crossEntropyStep(x, y);
    }

    /**
     * The step for a mean squared error on a linear output ({@link #fusesLoss}), in the arithmetic of its
     * graph: {@code d = t − z}, each row's mean of {@code d²} (summed in double), the mean over the batch;
     * backward, 1/batch divided by the row length, then {@code −((g·2)·d)} (the square's and the
     * difference's backward passes). The same bits as the graph.
     */
    double meanSquaredErrorStep(Tensor x, Tensor y) {
        forwardLayers(x);
        int m = rows, len = logits.shape().dim(1);
        growHead(m, len);
        float[] z = logits.floatData(), t = y.astype(DType.FLOAT32).floatData(), d = headLogitsGrad;
        for (int r = 0; r < m; r++) {
            int base = r * len;
            double sum = 0;
            for (int k = 0; k < len; k++) {
                float dk = t[base + k] - z[base + k];
                d[base + k] = dk;
                sum += dk * dk;
            }
            headRowLoss[r] = (float) (sum / len);
        }
        float loss = batchMean(m);
        float g = (1f / m) / len;
        for (int i = 0, n = m * len; i < n; i++) d[i] = -(g * 2 * d[i]);
        return finishHead(Tensor.wrap(z, m, len), loss);
    }

    /**
     * The whole step's forward and backward for a softmax cross-entropy loss ({@link #fusesLoss}): the
     * layers, the softmax rows, each row's cross-entropy, their mean, and the logits' gradient
     * (1/batch per row, as the mean's backward pass gives it) down the stack, with no graph at all. Every
     * value is the graph's bit for bit (the same {@link Softmax} and {@link Reduce} kernels in the same
     * order; DenseStepTest compares them). Returns the loss; {@link #output} is then the model's output.
     */
    double crossEntropyStep(Tensor x, Tensor y) {
        forwardLayers(x);
        int m = rows, len = logits.shape().dim(1);
        growHead(m, len);
        float[] z = logits.floatData(), t = y.astype(DType.FLOAT32).floatData();
        float[] prob = new float[m * len];   // fresh: it becomes the output the metrics read
        Softmax.rows(z, m, len, prob, headShift, headLogSum);
        Softmax.crossEntropy(z, t, m, len, headShift, headLogSum, null, headRowLoss);
        float loss = batchMean(m);
        // d(sum / count)/d(row) = 1 / count, a float division as the mean's backward pass does it
        java.util.Arrays.fill(headRowGrad, 0, m, 1f / m);
        Softmax.crossEntropyBackward(headRowGrad, t, prob, m, len, headLogitsGrad);
        return finishHead(classifierOutput(z, prob, m, len), loss);
    }

    /**
     * {@link #crossEntropyStep} for class ids ({@link SparseCategoricalCrossentropy}), in the arithmetic of
     * its graph: the log-softmax row picked at each label, negated, their mean; backward, the label's
     * entry of each row gets −1/batch and the log-softmax's backward pass gives {@code g − p·Σg} (the sum
     * in double, of one non-zero term). The same {@link Softmax} and {@link Reduce} kernels, so the same bits.
     */
    double sparseCrossEntropyStep(Tensor x, Tensor y) {
        forwardLayers(x);
        int m = rows, len = logits.shape().dim(1);
        growHead(m, len);
        float[] z = logits.floatData();
        float[] prob = new float[m * len];   // fresh: it becomes the output the metrics read
        Softmax.rows(z, m, len, prob, headShift, headLogSum);
        double[] ids = y.toDoubleArray();
        // the mean's backward 1/count, negated at each row's label (0 + (−g) is −g: the gather's backward adds
        // into zeros); the log-softmax's backward then gives g_k − p_k·s per row, s the row's sum of g in
        // double, which with one non-zero term is −g exactly
        float g = -(1f / m);
        for (int r = 0; r < m; r++) {
            int base = r * len, label = (int) (float) ids[r];
            headRowLoss[r] = -(float) (z[base + label] - headShift[r] - headLogSum[r]);
            for (int k = 0; k < len; k++) headLogitsGrad[base + k] = (k == label ? g : 0f) - prob[base + k] * g;
        }
        return finishHead(classifierOutput(z, prob, m, len), batchMean(m));
    }

    /** The head's buffers grown to m rows of len (kept between steps). */
    private void growHead(int m, int len) {
        if (headRowLoss.length < m) {
            headRowLoss = new float[m];
            headRowGrad = new float[m];
            headShift = new double[m];
            headLogSum = new double[m];
        }
        if (headLogitsGrad.length < m * len) headLogitsGrad = new float[m * len];
    }

    /** The mean of the m row losses, as the loss's reduction computes it: a sum (in double), then a float division. */
    private float batchMean(int m) {
        Reduce.reduce(Reduce.Kind.SUM, headRowLoss, headSum, 1, m, 1);
        return headSum[0] / m;
    }

    /** What the graph's metrics would see: the softmax's probabilities, or the logits of a linear output. */
    private Tensor classifierOutput(float[] z, float[] prob, int m, int len) {
        ActivationFunction f = activations[layers.length - 1];
        return f == null || f == Activations.LINEAR ? Tensor.wrap(z, m, len) : Tensor.wrap(prob, m, len);
    }

    /** Ends a step whose loss ran here: {@code out} becomes the output, the logits' gradient goes down the stack. */
    private double finishHead(Tensor out, float loss) {
        output = out;
        lossSteps++;
        backward(headLogitsGrad);
        return loss;
    }

    Tensor output() { return output; }

    /**
     * The forward pass in training mode: the hidden layers into the kept buffers, the last layer's
     * pre-activation into a fresh leaf, and its activation on the graph. Returns the model's output.
     */
    Tensor forward(Tensor x0) {
        Tensor z = forwardLayers(x0);
        ActivationFunction f = activations[layers.length - 1];
        if (f == null || f == Activations.LINEAR) return z;
        // a graph node over the leaf (same storage), as the affine node would be: a softmax and a
        // cross-entropy of it then share their exponentials (they do so only on graph nodes)
        return f.apply(z.identity());
    }

    /** The layers up to the last one's pre-activation, which becomes {@link #logits} (a fresh leaf) and is returned. */
    private Tensor forwardLayers(Tensor x0) {
        // Keras's autocast, as Layer.call does: float64 data into the float32 layers
        Tensor x = x0.dtype() == DType.FLOAT32 ? x0 : x0.astype(DType.FLOAT32);
        int m = x.shape().dim(0);
        steps++;
        rows = m;
        input = x;
        float[] h = x.floatData();
        int in = inputs;
        int last = layers.length - 1;
        for (int l = 0; l < last; l++) {
            int units = kernels[l].shape().dim(1);
            if (hidden[l].length < m * units) {
                hidden[l] = new float[m * units];
                hiddenGrad[l] = new float[m * units];
            }
            Affine.forward(h, m, in, kernels[l].floatData(), biasData(l), units, hiddenKind(activations[l]), hidden[l]);
            h = hidden[l];
            in = units;
        }
        int units = kernels[last].shape().dim(1);
        float[] z = new float[m * units];
        Affine.forward(h, m, in, kernels[last].floatData(), biasData(last), units, null, z);
        logits = Tensor.wrap(z, m, units).requiresGrad(true);
        return logits;
    }

    /**
     * The backward pass after the loss's: from the last layer's pre-activation gradient down the stack,
     * every parameter's gradient set. Does nothing when the loss did not reach the output.
     */
    void backward() {
        Tensor gz = logits.grad();
        if (gz != null) backward(gz.floatData());
    }

    /** {@link #backward()} from the last layer's pre-activation gradient {@code g} (rows × units, read only). */
    private void backward(float[] g) {
        int m = rows;
        for (int l = layers.length - 1; l >= 0; l--) {
            int in = kernels[l].shape().dim(0), units = kernels[l].shape().dim(1);
            float[] x = l == 0 ? input.floatData() : hidden[l - 1];
            float[] out = l == layers.length - 1 ? logits.floatData() : hidden[l];
            Elementwise.Unary act = l == layers.length - 1 ? null : hiddenKind(activations[l]);
            float[] dx = l == 0 ? null : hiddenGrad[l - 1];
            // the gradient reaching a hidden layer is in its own buffer, so act' is applied there in place
            Affine.backward(x, m, in, kernels[l].floatData(), units, act, out, g, g,
                    kernelGrads[l].floatData(), biases[l] == null ? null : biasGrads[l].floatData(), dx);
            kernels[l].grad(kernelGrads[l]);
            if (biases[l] != null) biases[l].grad(biasGrads[l]);
            g = dx;
        }
        input = null;
        logits = null;
    }

    private float[] biasData(int l) { return biases[l] == null ? null : biases[l].floatData(); }
}
