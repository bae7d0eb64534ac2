package dev.kiln.model;

import dev.kiln.kernel.Affine;
import dev.kiln.kernel.Elementwise;
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

    /**
     * The forward pass in training mode: the hidden layers into the kept buffers, the last layer's
     * pre-activation into a fresh leaf, and its activation on the graph. Returns the model's output.
     */
    Tensor forward(Tensor x0) {
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
        ActivationFunction f = activations[last];
        if (f == null || f == Activations.LINEAR) return logits;
        // a graph node over the leaf (same storage), as the affine node would be: a softmax and a
        // cross-entropy of it then share their exponentials (they do so only on graph nodes)
        return f.apply(logits.identity());
    }

    /**
     * The backward pass after the loss's: from the last layer's pre-activation gradient down the stack,
     * every parameter's gradient set. Does nothing when the loss did not reach the output.
     */
    void backward() {
        Tensor gz = logits.grad();
        if (gz == null) return;
        int m = rows;
        float[] g = gz.floatData();
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
