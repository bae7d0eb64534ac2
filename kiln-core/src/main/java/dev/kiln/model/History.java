package dev.kiln.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link Sequential#fit} returns: one value per epoch for each key of Keras's history —
 * {@code loss}, each metric under its compile name, and {@code val_}-prefixed ones with validation data
 * (plus {@code learning_rate} when a callback reports it). Arrays are aligned with {@link #epochs()};
 * an epoch that did not report a key holds NaN there.
 *
 * <pre>{@code
 * History h = model.fit(x, y, Fit.epochs(100).validationData(tx, ty));
 * double[] valLoss = h.get("val_loss");
 * double lastAcc = h.last("accuracy");
 * }</pre>
 */
public final class History {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, Object> params;

    History(Map<String, Object> params) { this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params)); }

    void append(int epoch, Map<String, Double> logs) {
        int row = epochs.size();
        epochs.add(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            List<Double> col = values.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            while (col.size() < row) col.add(Double.NaN);
            col.add(e.getValue());
        }
        for (List<Double> col : values.values()) while (col.size() < epochs.size()) col.add(Double.NaN);
    }

    /**
     * The values of a key, one per epoch (a copy).
     *
     * @throws IllegalArgumentException for a key the history does not have, listing those it has
     */
    public double[] get(String key) {
        List<Double> col = values.get(key);
        if (col == null) throw new IllegalArgumentException("History.get: no key '" + key + "'; the history has " + values.keySet());
        double[] r = new double[col.size()];
        for (int i = 0; i < r.length; i++) r[i] = col.get(i);
        return r;
    }

    /** The value of a key at the last epoch. */
    public double last(String key) {
        double[] v = get(key);
        if (v.length == 0) throw new IllegalStateException("History.last: no epoch was run");
        return v[v.length - 1];
    }

    /** Whether the history has this key. */
    public boolean contains(String key) { return values.containsKey(key); }

    /** The keys, in the order Keras reports them (loss, metrics, then the validation ones). */
    public Set<String> keys() { return Collections.unmodifiableSet(values.keySet()); }

    /** The epoch indices run (0-based; starting at the initial epoch). */
    public int[] epochs() { return epochs.stream().mapToInt(Integer::intValue).toArray(); }

    /** Number of epochs recorded. */
    public int size() { return epochs.size(); }

    /** Keras's {@code history.params}: epochs, steps per epoch, verbose. */
    public Map<String, Object> params() { return params; }

    /** Every key with its values (copies). */
    public Map<String, double[]> asMap() {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (String k : values.keySet()) m.put(k, get(k));
        return m;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("History(epochs=" + epochs.size());
        for (String k : values.keySet()) b.append(", ").append(k).append('=').append(Arrays.toString(get(k)));
        return b.append(')').toString();
    }
}
