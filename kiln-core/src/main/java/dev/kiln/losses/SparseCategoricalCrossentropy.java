package dev.kiln.losses;

import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Categorical cross-entropy for integer class ids: {@code loss = −log q[t]} with
 * {@code q = clip(p / Σ(p, axis), ε, 1 − ε)}, or {@code −log_softmax(x)[t]} with {@code fromLogits}. Labels
 * have y_pred's shape without the class axis (a trailing axis of size 1 is squeezed). Positions whose label
 * equals {@code ignoreClass} give 0 and are left out of the mean (the output carries a mask). Defaults:
 * fromLogits false, ignoreClass none, axis −1. Name {@code sparse_categorical_crossentropy}.
 *
 * <pre>{@code
 * Tensor loss = new SparseCategoricalCrossentropy().apply(Tensor.of(new int[] {1, 2}),
 *         Tensor.of(new double[][] {{0.05, 0.95, 0}, {0.1, 0.8, 0.1}}));   // 1.1769392
 * }</pre>
 */
public class SparseCategoricalCrossentropy extends Loss {
    private boolean fromLogits;
    private Integer ignoreClass;
    private int axis = -1;

    public SparseCategoricalCrossentropy() { super("sparse_categorical_crossentropy"); }

    public SparseCategoricalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** A label value to skip, e.g. −1 or 255 for unlabelled pixels (default null: none). */
    public SparseCategoricalCrossentropy ignoreClass(Integer ignoreClass) {
        this.ignoreClass = ignoreClass;
        return this;
    }

    /** The class axis of y_pred (default −1). */
    public SparseCategoricalCrossentropy axis(int axis) {
        this.axis = axis;
        return this;
    }

    public boolean fromLogits() { return fromLogits; }

    public Integer ignoreClass() { return ignoreClass; }

    public int axis() { return axis; }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1], fromLogits, ignoreClass, axis);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred, boolean fromLogits, Integer ignoreClass, int axis) {
        String loss = "sparse_categorical_crossentropy";
        if (yPred.rank() == 0) throw new IllegalArgumentException(loss + ": y_pred must have a class axis, got shape ()");
        int ax = Ranks.axis(loss, axis, yPred.rank());
        Tensor t = yTrue;
        if (t.rank() == yPred.rank() && t.shape().dim(ax) == 1) t = t.squeeze(ax);
        Shape expected = labelShape(yPred.shape(), ax);
        if (!t.shape().equals(expected)) {
            throw new IllegalArgumentException(loss + ": y_true of shape " + yTrue.shape() + " does not fit y_pred of shape "
                    + yPred.shape() + ": expected integer class ids of shape " + expected
                    + (yTrue.shape().equals(yPred.shape()) ? " (these look like one-hot labels: use CategoricalCrossentropy)" : ""));
        }
        int classes = yPred.shape().dim(ax);
        Tensor valid = ignoreClass == null ? null : t.notEqual((double) ignoreClass);
        Tensor labels = valid == null ? t : Tensor.where(valid, t, Tensor.zerosLike(t));
        requireClassIds(loss, labels, classes, yPred.shape());
        Tensor logProb = Crossentropy.logProbabilities(yPred, ax, fromLogits);
        Tensor picked = logProb.takeAlongAxis(labels.expandDims(ax), ax).squeeze(ax);
        Tensor result = picked.neg();
        if (valid == null) return result;
        return Tensor.where(valid, result, Tensor.zerosLike(result)).withMask(valid);
    }

    /** The shape of y_pred without the class axis. */
    static Shape labelShape(Shape pred, int axis) {
        int[] d = new int[pred.rank() - 1];
        for (int i = 0, j = 0; i < pred.rank(); i++) if (i != axis) d[j++] = pred.dim(i);
        return Shape.of(d);
    }

    /** Every label of a dataset a class id in range, or the ignored class: before the first step, not at a later batch. */
    @Override
    void checkLabelValues(Tensor yTrue, double[] labels, Shape predShape) {
        if (predShape.rank() == 0) return;   // call() reports it with the first batch
        int classes = predShape.dim(Ranks.axis("sparse_categorical_crossentropy", axis, predShape.rank()));
        if (ignoreClass == null) {
            requireClassIds("sparse_categorical_crossentropy", labels, classes, predShape);
            return;
        }
        double[] kept = labels.clone();
        for (int i = 0; i < kept.length; i++) if (kept[i] == ignoreClass) kept[i] = 0;
        requireClassIds("sparse_categorical_crossentropy", kept, classes, predShape);
    }

    /** Labels must be integers in [0, K): an out-of-range id would silently read another class. */
    static void requireClassIds(String loss, Tensor labels, int classes, Shape predShape) {
        requireClassIds(loss, labels.toDoubleArray(), classes, predShape);
    }

    private static void requireClassIds(String loss, double[] v, int classes, Shape predShape) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= classes) {
                throw new IllegalArgumentException(loss + ": label " + v[i] + " (flat position " + i + ") is not a class id in [0, "
                        + classes + ") for y_pred of shape " + predShape + "; labels must be integers 0.." + (classes - 1));
            }
        }
    }

    @Override
    public SparseCategoricalCrossentropy reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public SparseCategoricalCrossentropy name(String name) { super.name(name); return this; }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("ignore_class", ignoreClass);
        config.put("axis", axis);
    }

    @Override
    void checkInputs(LossChecks c) {
        c.sparseLabels(axis, ignoreClass, false);
        c.probabilities(fromLogits, "softmax");
        if (c.sigmoid() && c.yPred.shape().dim(axis) > 1) {
            c.warn("the output activation is sigmoid; a softmax output (or logits with fromLogits(true)) is what this loss expects");
        }
    }
}
