package dev.kiln.nn;

import dev.kiln.tensor.GradMode;
import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Keras's UnitNorm: w ← w/(1e-7 + ‖w‖), the L2 norm over {@code axis} (default 0: each unit's incoming weights).
 *
 * <pre>{@code
 * new Dense(8).kernelConstraint(new UnitNorm());
 * }</pre>
 */
public final class UnitNorm implements Constraint {
    private final int[] axis;

    /** Normalizes over {@code axis} (default 0). */
    public UnitNorm(int... axis) { this.axis = axis.length == 0 ? new int[] {0} : axis.clone(); }

    @Override
    public void apply(Tensor w) {
        try (GradMode off = GradMode.off()) {
            Tensor v = w.detach();
            w.assign(v.div(Constraints.norms(v, axis).add(Constraints.EPSILON)));
        }
    }

    @Override public String className() { return "UnitNorm"; }

    @Override public Map<String, Object> config() { return Constraints.axisConfig(Map.of(), axis); }

    @Override public String toString() { return className() + config(); }
}
