package dev.kiln.cli;

import dev.kiln.model.Evaluation;
import dev.kiln.model.Fit;
import dev.kiln.model.History;
import dev.kiln.model.Sequential;
import dev.kiln.nn.Dense;
import dev.kiln.optim.Adam;
import dev.kiln.optim.Optimizer;
import dev.kiln.optim.SGD;

/**
 * Trains one experiment of the study once: builds the network, compiles it with the study's optimizer,
 * loss and metrics, fits it with the test half as validation data, and evaluates both halves.
 *
 * <p>Metrics: {@code mse} for the regression rows; {@code accuracy} (resolved by the model as Keras does)
 * for the classification rows; for the hinge rows Keras 2's rounding accuracy (the study's figure), Keras 3's
 * {@code accuracy} and the share of correct signs.
 */
final class ExperimentRunner {
    /** Keras's default batch size, which the study keeps. */
    static final int BATCH_SIZE = 32;
    static final String KERAS2_ACCURACY = "keras2_binary_accuracy";
    static final String SIGN_ACCURACY = "sign_accuracy";

    private ExperimentRunner() {
    }

    /** Builds the study's network for an experiment: Dense(hidden, relu, he_uniform) then Dense(outputs, activation). */
    static Sequential network(Experiment e, int inputs, long seed) {
        Sequential model = new Sequential();
        model.seed(seed);
        model.add(new Dense(e.hidden()).inputDim(inputs).activation("relu").kernelInitializer("he_uniform"));
        model.add(new Dense(e.outputs()).activation(e.activation()));
        return model;
    }

    static Optimizer optimizer(Experiment e) {
        return e.optimizer() == Experiment.Optimizer.ADAM ? new Adam(0.001) : new SGD(0.01).momentum(0.9);
    }

    /** The metric whose curves are plotted and whose value is the main figure. */
    static String mainMetric(Experiment e) {
        return e.regression() ? "mse" : e.hinge() ? KERAS2_ACCURACY : "accuracy";
    }

    static RunResult run(Experiment e, StudyData.Split s, long seed, double epochsScale, Progress progress) {
        int epochs = e.epochs(epochsScale);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Sequential model = network(e, s.trainX().shape().dim(1), seed);
        if (e.hinge()) {
            model.compile(optimizer(e), e.loss(), KERAS2_ACCURACY, "accuracy", SIGN_ACCURACY);
        } else {
            model.compile(optimizer(e), e.loss(), mainMetric(e));
        }
        History h = model.fit(s.trainX(), s.trainY(), Fit.epochs(epochs).batchSize(BATCH_SIZE)
                .validationData(s.testX(), s.testY()).verbose(0)
                .callbacks(new ProgressCallback(progress, e.id(), seed, epochs)));
        Evaluation train = model.evaluate(s.trainX(), s.trainY());
        Evaluation test = model.evaluate(s.testX(), s.testY());
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        String metric = mainMetric(e);
        RunResult.Curves curves = new RunResult.Curves(e.loss(), h.get("loss"), h.get("val_loss"),
                e.hinge() ? "accuracy (Keras 2 rule)" : metric, h.get(metric), h.get("val_" + metric));
        double nan = Double.NaN;
        return new RunResult(e, seed, curves, train.get(metric), test.get(metric),
                e.hinge() ? train.get("accuracy") : nan, e.hinge() ? test.get("accuracy") : nan,
                e.hinge() ? train.get(SIGN_ACCURACY) : nan, e.hinge() ? test.get(SIGN_ACCURACY) : nan, seconds, cpuSeconds);
    }
}
