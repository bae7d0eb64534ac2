package dev.kiln.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Encodes string labels as integers 0..k-1, as scikit-learn's {@code LabelEncoder}: the classes are the
 * distinct labels sorted (String's natural order), and a label's code is its index among them.
 *
 * <pre>{@code
 * LabelEncoder enc = new LabelEncoder().fit(new String[] {"paris", "tokyo", "paris", "amsterdam"});
 * enc.classes();                                  // [amsterdam, paris, tokyo]
 * enc.transform(new String[] {"tokyo", "paris"}); // [2, 1]
 * }</pre>
 */
public final class LabelEncoder {
    private List<String> classes;
    private Map<String, Integer> codes;

    /** Learns the sorted distinct labels; returns this. */
    public LabelEncoder fit(String[] labels) {
        TreeSet<String> set = new TreeSet<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) throw new IllegalArgumentException("LabelEncoder: label " + i + " is null");
            set.add(labels[i]);
        }
        classes = List.copyOf(new ArrayList<>(set));
        codes = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) codes.put(classes.get(i), i);
        return this;
    }

    /**
     * The code of each label.
     *
     * @throws IllegalStateException before {@link #fit}
     * @throws IllegalArgumentException for labels not seen by fit (all of them listed)
     */
    public int[] transform(String[] labels) {
        checkFitted("transform");
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
        String[] out = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0 || codes[i] >= classes.size()) {
                throw new IllegalArgumentException("LabelEncoder: code " + codes[i] + " at index " + i
                        + " is outside [0, " + classes.size() + ")");
            }
            out[i] = classes.get(codes[i]);
        }
        return out;
    }

    /** The sorted classes (sklearn's {@code classes_}). */
    public List<String> classes() {
        checkFitted("classes");
        return classes;
    }

    private void checkFitted(String op) {
        if (classes == null) {
            throw new IllegalStateException("LabelEncoder: " + op + " called before fit");
        }
    }

    @Override
    public String toString() {
        return "LabelEncoder" + (classes == null ? "(unfitted)" : Arrays.toString(classes.toArray()));
    }
}
