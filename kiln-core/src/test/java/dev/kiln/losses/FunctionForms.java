package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** Calls the public function form of {@link Losses} named as in Keras, with Keras's keyword arguments. */
final class FunctionForms {
    private FunctionForms() {}

    static Tensor call(String fn, Tensor t, Tensor p, Map<String, Object> kw) {
        switch (fn) {
            case "mean_squared_error": return Losses.meanSquaredError(t, p);
            case "mean_absolute_error": return Losses.meanAbsoluteError(t, p);
            case "mean_absolute_percentage_error": return Losses.meanAbsolutePercentageError(t, p);
            case "mean_squared_logarithmic_error": return Losses.meanSquaredLogarithmicError(t, p);
            case "cosine_similarity": return Losses.cosineSimilarity(t, p, integer(kw, "axis", -1));
            case "huber": return Losses.huber(t, p, number(kw, "delta", 1.0));
            case "log_cosh": return Losses.logCosh(t, p);
            case "kl_divergence": return Losses.klDivergence(t, p);
            case "poisson": return Losses.poisson(t, p);
            case "hinge": return Losses.hinge(t, p);
            case "squared_hinge": return Losses.squaredHinge(t, p);
            case "categorical_hinge": return Losses.categoricalHinge(t, p);
            case "binary_crossentropy":
                return Losses.binaryCrossentropy(t, p, bool(kw, "from_logits"), number(kw, "label_smoothing", 0), integer(kw, "axis", -1));
            case "binary_focal_crossentropy":
                return Losses.binaryFocalCrossentropy(t, p, bool(kw, "apply_class_balancing"), number(kw, "alpha", 0.25),
                        number(kw, "gamma", 2.0), bool(kw, "from_logits"), number(kw, "label_smoothing", 0), integer(kw, "axis", -1));
            case "categorical_crossentropy":
                return Losses.categoricalCrossentropy(t, p, bool(kw, "from_logits"), number(kw, "label_smoothing", 0), integer(kw, "axis", -1));
            case "categorical_focal_crossentropy": {
                Object alpha = kw.get("alpha");
                double gamma = number(kw, "gamma", 2.0), ls = number(kw, "label_smoothing", 0);
                int axis = integer(kw, "axis", -1);
                if (alpha instanceof List) return Losses.categoricalFocalCrossentropy(t, p, doubles(alpha), gamma, bool(kw, "from_logits"), ls, axis);
                return Losses.categoricalFocalCrossentropy(t, p, number(kw, "alpha", 0.25), gamma, bool(kw, "from_logits"), ls, axis);
            }
            case "sparse_categorical_crossentropy":
                return Losses.sparseCategoricalCrossentropy(t, p, bool(kw, "from_logits"),
                        kw.get("ignore_class") == null ? null : integer(kw, "ignore_class", 0), integer(kw, "axis", -1));
            case "categorical_generalized_cross_entropy": return Losses.categoricalGeneralizedCrossEntropy(t, p, number(kw, "q", Double.NaN));
            case "dice": return Losses.dice(t, p, axes(kw.get("axis")));
            case "tversky": {
                int[] axis = axes(kw.get("axis"));
                return Losses.tversky(t, p, number(kw, "alpha", 0.5), number(kw, "beta", 0.5), axis == null ? new int[0] : axis);
            }
            case "circle":
                return Losses.circle(t, p, tensorOrNull(kw.get("ref_labels")), tensorOrNull(kw.get("ref_embeddings")),
                        !kw.containsKey("remove_diagonal") || bool(kw, "remove_diagonal"), number(kw, "gamma", 80.0), number(kw, "margin", 0.4));
            case "ctc": return Losses.ctc(t, p);
            default: throw new AssertionError("no function form for " + fn);
        }
    }

    private static Tensor tensorOrNull(Object o) { return o == null ? null : LossReferenceTest.tensor(o); }

    private static boolean bool(Map<String, Object> kw, String k) { return Boolean.TRUE.equals(kw.get(k)); }

    private static double number(Map<String, Object> kw, String k, double dflt) {
        Object v = kw.get(k);
        return v == null ? dflt : ((Number) v).doubleValue();
    }

    private static int integer(Map<String, Object> kw, String k, int dflt) {
        Object v = kw.get(k);
        if (v instanceof Boolean) throw new IllegalArgumentException(k + " must be an integer, got a boolean");
        return v == null ? dflt : ((Number) v).intValue();
    }

    private static double[] doubles(Object o) {
        List<?> l = (List<?>) o;
        double[] r = new double[l.size()];
        for (int i = 0; i < r.length; i++) r[i] = ((Number) l.get(i)).doubleValue();
        return r;
    }

    private static int[] axes(Object v) {
        if (v == null) return null;
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            int[] r = new int[l.size()];
            for (int i = 0; i < r.length; i++) r[i] = ((Number) l.get(i)).intValue();
            return r;
        }
        return new int[] {((Number) v).intValue()};
    }
}
