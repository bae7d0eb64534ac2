package dev.kiln.kernel;

/**
 * The float32 inner loops of the image kernels on the Vector API: the two multiply-add loops of
 * {@link PlaneConv} (over flat arrays with a list of tap offsets, so that one implementation serves the
 * forward pass, the input gradient and the kernel gradient) and max pooling. Implemented by
 * VectorConvKernel, loaded only when the JVM has jdk.incubator.vector; without it float32 convolutions
 * use im2col + GEMM and pooling plain loops, and float64 always uses {@link ScalarConvKernel}.
 */
interface ConvKernel {
    /** Lengths passed to this kernel are multiples of this many elements. */
    int BLOCK = 32;

    /**
     * {@code out[o·outStride + q] = Σ_j w(o, j) · in[off[j] + q]} for o in [0, outCh), q in [0, len);
     * len is a multiple of {@link #BLOCK}, and every read stays inside {@code in}. The weights are grouped
     * by four channels ({@link PlaneConv#groupByFour}): {@code w(o, j) = w[o₀·taps + 4j + (o − o₀)]} for
     * the channels below {@code outCh − outCh % 4}, o₀ = o − o % 4, so that a tap's four weights are
     * adjacent; {@code w(o, j) = w[o·taps + j]} for the last {@code outCh % 4}.
     */
    void correlate(float[] in, int[] off, int taps, float[] w, int outCh, float[] out, int outStride, int len);

    /** {@code dw[o·taps + j] += Σ_q dy[dyOff + o·dyStride + q] · in[off[j] + q]} for q in [0, len), len a multiple of {@link #BLOCK}. */
    void correlateGrad(float[] in, int[] off, int taps, float[] dy, int dyOff, int dyStride, int outCh, int len, float[] dw);

    /**
     * Max pooling of image b as {@link Pool#maxForward} defines it (argmax may be null: not recorded),
     * channels in vector lanes; returns false
     * (and writes nothing) when the channel count does not fill whole vectors.
     */
    boolean maxPool(Conv.Geometry g, float[] x, float[] y, int[] argmax, int b);

    /** {@code y[yo + i] = tanh(x[xo + i])} for i in [0, n), within one float ulp of {@code (float) Math.tanh}. */
    void tanh(float[] x, int xo, float[] y, int yo, int n);
}
