package dev.kiln.bench;

import dev.kiln.kernel.MatMul;
import dev.kiln.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One forward + backward pass of the study's classifier at batch 32: Dense(2→50, relu) →
 * Dense(50→3) → softmax cross-entropy, written with Tensor ops, no optimizer update.
 *
 * <p>{@code tensorStep} is the whole step as a user writes it; {@code gemmsOnly} is just its five
 * products through {@link MatMul#sgemm} (forward 32×2·2×50 and 32×50·50×3; backward dW2 = h1ᵀ·dZ,
 * dH1 = dZ·W2ᵀ, dW1 = xᵀ·dH1), the part of the step the GEMM kernels own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TinyStepBenchmark {
    private static final int BATCH = 32;
    private static final int IN = 2;
    private static final int HIDDEN = 50;
    private static final int OUT = 3;

    private Tensor x;
    private Tensor yOneHot;
    private Tensor w1;
    private Tensor b1;
    private Tensor w2;
    private Tensor b2;

    private float[] xs;
    private float[] w1s;
    private float[] w2s;
    private float[] h1;
    private float[] z;
    private float[] dz;
    private float[] dw2;
    private float[] dh1;
    private float[] dw1;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(7);
        xs = random(rnd, BATCH * IN);
        w1s = random(rnd, IN * HIDDEN);
        w2s = random(rnd, HIDDEN * OUT);
        int[] labels = new int[BATCH];
        float[] oneHot = new float[BATCH * OUT];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = rnd.nextInt(OUT);
            oneHot[i * OUT + labels[i]] = 1f;
        }
        x = Tensor.wrap(xs.clone(), BATCH, IN);
        yOneHot = Tensor.wrap(oneHot, BATCH, OUT);
        w1 = Tensor.wrap(w1s.clone(), IN, HIDDEN).requiresGrad(true);
        b1 = Tensor.wrap(new float[HIDDEN], HIDDEN).requiresGrad(true);
        w2 = Tensor.wrap(w2s.clone(), HIDDEN, OUT).requiresGrad(true);
        b2 = Tensor.wrap(new float[OUT], OUT).requiresGrad(true);
        h1 = random(rnd, BATCH * HIDDEN);
        z = new float[BATCH * OUT];
        dz = random(rnd, BATCH * OUT);
        dw2 = new float[HIDDEN * OUT];
        dh1 = new float[BATCH * HIDDEN];
        dw1 = new float[IN * HIDDEN];
    }

    @Benchmark
    public Tensor tensorStep() {
        w1.zeroGrad();
        b1.zeroGrad();
        w2.zeroGrad();
        b2.zeroGrad();
        Tensor logits = x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
        Tensor loss = logits.logSoftmax(1).mul(yOneHot).sum(1).neg().mean();
        loss.backward();
        return w1.grad();
    }

    @Benchmark
    public float[] gemmsOnly() {
        MatMul.sgemm(false, false, BATCH, HIDDEN, IN, xs, 0, IN, w1s, 0, HIDDEN, h1, 0, HIDDEN, false);
        MatMul.sgemm(false, false, BATCH, OUT, HIDDEN, h1, 0, HIDDEN, w2s, 0, OUT, z, 0, OUT, false);
        MatMul.sgemm(true, false, HIDDEN, OUT, BATCH, h1, 0, HIDDEN, dz, 0, OUT, dw2, 0, OUT, false);
        MatMul.sgemm(false, true, BATCH, HIDDEN, OUT, dz, 0, OUT, w2s, 0, OUT, dh1, 0, HIDDEN, false);
        MatMul.sgemm(true, false, IN, HIDDEN, BATCH, xs, 0, IN, dh1, 0, HIDDEN, dw1, 0, HIDDEN, false);
        return dw1;
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }
}
