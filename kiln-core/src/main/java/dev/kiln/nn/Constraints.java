package dev.kiln.nn;

import dev.kiln.tensor.GradMode;
import dev.kiln.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lookup and serialization of the Keras constraints {@link MaxNorm}, {@link MinMaxNorm}, {@link NonNeg}
 * and {@link UnitNorm}.
 *
 * <pre>{@code
 * Constraint c = Constraints.get("max_norm");   // MaxNorm(2, axis 0)
 * new Dense(8).kernelConstraint(c);
 * }</pre>
 */
public final class Constraints {
    private Constraints() {}

    /** Keras's {@code backend.epsilon()}, added to norms before dividing by them. */
    public static final double EPSILON = 1e-7;

    /** By Keras name or class name: "max_norm", "min_max_norm", "non_neg", "unit_norm", with Keras's defaults. */
    public static Constraint get(String name) {
        switch (name == null ? "" : Layer.snakeCase(name).toLowerCase(Locale.ROOT)) {
            case "max_norm": return new MaxNorm();
            case "min_max_norm": return new MinMaxNorm();
            case "non_neg": return new NonNeg();
            case "unit_norm": return new UnitNorm();
            default: throw new IllegalArgumentException("Constraints.get: unknown constraint '" + name + "'; known: [max_norm, min_max_norm, non_neg, unit_norm]");
        }
    }

    /** Keras's serialized form {"class_name": "MaxNorm", "config": {...}}. */
    public static Map<String, Object> serialize(Constraint c) {
        if (c.className() == null) throw new IllegalArgumentException("Constraints.serialize: a user constraint (" + c + ") has no Keras class name and cannot be saved");
        return Config.serialized(c.className(), c.config());
    }

    /** The inverse of {@link #serialize}; a plain name string is accepted too. */
    @SuppressWarnings("unchecked")
    public static Constraint deserialize(Object o) {
        if (o instanceof String) return get((String) o);
        Map<String, Object> m = (Map<String, Object>) o;
        Map<String, Object> c = m.get("config") == null ? Map.of() : (Map<String, Object>) m.get("config");
        String cls = (String) m.get("class_name");
        int[] axis = c.get("axis") == null ? new int[] {0} : Config.ints(c.get("axis"));
        switch (cls) {
            case "MaxNorm": return new MaxNorm(Config.number(c, "max_value", MaxNorm.DEFAULT_MAX_VALUE), axis);
            case "MinMaxNorm":
                return new MinMaxNorm(Config.number(c, "min_value", 0.0), Config.number(c, "max_value", 1.0), Config.number(c, "rate", 1.0), axis);
            case "NonNeg": return new NonNeg();
            case "UnitNorm": return new UnitNorm(axis);
            default: throw new IllegalArgumentException("Constraints.deserialize: unknown class_name '" + cls + "'");
        }
    }

    /** √Σw² over {@code axes}, keeping dimensions (computed without recording a graph). */
    static Tensor norms(Tensor w, int[] axes) {
        return w.square().sum(axes, true).sqrt();
    }

    /** w ← w · desired/(ε + norms), the rescaling shared by MaxNorm and MinMaxNorm. */
    static void rescale(Tensor w, int[] axes, java.util.function.UnaryOperator<Tensor> desired) {
        try (GradMode off = GradMode.off()) {
            Tensor v = w.detach();
            Tensor n = norms(v, axes);
            w.assign(v.mul(desired.apply(n).div(n.add(EPSILON))));
        }
    }

    static Map<String, Object> axisConfig(Map<String, Object> c, int[] axes) {
        Map<String, Object> m = new LinkedHashMap<>(c);
        m.put("axis", axes.length == 1 ? (Object) axes[0] : (Object) List.copyOf(Config.intList(axes)));
        return m;
    }
}
