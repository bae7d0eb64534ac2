package dev.kiln.bench;

import dev.kiln.data.Datasets;
import dev.kiln.data.FashionMnist;
import dev.kiln.model.Callback;
import dev.kiln.model.Fit;
import dev.kiln.model.Sequential;
import dev.kiln.nn.Conv2D;
import dev.kiln.nn.Dense;
import dev.kiln.nn.Flatten;
import dev.kiln.nn.MaxPooling2D;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sources' CNN on Fashion-MNIST with the protocol of the PyTorch peer {@code bench/peers/cnn_torch.py},
 * so that the two print comparable samples per second in one run ({@code bench/cnn-compare.sh}).
 *
 * <p>Train = the first 48,000 training images, validation = the last 12,000 (validationSplit 0.2), test =
 * 10,000; batch 100, SGD(0.05, momentum 0.9, Nesterov, decay 1e-6), categorical cross-entropy. Timed:
 * each training epoch from its start to the end of its last step (shuffle, batch gathering, forward,
 * backward, update, running metrics), not the validation pass; inference: the 10,000 test images through
 * {@code predict} at batch 1000, argmax, 3 passes per repeat. One untimed warm-up (20 steps and one
 * inference pass) on a throwaway model first. It is a timed run, not JMH: an epoch is the unit the peer
 * reports.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp kiln-bench/target/benchmarks.jar dev.kiln.bench.CnnBenchmark --epochs 1 --repeats 3
 * }</pre>
 */
public final class CnnBenchmark {
    private CnnBenchmark() {}

    static Sequential model(long seed) {
        Sequential m = new Sequential(
                new Conv2D(4, 5, 5).inputShape(28, 28, 1).activation("tanh"),
                new Conv2D(8, 3, 3).activation("tanh"),
                new MaxPooling2D(2, 2),
                new Conv2D(16, 3, 3).activation("relu"),
                new MaxPooling2D(2, 2),
                new Flatten(),
                new Dense(128).kernelInitializer("normal").activation("tanh"),
                new Dense(10).activation("softmax"));
        m.seed(seed);
        m.compile(new SGD(0.05).decay(1e-6).momentum(0.9).nesterov(true), "categorical_crossentropy", "accuracy");
        return m;
    }

    /** Times the training part of each epoch. */
    static final class Timer extends Callback {
        final List<Double> seconds = new ArrayList<>(), cpuSeconds = new ArrayList<>();
        private long start, lastBatchEnd, cpuStart, cpuEnd;

        @Override public void onEpochBegin(int epoch, Map<String, Double> logs) { start = System.nanoTime(); cpuStart = cpuNanos(); }

        @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) { lastBatchEnd = System.nanoTime(); cpuEnd = cpuNanos(); }

