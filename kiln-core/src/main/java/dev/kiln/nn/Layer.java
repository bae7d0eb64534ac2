package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The base of every layer: a named, shape-checked transformation with its own weights, built once from
 * the input shape (before any data arrives) and then called on batches.
 *
 * <p>Lifecycle: {@link #outputShape(Shape)} infers the output shape from the input shape alone (the batch
 * axis is {@code -1}); {@link #build(Shape, SplittableRandom)} creates the weights; {@link #call(Tensor,
 * boolean)} computes. A subclass implements {@link #computeOutputShape}, optionally {@link #buildWeights}
 * (creating weights with {@link #addWeight}) and {@link #forward}; the base class owns names, shape
 * checks, regularization losses, constraints and the activity regularizer.
 *
 * <pre>{@code
 * Layer dense = new Dense(3).activation("relu");
 * dense.build(Shape.of(-1, 4), new SplittableRandom(42));
 * Tensor y = dense.call(Tensor.ones(8, 4), true);   // shape (8, 3)
 * }</pre>
 *
 * Names are unique per class, as in Keras: the first Dense is {@code "dense"}, the next {@code "dense_1"}.
 */
public abstract class Layer {
    private static final Map<String, AtomicInteger> NAME_COUNTS = new ConcurrentHashMap<>();

    private String name;
    private Shape declaredInputShape;
    private Shape builtInputShape;
    private DType dtype = DType.FLOAT32;
    private boolean trainable = true;
    private Regularizer activityRegularizer;
    private Tensor lastActivityLoss;
    private final List<Weight> weights = new ArrayList<>();
    private List<Tensor> trainableView = List.of();
    private List<Tensor> nonTrainableView = List.of();

    /** One weight of the layer with its regularizer and constraint (either may be null). */
    private static final class Weight {
        final String name;
        final Tensor value;
        final boolean trainable;
        final Regularizer regularizer;
        final Constraint constraint;

        Weight(String name, Tensor value, boolean trainable, Regularizer regularizer, Constraint constraint) {
            this.name = name;
            this.value = value;
            this.trainable = trainable;
            this.regularizer = regularizer;
            this.constraint = constraint;
        }
    }

    /** Gives the layer its automatic Keras-style name. */
    protected Layer() {
        this.name = uniqueName(snakeCase(getClass().getSimpleName()));
    }

    // ------------------------------------------------------------------ names

    /** Keras's automatic name: the class name in snake_case, then {@code _1}, {@code _2}, … for later ones. */
    static String uniqueName(String base) {
        int n = NAME_COUNTS.computeIfAbsent(base, k -> new AtomicInteger()).getAndIncrement();
        return n == 0 ? base : base + "_" + n;
    }

    /** Restarts automatic naming (Keras's {@code clear_session}), so that the next Dense is "dense" again. */
    public static void resetNames() { NAME_COUNTS.clear(); }

    /** {@code BatchNormalization} → {@code batch_normalization}, as Keras's {@code to_snake_case}. */
    static String snakeCase(String className) {
        String s = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** This layer's name ({@code dense}, {@code dense_1}, … unless set). */
    public String name() { return name; }

    /** Renames this layer (no uniqueness check: the model checks names within itself). */
    public Layer name(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException(describe() + ": name must be a non-empty string");
        this.name = name;
        return this;
    }

    /** "Dense 'dense_1'": how errors name this layer. */
    protected String describe() { return getClass().getSimpleName() + " '" + name + "'"; }

    // ------------------------------------------------------------------ declared input shape and dtype

    /** The declared input shape including the batch axis ({@code -1}), or null if none was declared. */
    public Shape inputShape() { return declaredInputShape; }

    /** Declares the input shape without the batch axis (Keras's {@code input_shape}). */
    protected void declareInputShape(int... dims) {
        for (int d : dims) {
            if (d <= 0) throw new IllegalArgumentException(describe() + ": inputShape dimensions must be > 0, got " + Shape.of(dims));
        }
        declaredInputShape = Shape.of(dims).prepend(-1);
    }

    /** The element type of the weights this layer creates (float32 unless set before building). */
    public DType dtype() { return dtype; }

    /** Sets the weights' element type; float64 serves gradient checks. Must precede {@link #build}. */
    public Layer dtype(DType dtype) {
        if (built()) throw new IllegalStateException(describe() + ": dtype must be set before the layer is built");
        if (!dtype.isFloating()) throw new IllegalArgumentException(describe() + ": dtype must be float32 or float64, got " + dtype);
        this.dtype = dtype;
        return this;
    }

    /** Whether the optimizer updates this layer's weights (all move to {@link #nonTrainableWeights} when false). */
    public boolean trainable() { return trainable; }

    /** Freezes (false) or unfreezes the weights; a frozen BatchNormalization also runs in inference mode, as Keras 3. */
    public Layer trainable(boolean trainable) {
        this.trainable = trainable;
        refreshViews();
        return this;
    }

    /** Adds {@code regularizer(output) / batchSize} to the losses after every call (Keras 3 divides by the batch size). */
    public Layer activityRegularizer(Regularizer regularizer) {
        this.activityRegularizer = regularizer;
        return this;
    }

    /** The activity regularizer, or null. */
    public Regularizer activityRegularizer() { return activityRegularizer; }

    // ------------------------------------------------------------------ shapes and building

    /**
     * The output shape for an input shape (batch axis included, {@code -1} when unknown), computed without
     * data; throws IllegalArgumentException naming this layer and both shapes when the input does not fit.
     */
    public final Shape outputShape(Shape inputShape) {
        checkCompatible(inputShape);
        return computeOutputShape(inputShape);
    }

    /** The subclass's shape rule; the input has already passed the declared/built shape checks. */
    protected abstract Shape computeOutputShape(Shape inputShape);

    /** Creates the weights for this input shape; a second call with a compatible shape does nothing. */
    public final void build(Shape inputShape, SplittableRandom rng) {
        checkCompatible(inputShape);
        if (builtInputShape != null) return;
        computeOutputShape(inputShape);   // subclasses reject unusable shapes here, before any weight exists
        int before = weights.size();
        try {
            buildWeights(inputShape, rng);
        } catch (RuntimeException e) {   // a failed build leaves the layer unbuilt and without half its weights
            weights.subList(before, weights.size()).clear();
            refreshViews();
            throw e;
        }
        builtInputShape = inputShape;
    }

    /** Creates this layer's weights with {@link #addWeight}; the default creates none. */
    protected void buildWeights(Shape inputShape, SplittableRandom rng) {}

    /** Whether the weights exist. */
    public boolean built() { return builtInputShape != null; }

    /** The input shape the layer was built for, or null. */
    protected Shape builtInputShape() { return builtInputShape; }

    private void checkCompatible(Shape input) {
        if (input == null) throw new IllegalArgumentException(describe() + ": input shape is null");
        Shape expected = builtInputShape != null ? builtInputShape : declaredInputShape;
        if (expected != null && !compatible(expected, input)) {
            throw new IllegalArgumentException(describe() + ": expected input of shape " + star(expected) + ", received " + input);
        }
    }

    /** Same rank and equal dimensions where both are known (the batch axis is always free). */
    private static boolean compatible(Shape expected, Shape actual) {
        if (expected.rank() != actual.rank()) return false;
        for (int i = 1; i < expected.rank(); i++) {
            int e = expected.dim(i), a = actual.dim(i);
            if (e >= 0 && a >= 0 && e != a) return false;
        }
        return true;
    }

    /** (*, 20): the batch axis is printed as a star, as in the error messages of the issue. */
    static String star(Shape s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.rank(); i++) {
            if (i > 0) b.append(", ");
            int d = s.dim(i);
            b.append(i == 0 ? "*" : d < 0 ? "None" : Integer.toString(d));
        }
        if (s.rank() == 1) b.append(',');
        return b.append(')').toString();
    }

    /**
     * Creates a weight of this layer's dtype from an initializer; trainable weights require gradients.
     * Order of calls is the order of {@link #weights()} (trainable ones first).
     */
    protected final Tensor addWeight(String weightName, Shape shape, Initializer initializer, boolean trainableWeight,
                                     Regularizer regularizer, Constraint constraint, SplittableRandom rng) {
        Tensor t = initializer.initialize(shape, dtype, rng);
        if (!t.shape().equals(shape) || t.dtype() != dtype) {
            throw new IllegalStateException(describe() + ": initializer " + initializer + " returned " + t.dtype() + t.shape()
                    + " for weight '" + weightName + "' of " + dtype + shape);
        }
        if (trainableWeight) t.requiresGrad(true);
        weights.add(new Weight(weightName, t, trainableWeight, regularizer, constraint));
        refreshViews();
        return t;
    }

    private void refreshViews() {
        List<Tensor> tr = new ArrayList<>(), non = new ArrayList<>();
        for (Weight w : weights) (w.trainable && trainable ? tr : non).add(w.value);
        trainableView = Collections.unmodifiableList(tr);
        nonTrainableView = Collections.unmodifiableList(non);
    }

    // ------------------------------------------------------------------ calling

    /**
     * Applies the layer to a batch. Builds the layer first if needed (with an unseeded generator: seed the
     * model, or build explicitly, for reproducible weights). A floating input of another dtype is cast to the
     * layer's (Keras's autocast; the cast is differentiable). Throws IllegalArgumentException naming the layer
     * and both shapes when the input does not fit.
     */
    public final Tensor call(Tensor input, boolean training) {
        if (input == null) throw new IllegalArgumentException(describe() + ": input is null");
        checkCompatible(input.shape());
        if (builtInputShape == null) build(batchFree(input.shape()), new SplittableRandom());
        // Keras's autocast: floating inputs take the layer's dtype (float64 data into a float32 model stays float32)
        Tensor x = input.dtype() != dtype && input.dtype().isFloating() ? input.astype(dtype) : input;
        Tensor out = forward(x, training);
        if (activityRegularizer != null) {
            Tensor penalty = activityRegularizer.penalty(out);
            // Keras 3 (Layer.__call__) divides the activity penalty by the batch size of the output
            lastActivityLoss = out.rank() > 0 ? penalty.div((double) out.shape().dim(0)) : penalty;
        }
        return out;
    }

    /** Calls with {@code training = false}. */
    public final Tensor call(Tensor input) { return call(input, false); }

    private static Shape batchFree(Shape s) { return s.rank() == 0 ? s : s.with(0, -1); }

    /** The computation; {@code training} switches dropout and batch statistics. */
    protected abstract Tensor forward(Tensor input, boolean training);

    // ------------------------------------------------------------------ weights

    /** Weights the optimizer updates, in creation order. */
    public List<Tensor> trainableWeights() { return trainableView; }

    /** Weights updated otherwise (BatchNormalization's moving statistics), in creation order. */
    public List<Tensor> nonTrainableWeights() { return nonTrainableView; }

    /** Trainable weights first, then non-trainable ones (Keras's order for get/set weights). */
    public List<Tensor> weights() {
        List<Tensor> all = new ArrayList<>(trainableView);
        all.addAll(nonTrainableView);
        return all;
    }

    /** Names of {@link #weights()} in the same order, e.g. {@code ["kernel", "bias"]}. */
    public List<String> weightNames() {
        List<String> tr = new ArrayList<>(), non = new ArrayList<>();
        for (Weight w : weights) (w.trainable && trainable ? tr : non).add(w.name);
        tr.addAll(non);
        return tr;
    }

    /** Number of scalar weights (trainable and not). */
    public int countParams() {
        int n = 0;
        for (Weight w : weights) n += w.value.size();
        return n;
    }

    /**
     * The penalties to add to the training loss: each weight regularizer applied to its weight, then the
     * activity penalty of the last call; each a scalar in the graph.
     */
    public List<Tensor> regularizationLosses() {
        List<Tensor> out = new ArrayList<>();
        for (Weight w : weights) {
            if (w.regularizer != null && w.trainable && trainable) out.add(w.regularizer.penalty(w.value));
        }
        if (lastActivityLoss != null) out.add(lastActivityLoss);
        return out;
    }

    /** Projects every constrained weight in place; the trainer calls it after each optimizer step. */
    public void applyConstraints() {
        for (Weight w : weights) {
            if (w.constraint != null) w.constraint.apply(w.value);
        }
    }

    // ------------------------------------------------------------------ activation and config

    /** The name of the activation applied to this layer's output, or null if the layer has none. */
    public String activationName() { return null; }

    /**
     * This layer's settings as JSON-ready values (String, Number, Boolean, List, Map, null) under Keras's
     * keys, e.g. {@code {"name": "dense", "units": 3, "activation": "relu", ...}}; {@link
     * Layers#fromConfig} rebuilds the layer from it. Subclasses add their keys to the base's map.
     */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("trainable", trainable);
        c.put("dtype", dtype.pythonName());
        if (declaredInputShape != null) c.put("batch_shape", Config.shapeList(declaredInputShape));
        if (activityRegularizer != null) c.put("activity_regularizer", Regularizers.serialize(activityRegularizer));
        return c;
    }

    /** Restores the base settings written by {@link #config()}; used by {@link Layers#fromConfig}. */
    protected void applyBaseConfig(Map<String, Object> c) {
        if (c.get("name") != null) name((String) c.get("name"));
        if (c.get("trainable") != null) trainable((Boolean) c.get("trainable"));
        if (c.get("dtype") != null) dtype("float64".equals(c.get("dtype")) ? DType.FLOAT64 : DType.FLOAT32);
        if (c.get("batch_shape") != null) {
            int[] s = Config.ints(c.get("batch_shape"));
            declareInputShape(java.util.Arrays.copyOfRange(s, 1, s.length));
        }
        if (c.get("activity_regularizer") != null) activityRegularizer(Regularizers.deserialize(c.get("activity_regularizer")));
    }

    @Override
    public String toString() { return describe(); }
}
