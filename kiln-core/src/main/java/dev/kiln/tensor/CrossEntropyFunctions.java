package dev.kiln.tensor;

import dev.kiln.kernel.Softmax;

/**
 * Softmax cross-entropy from logits as one graph node, {@code −Σ_k t_k · logSoftmax(z)_k} over the last
 * axis: the arithmetic of {@code t.mul(z.logSoftmax(-1)).sum(-1).neg()} step for step (log-softmax
 * computed in double and rounded, float products, the sum accumulated in double), so the same values,
 * in one pass instead of four nodes, and a backward pass {@code g·(softmax(z)·Σt − t)} in one loop that
 * reuses the probabilities of the forward pass. Any other axis takes the composed ops.
 */
final class CrossEntropyFunctions {
    private CrossEntropyFunctions() {}

    static Tensor softmaxCrossEntropy(Tensor labels, Tensor logits, int axis) {
        if (labels == null || logits == null) throw new IllegalArgumentException("softmaxCrossEntropyWithLogits: labels and logits must not be null");
        if (!labels.shape.equals(logits.shape)) {
            throw new IllegalArgumentException("softmaxCrossEntropyWithLogits: labels of shape " + labels.shape
                    + " and logits of shape " + logits.shape + " must have the same shape");
        }
        int ax = Shape.normalizeAxis(axis, logits.rank(), "softmaxCrossEntropyWithLogits");
        boolean fused = ax == logits.rank() - 1 && labels.dtype == logits.dtype && logits.dtype.isFloating()
                && logits.shape.dim(ax) > 0;
        if (!fused) return labels.mul(logits.logSoftmax(ax)).sum(ax).neg();
        int len = logits.shape.dim(ax), rows = logits.size() / len;
        int[] od = java.util.Arrays.copyOf(logits.shape.dims(), logits.rank() - 1);
        Tensor out = Tensor.empty(logits.dtype, Shape.wrap(od));
        if (logits.f != null) return floatNode(labels, logits, out, rows, len);
        double[] z = logits.d, t = labels.d, o = out.d;
        // log-probabilities and probabilities, kept for the backward pass
        double[] logp = new double[z.length], prob = new double[z.length];
        for (int r = 0; r < rows; r++) {
            int base = r * len;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < len; k++) max = Math.max(max, z[base + k]);
            double shift = Double.isInfinite(max) ? 0.0 : max;
            double sum = 0;
            for (int k = 0; k < len; k++) {
                prob[base + k] = Math.exp(z[base + k] - shift);
                sum += prob[base + k];
            }
            double logS = Math.log(sum);
            double acc = 0;
            for (int k = 0; k < len; k++) {
                logp[base + k] = z[base + k] - shift - logS;
                prob[base + k] /= sum;
                acc += t[base + k] * logp[base + k];
            }
            o[r] = -acc;
        }
        return Functions.record(out, Op.SOFTMAX_CROSS_ENTROPY, g -> backward(g, labels, logits, logp, prob, rows, len), labels, logits);
    }

    /** The float32 node on the arrays directly; log-probabilities and probabilities kept as floats for backward. */
    private static Tensor floatNode(Tensor labels, Tensor logits, Tensor out, int rows, int len) {
        float[] z = logits.f, t = labels.f, o = out.f;
        float[] logp = new float[z.length];
        // the softmax of these logits was just taken (a model's output): its rows give the same values
        SoftmaxRows known = logits.softmaxRows;
        if (known != null && (logits.parents == null || known.shift().length != rows || known.probabilities().size() != z.length)) {
            known = null;
        }
        float[] prob;
        double[] shift, logSum;
        if (known != null) {
            prob = known.probabilities().f;
            shift = known.shift();
            logSum = known.logSum();
        } else {
            prob = new float[z.length];
            shift = new double[rows];
            logSum = new double[rows];
            Softmax.rows(z, rows, len, prob, shift, logSum);
        }
        Softmax.crossEntropy(z, t, rows, len, shift, logSum, logp, o);
        return Functions.record(out, Op.SOFTMAX_CROSS_ENTROPY, g -> floatBackward(g, labels, logits, logp, prob, rows, len), labels, logits);
    }

    /** {@link #backward} for float32, on the kept float arrays. */
    private static Tensor[] floatBackward(Tensor g, Tensor labels, Tensor logits, float[] logp, float[] prob, int rows, int len) {
        Tensor dz = logits.requiresGrad ? Tensor.empty(DType.FLOAT32, logits.shape) : null;
        Tensor dt = labels.requiresGrad ? Tensor.empty(DType.FLOAT32, labels.shape) : null;
        float[] t = labels.f, gs = g.f;
        if (dz != null) Softmax.crossEntropyBackward(gs, t, prob, rows, len, dz.f);
        if (dt != null) {
            for (int r = 0; r < rows; r++) {
                int base = r * len;
                float u = -gs[r];
                for (int k = 0; k < len; k++) dt.f[base + k] = u * logp[base + k];
            }
        }
        return new Tensor[] {dt, dz};
    }

    /**
     * With u = −g (per row) repeated along the row and v_k = u·t_k: d/dz_k = v_k − p_k·Σ_j v_j and
     * d/dt_k = u·logp_k, in the order of operations of the composed ops' backward passes.
     */
    private static Tensor[] backward(Tensor g, Tensor labels, Tensor logits, double[] logp, double[] prob, int rows, int len) {
        Tensor dz = logits.requiresGrad ? Tensor.empty(DType.FLOAT64, logits.shape) : null;
        Tensor dt = labels.requiresGrad ? Tensor.empty(DType.FLOAT64, labels.shape) : null;
        double[] t = labels.d;
        for (int r = 0; r < rows; r++) {
            int base = r * len;
            double u = -g.d[r];
            if (dz != null) {
                double s = 0;
                for (int k = 0; k < len; k++) s += u * t[base + k];
                for (int k = 0; k < len; k++) dz.d[base + k] = u * t[base + k] - prob[base + k] * s;
            }
            if (dt != null) for (int k = 0; k < len; k++) dt.d[base + k] = u * logp[base + k];
        }
        return new Tensor[] {dt, dz};
    }
}
