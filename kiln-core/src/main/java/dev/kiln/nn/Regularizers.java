package dev.kiln.nn;

import java.util.Map;

/**
 * Factories and lookup for the Keras regularizers {@link L1}, {@link L2}, {@link L1L2} and {@link OrthogonalRegularizer}.
 *
 * <pre>{@code
 * new Dense(64).kernelRegularizer(Regularizers.l2(1e-4)).activityRegularizer(Regularizers.l1(1e-5));
 * Regularizer r = Regularizers.get("l2");   // l2 = 0.01
 * }</pre>
 */
public final class Regularizers {
    private Regularizers() {}

    /** l1·Σ|w|. */
    public static Regularizer l1(double l1) { return new L1(l1); }

    /** l2·Σw². */
    public static Regularizer l2(double l2) { return new L2(l2); }

    /** l1·Σ|w| + l2·Σw². */
    public static Regularizer l1L2(double l1, double l2) { return new L1L2(l1, l2); }

    /**
     * By Keras 3's registry names, spelled as Keras does: "l1"/"L1", "l2"/"L2", "l1l2"/"L1L2" (both factors 0),
     * "orthogonal_regularizer"/"OrthogonalRegularizer"; defaults l1 = 0.01, l2 = 0.01, factor 0.01.
     */
    public static Regularizer get(String name) {
        switch (name == null ? "" : name) {
            case "l1": case "L1": return new L1();
            case "l2": case "L2": return new L2();
            case "l1l2": case "L1L2": return new L1L2();
            case "orthogonal_regularizer": case "OrthogonalRegularizer": return new OrthogonalRegularizer();
            default:
                throw new IllegalArgumentException("Regularizers.get: unknown regularizer '" + name
                        + "'; known: [l1, l2, l1l2, orthogonal_regularizer] (or their class names)");
        }
    }

    /** Keras's serialized form {"class_name": "L2", "config": {"l2": 0.01}}. */
    public static Map<String, Object> serialize(Regularizer r) {
        if (r.className() == null) throw new IllegalArgumentException("Regularizers.serialize: a user regularizer (" + r + ") has no Keras class name and cannot be saved");
        return Config.serialized(r.className(), r.config());
    }

    /** The inverse of {@link #serialize}; a plain name string is accepted too. */
    @SuppressWarnings("unchecked")
    public static Regularizer deserialize(Object o) {
        if (o instanceof String) return get((String) o);
        Map<String, Object> m = (Map<String, Object>) o;
        Map<String, Object> c = m.get("config") == null ? Map.of() : (Map<String, Object>) m.get("config");
        String cls = (String) m.get("class_name");
        switch (cls) {
            case "L1": return new L1(Config.number(c, "l1", L1.DEFAULT_L1));
            case "L2": return new L2(Config.number(c, "l2", L2.DEFAULT_L2));
            case "L1L2": return new L1L2(Config.number(c, "l1", 0.0), Config.number(c, "l2", 0.0));
            case "OrthogonalRegularizer":
                return new OrthogonalRegularizer(Config.number(c, "factor", OrthogonalRegularizer.DEFAULT_FACTOR), (String) c.getOrDefault("mode", "rows"));
            default: throw new IllegalArgumentException("Regularizers.deserialize: unknown class_name '" + cls + "'");
        }
    }
}
