package dev.kiln.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metric registry, as Keras's {@code keras.metrics.get}: an exact, case-sensitive lookup of class
 * names, their snake_case forms and the abbreviations {@code mse/MSE}, {@code mae/MAE}. Each call
 * returns a new metric with default arguments. {@code "accuracy"} here is the plain {@link Accuracy};
 * a model's {@code compile} resolves {@code "accuracy"}/{@code "acc"} from the output shape instead, and
 * also accepts every loss name (loss-valued metrics live above this package, next to the losses).
 *
 * <pre>{@code
 * Metric m = Metrics.get("binary_accuracy");
 * Metrics.get("AUC").name();   // "auc"
 * }</pre>
 */
public final class Metrics {
    /** Identifier → class name: a map of strings and one switch, not a lambda per entry (each costs a generated class at startup). */
    private static final Map<String, String> REGISTRY = new LinkedHashMap<>();

    static {
        register("Accuracy", "accuracy");
        register("BinaryAccuracy", "binary_accuracy");
        register("CategoricalAccuracy", "categorical_accuracy");
        register("SparseCategoricalAccuracy", "sparse_categorical_accuracy");
        register("TopKCategoricalAccuracy", "top_k_categorical_accuracy");
        register("SparseTopKCategoricalAccuracy", "sparse_top_k_categorical_accuracy");
        register("MeanSquaredError", "mean_squared_error", "mse", "MSE");
        register("MeanAbsoluteError", "mean_absolute_error", "mae", "MAE");
        register("RootMeanSquaredError", "root_mean_squared_error");
        register("AUC", "auc");
        register("Precision", "precision");
        register("Recall", "recall");
        register("Mean", "mean");
        register("Keras2BinaryAccuracy", "keras2_binary_accuracy");
        register("SignAccuracy", "sign_accuracy");
    }

    private Metrics() {}

    /** The class under its own name and its aliases. */
    private static void register(String className, String... aliases) {
        REGISTRY.put(className, className);
        for (String a : aliases) REGISTRY.put(a, className);
    }

    private static Metric create(String className) {
        switch (className) {
            case "Accuracy": return new Accuracy();
            case "BinaryAccuracy": return new BinaryAccuracy();
            case "CategoricalAccuracy": return new CategoricalAccuracy();
            case "SparseCategoricalAccuracy": return new SparseCategoricalAccuracy();
            case "TopKCategoricalAccuracy": return new TopKCategoricalAccuracy();
            case "SparseTopKCategoricalAccuracy": return new SparseTopKCategoricalAccuracy();
            case "MeanSquaredError": return new MeanSquaredError();
            case "MeanAbsoluteError": return new MeanAbsoluteError();
            case "RootMeanSquaredError": return new RootMeanSquaredError();
            case "AUC": return new AUC();
            case "Precision": return new Precision();
            case "Recall": return new Recall();
            case "Mean": return new Mean();
            case "Keras2BinaryAccuracy": return new Keras2BinaryAccuracy();
            case "SignAccuracy": return new SignAccuracy();
            default: throw new IllegalStateException("Metrics: no factory for registered class " + className);
        }
    }

    /** True if {@link #get} knows this identifier. */
    public static boolean contains(String identifier) { return identifier != null && REGISTRY.containsKey(identifier); }

    /** Every identifier {@link #get} accepts, in registration order. */
    public static Set<String> names() { return Collections.unmodifiableSet(REGISTRY.keySet()); }

    /**
     * A new metric for an identifier.
     *
     * @throws IllegalArgumentException for an unknown identifier, naming close matches
     */
    public static Metric get(String identifier) {
        String className = identifier == null ? null : REGISTRY.get(identifier);
        if (className == null) {
            throw new IllegalArgumentException("Could not interpret metric identifier: '" + identifier + "'"
                    + suggestions(identifier, REGISTRY.keySet()));
        }
        return create(className);
    }

    /**
     * A new built-in metric from its class name and {@link Metric#config()} (Keras's {@code get_config()}
     * keys, e.g. {@code threshold}, {@code k}, {@code num_thresholds}, {@code curve}, {@code thresholds},
     * {@code name}); missing keys take the defaults, {@code dtype} is accepted and ignored.
     *
     * <pre>{@code
     * Metric m = Metrics.fromConfig("BinaryAccuracy", Map.of("threshold", 0.7, "name", "acc70"));
     * }</pre>
     *
     * @throws IllegalArgumentException for an unknown class, an unknown key or a value of the wrong kind
     */
    public static Metric fromConfig(String className, Map<String, Object> config) { return MetricConfig.build(className, config); }

    /** The class names {@link #fromConfig} rebuilds, sorted. */
    public static Set<String> classNames() { return Collections.unmodifiableSet(MetricConfig.classNames()); }

    /** ", did you mean 'x' or 'y'?" for names within a small edit distance (case-insensitive), else "". */
    public static String suggestions(String identifier, Iterable<String> known) {
        if (identifier == null) return "";
        List<String> close = new ArrayList<>();
        String lower = identifier.toLowerCase(java.util.Locale.ROOT);
        for (String k : known) {
            String kl = k.toLowerCase(java.util.Locale.ROOT);
            if (kl.equals(lower) || distance(kl, lower) <= Math.max(2, lower.length() / 4)) close.add(k);
        }
        if (close.isEmpty()) return "";
        return "; did you mean " + String.join(" or ", close.stream().limit(3).map(s -> "'" + s + "'").toList()) + "?";
    }

    private static int distance(String a, String b) {
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
}
