package dev.kiln.tensor;

import dev.kiln.kernel.Conv;
import dev.kiln.kernel.ConvActivation;
import dev.kiln.kernel.Pool;
import java.util.Arrays;
import java.util.Locale;

/**
 * The differentiable image primitives: 2-D convolution and max/average pooling over channels-last
 * (N, H, W, C) tensors, forward beside backward. They are fused primitives rather than compositions
 * because an im2col + GEMM convolution is an order of magnitude faster than the same arithmetic
 * spelled with gather/matmul/sum graph nodes (docs/BENCHMARKS.md, "CNN").
 *
 * <p>Public for one entry point only, {@link #conv2d(Tensor, Tensor, Tensor, int[], String, int[], String)}
 * (the convolution with its activation fused), which {@code Conv2D} calls; the other primitives are
 * reached through {@link Tensor}.
 */
final class ConvFunctions {
    private ConvFunctions() {}

    /** "valid" → false, "same" → true (case-insensitive); anything else is the caller's mistake. */
    static boolean same(String op, String padding) {
        String p = padding == null ? "" : padding.toLowerCase(Locale.ROOT);
        if (p.equals("same")) return true;
        if (p.equals("valid")) return false;
        throw new IllegalArgumentException(op + ": padding must be 'valid' or 'same', got '" + padding + "'");
    }

    static int[] pair(String op, String what, int[] v) {
        if (v == null || v.length != 2) {
            throw new IllegalArgumentException(op + ": " + what + " must have 2 values (height, width), got " + Arrays.toString(v));
        }
        for (int x : v) {
            if (x <= 0) throw new IllegalArgumentException(op + ": " + what + " must be positive, got " + Arrays.toString(v));
        }
        return v;
    }

    private static void rank4(String op, String what, Tensor t, String layout) {
        if (t.rank() != 4) {
            throw new IllegalArgumentException(op + ": " + what + " must have rank 4 " + layout + ", got shape " + t.shape);
        }
    }

    // ------------------------------------------------------------------ convolution

    static Tensor conv2d(Tensor x0, Tensor k0, Tensor b0, int[] strides, String padding, int[] dilation) {
        return conv2d(x0, k0, b0, strides, padding, dilation, "linear");
    }

    /**
     * {@code activation(conv2d(input, kernel) + bias)} as one differentiable op, for the activations
     * {@code "linear"}, {@code "relu"} and {@code "tanh"}: the activation runs on each image right after
     * its convolution, and its gradient and the bias gradient in one parallel pass (bias may be null).
     * The same values and gradients as {@code Tensor.conv2d} followed by {@code relu()} or {@code tanh()}.
     *
     * <pre>{@code
     * Tensor y = Tensor.conv2d(x, kernel, bias, new int[] {1, 1}, "valid", new int[] {1, 1}, "tanh");
     * }</pre>
     */
    static Tensor conv2d(Tensor x0, Tensor k0, Tensor b0, int[] strides, String padding, int[] dilation, String activation) {
        String op = "conv2d";
        ConvActivation f = activation(op, activation);
        rank4(op, "input", x0, "(batch, height, width, channels)");
        rank4(op, "kernel", k0, "(kernelHeight, kernelWidth, inChannels, filters)");
        pair(op, "strides", strides);
        pair(op, "dilation", dilation);
        boolean same = same(op, padding);
        int[] xs = x0.shape.dims(), ks = k0.shape.dims();
        if (xs[3] != ks[2]) {
            throw new IllegalArgumentException(op + ": input " + x0.shape + " has " + xs[3] + " channels but kernel " + k0.shape
                    + " expects " + ks[2] + " (kernel layout is (kernelHeight, kernelWidth, inChannels, filters))");
        }
        if (b0 != null && (b0.rank() != 1 || b0.shape.dim(0) != ks[3])) {
            throw new IllegalArgumentException(op + ": bias must have shape (" + ks[3] + ") for kernel " + k0.shape + ", got " + b0.shape);
        }
        DType dt = DType.promote(Functions.floating(x0).dtype, Functions.floating(k0).dtype);
        if (b0 != null) dt = DType.promote(dt, Functions.floating(b0).dtype);
        DType t = dt;
        Tensor x = x0.dtype == dt ? x0 : x0.astype(dt);
        Tensor k = k0.dtype == dt ? k0 : k0.astype(dt);
        Tensor b = b0 == null || b0.dtype == dt ? b0 : b0.astype(dt);
        Conv.Geometry g = Conv.Geometry.of(xs[0], xs[1], xs[2], xs[3], ks[0], ks[1], ks[3], strides, dilation, same);
        Tensor out = Tensor.empty(dt, Shape.of(g.batch, g.outH, g.outW, g.outC));
        if (dt == DType.FLOAT32) Conv.forward(g, x.f, k.f, b == null ? null : b.f, f, out.f);
        else Conv.forward(g, x.d, k.d, b == null ? null : b.d, f, out.d);
        return Functions.record(out, Op.CONV2D, gy0 -> {
            Tensor gy = gy0.dtype == t ? gy0 : gy0.astype(t);
            Tensor dx = x.requiresGrad ? Tensor.empty(t, x.shape) : null;
            Tensor dk = k.requiresGrad ? Tensor.empty(t, k.shape) : null;
            Tensor db = b != null && b.requiresGrad ? Tensor.empty(t, b.shape) : null;
            if (t == DType.FLOAT32) {
                Conv.backward(g, x.f, k.f, f, out.f, gy.f, dx == null ? null : dx.f, dk == null ? null : dk.f, db == null ? null : db.f);
            } else {
                Conv.backward(g, x.d, k.d, f, out.d, gy.d, dx == null ? null : dx.d, dk == null ? null : dk.d, db == null ? null : db.d);
            }
            return new Tensor[] {dx, dk, db};
        }, x, k, b);
    }

