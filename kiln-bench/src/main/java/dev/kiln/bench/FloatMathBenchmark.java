package dev.kiln.bench;

import dev.kiln.kernel.FloatMath;
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
 * {@link FloatMath}'s exponential and logarithms against {@code Math}'s, each over 1,024 float32 values
 * (standard normal inputs; absolute values for the logarithm) rounded back to float32, as the float32
 * kernels use them. Divide by 1,024 for the cost of one value.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FloatMathBenchmark {
    private static final int N = 1024;
    private float[] x;
    private float[] positive;
    private float[] out;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(3);
        x = new float[N];
        positive = new float[N];
        out = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) rnd.nextGaussian();
            positive[i] = Math.abs(x[i]);
        }
    }

    @Benchmark
    public float[] mathExp() {
        for (int i = 0; i < N; i++) out[i] = (float) Math.exp(x[i]);
        return out;
    }

    @Benchmark
    public float[] floatMathExp() {
        for (int i = 0; i < N; i++) out[i] = (float) FloatMath.exp(x[i]);
        return out;
    }

    @Benchmark
    public float[] mathLog() {
        for (int i = 0; i < N; i++) out[i] = (float) Math.log(positive[i]);
        return out;
    }

    @Benchmark
    public float[] floatMathLog() {
        for (int i = 0; i < N; i++) out[i] = (float) FloatMath.log(positive[i]);
        return out;
    }

    @Benchmark
    public float[] mathLog1p() {
        for (int i = 0; i < N; i++) out[i] = (float) Math.log1p(positive[i]);
        return out;
    }

    @Benchmark
    public float[] floatMathLog1p() {
        for (int i = 0; i < N; i++) out[i] = (float) FloatMath.log1p(positive[i]);
        return out;
    }

    @Benchmark
    public float[] mathSoftplus() {
        for (int i = 0; i < N; i++) out[i] = (float) (Math.max(x[i], 0.0) + Math.log1p(Math.exp(-Math.abs(x[i]))));
        return out;
    }

    @Benchmark
    public float[] floatMathSoftplus() {
        for (int i = 0; i < N; i++) out[i] = (float) FloatMath.softplus(x[i]);
        return out;
    }

    @Benchmark
    public float[] mathTanh() {
        for (int i = 0; i < N; i++) out[i] = (float) Math.tanh(x[i]);
        return out;
    }

    @Benchmark
    public float[] floatMathTanh() {
        for (int i = 0; i < N; i++) out[i] = (float) FloatMath.tanh(x[i]);
        return out;
    }
}
