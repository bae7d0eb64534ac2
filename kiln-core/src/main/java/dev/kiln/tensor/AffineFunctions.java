package dev.kiln.tensor;

import dev.kiln.kernel.Affine;
import dev.kiln.kernel.Elementwise;
import dev.kiln.kernel.MatMul;
import dev.kiln.kernel.Reduce;

/**
 * The fused affine primitive of a dense layer, {@code act(x · W + b)}, as one graph node: the bias is
 * written into the output first and the product accumulated onto it (the same single rounded addition
 * as a separate add), the activation applied in place; the backward pass forms {@code g·act'} once
 * and takes the kernel's, the bias's and (only if needed) the input's gradient from it directly.
 * Against the composition matmul → add → relu this saves two graph nodes, two full-size temporaries
 * forward and three backward.
 */
final class AffineFunctions {
    private AffineFunctions() {}

    static Tensor affine(Tensor x, Tensor kernel, Tensor bias, AffineActivation activation) {
        if (x == null || kernel == null) throw new IllegalArgumentException("affine: x and kernel must not be null");
        if (activation == null) throw new IllegalArgumentException("affine: activation must not be null (use AffineActivation.LINEAR)");
        if (kernel.rank() != 2) throw new IllegalArgumentException("affine: kernel must have rank 2 (inputs, units), got shape " + kernel.shape);
        if (x.rank() < 2) throw new IllegalArgumentException("affine: x must have rank >= 2 (batch, ..., inputs), got shape " + x.shape);
        int in = kernel.shape.dim(0), units = kernel.shape.dim(1);
        if (x.shape.dim(-1) != in) {
            throw new IllegalArgumentException("affine: x of shape " + x.shape + " and kernel of shape " + kernel.shape
                    + " cannot be multiplied: " + x.shape.dim(-1) + " != " + in);
        }
        if (bias != null && (bias.rank() != 1 || bias.shape.dim(0) != units)) {
            throw new IllegalArgumentException("affine: bias must have shape (" + units + ",) to match kernel " + kernel.shape
                    + ", got " + bias.shape);
        }
        if (activation == AffineActivation.SIGMOID || activation == AffineActivation.SOFTMAX) {
            Tensor z = affine(x, kernel, bias, AffineActivation.LINEAR);
            return (activation == AffineActivation.SIGMOID ? z.sigmoid() : z.softmax(-1)).withLogits(z);
        }
        boolean sameType = x.dtype == kernel.dtype && (bias == null || bias.dtype == kernel.dtype) && kernel.dtype.isFloating();
        if (!sameType) {
            // mixed dtypes promote as the separate ops do
            Tensor z = x.matmul(kernel);
            if (bias != null) z = z.add(bias);
            return activation == AffineActivation.RELU ? z.relu() : activation == AffineActivation.TANH ? z.tanh() : z;
        }
        if (x.rank() > 2) {
            int[] outDims = x.shape.with(-1, units).dims();
            return node(x.reshape(-1, in), kernel, bias, activation).reshape(outDims);
        }
        return node(x, kernel, bias, activation);
    }

    /** The node itself: x (m, in), kernel (in, units), bias (units) or null, all of one floating dtype. */
    private static Tensor node(Tensor x, Tensor kernel, Tensor bias, AffineActivation activation) {
        int m = x.shape.dim(0), in = kernel.shape.dim(0), units = kernel.shape.dim(1);
        Tensor out = Tensor.empty(x.dtype, Shape.wrap(new int[] {m, units}));
        int n = out.size();
        if (out.f != null) {
            Affine.forward(x.f, m, in, kernel.f, bias == null ? null : bias.f, units, unaryOf(activation), out.f);
        } else {
            if (bias != null) Affine.repeatRows(bias.d, out.d, m, units);
            MatMul.dgemm(false, false, m, units, in, x.d, 0, in, kernel.d, 0, units, out.d, 0, units, bias != null);
            if (activation == AffineActivation.RELU) Elementwise.unary(Elementwise.Unary.RELU, out.d, 0, out.d, 0, n);
            else if (activation == AffineActivation.TANH) Elementwise.unary(Elementwise.Unary.TANH, out.d, 0, out.d, 0, n);
        }
        return Functions.record(out, Op.AFFINE, g -> backward(g, x, kernel, bias, activation, out), x, kernel, bias);
    }

    /**
     * gz = g·act'(z) (act' read from the output: relu' is 1 where out &gt; 0, tanh' = 1 − out²), then
     * dW = xᵀ·gz, db = Σ_rows gz, dx = gz·Wᵀ, each only for an input that wants it.
     */
    private static Tensor[] backward(Tensor g, Tensor x, Tensor kernel, Tensor bias, AffineActivation activation, Tensor out) {
        int m = x.shape.dim(0), in = kernel.shape.dim(0), units = kernel.shape.dim(1);
        Tensor dw = kernel.requiresGrad ? Tensor.empty(kernel.dtype, kernel.shape) : null;
        Tensor db = bias != null && bias.requiresGrad ? Tensor.empty(bias.dtype, bias.shape) : null;
        Tensor dx = x.requiresGrad ? Tensor.empty(x.dtype, x.shape) : null;
        if (out.f != null) {
            float[] gz = activation == AffineActivation.LINEAR ? null : new float[out.size()];
            Affine.backward(x.f, m, in, kernel.f, units, unaryOf(activation), out.f, g.f, gz,
                    dw == null ? null : dw.f, db == null ? null : db.f, dx == null ? null : dx.f);
            return new Tensor[] {dx, dw, db};
        }
        double[] gz = g.d;
        if (activation != AffineActivation.LINEAR) {
            Elementwise.Unary kind = unaryOf(activation);
            gz = new double[out.size()];
            Elementwise.unaryGrad(kind, out.d, out.d, g.d, gz, out.size());
        }
        if (dw != null) MatMul.dgemm(true, false, in, units, m, x.d, 0, in, gz, 0, units, dw.d, 0, units, false);
        if (db != null) Reduce.reduce(Reduce.Kind.SUM, gz, db.d, 1, m, units);
        if (dx != null) MatMul.dgemm(false, true, m, in, units, gz, 0, units, kernel.d, 0, units, dx.d, 0, in, false);
        return new Tensor[] {dx, dw, db};
    }

    /** The kernel's name for a fused activation: null for linear. */
    private static Elementwise.Unary unaryOf(AffineActivation activation) {
        return activation == AffineActivation.RELU ? Elementwise.Unary.RELU
                : activation == AffineActivation.TANH ? Elementwise.Unary.TANH : null;
    }
}
