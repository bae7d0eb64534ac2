package dev.kiln.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Builds a built-in metric from its class name and {@link Metric#config()}: the inverse of {@code config()}. */
final class MetricConfig {
    /** The classes {@link #build} knows, each with the keys its config may hold besides {@code name}. */
    private static final Map<String, List<String>> KEYS = Map.ofEntries(
            Map.entry("Accuracy", List.of()), Map.entry("BinaryAccuracy", List.of("threshold")),
            Map.entry("CategoricalAccuracy", List.of()), Map.entry("SparseCategoricalAccuracy", List.of()),
            Map.entry("TopKCategoricalAccuracy", List.of("k")), Map.entry("SparseTopKCategoricalAccuracy", List.of("k")),
            Map.entry("MeanSquaredError", List.of()), Map.entry("MeanAbsoluteError", List.of()),
            Map.entry("RootMeanSquaredError", List.of()),
            Map.entry("AUC", List.of("num_thresholds", "curve", "summation_method", "from_logits")),
            Map.entry("Precision", List.of("thresholds")), Map.entry("Recall", List.of("thresholds")),
            Map.entry("Mean", List.of()), Map.entry("Keras2BinaryAccuracy", List.of()), Map.entry("SignAccuracy", List.of()));

    private MetricConfig() {}

    static Set<String> classNames() { return new java.util.TreeSet<>(KEYS.keySet()); }

    static Metric build(String className, Map<String, Object> config) {
        List<String> keys = className == null ? null : KEYS.get(className);
        if (keys == null) {
            throw new IllegalArgumentException("Metrics.fromConfig: unknown metric class '" + className + "'; expected one of " + classNames());
        }
        Map<String, Object> c = config == null ? Map.of() : config;
        Set<String> allowed = new HashSet<>(keys);
        allowed.add("name");
        allowed.add("dtype");   // Keras's compute dtype; Kiln's metrics always accumulate in float64
        for (String k : c.keySet()) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException("Metrics.fromConfig: " + className + " has no configuration key '" + k + "' (value "
                        + c.get(k) + "); known keys: name" + (keys.isEmpty() ? "" : ", " + String.join(", ", keys)));
            }
        }
        Metric m = switch (className) {
            case "BinaryAccuracy" -> new BinaryAccuracy(number(className, c, "threshold", BinaryAccuracy.DEFAULT_THRESHOLD));
            case "TopKCategoricalAccuracy" -> new TopKCategoricalAccuracy(integer(className, c, "k", TopKCategoricalAccuracy.DEFAULT_K));
            case "SparseTopKCategoricalAccuracy" -> new SparseTopKCategoricalAccuracy(integer(className, c, "k", TopKCategoricalAccuracy.DEFAULT_K));
            case "Precision" -> new Precision(threshold(className, c));
            case "Recall" -> new Recall(threshold(className, c));
            case "AUC" -> auc(c);
            default -> plain(className).get();
        };
        Object name = c.get("name");
        if (name != null) {
            if (!(name instanceof String s)) throw new IllegalArgumentException("Metrics.fromConfig: " + className + ": name must be a string, got " + name);
            m.name(s);
        }
        return m;
    }

    private static Supplier<Metric> plain(String className) {
        return switch (className) {
            case "Accuracy" -> Accuracy::new;
            case "CategoricalAccuracy" -> CategoricalAccuracy::new;
            case "SparseCategoricalAccuracy" -> SparseCategoricalAccuracy::new;
            case "MeanSquaredError" -> MeanSquaredError::new;
            case "MeanAbsoluteError" -> MeanAbsoluteError::new;
            case "RootMeanSquaredError" -> RootMeanSquaredError::new;
            case "Mean" -> Mean::new;
            case "Keras2BinaryAccuracy" -> Keras2BinaryAccuracy::new;
            case "SignAccuracy" -> SignAccuracy::new;
            default -> throw new IllegalStateException("MetricConfig: no factory for " + className);
        };
    }

    private static AUC auc(Map<String, Object> c) {
        int n = integer("AUC", c, "num_thresholds", AUC.DEFAULT_NUM_THRESHOLDS);
        AUC.Curve curve = AUC.Curve.ROC;
        Object cv = c.get("curve");
        if (cv != null) {
            String s = cv.toString().toUpperCase(Locale.ROOT);
            if (!s.equals("ROC") && !s.equals("PR")) throw new IllegalArgumentException("Metrics.fromConfig: AUC: curve must be 'ROC' or 'PR', got " + cv);
            curve = AUC.Curve.valueOf(s);
        }
        AUC.SummationMethod sum = AUC.SummationMethod.INTERPOLATION;
        Object sv = c.get("summation_method");
        if (sv != null) {
            try {
                sum = AUC.SummationMethod.valueOf(sv.toString().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Metrics.fromConfig: AUC: summation_method must be 'interpolation', 'minoring' or 'majoring', got " + sv);
            }
        }
        AUC auc = new AUC(n, curve, sum);
        Object fl = c.get("from_logits");
        if (fl != null) {
            if (!(fl instanceof Boolean b)) throw new IllegalArgumentException("Metrics.fromConfig: AUC: from_logits must be true or false, got " + fl);
            auc.fromLogits(b);
        }
        return auc;
    }

    /** Keras's {@code thresholds}: one number or a list of one number (Kiln's Precision and Recall take a single threshold). */
    private static double threshold(String cls, Map<String, Object> c) {
        Object v = c.get("thresholds");
        if (v instanceof List<?> l) {
            if (l.size() != 1) throw new IllegalArgumentException("Metrics.fromConfig: " + cls + ": thresholds must be a single value, got " + v);
            v = l.get(0);
        }
        if (v == null) return Precision.DEFAULT_THRESHOLD;
        if (!(v instanceof Number num)) throw new IllegalArgumentException("Metrics.fromConfig: " + cls + ": thresholds must be a number, got " + v);
        return num.doubleValue();
    }

    private static double number(String cls, Map<String, Object> c, String key, double dflt) {
        Object v = c.get(key);
        if (v == null) return dflt;
        if (!(v instanceof Number n)) throw new IllegalArgumentException("Metrics.fromConfig: " + cls + ": " + key + " must be a number, got " + v);
        return n.doubleValue();
    }

    private static int integer(String cls, Map<String, Object> c, String key, int dflt) {
        Object v = c.get(key);
        if (v == null) return dflt;
        if (!(v instanceof Number n) || n.doubleValue() != n.intValue()) {
            throw new IllegalArgumentException("Metrics.fromConfig: " + cls + ": " + key + " must be an integer, got " + v);
        }
        return n.intValue();
    }
}
