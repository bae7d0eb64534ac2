package dev.kiln.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's PiecewiseConstantDecay: values[0] while step ≤ boundaries[0], values[i] while
 * boundaries[i−1] &lt; step ≤ boundaries[i], and the last value after the last boundary.
 *
 * <pre>{@code
 * // 1.0 for the first 100001 steps, 0.5 for the next 10000, then 0.1
 * new SGD(new PiecewiseConstantDecay(new long[] {100_000, 110_000}, new double[] {1.0, 0.5, 0.1}));
 * }</pre>
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
    private final long[] boundaries;
    private final double[] values;

    /** {@code values} has one more entry than the increasing {@code boundaries}. */
    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        if (values.length != boundaries.length + 1) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: values must have one more entry than boundaries, got "
                    + values.length + " values and " + boundaries.length + " boundaries");
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] < boundaries[i - 1]) throw new IllegalArgumentException("PiecewiseConstantDecay: boundaries must be increasing, got " + Arrays.toString(boundaries));
        }
        for (double v : values) Schedules.checkRate("PiecewiseConstantDecay", v);
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    @Override
    public double at(long step) {
        for (int i = 0; i < boundaries.length; i++) if (step <= boundaries[i]) return values[i];
        return values[values.length - 1];
    }

    @Override public String className() { return "PiecewiseConstantDecay"; }

    @Override
    public Map<String, Object> config() {
        List<Object> b = new ArrayList<>(), v = new ArrayList<>();
        for (long x : boundaries) b.add(x);
        for (double x : values) v.add(x);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("boundaries", b);
        c.put("values", v);
        return c;
    }
}