    private static ConvActivation activation(String op, String name) {
        String a = name == null ? "linear" : name.toLowerCase(Locale.ROOT);
        switch (a) {
            case "linear": return ConvActivation.LINEAR;
            case "relu": return ConvActivation.RELU;
            case "tanh": return ConvActivation.TANH;
            default: throw new IllegalArgumentException(op + ": fused activation must be 'linear', 'relu' or 'tanh', got '" + name
                    + "' (apply other activations after the convolution)");
        }
    }

    // ------------------------------------------------------------------ pooling

    private static Conv.Geometry poolGeometry(String op, Tensor x, int[] poolSize, int[] strides, String padding) {
        rank4(op, "input", x, "(batch, height, width, channels)");
        pair(op, "poolSize", poolSize);
        pair(op, "strides", strides);
        int[] xs = x.shape.dims();
        return Conv.Geometry.of(xs[0], xs[1], xs[2], xs[3], poolSize[0], poolSize[1], xs[3], strides, new int[] {1, 1},
                same(op, padding));
    }

    static Tensor maxPool2d(Tensor x0, int[] poolSize, int[] strides, String padding) {
        Tensor x = Functions.floating(x0);
        Conv.Geometry g = poolGeometry("maxPool2d", x, poolSize, strides, padding);
        Tensor out = Tensor.empty(x.dtype, Shape.of(g.batch, g.outH, g.outW, g.outC));
        // the winners' positions are needed only by a backward pass; inference skips recording them
        boolean backward = GradMode.enabled() && x.requiresGrad;
        int[] argmax = backward || x.f == null ? new int[out.size()] : null;
        if (x.f != null) Pool.maxForward(g, x.f, out.f, argmax);
        else Pool.maxForward(g, x.d, out.d, argmax);
        return Functions.record(out, Op.MAX_POOL2D, gy -> {
            Tensor dx = Tensor.empty(x.dtype, x.shape);
            if (x.f != null) Pool.maxBackward(g, gy.f, argmax, dx.f);
            else Pool.maxBackward(g, gy.d, argmax, dx.d);
            return new Tensor[] {dx};
        }, x);
    }

    static Tensor avgPool2d(Tensor x0, int[] poolSize, int[] strides, String padding) {
        Tensor x = Functions.floating(x0);
        Conv.Geometry g = poolGeometry("avgPool2d", x, poolSize, strides, padding);
        Tensor out = Tensor.empty(x.dtype, Shape.of(g.batch, g.outH, g.outW, g.outC));
        if (x.f != null) Pool.avgForward(g, x.f, out.f);
        else Pool.avgForward(g, x.d, out.d);
        return Functions.record(out, Op.AVG_POOL2D, gy -> {
            Tensor dx = Tensor.empty(x.dtype, x.shape);
            if (x.f != null) Pool.avgBackward(g, gy.f, dx.f);
            else Pool.avgBackward(g, gy.d, dx.d);
            return new Tensor[] {dx};
        }, x);
    }
}
