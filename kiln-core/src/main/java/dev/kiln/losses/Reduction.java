package dev.kiln.losses;

import java.util.Locale;

/**
 * How {@link Loss#apply} turns the weighted per-sample values into the returned loss, as Keras's
 * {@code reduction} argument.
 *
 * <ul>
 *   <li>{@link #NONE}: the weighted values, unreduced;</li>
 *   <li>{@link #SUM}: {@code Σ v·w};</li>
 *   <li>{@link #SUM_OVER_BATCH_SIZE} (the default) and {@link #MEAN}: {@code Σ v·w / size(v)}, the
 *       element count of the values, zero weights included, masked entries excluded;</li>
 *   <li>{@link #MEAN_WITH_SAMPLE_WEIGHT}: {@code Σ v·w / Σ w}, or MEAN without weights.</li>
 * </ul>
 * Every division is a {@code divide_no_nan}: x/0 gives 0.
 * <pre>{@code
 * Loss mse = new MeanSquaredError().reduction(Reduction.SUM);
 * Reduction r = Reduction.fromKerasName("sum_over_batch_size");
 * }</pre>
 */
public enum Reduction {
    NONE, SUM, SUM_OVER_BATCH_SIZE, MEAN, MEAN_WITH_SAMPLE_WEIGHT;

    /** Keras's spelling: {@code "none"}, {@code "sum"}, {@code "sum_over_batch_size"}, … */
    public String kerasName() { return name().toLowerCase(Locale.ROOT); }

    /**
     * The reduction named as in Keras ({@code "sum_over_batch_size"}, {@code "sum"}, {@code "mean"},
     * {@code "mean_with_sample_weight"}, {@code "none"}); null also means NONE. {@code "auto"} was removed
     * from Keras 3 and is rejected.
     */
    public static Reduction fromKerasName(String name) {
        if (name == null) return NONE;
        for (Reduction r : values()) {
            if (r.kerasName().equals(name)) return r;
        }
        throw new IllegalArgumentException("Invalid value for argument reduction: '" + name + "'; expected one of "
                + "'sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none'"
                + ("auto".equals(name) ? " ('auto' was removed in Keras 3: use 'sum_over_batch_size')" : ""));
    }
}
