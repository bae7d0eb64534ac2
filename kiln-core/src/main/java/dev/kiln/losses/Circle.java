package dev.kiln.losses;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Circle loss for metric learning on L2-normalized embeddings, with the batch as its own reference set.
 * With cosine distances {@code d_ij = max(1 − ⟨p_i, p_j⟩, 0)}, positives P (same label, i ≠ j when
 * removeDiagonal) and negatives N (other labels), margin m and scale γ:
 * {@code s⁺ = −γ·max(m + d, 0)·(m − d)} over P, {@code s⁻ = γ·max(1 + m − d, 0)·(1 − m − d)} over N and
 * {@code loss_i = softplus(logsumexp_j s⁺ + logsumexp_j s⁻)}; 0 without positives or negatives. Samples with
 * loss 0 are masked out of the mean. Defaults: gamma 80, margin 0.4, removeDiagonal true. Name {@code circle}.
 *
 * <pre>{@code
 * Tensor embeddings = rawEmbeddings.div(rawEmbeddings.square().sum(-1, true).sqrt());   // unit rows
 * Tensor loss = new Circle().gamma(80).margin(0.4).apply(Tensor.of(new int[] {0, 0, 1, 1}), embeddings);
 * }</pre>
 */
public class Circle extends Loss {
    /**
     * Stands for log 0 in the masked logsumexp: exp(LOG_ZERO − x) is exactly 0 for any finite x, as for
     * Keras's −∞, but an all-masked row keeps finite values, so gradients stay 0 instead of NaN.
     */
    private static final double LOG_ZERO = -1e30;

    private double gamma = 80.0;
    private double margin = 0.4;
    private boolean removeDiagonal = true;

    public Circle() { super("circle"); }

    /** The scale γ of the similarities (default 80). */
    public Circle gamma(double gamma) {
        this.gamma = gamma;
        return this;
    }

    /** The relaxation margin m (default 0.4). */
    public Circle margin(double margin) {
        this.margin = margin;
        return this;
    }

    /** Whether a sample is its own positive (default true: it is not). */
    public Circle removeDiagonal(boolean removeDiagonal) {
        this.removeDiagonal = removeDiagonal;
        return this;
    }

    public double gamma() { return gamma; }

    public double margin() { return margin; }

    public boolean removeDiagonal() { return removeDiagonal; }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1], null, null, removeDiagonal, gamma, margin);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred, Tensor refLabels, Tensor refEmbeddings, boolean removeDiagonal,
                          double gamma, double margin) {
        String loss = "circle";
        if (yPred.rank() != 2) throw new IllegalArgumentException(loss + ": y_pred must be embeddings of shape (B, D), got " + yPred.shape());
        Tensor ref = refEmbeddings == null ? yPred : refEmbeddings;
        Tensor refLab = refLabels == null ? yTrue : refLabels;
        int b = yPred.shape().dim(0), m = ref.rank() == 2 ? ref.shape().dim(0) : -1;
        if (ref.rank() != 2 || ref.shape().dim(1) != yPred.shape().dim(1)) {
            throw new IllegalArgumentException(loss + ": reference embeddings of shape " + ref.shape() + " do not match y_pred of shape " + yPred.shape());
        }
        if (yTrue.size() != b || refLab.size() != m || yTrue.rank() > 2 || refLab.rank() > 2) {
            throw new IllegalArgumentException(loss + ": labels of shape " + yTrue.shape() + " (reference " + refLab.shape()
                    + ") must hold one integer label per embedding row of y_pred " + yPred.shape() + " (reference " + ref.shape() + ")");
        }
        DType dt = yPred.dtype();
        Tensor distances = yPred.matmul(ref.transpose()).neg().add(1.0).maximum(0.0);
        Tensor same = yTrue.reshape(b, 1).astype(dt).equal(refLab.reshape(1, m).astype(dt));
        Tensor negative = same.neg().add(1.0);
        Tensor positive = removeDiagonal ? same.mul(offDiagonal(b, m, dt)) : same;
        Tensor posWeights = distances.add(margin).mul(positive).maximum(0.0);
        Tensor negWeights = distances.neg().add(1.0 + margin).mul(negative).maximum(0.0);
        Tensor posDists = distances.neg().add(margin);
        Tensor negDists = distances.neg().add(1.0 - margin);
        Tensor posScores = posWeights.mul(-gamma).mul(posDists);
        Tensor negScores = negWeights.mul(gamma).mul(negDists);
        Tensor logZero = Tensor.scalar(LOG_ZERO, dt);
        Tensor posLoss = Tensor.where(positive, posScores, logZero).logSumExp(1);
        Tensor negLoss = Tensor.where(negative, negScores, logZero).logSumExp(1);
        Tensor result = posLoss.add(negLoss).softplus();
        return result.withMask(result.greater(0.0));
    }

    /** 1 off the diagonal of a (b, m) matrix, 0 on it (the diagonal is by index, as numpy's eye). */
    private static Tensor offDiagonal(int b, int m, DType dt) {
        double[] v = new double[b * m];
        java.util.Arrays.fill(v, 1.0);
        for (int i = 0; i < Math.min(b, m); i++) v[i * m + i] = 0.0;
        return Tensor.fromFlat(v, dt, b, m);
    }

    @Override
    public Circle reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public Circle name(String name) { super.name(name); return this; }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("gamma", gamma);
        config.put("margin", margin);
        config.put("remove_diagonal", removeDiagonal);
    }

    @Override
    void checkInputs(LossChecks c) {
        if (c.yPred.rank() != 2 || c.yTrue.size() != c.yPred.shape().dim(0)) {
            throw c.error("expects integer labels of shape (B,) and embeddings of shape (B, D), got y_true " + c.yTrue.shape()
                    + " and y_pred " + c.yPred.shape());
        }
        for (double v : c.labels()) {
            if (v != Math.rint(v)) throw c.error("label " + v + " is not an integer; Circle expects integer class labels");
        }
        double[] p = c.predictions();
        int d = c.yPred.shape().dim(1);
        for (int i = 0; i < p.length; i += d) {
            double s = 0;
            for (int j = 0; j < d; j++) s += p[i + j] * p[i + j];
            if (Math.abs(s - 1) > 1e-3) {
                c.warn("embeddings are not L2-normalized (row " + (i / d) + " has squared norm " + s + "); Circle assumes unit "
                        + "vectors: normalize the last layer's output (x / ||x||)");
                return;
            }
        }
    }
}
