package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Keras's MaxNorm: rescales each weight vector whose L2 norm (over {@code axis}) exceeds maxValue,
 * w ← w · clip(‖w‖, 0, maxValue)/(1e-7 + ‖w‖). Defaults maxValue 2, axis 0 (for a Dense kernel (in, units),
 * the incoming weights of each unit).
 *
 * <pre>{@code
 * new Dense(64).kernelConstraint(new MaxNorm(3));
 * }</pre>
 */
public final class MaxNorm implements Constraint {
    /** Keras's default largest norm. */
    public static final double DEFAULT_MAX_VALUE = 2.0;
    private final double maxValue;
    private final int[] axis;

    /** Caps the norm over {@code axis} (default 0) at {@code maxValue}. */
    public MaxNorm(double maxValue, int... axis) {
        if (!(maxValue >= 0)) throw new IllegalArgumentException("MaxNorm: maxValue (" + maxValue + ") must be >= 0");
        this.maxValue = maxValue;
        this.axis = axis.length == 0 ? new int[] {0} : axis.clone();
    }

    /** With Keras's defaults. */
    public MaxNorm() { this(DEFAULT_MAX_VALUE); }

    @Override public void apply(Tensor w) { Constraints.rescale(w, axis, n -> n.clip(0.0, maxValue)); }

    @Override public String className() { return "MaxNorm"; }

    @Override public Map<String, Object> config() { return Constraints.axisConfig(Map.of("max_value", maxValue), axis); }

    @Override public String toString() { return className() + config(); }
}
