package dev.kiln.bench;

import dev.kiln.losses.CategoricalCrossentropy;
import dev.kiln.losses.Loss;
import dev.kiln.nn.Dense;
import dev.kiln.optim.Adam;
import dev.kiln.optim.Optimizer;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
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
 * The study's classifier step through the layer and optimizer API: Dense(2→50, relu, he_uniform) →
 * Dense(50→3) → softmax cross-entropy at batch 32, then an SGD(momentum 0.9) update. Compare
 * {@code layerForwardBackward} with {@link TinyStepBenchmark#tensorStep} (the same computation written with bare
 * tensor ops) for the cost of the layer abstraction, and {@code sgdMomentumUpdate}/{@code adamUpdate} for the
 * optimizer's per-step cost on these 303 parameters.
 *
 * <p>{@code denseSoftmaxCrossentropy} is the step exactly as the model runs it: Dense(2→50, relu) →
 * Dense(50→3, softmax) → {@link CategoricalCrossentropy} (mean over the batch of 32), forward and
 * backward, no optimizer update.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LayerStepBenchmark {
    private Dense hidden;
    private Dense output;
    private List<Tensor> params;
    private Tensor x;
    private Tensor yOneHot;
    private Optimizer sgd;
    private Optimizer adam;
    private Dense softmaxHidden;
    private Dense softmaxOutput;
    private List<Tensor> softmaxParams;
    private Loss crossentropy;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(7);
        hidden = new Dense(50).activation("relu").kernelInitializer("he_uniform");
        output = new Dense(3);
        hidden.build(Shape.of(-1, 2), rnd);
        output.build(Shape.of(-1, 50), rnd);
        params = new ArrayList<>(hidden.trainableWeights());
        params.addAll(output.trainableWeights());
        float[] xs = new float[32 * 2], oneHot = new float[32 * 3];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) rnd.nextGaussian();
        for (int i = 0; i < 32; i++) oneHot[i * 3 + rnd.nextInt(3)] = 1f;
        x = Tensor.wrap(xs, 32, 2);
        yOneHot = Tensor.wrap(oneHot, 32, 3);
        sgd = new SGD(0.01).momentum(0.9);
        adam = new Adam();
        layerForwardBackward();   // gradients for the update benchmarks
        softmaxHidden = new Dense(50).activation("relu").kernelInitializer("he_uniform");
        softmaxOutput = new Dense(3).activation("softmax");
        softmaxHidden.build(Shape.of(-1, 2), rnd);
        softmaxOutput.build(Shape.of(-1, 50), rnd);
        softmaxParams = new ArrayList<>(softmaxHidden.trainableWeights());
        softmaxParams.addAll(softmaxOutput.trainableWeights());
        crossentropy = new CategoricalCrossentropy();
    }

    @Benchmark
    public Tensor layerForwardBackward() {
        for (int i = 0; i < params.size(); i++) params.get(i).zeroGrad();
        Tensor logits = output.call(hidden.call(x, true), true);
        Tensor loss = logits.logSoftmax(1).mul(yOneHot).sum(1).neg().mean();
        loss.backward();
        return loss;
    }

    @Benchmark
    public Tensor denseSoftmaxCrossentropy() {
        for (int i = 0; i < softmaxParams.size(); i++) softmaxParams.get(i).zeroGrad();
        Tensor probabilities = softmaxOutput.call(softmaxHidden.call(x, true), true);
        Tensor loss = crossentropy.apply(yOneHot, probabilities);
        loss.backward();
        return loss;
    }

    @Benchmark
    public long sgdMomentumUpdate() {
        sgd.step(params);
        return sgd.iterations();
    }

    @Benchmark
    public long adamUpdate() {
        adam.step(params);
        return adam.iterations();
    }
}
