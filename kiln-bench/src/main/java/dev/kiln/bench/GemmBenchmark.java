package dev.kiln.bench;

import dev.kiln.kernel.MatMul;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one {@code C = A·B} through {@link MatMul#sgemm} (row-major, no transposes, overwrite),
 * A being M×K and B K×N. GFLOP/s = 2·M·N·K / time; {@code bench/compare.sh} does the conversion and
 * puts torch.mm beside it.
 *
 * <p>Run: {@code java -jar kiln-bench/target/benchmarks.jar GemmBenchmark}. The forks get
 * {@code --add-modules jdk.incubator.vector}; pass {@code -jvmArgsAppend -Dkiln.gemm.kernel=scalar}
 * to measure the plain-Java kernel instead (that replaces the module flag too).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    /** {@code MxKxN}: squares, the MLP 784-512-512-10 layers at batch 128, the study's batch-32 layers. */
    @Param({"64x64x64", "128x128x128", "256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048",
            "128x784x512", "128x512x512", "32x2x50", "32x50x3", "32x20x25"})
    public String shape;

    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setup() {
        String[] dims = shape.split("x");
        m = Integer.parseInt(dims[0]);
        k = Integer.parseInt(dims[1]);
        n = Integer.parseInt(dims[2]);
        SplittableRandom rnd = new SplittableRandom(42);
        a = randomArray(rnd, m * k);
        b = randomArray(rnd, k * n);
        c = new float[m * n];
    }

    @Benchmark
    public float[] sgemm() {
        MatMul.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
        return c;
    }

    private static float[] randomArray(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }
}
