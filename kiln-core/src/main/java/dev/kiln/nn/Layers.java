package dev.kiln.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Rebuilds layers from their {@link Layer#config()} (model loading), by Keras class name.
 *
 * <pre>{@code
 * Map<String, Object> cfg = dense.config();
 * Layer copy = Layers.fromConfig("Dense", cfg);   // same settings and name, fresh weights
 * Layers.register("Conv2D", Conv2D::fromConfig);  // how further layer families join
 * }</pre>
 */
public final class Layers {
    private Layers() {}

    private static final Map<String, Function<Map<String, Object>, Layer>> FACTORIES = new ConcurrentHashMap<>();
    /**
     * Every layer of this package, listed here rather than registered by each class's static initializer: a model
     * loaded in a fresh JVM must find Conv2D before anything has touched the Conv2D class.
     */
    static final java.util.Set<String> BUILT_IN;
    static {
        FACTORIES.put("Dense", Dense::fromConfig);
        FACTORIES.put("Activation", Layers::activationFromConfig);
        FACTORIES.put("Dropout", Dropout::fromConfig);
        FACTORIES.put("Flatten", Flatten::fromConfig);
        FACTORIES.put("InputLayer", InputLayer::fromConfig);
        FACTORIES.put("PReLU", PReLU::fromConfig);
        FACTORIES.put("BatchNormalization", BatchNormalization::fromConfig);
        FACTORIES.put("Conv2D", Conv2D::fromConfig);
        FACTORIES.put("MaxPooling2D", MaxPooling2D::fromConfig);
        FACTORIES.put("AveragePooling2D", AveragePooling2D::fromConfig);
        FACTORIES.put("GlobalMaxPooling2D", GlobalMaxPooling2D::fromConfig);
        FACTORIES.put("GlobalAveragePooling2D", GlobalAveragePooling2D::fromConfig);
        FACTORIES.put("ZeroPadding2D", ZeroPadding2D::fromConfig);
        FACTORIES.put("Reshape", Reshape::fromConfig);
        BUILT_IN = java.util.Set.copyOf(FACTORIES.keySet());
    }

    /** Makes {@link #fromConfig} know a layer class (for layer families defined in other files). */
    public static void register(String className, Function<Map<String, Object>, Layer> factory) {
        FACTORIES.put(className, factory);
    }

    /** The class names {@link #fromConfig} knows. */
    public static java.util.Set<String> classNames() { return new TreeSet<>(FACTORIES.keySet()); }

    /** A new, unbuilt layer of this Keras class name with these settings (the name included). */
    public static Layer fromConfig(String className, Map<String, Object> config) {
        Function<Map<String, Object>, Layer> f = FACTORIES.get(className);
        if (f == null) {
            throw new IllegalArgumentException("Layers.fromConfig: unknown layer class '" + className + "'; known: " + new TreeSet<>(FACTORIES.keySet()));
        }
        return f.apply(config);
    }

    private static Layer activationFromConfig(Map<String, Object> c) {
        Activation a = new Activation(deserializeActivation(c.get("activation")));
        a.applyBaseConfig(c);
        return a;
    }

    /** A built-in activation as its Keras name ("relu"), or {"class_name": name, "config": params} when parameterised. */
    static Object serializeActivation(ActivationFunction a, String owner) {
        if (a.name() == null) {
            throw new IllegalArgumentException(owner + ": a user activation function has no name and cannot be saved; use a named activation");
        }
        Map<String, Object> p = Activations.params(a);
        return p.isEmpty() ? a.name() : Config.serialized(a.name(), new LinkedHashMap<>(p));
    }

    @SuppressWarnings("unchecked")
    static ActivationFunction deserializeActivation(Object o) {
        if (o instanceof String) return Activations.get((String) o);
        Map<String, Object> m = (Map<String, Object>) o;
        return Activations.fromParams((String) m.get("class_name"), (Map<String, Object>) m.get("config"));
    }
}
