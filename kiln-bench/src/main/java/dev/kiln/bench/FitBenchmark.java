package dev.kiln.bench;

import dev.kiln.data.Dataset;
import dev.kiln.data.Datasets;
import dev.kiln.model.Fit;
import dev.kiln.model.Sequential;
import dev.kiln.nn.Dense;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
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
 * The study's multiclass experiment through the model API: 2 → Dense(50, relu) → Dense(3, softmax),
 * SGD(0.01, momentum 0.9), categorical cross-entropy, accuracy, batch 32, on the first 500 blobs.
 *
 * <p>{@code fitEpoch} is one epoch of {@code model.fit} with validation on the other 500 rows (16 steps,
 * shuffling, metrics, one validation pass); {@code trainOnBatch} one step through the public API;
 * {@code computeGradients} its forward and backward passes alone (loss and gradients, no update).
 * Dividing {@code fitEpoch} by 16 and comparing with {@code TinyStepBenchmark.tensorStep} shows what the
 * training loop adds around the tensor work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FitBenchmark {
    private Sequential model;
    private Tensor trainX;
    private Tensor trainY;
    private Tensor testX;
    private Tensor testY;
    private Tensor batchX;
    private Tensor batchY;
    private Fit epoch;

    @Setup
    public void setup() {
        Dataset d = Datasets.makeBlobs(1000, 3, 2, 2.0, 2);
        Tensor y = Datasets.toCategorical(d.y(), 3);
        trainX = d.x().slice(0, 500);
        trainY = y.slice(0, 500);
        testX = d.x().slice(500, 1000);
        testY = y.slice(500, 1000);
        batchX = trainX.slice(0, 32).astype(DType.FLOAT32);
        batchY = trainY.slice(0, 32);
        model = new Sequential().seed(1);
        model.add(new Dense(50).inputDim(2).activation("relu").kernelInitializer("he_uniform"));
        model.add(new Dense(3).activation("softmax"));
        model.compile(new SGD(0.01).momentum(0.9), "categorical_crossentropy", "accuracy");
        epoch = Fit.epochs(1).validationData(testX, testY).verbose(0);
    }

    @Benchmark
    public Object fitEpoch() { return model.fit(trainX, trainY, epoch); }

    @Benchmark
    public Object trainOnBatch() { return model.trainOnBatch(batchX, batchY); }

    /** Forward and backward alone (loss and gradients, no optimizer step, no metrics). */
    @Benchmark
    public double computeGradients() { return model.computeGradients(batchX, batchY); }
}
