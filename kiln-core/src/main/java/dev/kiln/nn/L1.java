package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Keras's L1 regularizer: penalty(w) = l1·Σ|w|, default l1 = 0.01.
 *
 * <pre>{@code
 * new Dense(32).kernelRegularizer(new L1(1e-4));
 * }</pre>
 */
public final class L1 extends L1L2 {
    /** Keras's default factor. */
    public static final double DEFAULT_L1 = 0.01;

    /** Penalty l1·Σ|w|. */
    public L1(double l1) { super(l1, 0.0); }

    /** With Keras's defaults. */
    public L1() { this(DEFAULT_L1); }

    @Override public Tensor penalty(Tensor w) { return w.abs().sum().mul(l1()); }

    @Override public String className() { return "L1"; }

    @Override public Map<String, Object> config() { return Map.of("l1", l1()); }
}
