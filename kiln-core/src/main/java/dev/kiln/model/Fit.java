package dev.kiln.model;

import dev.kiln.data.BatchSource;
import dev.kiln.tensor.Tensor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of one {@link Sequential#fit} call, Keras's keyword arguments as a fluent builder.
 * Defaults are Keras's: 1 epoch, batch size {@value #DEFAULT_BATCH_SIZE}, shuffle on, verbose 1, no
 * validation. Each setter checks its argument at once (IllegalArgumentException naming it), so a bad
 * setting never reaches the model.
 *
 * <pre>{@code
 * History h = model.fit(x, y, Fit.epochs(100).batchSize(32).validationData(testX, testY).verbose(0));
 * model.fit(x, y, Fit.epochs(20).validationSplit(0.2).callbacks(new EarlyStopping().patience(3)));
 * }</pre>
 */
public final class Fit {
    /** Keras's default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /**
     * Rows per chunk when a mean-reduced loss is evaluated for validation: for such losses the value does
     * not depend on how the rows are batched, so larger chunks only save time.
     */
    static final int VALIDATION_CHUNK = 1024;

    int epochs = 1;
    int batchSize = DEFAULT_BATCH_SIZE;
    Integer validationBatchSize;
    Tensor validationX;
    Tensor validationY;
    Tensor validationSampleWeight;
    BatchSource validationSource;
    double validationSplit;
    boolean shuffle = true;
    Map<Integer, Double> classWeight;
    Tensor sampleWeight;
    int initialEpoch;
    final List<Callback> callbacks = new ArrayList<>();
    int verbose = 1;
    PrintStream out = System.out;

    private Fit() {}

    /** Settings with every default (one epoch). */
    public static Fit defaults() { return new Fit(); }

    /** Settings for {@code epochs} epochs (the index after the last epoch, counted from 0, as Keras). */
    public static Fit epochs(int epochs) { return new Fit().setEpochs(epochs); }

    private Fit setEpochs(int e) {
        if (e < 0) throw new IllegalArgumentException("Fit.epochs: epochs (" + e + ") must be >= 0");
        this.epochs = e;
        return this;
    }

    /** Samples per gradient step (default {@value #DEFAULT_BATCH_SIZE}); must be > 0. */
    public Fit batchSize(int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("Fit.batchSize: batchSize (" + batchSize + ") must be > 0");
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Samples per batch when evaluating the validation data (default: the batch size, or chunks of
     * 1024 rows when the loss is a mean, whose value does not depend on the batching).
     */
    public Fit validationBatchSize(int size) {
        if (size <= 0) throw new IllegalArgumentException("Fit.validationBatchSize: size (" + size + ") must be > 0");
        this.validationBatchSize = size;
        return this;
    }

    /** Data evaluated after each epoch, reported as {@code val_loss} and {@code val_<metric>}; wins over a split. */
    public Fit validationData(Tensor x, Tensor y) { return validationData(x, y, null); }

    /** Validation data with per-sample weights (nullable). */
    public Fit validationData(Tensor x, Tensor y, Tensor sampleWeight) {
        if (x == null || y == null) throw new IllegalArgumentException("Fit.validationData: x and y must not be null");
        this.validationX = x;
        this.validationY = y;
        this.validationSampleWeight = sampleWeight;
        this.validationSource = null;
        return this;
    }

    /**
     * Validation batches drawn from a source after each epoch (Keras's {@code validation_data=generator}),
     * e.g. the validation subset of an {@code ImageDataGenerator} flow; the source's batches are evaluated
     * as they come (epoch {@code e} of training evaluates the source's epoch {@code e}). Replaces validation
     * arrays given before; wins over a split.
     *
     * <pre>{@code
     * ImageDataGenerator gen = new ImageDataGenerator().rotationRange(20).validationSplit(0.2);
     * model.fit(gen.flow(x, y, 100, true, 1, "training", false),
     *         Fit.epochs(10).validationData(gen.flow(x, y, 100, false, 1, "validation", false)));
     * }</pre>
     */
    public Fit validationData(BatchSource source) {
        if (source == null) throw new IllegalArgumentException("Fit.validationData: source must not be null");
        this.validationSource = source;
        this.validationX = null;
        this.validationY = null;
        this.validationSampleWeight = null;
        return this;
    }

    /**
     * The fraction of the data, taken from the end before any shuffling (as Keras), held out for
     * validation: the first {@code floor(n·(1 − split))} rows train. Must be in [0, 1).
     */
    public Fit validationSplit(double split) {
        if (!(split >= 0 && split < 1)) {
            throw new IllegalArgumentException("Fit.validationSplit: validationSplit (" + split + ") must be in [0, 1)");
        }
        this.validationSplit = split;
        return this;
    }

    /** Whether to visit the rows in a new seeded order each epoch (default true). */
    public Fit shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /**
     * Weights of the loss per class index (Keras's {@code class_weight}): a sample's weight is the weight of
     * its class (argmax of one-hot labels, else the integer label). Not together with {@link #sampleWeight}.
     */
    public Fit classWeight(Map<Integer, Double> classWeight) {
        if (classWeight == null || classWeight.isEmpty()) throw new IllegalArgumentException("Fit.classWeight: must name at least one class");
        for (Map.Entry<Integer, Double> e : classWeight.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("Fit.classWeight: entry " + e + " must map a class index to a finite weight");
            }
        }
        this.classWeight = new LinkedHashMap<>(classWeight);
        return this;
    }

    /** One loss weight per training sample, shape (n,). Not together with {@link #classWeight}. */
    public Fit sampleWeight(Tensor sampleWeight) {
        this.sampleWeight = sampleWeight;
        return this;
    }

    /** The epoch to start from (to resume training); the history counts epochs from here. */
    public Fit initialEpoch(int initialEpoch) {
        if (initialEpoch < 0) throw new IllegalArgumentException("Fit.initialEpoch: initialEpoch (" + initialEpoch + ") must be >= 0");
        this.initialEpoch = initialEpoch;
        return this;
    }

    /** Callbacks called at the start and end of training, epochs and batches, in this order. */
    public Fit callbacks(Callback... callbacks) {
        for (Callback c : callbacks) {
            if (c == null) throw new IllegalArgumentException("Fit.callbacks: callback " + Arrays.asList(callbacks).indexOf(null) + " is null");
        }
        this.callbacks.addAll(Arrays.asList(callbacks));
        return this;
    }

    /** 0 = silent, 1 = a progress bar per epoch (default), 2 = one line per epoch. */
    public Fit verbose(int verbose) {
        if (verbose < 0 || verbose > 2) throw new IllegalArgumentException("Fit.verbose: verbose (" + verbose + ") must be 0, 1 or 2");
        this.verbose = verbose;
        return this;
    }

    /** Where progress and diagnostics go (default System.out). */
    public Fit printTo(PrintStream out) {
        if (out == null) throw new IllegalArgumentException("Fit.printTo: stream must not be null");
        this.out = out;
        return this;
    }
}
