package dev.kiln.cli;

import dev.kiln.losses.Loss;
import dev.kiln.losses.Reduction;
import dev.kiln.model.Fit;
import dev.kiln.model.History;
import dev.kiln.model.Sequential;
import dev.kiln.nn.Dense;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.GradMode;
import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * The sources' from-scratch network: 3 inputs → 4 sigmoid units → 1 sigmoid output, no biases, sum of
 * squared errors, plain gradient descent for 1500 iterations on a four-row XOR-like table; written once with
 * tensors and autodiff only, once with {@code Sequential}, both from the same initial weights.
 *
 * <p>Learning rate 1.0 on the sum of squared errors (the sources' update, which steps by the gradient of
 * half that sum, with rate 0.5 per unit of it). Initial weights uniform in [-1, 1).
 *
 * <pre>{@code
 * FromScratchExample.Trace t = FromScratchExample.withTensors();
 * t.losses()[1499];   // about 0.002
 * }</pre>
 */
public final class FromScratchExample {
    /** Gradient-descent iterations. */
    public static final int ITERATIONS = 1500;
    /** Step size on the sum of squared errors. */
    public static final double LEARNING_RATE = 1.0;
    /** Hidden units. */
    public static final int HIDDEN = 4;
    /** Seed of the initial weights. */
    public static final long SEED = 1;

    static final double[][] X = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};
    static final double[][] Y = {{0}, {1}, {1}, {0}};

    /** The loss after each iteration's forward pass, and the final predictions. */
    public record Trace(double[] losses, double[] predictions) {
    }

    private FromScratchExample() {
    }

    static Tensor initialHidden() {
        return Tensor.randomUniform(SEED, -1, 1, 3, HIDDEN);
    }

    static Tensor initialOutput() {
        return Tensor.randomUniform(SEED + 1, -1, 1, HIDDEN, 1);
    }

    /** Trains with tensors and autodiff only: forward, backward, and the update on the weights. */
    public static Trace withTensors() {
        Tensor x = Tensor.of(X);
        Tensor y = Tensor.of(Y);
        Tensor w0 = initialHidden().requiresGrad(true);
        Tensor w1 = initialOutput().requiresGrad(true);
        double[] losses = new double[ITERATIONS];
        for (int i = 0; i < ITERATIONS; i++) {
            Tensor out = x.matmul(w0).sigmoid().matmul(w1).sigmoid();
            Tensor loss = out.sub(y).square().sum();
            losses[i] = loss.item();
            loss.backward();
            try (GradMode off = GradMode.off()) {
                w0.assign(w0.sub(w0.grad().mul(LEARNING_RATE)));
                w1.assign(w1.sub(w1.grad().mul(LEARNING_RATE)));
            }
            w0.zeroGrad();
            w1.zeroGrad();
        }
        Tensor predictions;
        try (GradMode off = GradMode.off()) {
            predictions = x.matmul(w0).sigmoid().matmul(w1).sigmoid();
        }
        return new Trace(losses, predictions.toDoubleArray());
    }

    /** The same network with Sequential: two bias-free sigmoid Dense layers, SGD, the whole table as one batch. */
    public static Trace withSequential() {
        Sequential model = new Sequential();
        model.add(new Dense(HIDDEN).inputDim(3).activation("sigmoid").useBias(false));
        model.add(new Dense(1).activation("sigmoid").useBias(false));
        Loss sse = Loss.of((yTrue, yPred) -> yPred.sub(yTrue).square().sum(-1)).reduction(Reduction.SUM);
        model.compile(new SGD(LEARNING_RATE), sse);
        model.setWeights(List.of(initialHidden(), initialOutput()));
        Tensor x = Tensor.of(X);
        History h = model.fit(x, Tensor.of(Y), Fit.epochs(ITERATIONS).batchSize(4).shuffle(false).verbose(0));
        return new Trace(h.get("loss"), model.predict(x).toDoubleArray());
    }

    /** A short text report: losses at a few iterations and final predictions of both versions. */
    public static String report(Trace tensors, Trace sequential) {
        StringBuilder sb = new StringBuilder("The from-scratch network: 3 -> 4 sigmoid -> 1 sigmoid, no biases, "
                + "sum of squared errors, gradient descent (rate " + LEARNING_RATE + "), " + ITERATIONS + " iterations\n\n");
        sb.append(String.format(Locale.ROOT, "%10s  %16s  %16s%n", "iteration", "tensors+autodiff", "Sequential"));
        for (int i : new int[] {1, 10, 100, 250, 500, 1000, ITERATIONS}) {
            sb.append(String.format(Locale.ROOT, "%10d  %16.6f  %16.6f%n", i, tensors.losses()[i - 1],
                    sequential.losses()[i - 1]));
        }
        sb.append(String.format(Locale.ROOT, "%nloss falls at every iteration: %s (tensors), %s (Sequential)%n",
                monotone(tensors.losses()), monotone(sequential.losses())));
        sb.append("target       ");
        for (double[] y : Y) {
            sb.append(String.format(Locale.ROOT, " %7.0f", y[0]));
        }
        sb.append("\ntensors      ");
        for (double p : tensors.predictions()) {
            sb.append(String.format(Locale.ROOT, " %7.4f", p));
        }
        sb.append("\nSequential   ");
        for (double p : sequential.predictions()) {
            sb.append(String.format(Locale.ROOT, " %7.4f", p));
        }
        return sb.append('\n').toString();
    }

    /** Whether each value is no greater than the one before. */
    static boolean monotone(double[] v) {
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
