package dev.kiln.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Encodes labels as integers 0..k-1, as scikit-learn's {@code LabelEncoder}: the classes are the distinct
 * labels sorted (String's natural order for strings, numeric order for {@code int} and {@code double}
 * labels), and a label's code is its index among them. An encoder fitted on strings works on strings, one
 * fitted on numbers on numbers ({@link #numericClasses()}, {@link #inverseTransformNumeric(int[])}).
 *
 * <pre>{@code
 * LabelEncoder enc = new LabelEncoder().fit(new String[] {"paris", "tokyo", "paris", "amsterdam"});
 * enc.classes();                                  // [amsterdam, paris, tokyo]
 * enc.transform(new String[] {"tokyo", "paris"}); // [2, 1]
 * new LabelEncoder().fitTransform(new int[] {10, -4, 3, 10}); // [2, 0, 1, 2]: classes -4, 3, 10
 * }</pre>
 */
public final class LabelEncoder {
    private List<String> classes;
    private Map<String, Integer> codes;
    /** Sorted distinct numeric classes (as first met in sorted order), or null when fitted on strings. */
    private double[] numeric;

    /** Learns the sorted distinct labels; returns this. */
    public LabelEncoder fit(String[] labels) {
        TreeSet<String> set = new TreeSet<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) throw new IllegalArgumentException("LabelEncoder: label " + i + " is null");
            set.add(labels[i]);
        }
        Map<String, Integer> c = new HashMap<>();
        List<String> sorted = List.copyOf(new ArrayList<>(set));
        for (int i = 0; i < sorted.size(); i++) c.put(sorted.get(i), i);
        classes = sorted;
        codes = c;
        numeric = null;
        return this;
    }

    /** Learns the numerically sorted distinct labels; returns this. */
    public LabelEncoder fit(int[] labels) {
        return fit(toDoubles(labels));
    }

    /**
     * Learns the numerically sorted distinct labels (-0.0 and 0.0 are one class, as in numpy); returns this.
     *
     * @throws IllegalArgumentException for NaN labels
     */
    public LabelEncoder fit(double[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (Double.isNaN(labels[i])) {
                throw new IllegalArgumentException("LabelEncoder: label " + i + " is NaN; every label must be a number");
            }
        }
        double[] sorted = labels.clone();
        Arrays.sort(sorted);
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (k == 0 || sorted[i] != sorted[k - 1]) sorted[k++] = sorted[i];
        }
        numeric = Arrays.copyOf(sorted, k);
        classes = null;
        codes = null;
        return this;
    }

    /** The code of each numeric label; see {@link #transform(double[])}. */
    public int[] transform(int[] labels) {
        return transform(toDoubles(labels));
    }

    /**
     * The code of each numeric label.
     *
     * @throws IllegalStateException before {@link #fit}
     * @throws IllegalArgumentException when fitted on strings, or for labels not seen by fit (all listed)
     */
    public int[] transform(double[] labels) {
        checkFitted("transform");
        if (numeric == null) {
            throw new IllegalArgumentException("LabelEncoder: fitted on String labels, got numeric labels");
        }
        int[] out = new int[labels.length];
        TreeSet<Double> unseen = new TreeSet<>();
        for (int i = 0; i < labels.length; i++) {
            int c = indexOf(labels[i]);
            if (c < 0) {
                unseen.add(labels[i]);
            } else {
                out[i] = c;
            }
        }
        if (!unseen.isEmpty()) {
            throw new IllegalArgumentException("LabelEncoder: y contains previously unseen labels: " + unseen
                    + " (known: " + Arrays.toString(numeric) + ")");
        }
        return out;
    }

    /** Binary search with numpy's equality (-0.0 == 0.0), -1 when absent or NaN. */
    private int indexOf(double v) {
        int lo = 0;
        int hi = numeric.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (numeric[mid] < v) {
                lo = mid + 1;
            } else if (numeric[mid] > v) {
                hi = mid - 1;
            } else if (numeric[mid] == v) {
                return mid;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /** {@code fit(labels).transform(labels)}. */
    public int[] fitTransform(int[] labels) {
        return fit(labels).transform(labels);
    }

    /** {@code fit(labels).transform(labels)}. */
    public int[] fitTransform(double[] labels) {
        return fit(labels).transform(labels);
    }

    /**
     * The numeric label of each code.
     *
     * @throws IllegalStateException before fit, or when fitted on strings
     * @throws IllegalArgumentException for a code outside [0, number of classes)
     */
    public double[] inverseTransformNumeric(int[] codes) {
        checkFitted("inverseTransformNumeric");
        checkMode(true, "inverseTransformNumeric", "inverseTransform");
        double[] out = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            checkCode(codes, i, numeric.length);
            out[i] = numeric[codes[i]];
        }
        return out;
    }

    /**
     * The sorted numeric classes (sklearn's {@code classes_} for numeric labels).
     *
     * @throws IllegalStateException before fit, or when fitted on strings
     */
    public double[] numericClasses() {
        checkFitted("numericClasses");
        checkMode(true, "numericClasses", "classes");
        return numeric.clone();
    }

    private void checkMode(boolean wantNumeric, String op, String other) {
        if ((numeric != null) != wantNumeric) {
            throw new IllegalStateException("LabelEncoder: " + op + " needs an encoder fitted on "
                    + (wantNumeric ? "numeric" : "String") + " labels, this one was fitted on "
                    + (wantNumeric ? "String" : "numeric") + " labels; use " + other);
        }
    }

    private static void checkCode(int[] codes, int i, int k) {
        if (codes[i] < 0 || codes[i] >= k) {
            throw new IllegalArgumentException("LabelEncoder: code " + codes[i] + " at index " + i
                    + " is outside [0, " + k + ")");
        }
    }

    private static double[] toDoubles(int[] labels) {
        double[] d = new double[labels.length];
        for (int i = 0; i < labels.length; i++) d[i] = labels[i];
        return d;
    }

    /**
     * The code of each label.
     *
     * @throws IllegalStateException before {@link #fit}
     * @throws IllegalArgumentException for labels not seen by fit (all of them listed)
     */
    public int[] transform(String[] labels) {
        checkFitted("transform");
        if (numeric != null) {
            throw new IllegalArgumentException("LabelEncoder: fitted on numeric labels, got String labels");
        }
        int[] out = new int[labels.length];
        TreeSet<String> unseen = new TreeSet<>();
        for (int i = 0; i < labels.length; i++) {
            Integer c = labels[i] == null ? null : codes.get(labels[i]);
            if (c == null) {
                unseen.add(String.valueOf(labels[i]));
            } else {
                out[i] = c;
            }
        }
        if (!unseen.isEmpty()) {
            throw new IllegalArgumentException("LabelEncoder: y contains previously unseen labels: " + unseen
                    + " (known: " + classes + ")");
        }
        return out;
    }

    /** {@code fit(labels).transform(labels)}. */
    public int[] fitTransform(String[] labels) {
        return fit(labels).transform(labels);
    }

    /**
     * The label of each code.
     *
     * @throws IllegalArgumentException for a code outside [0, number of classes)
     */
    public String[] inverseTransform(int[] codes) {
        checkFitted("inverseTransform");
        checkMode(false, "inverseTransform", "inverseTransformNumeric");
        String[] out = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            checkCode(codes, i, classes.size());
            out[i] = classes.get(codes[i]);
        }
        return out;
    }

    /** The sorted classes (sklearn's {@code classes_}). */
    public List<String> classes() {
        checkFitted("classes");
        checkMode(false, "classes", "numericClasses");
        return classes;
    }

    private void checkFitted(String op) {
        if (classes == null && numeric == null) {
            throw new IllegalStateException("LabelEncoder: " + op + " called before fit");
        }
    }

    @Override
    public String toString() {
        return "LabelEncoder" + (numeric != null ? Arrays.toString(numeric)
                : classes == null ? "(unfitted)" : Arrays.toString(classes.toArray()));
    }
}
