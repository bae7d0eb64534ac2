package dev.kiln.losses;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A loss: a per-sample function {@link #call} plus the one shared reduction of {@link #apply} (sample
 * weights, masks, {@link Reduction}), as Keras's {@code Loss} base class.
 *
 * <p>{@code apply(t, p, w)} converts both inputs to the compute dtype (float32, or float64 when the
 * prediction is float64, or the {@link #dtype(DType)} set), computes {@code v = call(t, p)}, folds the
 * prediction's mask ({@link Tensor#withMask}) and the mask of {@code v} into the weights (rescaled by
 * {@code total/valid} for the mean reductions), multiplies {@code v·w} after rank alignment and reduces.
 * Default reduction: {@link Reduction#SUM_OVER_BATCH_SIZE}.
 *
 * <pre>{@code
 * Loss bce = new BinaryCrossentropy().fromLogits(true).reduction(Reduction.SUM);
 * Tensor value = bce.apply(yTrue, logits);                 // a scalar
 * Loss custom = Loss.of((t, p) -> p.sub(t).abs().mean(-1)); // a lambda, differentiated automatically
 * }</pre>
 * A subclass overrides {@link #call} only; the base class does the weighting and the reduction.
 */
public abstract class Loss {
    private Reduction reduction = Reduction.SUM_OVER_BATCH_SIZE;
    private String name;
    private DType dtype;

    /** A loss named after its class in snake_case ({@code MyFocalLoss} → {@code my_focal_loss}). */
    protected Loss() { this.name = snakeCase(getClass().getSimpleName()); }

    /** A loss with the given default name. */
    protected Loss(String name) { this.name = requireName(name); }

    /**
     * The unreduced loss values of a batch (per sample, per element or already a scalar); subclasses
     * implement it with tensor operations, which makes it differentiable.
     */
    public abstract Tensor call(Tensor yTrue, Tensor yPred);

    /** The reduced loss (Keras's {@code loss(y_true, y_pred)}). */
    public Tensor apply(Tensor yTrue, Tensor yPred) { return apply(yTrue, yPred, null); }

    /**
     * The reduced loss with optional sample weights (null: none): a scalar unless the reduction is
     * {@link Reduction#NONE}. Weights of shape {@code (B,)} or {@code (B,1)} weight samples; weights of
     * the values' shape weight elements (e.g. time steps).
     */
    public Tensor apply(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Objects.requireNonNull(yTrue, "yTrue");
        Objects.requireNonNull(yPred, "yPred");
        requireNotEmpty(yTrue, yPred);
        Tensor inMask = yPred.mask();
        DType dt = computeDtype(yPred.dtype());
        Tensor values = call(yTrue.astype(dt), yPred.astype(dt));
        if (values == null) throw new IllegalStateException(name + ": call returned null; it must return the loss values");
        Tensor outMask = values.mask();
        Tensor mask = inMask == null ? outMask : outMask == null ? inMask : inMask.notEqual(0.0).mul(outMask.notEqual(0.0));
        return reduceWeighted(values, sampleWeight, mask, dt);
    }

    /** §2.2 steps 4–6 of the spec: masks folded into the weights, weighting, then the reduction. */
    private Tensor reduceWeighted(Tensor values0, Tensor sampleWeight, Tensor mask, DType dt) {
        Tensor values = values0.astype(dt);
        Tensor weight = sampleWeight == null ? null : sampleWeight.astype(dt);
        boolean meanLike = reduction == Reduction.SUM_OVER_BATCH_SIZE || reduction == Reduction.MEAN;
        if (mask != null) {
            Tensor fmask = mask.notEqual(0.0).astype(dt);
            if (meanLike) {
                // valid entries weigh total/valid, so that the mean below is taken over valid entries only
                double total = fmask.size(), valid = fmask.sum().item();
                double ratio = valid == 0 ? 0 : dt == DType.FLOAT32 ? (double) ((float) total / (float) valid) : total / valid;
                fmask = fmask.mul(ratio);
            }
            if (weight != null) {
                Tensor[] a = Ranks.align(fmask, weight);
                weight = multiply(a[1], a[0], "sample_weight", "mask");
            } else {
                weight = fmask;
            }
        }
        if (weight != null) {
            Tensor[] a = Ranks.align(values, weight);
            values = multiply(a[0], a[1], "loss values", "sample_weight");
            weight = a[1];
        }
        int rank = values.rank();
        if (reduction == Reduction.NONE || rank == 0 || (rank == 1 && values.shape().dim(0) == 0)) return values;
        Tensor sum = values.sum();
        switch (reduction) {
            case SUM:
                return sum;
            case MEAN_WITH_SAMPLE_WEIGHT:
                if (weight != null) return divideNoNan(sum, weight.sum());
                return divideByCount(sum, values.size(), dt);
            default:
                return divideByCount(sum, values.size(), dt);
        }
    }

    /** divide_no_nan by a count known here: one division (the same arithmetic), or 0 for no entries. */
    private static Tensor divideByCount(Tensor sum, int count, DType dt) {
        return count == 0 ? divideNoNan(sum, Tensor.scalar(0, dt)) : sum.div(Tensor.scalar(count, dt));
    }

    private Tensor multiply(Tensor a, Tensor b, String aName, String bName) {
        try {
            return a.mul(b);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + bName + " of shape " + b.shape() + " cannot weight " + aName
                    + " of shape " + a.shape() + "; give one weight per sample, shape (B,) or (B, 1), or one per element", e);
        }
    }

    /** x / y, and 0 where y is 0 (Keras's {@code divide_no_nan}). */
    static Tensor divideNoNan(Tensor x, Tensor y) {
        Tensor zero = y.equal(0.0);
        return Tensor.where(zero, Tensor.zerosLike(x), x.div(Tensor.where(zero, Tensor.onesLike(y), y)));
    }

    /** float32 by default, as Keras's floatx; float64 predictions compute in float64. */
    private DType computeDtype(DType predDtype) {
        if (dtype != null) return dtype;
        return predDtype == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
    }

    /** y_true's values, each finite (else the error that names the position); NaN labels would make NaN losses silently. */
    private double[] finiteLabels(Tensor yTrue) {
        double[] t = yTrue.toDoubleArray();
        for (int i = 0; i < t.length; i++) {
            if (!Double.isFinite(t[i])) {
                throw new IllegalArgumentException(name + ": y_true contains " + t[i] + " at flat position " + i
                        + "; labels must be finite (clean the data or drop these samples)");
            }
        }
        return t;
    }

    private void requireNotEmpty(Tensor yTrue, Tensor yPred) {
        if (yPred.size() == 0 || yTrue.size() == 0) {
            throw new IllegalArgumentException(name + ": empty batch (y_true shape " + yTrue.shape() + ", y_pred shape "
                    + yPred.shape() + "); a loss needs at least one sample");
        }
    }

    // ------------------------------------------------------------------ configuration

    public Reduction reduction() { return reduction; }

    /** Sets the reduction; returns this loss, configured. */
    public Loss reduction(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction (use Reduction.NONE for no reduction)");
        return this;
    }

    public String name() { return name; }

    /** Sets the name (shown in logs and histories); returns this loss. */
    public Loss name(String name) {
        this.name = requireName(name);
        return this;
    }

    /** The compute dtype set with {@link #dtype(DType)}, or null: float32, float64 for float64 predictions. */
    public DType dtype() { return dtype; }

    /** Fixes the compute dtype both inputs are converted to (null: automatic); returns this loss. */
    public Loss dtype(DType dtype) {
        if (dtype != null && !dtype.isFloating()) throw new IllegalArgumentException(name + ": dtype must be float32 or float64, got " + dtype);
        this.dtype = dtype;
        return this;
    }

    /** Keras's {@code get_config()}: name, reduction and the loss's own arguments (Keras's keys). */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("reduction", reduction.kerasName());
        addConfig(c);
        return c;
    }

    /** Adds this loss's own arguments to {@link #config()}. */
    protected void addConfig(Map<String, Object> config) {}

    // ------------------------------------------------------------------ custom losses

    /** Wraps a function of tensors (e.g. a lambda) as a loss named {@code custom_loss}. */
    public static Loss of(LossFunction fn) { return of("custom_loss", fn); }

    /**
     * Wraps a function of tensors as a loss, as Keras's {@code LossFunctionWrapper}: the ranks of the labels
     * and predictions are aligned first ({@code (N,)} against {@code (N,1)}), then {@code fn} gives the
     * per-sample values, reduced by {@link #apply}.
     */
    public static Loss of(String name, LossFunction fn) { return new LossFunctionWrapper(name, fn); }

    // ------------------------------------------------------------------ diagnostics

    /**
     * The checks of a whole dataset's labels that one batch's {@link #check} cannot make, so that training
     * stops before its first step instead of at a later batch: every label finite, and whatever this loss
     * requires of their values (a sparse cross-entropy: class ids in range). {@code predShape} is the shape
     * of the model's predictions for all of {@code yTrue}'s rows, {@code computeDtype} the dtype the
     * predictions have (labels are cast to it, as {@link #apply} does). Throws
     * {@link IllegalArgumentException}, as the loss itself would at that batch.
     *
     * <pre>{@code
     * loss.checkLabels(yTrain, Shape.of(60000, 10), DType.FLOAT32);   // before fit's first step
     * }</pre>
     */
    public final void checkLabels(Tensor yTrue, Shape predShape, DType computeDtype) {
        Objects.requireNonNull(yTrue, "yTrue");
        Objects.requireNonNull(predShape, "predShape");
        double[] t = finiteLabels(yTrue);
        if (computeDtype(computeDtype) == DType.FLOAT32) {
            for (int i = 0; i < t.length; i++) t[i] = (float) t[i];
        }
        checkLabelValues(yTrue, t, predShape);
    }

    /**
     * The value checks of {@link #checkLabels} particular to this loss, on {@code yTrue}'s values already
     * cast ({@code labels}); none by default.
     */
    void checkLabelValues(Tensor yTrue, double[] labels, Shape predShape) {
    }

    /**
     * Looks for the mistakes that make a model train on garbage: labels that do not suit this loss, a
     * prediction range that does not suit {@code outputActivation} (e.g. {@code "softmax"}, {@code "sigmoid"},
     * null or {@code "linear"} for none), shapes that would only match by accidental broadcasting, NaN or
     * Inf labels, an empty batch. Errors throw an {@link IllegalArgumentException} that says how to fix
     * them; everything else comes back as warnings (empty if all is well).
     */
    public final List<String> check(Tensor yTrue, Tensor yPred, String outputActivation) {
        Objects.requireNonNull(yTrue, "yTrue");
        Objects.requireNonNull(yPred, "yPred");
        requireNotEmpty(yTrue, yPred);
        finiteLabels(yTrue);
        List<String> warnings = new ArrayList<>();
        double[] p = yPred.toDoubleArray();
        for (int i = 0; i < p.length; i++) {
            if (!Double.isFinite(p[i])) {
                warnings.add(name + ": y_pred contains " + p[i] + " at flat position " + i + " (the model already diverges:"
                        + " check the inputs' scale and the learning rate)");
                break;
            }
        }
        String activation = outputActivation == null ? "linear" : outputActivation.toLowerCase(Locale.ROOT);
        checkInputs(new LossChecks(this, yTrue, yPred, activation, warnings));
        return List.copyOf(warnings);
    }

    /**
     * The checks of one loss (the built-ins override it); throws for errors, adds warnings to
     * {@code checks}. The default accepts any input.
     */
    void checkInputs(LossChecks checks) {}

    @Override
    public String toString() { return getClass().getSimpleName() + config(); }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("loss name must be a non-empty string, got " + (name == null ? "null" : "'" + name + "'"));
        return name;
    }

    /** {@code MyFocalLoss} → {@code my_focal_loss}, as Keras names a loss without an explicit name. */
    static String snakeCase(String className) {
        if (className.isEmpty()) return "loss";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < className.length(); i++) {
            char c = className.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean prevLower = i > 0 && !Character.isUpperCase(className.charAt(i - 1));
                boolean nextLower = i + 1 < className.length() && Character.isLowerCase(className.charAt(i + 1));
                if (i > 0 && (prevLower || nextLower)) b.append('_');
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
