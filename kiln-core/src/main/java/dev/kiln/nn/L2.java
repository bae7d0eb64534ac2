package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Keras's L2 regularizer: penalty(w) = l2·Σw² (no ½), default l2 = 0.01.
 *
 * <pre>{@code
 * new Dense(32).kernelRegularizer(new L2(1e-4));
 * }</pre>
 */
public final class L2 extends L1L2 {
    /** Keras's default factor. */
    public static final double DEFAULT_L2 = 0.01;

    /** Penalty l2·Σw². */
    public L2(double l2) { super(0.0, l2); }

    /** With Keras's defaults. */
    public L2() { this(DEFAULT_L2); }

    @Override public Tensor penalty(Tensor w) { return w.square().sum().mul(l2()); }

    @Override public String className() { return "L2"; }

    @Override public Map<String, Object> config() { return Map.of("l2", l2()); }
}
