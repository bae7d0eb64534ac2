package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's MinMaxNorm: pulls each weight vector's L2 norm toward [minValue, maxValue],
 * w ← w · (rate·clip(‖w‖, min, max) + (1 − rate)·‖w‖)/(1e-7 + ‖w‖). Defaults min 0, max 1, rate 1, axis 0.
 *
 * <pre>{@code
 * new Dense(64).kernelConstraint(new MinMaxNorm(0.5, 1.0, 1.0));
 * }</pre>
 */
public final class MinMaxNorm implements Constraint {
    private final double minValue;
    private final double maxValue;
    private final double rate;
    private final int[] axis;

    /** Moves norms over {@code axis} (default 0) toward [minValue, maxValue] at {@code rate} in [0, 1]. */
    public MinMaxNorm(double minValue, double maxValue, double rate, int... axis) {
        if (!(minValue <= maxValue)) throw new IllegalArgumentException("MinMaxNorm: minValue (" + minValue + ") must be <= maxValue (" + maxValue + ")");
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("MinMaxNorm: rate (" + rate + ") must be in [0, 1]");
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.rate = rate;
        this.axis = axis.length == 0 ? new int[] {0} : axis.clone();
    }

    /** With Keras's defaults. */
    public MinMaxNorm() { this(0.0, 1.0, 1.0); }

    @Override
    public void apply(Tensor w) {
        Constraints.rescale(w, axis, n -> n.clip(minValue, maxValue).mul(rate).add(n.mul(1 - rate)));
    }

    @Override public String className() { return "MinMaxNorm"; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("min_value", minValue);
        c.put("max_value", maxValue);
        c.put("rate", rate);
        return Constraints.axisConfig(c, axis);
    }

    @Override public String toString() { return className() + config(); }
}
