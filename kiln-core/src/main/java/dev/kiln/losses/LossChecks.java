package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.List;

/**
 * The first-batch diagnostics of {@link Loss#check}: one instance per check, holding the batch, the output
 * activation and the warnings; each loss's {@code checkInputs} picks the checks that apply to it.
 */
final class LossChecks {
    private final Loss loss;
    final Tensor yTrue;
    final Tensor yPred;
    final String activation;
    private final List<String> warnings;
    private double[] t;
    private double[] p;

    LossChecks(Loss loss, Tensor yTrue, Tensor yPred, String activation, List<String> warnings) {
        this.loss = loss;
        this.yTrue = yTrue;
        this.yPred = yPred;
        this.activation = activation;
        this.warnings = warnings;
    }

    double[] labels() {
        if (t == null) t = yTrue.toDoubleArray();
        return t;
    }

    double[] predictions() {
        if (p == null) p = yPred.toDoubleArray();
        return p;
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException(loss.name() + ": " + message);
    }

    void warn(String message) { warnings.add(loss.name() + ": " + message); }

    boolean softmax() { return activation.equals("softmax"); }

    boolean sigmoid() { return activation.equals("sigmoid"); }

    boolean squashing() { return softmax() || sigmoid(); }

    /** Labels and predictions of the same shape after Keras's rank alignment. */
    void sameShape() { Ranks.alignSameShape(loss.name(), yTrue, yPred); }

    /** Probabilities in [0, 1] unless fromLogits; a squashing activation with fromLogits is suspicious. */
    void probabilities(boolean fromLogits, String squash) {
        if (fromLogits) {
            if (squashing()) {
                warn("fromLogits is true but the output activation is " + activation + ": the outputs are probabilities, "
                        + "not logits, and would be squashed twice; remove the activation or set fromLogits(false)");
            }
            return;
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : predictions()) {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        if (lo < 0 || hi > 1) {
            throw error("y_pred has values in [" + lo + ", " + hi + "], outside [0, 1], but fromLogits is false: the model "
                    + "outputs logits (activation " + activation + "); set fromLogits(true) or use a " + squash + " output activation");
        }
        if (activation.equals("linear")) {
            warn("fromLogits is false but the output activation is linear: nothing keeps the predictions in [0, 1]; "
                    + "use a " + squash + " activation, or keep the linear output and set fromLogits(true)");
        }
    }

    /** Binary labels: values in [0, 1] (soft labels allowed); a softmax over one unit is always 1. */
    void binaryLabels() {
        double[] v = labels();
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] > 1) {
                throw error("y_true has the value " + v[i] + " (flat position " + i + "), outside {0, 1}: binary "
                        + "cross-entropy expects 0/1 labels (or soft labels in [0, 1]). For class ids 0..K-1 use "
                        + "SparseCategoricalCrossentropy with a softmax output; for -1/1 labels map them to 0/1 or use Hinge");
            }
        }
        if (softmax() && yPred.rank() >= 1 && yPred.shape().dim(-1) == 1) {
            throw error("the output is a softmax over one unit (y_pred shape " + yPred.shape() + "), which is always 1.0, "
                    + "so nothing can be learned; use a sigmoid activation for one binary output");
        }
    }

    /** Class ids along {@code axis} of y_pred: integers in [0, K), or the ignored class. */
    void sparseLabels(int axis, Integer ignoreClass, boolean allowOneHot) {
        int rank = yPred.rank();
        int ax = Ranks.axis(loss.name(), axis, rank);
        int classes = yPred.shape().dim(ax);
        if (!allowOneHot && yTrue.shape().equals(yPred.shape()) && classes > 1) {
            throw error("y_true has the shape of y_pred " + yPred.shape() + ": these look like one-hot labels, but this loss "
                    + "expects integer class ids of shape " + SparseCategoricalCrossentropy.labelShape(yPred.shape(), ax)
                    + "; use CategoricalCrossentropy, or convert the labels with argmax");
        }
        double[] v = labels();
        for (int i = 0; i < v.length; i++) {
            if (ignoreClass != null && v[i] == ignoreClass) continue;
            if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= classes) {
                throw error("label " + v[i] + " (flat position " + i + ") is not a class id in [0, " + classes + "): y_pred has "
                        + classes + " classes on axis " + axis + " (shape " + yPred.shape() + "); "
                        + (v[i] >= classes ? "give the last layer as many units as there are classes" : "labels must be integers 0..K-1"));
            }
        }
    }

    /** One-hot (or soft) labels of y_pred's shape; integer labels here are the classic mix-up. */
    void categoricalLabels(int axis) {
        int classes = yPred.rank() == 0 ? 1 : yPred.shape().dim(Ranks.axis(loss.name(), axis, yPred.rank()));
        boolean sparseShape = yTrue.rank() == yPred.rank() - 1
                || (yTrue.rank() == yPred.rank() && yTrue.shape().dim(-1) == 1 && classes > 1);
        if (sparseShape) {
            throw error("y_true of shape " + yTrue.shape() + " looks like integer class ids, but this loss expects one-hot "
                    + "labels of y_pred's shape " + yPred.shape() + "; use SparseCategoricalCrossentropy, or one-hot encode "
                    + "the labels (Tensor.oneHot / Datasets.toCategorical)");
        }
        if (!yTrue.shape().equals(yPred.shape())) {
            throw error("y_true of shape " + yTrue.shape() + " and y_pred of shape " + yPred.shape() + " do not match");
        }
        if (classes == 1) {
            if (softmax()) {
                throw error("the output is a softmax over one unit (y_pred shape " + yPred.shape() + "), which is always 1.0; "
                        + "for a binary problem use BinaryCrossentropy with a sigmoid output");
            }
            warn("y_pred has one class on the class axis (shape " + yPred.shape() + "); the loss is then always 0 — "
                    + "for a binary problem use BinaryCrossentropy");
        }
        double[] v = labels();
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] > 1) {
                throw error("y_true has the value " + v[i] + " (flat position " + i + "), outside [0, 1]: this loss expects "
                        + "one-hot (or soft) labels; for integer class ids use SparseCategoricalCrossentropy");
            }
        }
        if (!softmax() && !activation.equals("linear")) {
            warn("the output activation is " + activation + "; a categorical loss expects a softmax output (or logits "
                    + "with fromLogits(true))");
        }
    }

    /** Labels that hinge losses take: ±1, or {0,1} which Keras converts. */
    void hingeLabels(boolean converts) {
        boolean binary = true, signs = true;
        for (double v : labels()) {
            binary &= v == 0 || v == 1;
            signs &= v == -1 || v == 1;
        }
        if (converts && binary && !signs) {
            warn("labels are in {0, 1}; they are converted to {-1, 1} (2·t − 1), as Keras does, because the whole batch is 0/1");
        } else if (!signs && !binary) {
            warn("labels are neither all in {-1, 1} nor all in {0, 1}; hinge losses expect -1/1 labels and use these as they are");
        }
    }

    /** Values that should not be negative (counts, rates, log inputs). */
    void nonNegative(double[] v, String what, String consequence) {
        for (double x : v) {
            if (x < 0) {
                warn(what + " has negative values (e.g. " + x + "); " + consequence);
                return;
            }
        }
    }
}
