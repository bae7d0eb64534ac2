package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The loss catalogue by name ({@link #get}) and the function forms of every loss, which return the
 * unreduced (per-sample) values: no weights, masks or reduction, as Keras's {@code keras.losses.*} functions.
 *
 * <pre>{@code
 * Tensor perSample = Losses.binaryCrossentropy(yTrue, logits, true);   // fromLogits
 * Loss loss = Losses.get("sparse_categorical_crossentropy");
 * }</pre>
 */
public final class Losses {
    private Losses() {}

    /** Keras's {@code backend.epsilon()}: the clip bound of probabilities and the guard of divisions. */
    public static final double EPSILON = 1e-7;

    /**
     * A loss of a registered class under a registered name: a new instance of {@code className} (through
     * one switch), renamed to {@code name} unless null. One small class for every entry, where a lambda
     * per entry would cost a generated class each at startup.
     */
    private static final class Factory implements Supplier<Loss> {
        private final String className;
        private final String name;

        Factory(String className, String name) {
            this.className = className;
            this.name = name;
        }

        @Override
        public Loss get() {
            Loss loss = create(className);
            return name == null ? loss : loss.name(name);
        }
    }

    private static final Map<String, Factory> REGISTRY = new LinkedHashMap<>();
    private static final Map<String, Factory> EXTENSIONS = new LinkedHashMap<>();

    static {
        keras("MeanSquaredError", "mean_squared_error", "mse", "MSE");
        keras("MeanAbsoluteError", "mean_absolute_error", "mae", "MAE");
        keras("MeanAbsolutePercentageError", "mean_absolute_percentage_error", "mape", "MAPE");
        keras("MeanSquaredLogarithmicError", "mean_squared_logarithmic_error", "msle", "MSLE");
        keras("CosineSimilarity", "cosine_similarity");
        keras("Huber", "huber");
        keras("LogCosh", "log_cosh");
        keras("KLDivergence", "kl_divergence", "kld", "KLD");
        keras("Poisson", "poisson");
        keras("Hinge", "hinge");
        keras("SquaredHinge", "squared_hinge");
        keras("CategoricalHinge", "categorical_hinge");
        keras("BinaryCrossentropy", "binary_crossentropy", "bce", "BCE");
        keras("BinaryFocalCrossentropy", "binary_focal_crossentropy");
        keras("CategoricalCrossentropy", "categorical_crossentropy");
        keras("CategoricalFocalCrossentropy", "categorical_focal_crossentropy");
        keras("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy");
        keras("Dice", "dice");
        keras("Tversky", "tversky");
        keras("Circle", "circle");
        keras("CTC", "ctc");
        // extensions: public in Keras but missing from its registry, and the Keras 2 / tf.keras names
        extension("CategoricalGeneralizedCrossEntropy", "CategoricalGeneralizedCrossEntropy", null);
        extension("categorical_generalized_cross_entropy", "CategoricalGeneralizedCrossEntropy", "categorical_generalized_cross_entropy");
        extension("kullback_leibler_divergence", "KLDivergence", "kullback_leibler_divergence");
        extension("logcosh", "LogCosh", "logcosh");
        extension("huber_loss", "Huber", null);
        extension("cosine_proximity", "CosineSimilarity", "cosine_proximity");
    }

    private static void keras(String className, String functionName, String... abbreviations) {
        REGISTRY.put(className, new Factory(className, null));
        REGISTRY.put(functionName, new Factory(className, functionName));
        for (String a : abbreviations) REGISTRY.put(a, new Factory(className, a));
    }

    private static void extension(String name, String className, String rename) { EXTENSIONS.put(name, new Factory(className, rename)); }

    private static Loss create(String className) {
        switch (className) {
            case "MeanSquaredError": return new MeanSquaredError();
            case "MeanAbsoluteError": return new MeanAbsoluteError();
            case "MeanAbsolutePercentageError": return new MeanAbsolutePercentageError();
            case "MeanSquaredLogarithmicError": return new MeanSquaredLogarithmicError();
            case "CosineSimilarity": return new CosineSimilarity();
            case "Huber": return new Huber();
            case "LogCosh": return new LogCosh();
            case "KLDivergence": return new KLDivergence();
            case "Poisson": return new Poisson();
            case "Hinge": return new Hinge();
            case "SquaredHinge": return new SquaredHinge();
            case "CategoricalHinge": return new CategoricalHinge();
            case "BinaryCrossentropy": return new BinaryCrossentropy();
            case "BinaryFocalCrossentropy": return new BinaryFocalCrossentropy();
            case "CategoricalCrossentropy": return new CategoricalCrossentropy();
            case "CategoricalFocalCrossentropy": return new CategoricalFocalCrossentropy();
            case "SparseCategoricalCrossentropy": return new SparseCategoricalCrossentropy();
            case "Dice": return new Dice();
            case "Tversky": return new Tversky();
            case "Circle": return new Circle();
            case "CTC": return new CTC();
            case "CategoricalGeneralizedCrossEntropy": return new CategoricalGeneralizedCrossEntropy();
            default: throw new IllegalStateException("Losses: no factory for registered class " + className);
        }
    }

    /** The factory of a loss class by its Keras class name, or null. */
    static Supplier<Loss> classFactory(String className) {
        if (className.isEmpty() || !Character.isUpperCase(className.charAt(0))) return null;
        Factory make = REGISTRY.get(className);
        return make != null ? make : EXTENSIONS.get(className);
    }

    static List<String> classNames() {
        List<String> out = new ArrayList<>();
        for (String n : names()) if (classFactory(n) != null) out.add(n);
        return out;
    }

    /**
     * Keras's {@code from_config}: a loss of the given class name configured from {@code get_config()}-style
     * keys ({@code name}, {@code reduction}, {@code from_logits}, {@code label_smoothing}, {@code axis}, …);
     * the inverse of {@link Loss#config()}. Unknown classes or keys throw an {@link IllegalArgumentException}.
     */
    public static Loss fromConfig(String className, Map<String, Object> config) { return LossConfig.build(className, config); }

    /**
     * A new loss with default arguments for a Keras identifier: a class name ({@code "BinaryCrossentropy"}),
     * a function name ({@code "binary_crossentropy"}) or an abbreviation ({@code "bce"}, {@code "mse"}, …),
     * case-sensitive as in Keras. Also accepted (extensions to Keras 3's {@code get}): the Keras 2 names
     * {@code kullback_leibler_divergence}, {@code logcosh}, {@code huber_loss}, {@code cosine_proximity};
     * {@code CategoricalGeneralizedCrossEntropy} / {@code categorical_generalized_cross_entropy}; and
     * {@code "crossentropy"} / {@code "ce"} (any case), resolved from the batch shapes as Keras's compile does.
     * null gives null (no loss). An unknown name throws an {@link IllegalArgumentException} listing the
     * closest valid names.
     */
    public static Loss get(String name) {
        if (name == null) return null;
        Factory make = REGISTRY.get(name);
        if (make == null) make = EXTENSIONS.get(name);
        if (make != null) return make.get();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("crossentropy") || lower.equals("ce")) return new AnyCrossentropy(name);
        if (name.equals("Loss") || name.equals("LossFunctionWrapper")) {
            throw new IllegalArgumentException("Could not interpret loss identifier: '" + name + "' is a base class, not a loss; "
                    + "subclass Loss and override call(yTrue, yPred), or wrap a function with Loss.of((yTrue, yPred) -> ...)");
        }
        throw new IllegalArgumentException("Could not interpret loss identifier: '" + name + "'. Did you mean "
                + String.join(", ", closest(name, 3)) + "? (names are case-sensitive, as in Keras)");
    }

    /** Every name {@link #get} accepts: Keras 3's identifiers, then the extensions. */
    public static Set<String> names() {
        Set<String> all = new java.util.LinkedHashSet<>(REGISTRY.keySet());
        all.addAll(EXTENSIONS.keySet());
        all.add("crossentropy");
        all.add("ce");
        return Collections.unmodifiableSet(all);
    }

    /** Keras 3's own {@code get} identifiers (without this library's extensions). */
    public static Set<String> kerasNames() { return Collections.unmodifiableSet(REGISTRY.keySet()); }

    /** The valid names nearest to {@code name} by edit distance (ignoring case first, then exactly). */
    static List<String> closest(String name, int count) {
        List<String> candidates = new ArrayList<>(names());
        String lower = name.toLowerCase(Locale.ROOT);
        candidates.sort(Comparator.<String>comparingInt(c -> editDistance(lower, c.toLowerCase(Locale.ROOT)))
                .thenComparingInt(c -> editDistance(name, c)));
        List<String> out = new ArrayList<>();
        for (String c : candidates.subList(0, Math.min(count, candidates.size()))) out.add("'" + c + "'");
        return out;
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ================================================================== function forms (unreduced)

    /** The labels in the prediction's dtype, as Keras's function forms convert them (ids stay exact). */
    private static Tensor like(Tensor yTrue, Tensor yPred) {
        return yPred.dtype().isFloating() ? yTrue.astype(yPred.dtype()) : yTrue;
    }

    /** {@code mean((t − p)², axis=-1)}; ranks aligned first. */
    public static Tensor meanSquaredError(Tensor yTrue, Tensor yPred) { return MeanSquaredError.compute(like(yTrue, yPred), yPred); }

    /** {@code mean(|t − p|, axis=-1)}; ranks aligned first. */
    public static Tensor meanAbsoluteError(Tensor yTrue, Tensor yPred) { return MeanAbsoluteError.compute(like(yTrue, yPred), yPred); }

    /** {@code 100·mean(|(t − p) / max(|t|, ε)|, axis=-1)}; ranks aligned first. */
    public static Tensor meanAbsolutePercentageError(Tensor yTrue, Tensor yPred) { return MeanAbsolutePercentageError.compute(like(yTrue, yPred), yPred); }

    /** {@code mean((log(max(p, ε) + 1) − log(max(t, ε) + 1))², axis=-1)}; ranks aligned first. */
    public static Tensor meanSquaredLogarithmicError(Tensor yTrue, Tensor yPred) { return MeanSquaredLogarithmicError.compute(like(yTrue, yPred), yPred); }

    /** {@code −Σ(t̂·p̂, axis=-1)} of L2-normalized inputs. */
    public static Tensor cosineSimilarity(Tensor yTrue, Tensor yPred) { return CosineSimilarity.compute(like(yTrue, yPred), yPred, -1); }

    /** {@code −Σ(t̂·p̂, axis)} of inputs L2-normalized along {@code axis}. */
    public static Tensor cosineSimilarity(Tensor yTrue, Tensor yPred, int axis) { return CosineSimilarity.compute(like(yTrue, yPred), yPred, axis); }

    /** Huber loss with δ = 1.0. */
    public static Tensor huber(Tensor yTrue, Tensor yPred) { return Huber.compute(like(yTrue, yPred), yPred, 1.0); }

    /** Huber loss: {@code mean(0.5·e² if |e| ≤ δ else δ·|e| − 0.5·δ², axis=-1)}. */
    public static Tensor huber(Tensor yTrue, Tensor yPred, double delta) { return Huber.compute(like(yTrue, yPred), yPred, delta); }

    /** {@code mean(log cosh(p − t), axis=-1)}. */
    public static Tensor logCosh(Tensor yTrue, Tensor yPred) { return LogCosh.compute(like(yTrue, yPred), yPred); }

    /** {@code Σ(t'·log(t'/p'), axis=-1)}, t' and p' clipped to [ε, 1]. */
    public static Tensor klDivergence(Tensor yTrue, Tensor yPred) { return KLDivergence.compute(like(yTrue, yPred), yPred); }

    /** {@code mean(p − t·log(p + ε), axis=-1)}. */
    public static Tensor poisson(Tensor yTrue, Tensor yPred) { return Poisson.compute(like(yTrue, yPred), yPred); }

    /** {@code mean(max(1 − t·p, 0), axis=-1)}; all-{0,1} labels become ±1. */
    public static Tensor hinge(Tensor yTrue, Tensor yPred) { return Hinge.compute(like(yTrue, yPred), yPred); }

    /** {@code mean(max(1 − t·p, 0)², axis=-1)}; all-{0,1} labels become ±1. */
    public static Tensor squaredHinge(Tensor yTrue, Tensor yPred) { return SquaredHinge.compute(like(yTrue, yPred), yPred); }

    /** {@code max(max((1 − t)·p) − Σ t·p + 1, 0)} over the last axis. */
    public static Tensor categoricalHinge(Tensor yTrue, Tensor yPred) { return CategoricalHinge.compute(like(yTrue, yPred), yPred); }

    /** Binary cross-entropy of probabilities, mean over the last axis. */
    public static Tensor binaryCrossentropy(Tensor yTrue, Tensor yPred) { return BinaryCrossentropy.compute(like(yTrue, yPred), yPred, false, 0, -1); }

    public static Tensor binaryCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits) {
        return BinaryCrossentropy.compute(like(yTrue, yPred), yPred, fromLogits, 0, -1);
    }

    public static Tensor binaryCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing) {
        return BinaryCrossentropy.compute(like(yTrue, yPred), yPred, fromLogits, labelSmoothing, -1);
    }

    /** Binary cross-entropy, mean over {@code axis}; see {@link BinaryCrossentropy}. */
    public static Tensor binaryCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing, int axis) {
        return BinaryCrossentropy.compute(like(yTrue, yPred), yPred, fromLogits, labelSmoothing, axis);
    }

    /** Binary focal cross-entropy with Keras's defaults (γ = 2, no class balancing). */
    public static Tensor binaryFocalCrossentropy(Tensor yTrue, Tensor yPred) {
        return BinaryFocalCrossentropy.compute(like(yTrue, yPred), yPred, false, 0.25, 2.0, false, 0, -1);
    }

    /** Binary focal cross-entropy, Keras's argument order; see {@link BinaryFocalCrossentropy}. */
    public static Tensor binaryFocalCrossentropy(Tensor yTrue, Tensor yPred, boolean applyClassBalancing, double alpha, double gamma,
                                                 boolean fromLogits, double labelSmoothing, int axis) {
        return BinaryFocalCrossentropy.compute(like(yTrue, yPred), yPred, applyClassBalancing, alpha, gamma, fromLogits, labelSmoothing, axis);
    }

    /** Categorical cross-entropy of probabilities over the last axis. */
    public static Tensor categoricalCrossentropy(Tensor yTrue, Tensor yPred) { return CategoricalCrossentropy.compute(like(yTrue, yPred), yPred, false, 0, -1); }

    public static Tensor categoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits) {
        return CategoricalCrossentropy.compute(like(yTrue, yPred), yPred, fromLogits, 0, -1);
    }

    public static Tensor categoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing) {
        return CategoricalCrossentropy.compute(like(yTrue, yPred), yPred, fromLogits, labelSmoothing, -1);
    }

    /** Categorical cross-entropy over {@code axis}; see {@link CategoricalCrossentropy}. */
    public static Tensor categoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing, int axis) {
        return CategoricalCrossentropy.compute(like(yTrue, yPred), yPred, fromLogits, labelSmoothing, axis);
    }

    /** Categorical focal cross-entropy with Keras's defaults (α = 0.25, γ = 2). */
    public static Tensor categoricalFocalCrossentropy(Tensor yTrue, Tensor yPred) {
        return CategoricalFocalCrossentropy.compute(like(yTrue, yPred), yPred, new double[] {0.25}, 2.0, false, 0, -1);
    }

    /** Categorical focal cross-entropy, Keras's argument order; see {@link CategoricalFocalCrossentropy}. */
    public static Tensor categoricalFocalCrossentropy(Tensor yTrue, Tensor yPred, double alpha, double gamma, boolean fromLogits,
                                                      double labelSmoothing, int axis) {
        return CategoricalFocalCrossentropy.compute(like(yTrue, yPred), yPred, new double[] {alpha}, gamma, fromLogits, labelSmoothing, axis);
    }

    /** Categorical focal cross-entropy with one α per class (along the last axis). */
    public static Tensor categoricalFocalCrossentropy(Tensor yTrue, Tensor yPred, double[] alpha, double gamma, boolean fromLogits,
                                                      double labelSmoothing, int axis) {
        return CategoricalFocalCrossentropy.compute(like(yTrue, yPred), yPred, alpha.clone(), gamma, fromLogits, labelSmoothing, axis);
    }

    /** Sparse categorical cross-entropy of probabilities; labels are class ids. */
    public static Tensor sparseCategoricalCrossentropy(Tensor yTrue, Tensor yPred) {
        return SparseCategoricalCrossentropy.compute(like(yTrue, yPred), yPred, false, null, -1);
    }

    public static Tensor sparseCategoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits) {
        return SparseCategoricalCrossentropy.compute(like(yTrue, yPred), yPred, fromLogits, null, -1);
    }

    /** Sparse categorical cross-entropy; ignored positions give 0 and the result carries their mask. */
    public static Tensor sparseCategoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, Integer ignoreClass, int axis) {
        return SparseCategoricalCrossentropy.compute(like(yTrue, yPred), yPred, fromLogits, ignoreClass, axis);
    }

    /** {@code (1 − p[t]^q) / q} for class ids t (Keras's function has no default q). */
    public static Tensor categoricalGeneralizedCrossEntropy(Tensor yTrue, Tensor yPred, double q) {
        if (!(q > 0 && q < 1)) throw new IllegalArgumentException("categorical_generalized_cross_entropy: q must be in the interval (0, 1), got " + q);
        return CategoricalGeneralizedCrossEntropy.compute(like(yTrue, yPred), yPred, q);
    }

    /** Dice loss over all axes: one scalar. */
    public static Tensor dice(Tensor yTrue, Tensor yPred) { return Dice.compute(like(yTrue, yPred), yPred, null); }

    /** Dice loss summed over {@code axis} (null: all). */
    public static Tensor dice(Tensor yTrue, Tensor yPred, int... axis) { return Dice.compute(like(yTrue, yPred), yPred, axis); }

    /** Tversky loss with α = β = 0.5 over all axes. */
    public static Tensor tversky(Tensor yTrue, Tensor yPred) { return Tversky.compute(like(yTrue, yPred), yPred, 0.5, 0.5, null); }

    /** Tversky loss: α weighs false positives, β false negatives; sums over {@code axis} (none given: all). */
    public static Tensor tversky(Tensor yTrue, Tensor yPred, double alpha, double beta, int... axis) {
        return Tversky.compute(like(yTrue, yPred), yPred, alpha, beta, axis == null || axis.length == 0 ? null : axis);
    }

    /** Circle loss with the batch as reference set and Keras's defaults (γ = 80, m = 0.4). */
    public static Tensor circle(Tensor yTrue, Tensor yPred) { return Circle.compute(like(yTrue, yPred), yPred, null, null, true, 80.0, 0.4); }

    /** Circle loss against a reference set (null: the batch itself). */
    public static Tensor circle(Tensor yTrue, Tensor yPred, Tensor refLabels, Tensor refEmbeddings, boolean removeDiagonal,
                                double gamma, double margin) {
        return Circle.compute(like(yTrue, yPred), yPred, refLabels, refEmbeddings, removeDiagonal, gamma, margin);
    }

    /** CTC negative log-likelihood per sample; labels (B, L) padded with the blank 0, logits (B, T, K). */
    public static Tensor ctc(Tensor yTrue, Tensor yPred) { return CTC.compute(like(yTrue, yPred), yPred); }
}
