package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * A layer that applies an activation function to its input: {@code y = f(x)}, shape unchanged, no weights.
 *
 * <pre>{@code
 * model.add(new Dense(64));
 * model.add(new Activation("relu"));
 * new Activation(x -> x.tanh().mul(2));
 * }</pre>
 */
public class Activation extends Layer {
    private final ActivationFunction function;

    /** The activation of this Keras name, see {@link Activations#get}. */
    public Activation(String name) { this(Activations.get(name)); }

    /** Applies {@code function} (a built-in from {@link Activations} or a lambda). */
    public Activation(ActivationFunction function) {
        if (function == null) throw new IllegalArgumentException("Activation: function is null");
        this.function = function;
    }

    /** The same function as another Activation layer (a new layer, with its own name). */
    public Activation(Activation other) { this(other.function); }

    /** The function this layer applies. */
    public ActivationFunction function() { return function; }

    /** Declares the input shape (without the batch axis), when this is the first layer. */
    public Activation inputShape(int... dims) {
        declareInputShape(dims);
        return this;
    }

    @Override public Activation dtype(DType dtype) { super.dtype(dtype); return this; }

    @Override public Activation name(String name) { super.name(name); return this; }

    @Override protected Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override protected Tensor forward(Tensor input, boolean training) { return function.apply(input); }

    @Override public String activationName() { return function.name() == null ? "custom" : function.name(); }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("activation", Layers.serializeActivation(function, describe()));
        return c;
    }
}