        @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
            seconds.add((lastBatchEnd - start) / 1e9);
            cpuSeconds.add((cpuEnd - cpuStart) / 1e9);
        }
    }

    /**
     * CPU time of the whole process (all threads), or -1 where the JVM does not report it: with the machine
     * shared, CPU seconds per sample move much less than wall-clock time, since Kiln's workers park rather
     * than spin while they wait.
     */
    static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    static double accuracy(Tensor probabilities, Tensor labels) {
        int[] p = probabilities.argmax(1).toIntArray(), y = labels.toIntArray();
        int ok = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == y[i]) ok++;
        return (double) ok / p.length;
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    public static void main(String[] args) throws IOException {
        int epochs = 1, repeats = 3, subset = 0;
        long seed = 0;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs": epochs = Integer.parseInt(args[++i]); break;
                case "--repeats": repeats = Integer.parseInt(args[++i]); break;
                case "--subset": subset = Integer.parseInt(args[++i]); break;
                case "--seed": seed = Long.parseLong(args[++i]); break;
                case "--json": json = Path.of(args[++i]); break;
                default: throw new IllegalArgumentException("CnnBenchmark: unknown argument '" + args[i]
                        + "' (--epochs N --repeats R --subset N --seed S --json FILE)");
            }
        }
        FashionMnist.Data d = Datasets.fashionMnist();
        int n = subset > 0 ? subset : d.xTrain().shape().dim(0);
        Tensor x = d.xTrain().slice(0, n).div(255.0).reshape(n, 28, 28, 1);
        Tensor y = Tensor.oneHot(d.yTrain().slice(0, n), 10);
        int split = (int) Math.floor(n * 0.8);
        Tensor xTest = d.xTest().div(255.0).reshape(-1, 28, 28, 1);
        Tensor yTestLabels = d.yTest();

        // untimed warm-up: JIT, thread pool, scratch buffers
        Sequential w = model(12345);
        w.fit(x.slice(0, 2000), y.slice(0, 2000), Fit.epochs(1).batchSize(100).verbose(0).shuffle(true));
        w.predict(xTest, 1000);

        List<Double> epochTimes = new ArrayList<>(), inferTimes = new ArrayList<>();
        List<Double> cpuEpochTimes = new ArrayList<>(), cpuInferTimes = new ArrayList<>();
        StringBuilder runs = new StringBuilder();
        for (int r = 0; r < repeats; r++) {
            Sequential m = model(seed + r);
            Timer t = new Timer();
            var h = m.fit(x, y, Fit.epochs(epochs).batchSize(100).validationSplit(0.2).validationBatchSize(1000).verbose(0).callbacks(t));
            epochTimes.addAll(t.seconds);
            double acc = 0;
            List<Double> inf = new ArrayList<>(), infCpu = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                long t0 = System.nanoTime(), c0 = cpuNanos();
                Tensor probs = m.predict(xTest, 1000);
                acc = accuracy(probs, yTestLabels);
                inf.add((System.nanoTime() - t0) / 1e9);
                infCpu.add((cpuNanos() - c0) / 1e9);
            }
            cpuEpochTimes.addAll(t.cpuSeconds);
            cpuInferTimes.addAll(infCpu);
            inferTimes.addAll(inf);
            double valAcc = h.last("val_accuracy");
            System.out.printf(Locale.ROOT, "rep %d: epochs %s s (%.0f samples/s median)  loss %.4f acc %.4f  val_acc %.4f  test_acc %.4f  infer %s s%n",
                    r, round(t.seconds), split / median(t.seconds), h.last("loss"), h.last("accuracy"), valAcc, acc, round(inf));
            runs.append(String.format(Locale.ROOT, "%s{\"seed\": %d, \"epoch_times\": %s, \"infer_times\": %s, \"val_acc\": %.5f, \"test_acc\": %.5f}",
                    r == 0 ? "" : ", ", seed + r, t.seconds, inf, valAcc, acc));
        }
        double train = split / median(epochTimes), infer = xTest.shape().dim(0) / median(inferTimes);
        System.out.printf(Locale.ROOT, "train: median epoch %.3f s = %.0f samples/s%ninfer (batch 1000): %.0f samples/s%n",
                median(epochTimes), train, infer);
        System.out.printf(Locale.ROOT, "cpu time (all threads): %.1f us per training sample, %.1f us per inference sample%n",
                median(cpuEpochTimes) * 1e6 / split, median(cpuInferTimes) * 1e6 / xTest.shape().dim(0));
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT,
                    "{\"summary\": {\"train_samples_per_s\": %.1f, \"infer_samples_per_s\": %.1f, \"median_epoch_s\": %.4f, \"train_cpu_us_per_sample\": %.2f, \"infer_cpu_us_per_sample\": %.2f}, "
                    + "\"meta\": {\"threads\": %d, \"java\": \"%s\", \"n_train\": %d, \"epochs\": %d, \"repeats\": %d}, \"runs\": [%s]}%n",
                    train, infer, median(epochTimes), median(cpuEpochTimes) * 1e6 / split,
                    median(cpuInferTimes) * 1e6 / xTest.shape().dim(0), dev.kiln.kernel.Parallelism.threads(),
                    System.getProperty("java.version"), split, epochs, repeats, runs));
        }
    }

    private static String round(List<Double> v) {
        List<String> s = new ArrayList<>();
        for (double x : v) s.add(String.format(Locale.ROOT, "%.3f", x));
        return s.toString();
    }
}
