package dev.kiln.losses;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Connectionist temporal classification loss, the negative log-likelihood of a label sequence summed over
 * all its alignments with the frames: labels {@code (B, L)} of class ids padded with 0 (the blank, class 0;
 * a row's label length is its count of non-zero entries), logits {@code (B, T, K)} (log-softmax applied
 * inside). Computed with the forward (alpha) recursion in log space, −1e5 standing for log 0, as Keras's
 * JAX backend does. One value per sample; name {@code ctc}; default reduction sum over batch size.
 *
 * <pre>{@code
 * Tensor logits = Tensor.arange(24).astype(DType.FLOAT32).sub(12).div(100).reshape(2, 4, 3);
 * Tensor labels = Tensor.of(new double[][] {{1, 2, 1, 0}, {1, 2, 0, 2}});
 * Tensor loss = new CTC().apply(labels, logits);   // 2.448645
 * }</pre>
 */
public class CTC extends Loss {
    /** log 0 of the recursion: finite, so that impossible paths give large finite values and zero gradients. */
    private static final double LOG_EPSILON = -1e5;

    public CTC() { super("ctc"); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) { return compute(yTrue, yPred); }

    static Tensor compute(Tensor yTrue, Tensor yPred) {
        if (yTrue.rank() != 2) {
            throw new IllegalArgumentException("ctc: labels y_true are expected to be a tensor of shape (batch_size, max_length), "
                    + "got " + yTrue.shape());
        }
        if (yPred.rank() != 3) {
            throw new IllegalArgumentException("ctc: logits y_pred are expected to be a tensor of shape (batch_size, max_length, "
                    + "num_classes), got " + yPred.shape());
        }
        int b = yPred.shape().dim(0), frames = yPred.shape().dim(1), classes = yPred.shape().dim(2);
        int labelsMax = yTrue.shape().dim(1);
        if (yTrue.shape().dim(0) != b) {
            throw new IllegalArgumentException("ctc: y_true of shape " + yTrue.shape() + " and y_pred of shape " + yPred.shape()
                    + " have different batch sizes");
        }
        if (labelsMax == 0) throw new IllegalArgumentException("ctc: y_true of shape " + yTrue.shape() + " has no label positions");
        SparseCategoricalCrossentropy.requireClassIds("ctc", yTrue, classes, yPred.shape());
        DType dt = yPred.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        double[] lab = yTrue.toDoubleArray();
        double[] repeat = new double[b * labelsMax], length = new double[b];
        for (int i = 0; i < b; i++) {
            for (int n = 0; n < labelsMax; n++) {
                double v = lab[i * labelsMax + n];
                if (v != 0) length[i]++;
                // a repeated label forbids skipping the blank between the two
                if (n + 1 < labelsMax && v == lab[i * labelsMax + n + 1]) repeat[i * labelsMax + n] = 1;
            }
        }
        Tensor repeatPenalty = Tensor.fromFlat(repeat, dt, b, labelsMax).mul(LOG_EPSILON);
        Tensor noRepeatPenalty = Tensor.fromFlat(repeat, dt, b, labelsMax).neg().add(1.0).mul(LOG_EPSILON);
        Tensor logProbs = yPred.astype(dt).logSoftmax(-1);
        Tensor blank = logProbs.slice(2, 0, 1);                                    // (B, T, 1)
        Tensor index = Tensor.fromFlat(lab, DType.INT32, b, 1, labelsMax).broadcastTo(b, frames, labelsMax);
        Tensor emitted = logProbs.takeAlongAxis(index, 2);                           // (B, T, L)

        double[] phi0 = new double[b * (labelsMax + 1)];
        java.util.Arrays.fill(phi0, LOG_EPSILON);
        for (int i = 0; i < b; i++) phi0[i * (labelsMax + 1)] = 0;
        Tensor phi = Tensor.fromFlat(phi0, dt, b, labelsMax + 1);                  // in a blank after n labels
        Tensor emit = Tensor.full(LOG_EPSILON, dt, b, labelsMax);                   // on label n
        for (int t = 0; t < frames; t++) {
            Tensor logEmit = emitted.slice(1, t, t + 1).squeeze(1);
            Tensor logBlank = blank.slice(1, t, t + 1).squeeze(1);
            Tensor reachable = addToTail(phi, emit.add(repeatPenalty));
            Tensor nextEmit = logAddExp(reachable.slice(1, 0, labelsMax).add(logEmit), emit.add(logEmit));
            Tensor nextPhi = addToTail(reachable.add(logBlank), emit.add(logBlank).add(noRepeatPenalty));
            phi = nextPhi;
            emit = nextEmit;
        }
        Tensor last = addToTail(phi, emit);
        Tensor end = Tensor.fromFlat(length, DType.INT32, b, 1);
        return last.takeAlongAxis(end, 1).squeeze(1).neg();
    }

    /** phi with columns 1.. combined (log-add) with {@code added}, column 0 unchanged. */
    private static Tensor addToTail(Tensor phi, Tensor added) {
        int n = phi.shape().dim(1);
        List<Tensor> parts = new ArrayList<>(2);
        parts.add(phi.slice(1, 0, 1));
        parts.add(logAddExp(phi.slice(1, 1, n), added));
        return Tensor.concat(parts, 1);
    }

    /** log(e^a + e^b) = max(a, b) + log1p(e^−|a−b|), without overflow. */
    static Tensor logAddExp(Tensor a, Tensor b) {
        return a.maximum(b).add(a.sub(b).abs().neg().exp().log1p());
    }

    @Override
    public CTC reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public CTC name(String name) { super.name(name); return this; }

    @Override
    void checkInputs(LossChecks c) {
        if (c.yTrue.rank() != 2 || c.yPred.rank() != 3 || c.yTrue.shape().dim(0) != c.yPred.shape().dim(0)) {
            throw c.error("expects labels of shape (B, L) and logits of shape (B, T, K), got y_true " + c.yTrue.shape()
                    + " and y_pred " + c.yPred.shape());
        }
        int labelsMax = c.yTrue.shape().dim(1), frames = c.yPred.shape().dim(1), classes = c.yPred.shape().dim(2);
        double[] v = c.labels();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= classes) {
                throw c.error("label " + v[i] + " is not a class id in [0, " + classes + ") (0 is the blank and the padding)");
            }
        }
        for (int r = 0; r < v.length / labelsMax; r++) {
            boolean seenPad = false;
            int needed = 0;
            double prev = Double.NaN;
            for (int n = 0; n < labelsMax; n++) {
                double x = v[r * labelsMax + n];
                if (x == 0) { seenPad = true; continue; }
                if (seenPad) {
                    c.warn("row " + r + " has a 0 before a label: 0 is the blank/padding and the label length is the count of "
                            + "non-zero entries; put all padding at the end of each row");
                }
                needed += x == prev ? 2 : 1;
                prev = x;
            }
            if (needed > frames) {
                throw c.error("row " + r + " needs at least " + needed + " frames (labels plus blanks between repeats) but the "
                        + "predictions have only " + frames + " time steps");
            }
        }
        if (c.squashing()) {
            c.warn("the output activation is " + c.activation + ", but CTC expects logits (it applies log-softmax itself); "
                    + "remove the activation");
        }
    }
}
