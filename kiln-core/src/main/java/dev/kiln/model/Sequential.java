package dev.kiln.model;

import dev.kiln.data.Batch;
import dev.kiln.data.BatchSource;
import dev.kiln.data.Batches;
import dev.kiln.losses.Loss;
import dev.kiln.losses.LossFunction;
import dev.kiln.metrics.Metric;
import dev.kiln.nn.Layer;
import dev.kiln.optim.Optimizer;
import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stack of layers trained with Keras's workflow: {@code add}, {@code compile}, {@code fit},
 * {@code evaluate}, {@code predict}, {@code summary}, {@code save}/{@link #load}.
 *
 * <pre>{@code
 * Sequential model = new Sequential().seed(42);
 * model.add(new Dense(50).inputDim(2).activation("relu").kernelInitializer("he_uniform"));
 * model.add(new Dense(3).activation("softmax"));
 * model.compile(new SGD(0.01).momentum(0.9), "categorical_crossentropy", "accuracy");
 * History history = model.fit(trainX, trainY, Fit.epochs(100).validationData(testX, testY).verbose(0));
 * Evaluation e = model.evaluate(testX, testY);   // e.loss(), e.get("accuracy")
 * }</pre>
 *
 * <p>Shapes are inferred as layers are added, so a wrong stack fails at {@code add} naming the layer and
 * both shapes. Weights are created at {@code compile} (or at the first data when no input shape was
 * declared) from the model's seed: {@link #seed(long)} before compiling makes weights, shuffling and
 * dropout reproducible bit for bit. Without a seed a random one is drawn, as Keras is unseeded.
 */
public class Sequential {
    private static final Map<String, AtomicInteger> NAMES = new ConcurrentHashMap<>();

    private final List<Layer> layers = new ArrayList<>();
    private String name;
    private Shape inputShape;
    private long seed = new SplittableRandom().nextLong();
    private Compiled compiled;
    private Trainer trainer;
    private boolean stopTraining;

    /** An empty model named {@code "sequential"} (then {@code "sequential_1"}, …), with a random seed. */
    public Sequential() {
        int n = NAMES.computeIfAbsent("sequential", k -> new AtomicInteger()).getAndIncrement();
        this.name = n == 0 ? "sequential" : "sequential_" + n;
    }

    /** A model with these layers, added in order. */
    public Sequential(Layer... layers) {
        this();
        for (Layer l : layers) add(l);
    }

    // ================================================================== structure

    /**
     * Appends a layer; when the input shape is known, the layer's output shape is inferred now, so a layer
     * that cannot take the previous output fails here with both shapes.
     */
    public Sequential add(Layer layer) {
        if (layer == null) throw new IllegalArgumentException(describe() + ".add: layer is null");
        for (Layer l : layers) {
            if (l == layer) throw new IllegalArgumentException(describe() + ".add: " + layer + " is already in the model");
            if (l.name().equals(layer.name())) {
                throw new IllegalArgumentException(describe() + ".add: a layer named '" + layer.name()
                        + "' is already in the model; layer names must be unique (rename it with name(...))");
            }
        }
        Shape in = layers.isEmpty() ? layer.inputShape() : inputShape;
        if (in != null) {
            Shape s = in;
            for (Layer l : layers) s = l.outputShape(s);
            layer.outputShape(s);
        }
        layers.add(layer);
        if (layers.size() == 1) inputShape = layer.inputShape();
        return this;
    }

    /** The layers, in order (read-only). */
    public List<Layer> layers() { return Collections.unmodifiableList(layers); }

    /** The training loops (null before compile); for tests in this package. */
    Trainer trainer() { return trainer; }

    /** The layer with this name. */
    public Layer layer(String layerName) {
        for (Layer l : layers) if (l.name().equals(layerName)) return l;
        List<String> names = new ArrayList<>();
        for (Layer l : layers) names.add(l.name());
        throw new IllegalArgumentException(describe() + ": no layer named '" + layerName + "'; layers: " + names);
    }

    /** The model's name, shown by {@link #summary()}. */
    public String name() { return name; }

    /** Renames the model. */
    public Sequential name(String newName) {
        if (newName == null || newName.isEmpty()) throw new IllegalArgumentException("Sequential.name: name must be non-empty");
        this.name = newName;
        return this;
    }

    String describe() { return "Sequential '" + name + "'"; }

    /** The input shape with the batch axis as −1, or null while unknown. */
    public Shape inputShape() { return inputShape; }

    /** The output shape with the batch axis as −1, or null while the input shape is unknown. */
    public Shape outputShape() {
        if (inputShape == null) return null;
        Shape s = inputShape;
        for (Layer l : layers) s = l.outputShape(s);
        return s;
    }

    /** The element type of the weights (the first layer's), which inputs are converted to. */
    public DType dtype() { return layers.isEmpty() ? DType.FLOAT32 : layers.get(0).dtype(); }

    /** The activation of the output: the last layer that has one (null if none), for the loss's diagnostics. */
    public String outputActivation() {
        for (int i = layers.size() - 1; i >= 0; i--) {
            String a = layers.get(i).activationName();
            if (a != null) return a;
        }
        return null;
    }

    /**
     * Seeds weight initialization, shuffling and dropout; call it before {@code compile} (weights are
     * created there). Two runs with the same seed, data and settings give bit-identical weights.
     */
    public Sequential seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The seed in use (drawn at random unless {@link #seed(long)} set one). */
    public long seed() { return seed; }

    /** The seed of the epochs' row orders, in the range {@link Batches} takes. */
    long shuffleSeed() { return new SplittableRandom(seed ^ 0x5DEECE66DL).nextLong() & 0xFFFFFFFFL; }

    /** Whether every layer has its weights. */
    public boolean built() {
        if (layers.isEmpty()) return false;
        for (Layer l : layers) if (!l.built()) return false;
        return true;
    }

    /** Creates the weights (from the seed) if they do not exist yet; the input shape must be known. */
    public Sequential build() {
        if (layers.isEmpty()) throw new IllegalStateException(describe() + ": the model has no layers; add some first");
        if (inputShape == null) {
            throw new IllegalStateException(describe() + ": the input shape is unknown; declare it on the first layer"
                    + " (e.g. new Dense(8).inputDim(4)) or fit/predict some data first");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Shape s = inputShape;
        for (Layer l : layers) {
            l.build(s, rng.split());
            s = l.outputShape(s);
        }
        return this;
    }

    /** Takes the input shape from data when none was declared: every layer's shape is checked before any is built. */
    void adoptInputShape(String op, Tensor x) {
        if (x == null) throw new IllegalArgumentException(op + ": x must not be null");
        if (layers.isEmpty()) throw new IllegalStateException(describe() + "." + op + ": the model has no layers");
        if (inputShape == null) {
            if (x.rank() == 0) throw new IllegalArgumentException(op + ": x must have a batch axis, got a scalar");
            Shape s = x.shape().with(0, -1);
            Shape t = s;
            for (Layer l : layers) t = l.outputShape(t);
            inputShape = s;
        }
        if (!built()) build();
    }

    // ================================================================== compile

    /** Compiles with an optimizer, a loss name (Keras's identifiers) and metrics (names or {@link Metric}s). */
    public Sequential compile(Optimizer optimizer, String loss, Object... metrics) { return compileWith(optimizer, loss, metrics); }

    /** Compiles with a loss object (e.g. {@code new BinaryCrossentropy().fromLogits(true)}). */
    public Sequential compile(Optimizer optimizer, Loss loss, Object... metrics) { return compileWith(optimizer, loss, metrics); }

    /** Compiles with a loss function, e.g. {@code (yTrue, yPred) -> yPred.sub(yTrue).square().sum(-1)}. */
    public Sequential compile(Optimizer optimizer, LossFunction loss, Object... metrics) { return compileWith(optimizer, loss, metrics); }

    /** Compiles with an optimizer by name ({@code "adam"}, {@code "sgd"}, … with Keras's defaults). */
    public Sequential compile(String optimizer, String loss, Object... metrics) { return compileWith(optimizer, loss, metrics); }

    /** Compiles with an optimizer by name and a loss object. */
    public Sequential compile(String optimizer, Loss loss, Object... metrics) { return compileWith(optimizer, loss, metrics); }

    /** Compiles with an optimizer by name and a loss function. */
    public Sequential compile(String optimizer, LossFunction loss, Object... metrics) { return compileWith(optimizer, loss, metrics); }

    private Sequential compileWith(Object optimizer, Object loss, Object[] metrics) {
        Optimizer opt = Compiled.optimizer(optimizer);
        Loss l = Compiled.loss(loss);
        List<Object> specs = Compiled.metricSpecs(metrics);
        setCompiled(new Compiled(opt, l, loss instanceof String s ? s : null, specs));
        if (inputShape != null && !layers.isEmpty()) build();
        return this;
    }

    void setCompiled(Compiled c) {
        this.compiled = c;
        this.trainer = new Trainer(this, c);
    }

    Compiled compiledState() { return compiled; }

    /** Whether {@code compile} was called. */
    public boolean isCompiled() { return compiled != null; }

    /** The compiled optimizer. */
    public Optimizer optimizer() { return requireCompiled("optimizer").compiled.optimizer; }

    /** The compiled loss. */
    public Loss loss() { return requireCompiled("loss").compiled.loss; }

    /** The compiled metrics, once resolved by the first fit or evaluate (empty before). */
    public List<Metric> metrics() { return compiled == null ? List.of() : compiled.metrics(); }

    private Sequential requireCompiled(String op) {
        if (compiled == null) {
            throw new IllegalStateException(describe() + "." + op + ": the model must be compiled first: call compile(optimizer, loss, metrics...)");
        }
        return this;
    }

    // ================================================================== fit

    /** Trains one epoch with every default. */
    public History fit(Tensor x, Tensor y) { return fit(x, y, Fit.defaults()); }

    /**
     * Trains on (x, y) with these settings and returns the per-epoch history. Everything is checked
     * before the first step (compiled, shapes, rows, weights, the loss's diagnostics on a first batch),
     * so a mistake throws with the model untouched.
     */
    public History fit(Tensor x, Tensor y, Fit fit) {
        if (fit == null) throw new IllegalArgumentException("fit: settings must not be null (use Fit.epochs(n))");
        requireCompiled("fit");
        if (fit.sampleWeight != null && fit.classWeight != null) {
            throw new IllegalArgumentException("fit: give classWeight or sampleWeight, not both");
        }
        adoptInputShape("fit", x);
        Tensor xs = Inputs.features(this, "fit", x);
        int n = Inputs.rows(xs);
        Tensor ys = Inputs.labels(this, "fit", y, n);
        Tensor sw = Inputs.sampleWeights(this, "fit", fit.sampleWeight, n);
        Trainer.Validation val = null;
        if (fit.validationSource != null) {
            val = sourceValidation(fit.validationSource);
        } else if (fit.validationX != null) {
            val = validation(fit, fit.validationX, fit.validationY, fit.validationSampleWeight);
        } else if (fit.validationSplit > 0) {
            int splitAt = (int) Math.floor(n * (1.0 - fit.validationSplit));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("fit: " + n + " samples cannot be split into training and validation sets"
                        + " with validationSplit=" + fit.validationSplit + "; give more data or another split");
            }
            val = new Trainer.Validation(xs.slice(splitAt, n), ys.slice(splitAt, n), sw == null ? null : sw.slice(splitAt, n),
                    validationBatchSize(fit));
            xs = xs.slice(0, splitAt);
            ys = ys.slice(0, splitAt);
            sw = sw == null ? null : sw.slice(0, splitAt);
        }
        if (fit.classWeight != null) sw = Inputs.classWeights("fit", fit.classWeight, ys, dtype());
        trainer.preflight("training data", xs, ys, sw, fit.out, fit.verbose);
        if (val != null) preflightValidation(val, fit);
        Batches batches = Batches.of(xs, ys, sw, fit.batchSize, fit.shuffle, shuffleSeed());
        return trainer.fit(batches, fit, val, false);
    }

    /**
     * Trains on batches drawn from a source (e.g. an augmenting generator), epoch after epoch; batch size
     * and shuffling are the source's. Validation needs {@link Fit#validationData} (no split).
     */
    public History fit(BatchSource source, Fit fit) {
        if (source == null) throw new IllegalArgumentException("fit: source must not be null");
        if (fit == null) throw new IllegalArgumentException("fit: settings must not be null (use Fit.epochs(n))");
        requireCompiled("fit");
        if (fit.validationSplit > 0) throw new IllegalArgumentException("fit: validationSplit needs arrays; with a BatchSource give validationData");
        if (fit.sampleWeight != null) throw new IllegalArgumentException("fit: with a BatchSource, sample weights come with the batches");
        if (source.batchesPerEpoch() <= 0) throw new IllegalArgumentException("fit: the source yields " + source.batchesPerEpoch() + " batches per epoch");
        Iterator<Batch> it = source.epoch(fit.initialEpoch);
        if (!it.hasNext()) throw new IllegalArgumentException("fit: the source's epoch " + fit.initialEpoch + " has no batches");
        Batch first = it.next();
        adoptInputShape("fit", first.x());
        Tensor xs = Inputs.features(this, "fit", first.x());
        int n = Inputs.rows(xs);
        Tensor ys = Inputs.labels(this, "fit", first.y(), n);
        Tensor sw = Inputs.sampleWeights(this, "fit", first.sampleWeight(), n);
        if (fit.classWeight != null) sw = Inputs.classWeights("fit", fit.classWeight, ys, dtype());
        Trainer.Validation val = fit.validationSource != null ? sourceValidation(fit.validationSource)
                : fit.validationX == null ? null : validation(fit, fit.validationX, fit.validationY, fit.validationSampleWeight);
        trainer.preflight("training data", xs, ys, sw, fit.out, fit.verbose);
        if (val != null) preflightValidation(val, fit);
        return trainer.fit(source, fit, val, fit.classWeight != null);
    }

    /** A validation source after checking that it yields batches; its first batch is checked like arrays. */
    private static Trainer.Validation sourceValidation(BatchSource source) {
        if (source.batchesPerEpoch() <= 0) {
            throw new IllegalArgumentException("fit (validationData): the source yields " + source.batchesPerEpoch() + " batches per epoch");
        }
        return Trainer.Validation.of(source);
    }

    private void preflightValidation(Trainer.Validation val, Fit fit) {
        if (val.source() == null) {
            trainer.preflight("validation data", val.x(), val.y(), val.sampleWeight(), fit.out, fit.verbose);
            return;
        }
        Batch first = firstBatch("fit (validationData)", val.source());
        Tensor vx = Inputs.features(this, "fit (validationData)", first.x());
        int vn = Inputs.rows(vx);
        trainer.preflight("validation data", vx, Inputs.labels(this, "fit (validationData)", first.y(), vn),
                Inputs.sampleWeights(this, "fit (validationData)", first.sampleWeight(), vn), fit.out, fit.verbose);
    }

    private static Batch firstBatch(String what, BatchSource source) {
        Iterator<Batch> it = source.epoch(0);
        if (!it.hasNext()) throw new IllegalArgumentException(what + ": the source's epoch 0 has no batches");
        return it.next();
    }

    private Trainer.Validation validation(Fit fit, Tensor x, Tensor y, Tensor w) {
        Tensor vx = Inputs.features(this, "fit (validationData)", x);
        int vn = Inputs.rows(vx);
        return new Trainer.Validation(vx, Inputs.labels(this, "fit (validationData)", y, vn),
                Inputs.sampleWeights(this, "fit (validationData)", w, vn), validationBatchSize(fit));
    }

    private int validationBatchSize(Fit fit) {
        if (fit.validationBatchSize != null) return fit.validationBatchSize;
        return trainer.batchIndependent() ? Math.max(fit.batchSize, Fit.VALIDATION_CHUNK) : fit.batchSize;
    }

    /** Sets the flag that ends {@code fit} after the current batch (callbacks use it). */
    public void stopTraining(boolean stop) { this.stopTraining = stop; }

    /** Whether a callback asked {@code fit} to stop. */
    public boolean stopTraining() { return stopTraining; }

    // ================================================================== evaluate, predict, single batches

    /** Loss and metrics over (x, y), in batches of 32, silently. */
    public Evaluation evaluate(Tensor x, Tensor y) { return evaluate(x, y, null, Fit.DEFAULT_BATCH_SIZE, 0); }

    /** Loss and metrics over (x, y) in batches of {@code batchSize}, silently. */
    public Evaluation evaluate(Tensor x, Tensor y, int batchSize) { return evaluate(x, y, null, batchSize, 0); }

    /**
     * Loss (penalties included) and metrics over (x, y) with optional sample weights, in batches of
     * {@code batchSize}; verbose 1 draws a progress bar. Keras's means: each batch weighs by its rows.
     */
    public Evaluation evaluate(Tensor x, Tensor y, Tensor sampleWeight, int batchSize, int verbose) {
        requireCompiled("evaluate");
        if (batchSize <= 0) throw new IllegalArgumentException("evaluate: batchSize (" + batchSize + ") must be > 0");
        if (verbose < 0 || verbose > 2) throw new IllegalArgumentException("evaluate: verbose (" + verbose + ") must be 0, 1 or 2");
        adoptInputShape("evaluate", x);
        Tensor xs = Inputs.features(this, "evaluate", x);
        int n = Inputs.rows(xs);
        Tensor ys = Inputs.labels(this, "evaluate", y, n);
        Tensor sw = Inputs.sampleWeights(this, "evaluate", sampleWeight, n);
        trainer.preflight("evaluate", xs, ys, sw, System.out, verbose);
        ProgressBar bar = verbose == 0 ? null : new ProgressBar(System.out, verbose, verbose == 1 && ProgressBar.isTerminal());
        return new Evaluation(trainer.evaluate(xs, ys, sw, batchSize, bar));
    }

    /**
     * Loss (penalties included) and metrics over one pass of a source's batches (epoch 0 of the source, e.g.
     * an image generator's flow), silently; Keras's {@code model.evaluate(generator)}.
     *
     * <pre>{@code
     * Evaluation e = model.evaluate(gen.flow(xTest, yTest, 100, false, 1));
     * }</pre>
     */
    public Evaluation evaluate(BatchSource source) { return evaluate(source, 0); }

    /** As {@link #evaluate(BatchSource)}; verbose 1 draws a progress bar. */
    public Evaluation evaluate(BatchSource source, int verbose) {
        if (source == null) throw new IllegalArgumentException("evaluate: source must not be null");
        requireCompiled("evaluate");
        if (verbose < 0 || verbose > 2) throw new IllegalArgumentException("evaluate: verbose (" + verbose + ") must be 0, 1 or 2");
        Batch first = firstBatch("evaluate", source);
        adoptInputShape("evaluate", first.x());
        Tensor xs = Inputs.features(this, "evaluate", first.x());
        int n = Inputs.rows(xs);
        trainer.preflight("evaluate", xs, Inputs.labels(this, "evaluate", first.y(), n),
                Inputs.sampleWeights(this, "evaluate", first.sampleWeight(), n), System.out, verbose);
        ProgressBar bar = verbose == 0 ? null : new ProgressBar(System.out, verbose, verbose == 1 && ProgressBar.isTerminal());
        return new Evaluation(trainer.evaluate(source, 0, bar));
    }

    /** The model's outputs for x, in batches of 32, in inference mode and without a gradient graph. */
    public Tensor predict(Tensor x) { return predict(x, Fit.DEFAULT_BATCH_SIZE); }

    /** The outputs for x in batches of {@code batchSize}, without a gradient graph. */
    public Tensor predict(Tensor x, int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("predict: batchSize (" + batchSize + ") must be > 0");
        adoptInputShape("predict", x);
        Tensor xs = Inputs.features(this, "predict", x);
        return new Trainer(this, compiled).predict(xs, batchSize);
    }

    /** One gradient step on one batch; returns that batch's loss and metrics (Keras's train_on_batch). */
    public Evaluation trainOnBatch(Tensor x, Tensor y) { return trainOnBatch(x, y, null); }

    /** One gradient step on one weighted batch (sampleWeight nullable); returns its loss and metrics. */
    public Evaluation trainOnBatch(Tensor x, Tensor y, Tensor sampleWeight) {
        Batch b = trainingBatch("trainOnBatch", x, y, sampleWeight);
        trainer.resetStates();
        trainer.trainStep(b.x(), b.y(), b.sampleWeight());
        return new Evaluation(trainer.logs());
    }

    /**
     * One batch checked and converted for a training call ({@code what} names it in errors): the model
     * compiled and built, features, labels and weights in their training dtypes and shapes, the loss and
     * metrics resolved on its first rows, the trainable parameters current.
     */
    private Batch trainingBatch(String what, Tensor x, Tensor y, Tensor sampleWeight) {
        requireCompiled(what);
        adoptInputShape(what, x);
        Tensor xs = Inputs.features(this, what, x);
        int n = Inputs.rows(xs);
        Tensor ys = Inputs.labels(this, what, y, n);
        Tensor sw = Inputs.sampleWeights(this, what, sampleWeight, n);
        if (!compiled.metricsResolved()) trainer.preflight(what, xs, ys, sw, System.out, 1);
        trainer.refreshParameters();
        return new Batch(xs, ys, sw);
    }

    /**
     * The loss of one batch and the gradients of every trainable weight, without changing the weights:
     * the forward pass in training mode, the compiled loss plus regularization penalties, and the backward
     * pass, which leaves each trainable weight's gradient in its {@link Tensor#grad()} (earlier gradients
     * cleared first, as PyTorch's {@code optimizer.zero_grad(); loss.backward()}). Metrics, the optimizer
     * and its state are not touched. For custom training loops, gradient accumulation and inspection.
     *
     * <pre>{@code
     * double loss = model.computeGradients(xBatch, yBatch);
     * Tensor g = model.trainableWeights().get(0).grad();   // d loss / d first kernel
     * }</pre>
     */
    public double computeGradients(Tensor x, Tensor y) { return computeGradients(x, y, null); }

    /** {@link #computeGradients(Tensor, Tensor)} with sample weights (nullable). */
    public double computeGradients(Tensor x, Tensor y, Tensor sampleWeight) {
        Batch b = trainingBatch("computeGradients", x, y, sampleWeight);
        return trainer.gradients(b.x(), b.y(), b.sampleWeight());
    }

    /** Loss and metrics of one batch without training (Keras's test_on_batch). */
    public Evaluation testOnBatch(Tensor x, Tensor y) {
        requireCompiled("testOnBatch");
        adoptInputShape("testOnBatch", x);
        Tensor xs = Inputs.features(this, "testOnBatch", x);
        Tensor ys = Inputs.labels(this, "testOnBatch", y, Inputs.rows(xs));
        if (!compiled.metricsResolved()) trainer.preflight("testOnBatch", xs, ys, null, System.out, 1);
        trainer.resetStates();
        trainer.testStep(xs, ys, null);
        return new Evaluation(trainer.logs());
    }

    /** Runs the layers in order (training switches dropout and batch statistics); builds from x if needed. */
    public Tensor call(Tensor x, boolean training) {
        Tensor h = x;
        for (int i = 0, n = layers.size(); i < n; i++) h = layers.get(i).call(h, training);
        return h;
    }

    /** The loss plus every layer's regularization penalties (Keras reports and minimizes this sum). */
    Tensor addPenalties(Tensor loss) {
        Tensor total = loss;
        for (int i = 0, n = layers.size(); i < n; i++) {
            List<Tensor> penalties = layers.get(i).regularizationLosses();
            for (int j = 0; j < penalties.size(); j++) total = total.add(penalties.get(j));
        }
        return total;
    }

    void applyConstraints() {
        for (int i = 0, n = layers.size(); i < n; i++) layers.get(i).applyConstraints();
    }

    // ================================================================== weights

    /** The weights the optimizer updates, layer by layer (live tensors). */
    public List<Tensor> trainableWeights() {
        List<Tensor> out = new ArrayList<>();
        for (Layer l : layers) out.addAll(l.trainableWeights());
        return out;
    }

    /** The weights the optimizer leaves alone (e.g. moving statistics), layer by layer (live tensors). */
    public List<Tensor> nonTrainableWeights() {
        List<Tensor> out = new ArrayList<>();
        for (Layer l : layers) out.addAll(l.nonTrainableWeights());
        return out;
    }

    /** Every weight, layer by layer, each layer's trainable ones first (live tensors). */
    public List<Tensor> weights() {
        List<Tensor> out = new ArrayList<>();
        for (Layer l : layers) out.addAll(l.weights());
        return out;
    }

    /** Copies of every weight, in {@link #weights()} order (Keras's get_weights). */
    public List<Tensor> getWeights() {
        List<Tensor> out = new ArrayList<>();
        for (Tensor w : weights()) out.add(Tensor.fromFlat(w.toDoubleArray(), w.dtype(), w.shape().toArray()));
        return out;
    }

    /**
     * Copies values into the weights, in {@link #getWeights()} order; the count and every shape are checked
     * before anything is written.
     */
    public void setWeights(List<Tensor> values) {
        List<Tensor> ws = weights();
        if (values == null || values.size() != ws.size()) {
            throw new IllegalArgumentException(describe() + ".setWeights: expected " + ws.size() + " arrays, got " + (values == null ? "null" : values.size()));
        }
        for (int i = 0; i < ws.size(); i++) {
            Tensor v = values.get(i);
            if (v == null || !v.shape().equals(ws.get(i).shape())) {
                throw new IllegalArgumentException(describe() + ".setWeights: array " + i + " has shape " + (v == null ? "null" : v.shape())
                        + ", the weight has " + ws.get(i).shape());
            }
        }
        for (int i = 0; i < ws.size(); i++) ws.get(i).assign(values.get(i));
    }

    /** Number of scalar weights. */
    public int countParams() {
        int n = 0;
        for (Layer l : layers) n += l.countParams();
        return n;
    }

    // ================================================================== summary, save, load

    /** Prints Keras's summary table (layer, output shape, parameters; totals) and returns it. */
    public String summary() {
        String s = Summary.of(this);
        System.out.print(s);
        return s;
    }

    /**
     * Writes the whole model — architecture, weights, compile settings, optimizer state — to a zip file
     * of Kiln's own format, atomically (a temporary file renamed over the target).
     */
    public void save(Path file) { ModelArchive.save(this, file); }

    /** Reads a model written by {@link #save}; it predicts identically and resumes training where it was. */
    public static Sequential load(Path file) { return ModelArchive.load(file, Map.of()); }

    /**
     * Reads a model whose loss or metrics were custom objects, which a file cannot hold: give them by the
     * name the file records (a {@link Loss} or {@link LossFunction} for the loss, a {@link Metric} for a
     * metric), as Keras's {@code custom_objects}.
     */
    public static Sequential load(Path file, Map<String, ?> customObjects) { return ModelArchive.load(file, customObjects); }

    @Override
    public String toString() { return describe() + layers; }
}
