package dev.kiln.optim;

import java.util.Locale;
import java.util.Map;

/**
 * Optimizers by Keras name, with Keras's defaults, and from saved configs.
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.get("adam");          // Adam(0.001)
 * Optimizer copy = Optimizers.fromConfig("SGD", new SGD(0.1).momentum(0.9).config());
 * }</pre>
 */
public final class Optimizers {
    private Optimizers() {}

    /**
     * "sgd", "adam", "adamw", "rmsprop", "adagrad", "adadelta", "adamax", "nadam" (case-insensitive, class
     * names too); unknown names throw IllegalArgumentException listing the known ones.
     */
    public static Optimizer get(String name) {
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "sgd": return new SGD();
            case "adam": return new Adam();
            case "adamw": return new AdamW();
            case "rmsprop": return new RMSprop();
            case "adagrad": return new Adagrad();
            case "adadelta": return new Adadelta();
            case "adamax": return new Adamax();
            case "nadam": return new Nadam();
            default:
                throw new IllegalArgumentException("Optimizers.get: unknown optimizer '" + name
                        + "'; known: [adadelta, adagrad, adam, adamax, adamw, nadam, rmsprop, sgd]");
        }
    }

    /** A new optimizer (no state) with the settings of {@link Optimizer#config()}; {@code lr} is read as learning_rate. */
    public static Optimizer fromConfig(String className, Map<String, Object> c) {
        Optimizer o = get(className);
        o.applyBaseConfig(c);
        if (o instanceof SGD) {
            SGD s = (SGD) o;
            if (c.get("momentum") != null) s.momentum(num(c, "momentum"));
            if (c.get("nesterov") != null) s.nesterov((Boolean) c.get("nesterov"));
        } else if (o instanceof Adam) {
            Adam a = (Adam) o;
            if (c.get("beta_1") != null) a.beta1(num(c, "beta_1"));
            if (c.get("beta_2") != null) a.beta2(num(c, "beta_2"));
            if (c.get("epsilon") != null) a.epsilon(num(c, "epsilon"));
            if (c.get("amsgrad") != null) a.amsgrad((Boolean) c.get("amsgrad"));
            if (o instanceof AdamW && c.containsKey("weight_decay") && c.get("weight_decay") == null) o.weightDecay(0);
        } else if (o instanceof RMSprop) {
            RMSprop r = (RMSprop) o;
            if (c.get("rho") != null) r.rho(num(c, "rho"));
            if (c.get("momentum") != null) r.momentum(num(c, "momentum"));
            if (c.get("epsilon") != null) r.epsilon(num(c, "epsilon"));
            if (c.get("centered") != null) r.centered((Boolean) c.get("centered"));
        } else if (o instanceof Adagrad) {
            Adagrad a = (Adagrad) o;
            if (c.get("initial_accumulator_value") != null) a.initialAccumulatorValue(num(c, "initial_accumulator_value"));
            if (c.get("epsilon") != null) a.epsilon(num(c, "epsilon"));
        } else if (o instanceof Adadelta) {
            Adadelta a = (Adadelta) o;
            if (c.get("rho") != null) a.rho(num(c, "rho"));
            if (c.get("epsilon") != null) a.epsilon(num(c, "epsilon"));
        } else if (o instanceof Adamax) {
            Adamax a = (Adamax) o;
            if (c.get("beta_1") != null) a.beta1(num(c, "beta_1"));
            if (c.get("beta_2") != null) a.beta2(num(c, "beta_2"));
            if (c.get("epsilon") != null) a.epsilon(num(c, "epsilon"));
        } else if (o instanceof Nadam) {
            Nadam a = (Nadam) o;
            if (c.get("beta_1") != null) a.beta1(num(c, "beta_1"));
            if (c.get("beta_2") != null) a.beta2(num(c, "beta_2"));
            if (c.get("epsilon") != null) a.epsilon(num(c, "epsilon"));
        }
        return o;
    }

    private static double num(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (!(v instanceof Number)) throw new IllegalArgumentException("Optimizers.fromConfig: '" + key + "' must be a number, got " + v);
        return ((Number) v).doubleValue();
    }
}
