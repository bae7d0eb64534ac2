package dev.kiln.bench;

import dev.kiln.losses.BinaryCrossentropy;
import dev.kiln.losses.CTC;
import dev.kiln.losses.CategoricalCrossentropy;
import dev.kiln.losses.Loss;
import dev.kiln.losses.MeanSquaredError;
import dev.kiln.losses.SparseCategoricalCrossentropy;
import dev.kiln.tensor.Tensor;
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
 * Time of one loss evaluation with its backward pass ({@code loss.apply(y, p).backward()}, float32) for a
 * training batch: what the composed cross-entropies (logSoftmax, softplus) cost per step, the number a
 * fused kernel would have to beat.
 *
 * <p>Run: {@code java -jar kiln-bench/target/benchmarks.jar LossBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LossBenchmark {
    /** loss:batch x classes. */
    @Param({"scce_logits:128x10", "cce_logits:128x10", "bce_logits:128x1", "mse:128x1", "scce_logits:128x1000", "ctc:16x50x20"})
    public String config;

    private Loss loss;
    private Tensor labels;
    private Tensor logits;

    @Setup
    public void setup() {
        String[] parts = config.split(":");
        String[] dims = parts[1].split("x");
        int b = Integer.parseInt(dims[0]), k = Integer.parseInt(dims[dims.length - 1]);
        switch (parts[0]) {
            case "scce_logits":
                loss = new SparseCategoricalCrossentropy().fromLogits(true);
                labels = Tensor.randomUniform(1, 0, k, b).floor();
                logits = Tensor.randomNormal(2, 0, 1, b, k);
                break;
            case "cce_logits":
                loss = new CategoricalCrossentropy().fromLogits(true);
                labels = Tensor.oneHot(Tensor.randomUniform(1, 0, k, b).floor(), k);
                logits = Tensor.randomNormal(2, 0, 1, b, k);
                break;
            case "bce_logits":
                loss = new BinaryCrossentropy().fromLogits(true);
                labels = Tensor.randomUniform(1, 0, 1, b, k).round();
                logits = Tensor.randomNormal(2, 0, 1, b, k);
                break;
            case "mse":
                loss = new MeanSquaredError();
                labels = Tensor.randomNormal(1, 0, 1, b, k);
                logits = Tensor.randomNormal(2, 0, 1, b, k);
                break;
            case "ctc": {
                int t = Integer.parseInt(dims[1]);
                loss = new CTC();
                labels = Tensor.randomUniform(1, 1, k, b, t / 5).floor();
                logits = Tensor.randomNormal(2, 0, 1, b, t, k);
                break;
            }
            default:
                throw new IllegalArgumentException("unknown loss " + parts[0]);
        }
        logits.requiresGrad(true);
    }

    @Benchmark
    public Tensor forwardBackward() {
        logits.zeroGrad();
        loss.apply(labels, logits).backward();
        return logits.grad();
    }
}
