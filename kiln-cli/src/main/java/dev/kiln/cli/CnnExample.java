package dev.kiln.cli;

import dev.kiln.data.Datasets;
import dev.kiln.data.FashionMnist;
import dev.kiln.data.ImageDataGenerator;
import dev.kiln.model.Callback;
import dev.kiln.model.Evaluation;
import dev.kiln.model.Fit;
import dev.kiln.model.History;
import dev.kiln.model.Sequential;
import dev.kiln.nn.Conv2D;
import dev.kiln.nn.Dense;
import dev.kiln.nn.Flatten;
import dev.kiln.nn.MaxPooling2D;
import dev.kiln.optim.SGD;
import dev.kiln.plot.LearningCurves;
import dev.kiln.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kiln example cnn}: the sources' convolutional network on Fashion-MNIST, without and with
 * augmentation, printing the progress bar, the time of each epoch and the test accuracy, and writing the
 * learning curves (PNG) and the history (CSV) of each run.
 *
 * <p>Network (Keras 1's {@code Convolution2D(4, 5, 5, border_mode='valid', input_shape=(1, 28, 28))} and
 * friends, in today's spelling): Conv2D(4, 5×5) tanh → Conv2D(8, 3×3) tanh → MaxPooling2D(2×2) →
 * Conv2D(16, 3×3) relu → MaxPooling2D(2×2) → Flatten → Dense(128, random_normal σ 0.05) tanh → Dense(10)
 * softmax; SGD(lr 0.05, decay 1e-6, momentum 0.9, Nesterov), categorical cross-entropy, batch 100,
 * validationSplit 0.2 (the last 12,000 training images). Images are fed channels-last (28, 28, 1): with one
 * channel that is the same memory as the source's (1, 28, 28). Augmentation: featurewise centring and std
 * normalisation, rotation 20°, width and height shift 0.2, horizontal flip.
 *
 * <pre>{@code
 * CnnExample.run(new String[] {"--epochs", "10", "--augment", "both", "--out", "cnn-results"});
 * }</pre>
 */
public final class CnnExample {
    private CnnExample() {}

    /** The sources' settings. */
    public static final int BATCH_SIZE = 100;
    public static final double LEARNING_RATE = 0.05, DECAY = 1e-6, MOMENTUM = 0.9, VALIDATION_SPLIT = 0.2;

    /** The network, compiled, seeded. */
    public static Sequential model(long seed) {
        Sequential m = new Sequential(
                new Conv2D(4, 5, 5).padding("valid").inputShape(28, 28, 1).activation("tanh"),
                new Conv2D(8, 3, 3).activation("tanh"),
                new MaxPooling2D(2, 2),
                new Conv2D(16, 3, 3).activation("relu"),
                new MaxPooling2D(2, 2),
                new Flatten(),
                new Dense(128).kernelInitializer("normal").activation("tanh"),
                new Dense(10).activation("softmax"));
        m.seed(seed);
        m.compile(new SGD(LEARNING_RATE).decay(DECAY).momentum(MOMENTUM).nesterov(true), "categorical_crossentropy", "accuracy");
        return m;
    }

    /** Images scaled to [0, 1] as (n, 28, 28, 1) and one-hot labels, of the first {@code n} rows (0: all). */
    public static Tensor[] prepare(Tensor images, Tensor labels, int n) {
        int rows = n <= 0 ? images.shape().dim(0) : Math.min(n, images.shape().dim(0));
        Tensor x = images.slice(0, rows).div(255.0).reshape(rows, 28, 28, 1);
        Tensor y = Tensor.oneHot(labels.slice(0, rows), 10);
        return new Tensor[] {x, y};
    }

    /** What one training run produced. */
    public record Result(History history, Evaluation test, List<Double> trainSeconds, List<Double> epochSeconds, int trainSamples) {
        /** Training samples per second over the median epoch (training steps only, validation excluded). */
        public double trainSamplesPerSecond() {
            List<Double> s = new ArrayList<>(trainSeconds);
            s.sort(null);
            return trainSamples / s.get(s.size() / 2);
        }
    }

    /** Times each epoch: all of it (with validation), and its training steps alone. */
    static final class EpochTimer extends Callback {
        final List<Double> total = new ArrayList<>(), train = new ArrayList<>();
        private long start, lastBatchEnd;

        @Override public void onEpochBegin(int epoch, Map<String, Double> logs) { start = System.nanoTime(); }

        @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) { lastBatchEnd = System.nanoTime(); }

        @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
            long now = System.nanoTime();
            total.add((now - start) / 1e9);
            train.add((lastBatchEnd - start) / 1e9);
        }
    }

    /**
     * Trains the network for {@code epochs} on the first {@code subset} training images (0: all), with or
     * without augmentation, and evaluates it on the test set.
     */
    public static Result train(FashionMnist.Data data, boolean augment, int epochs, int subset, long seed, PrintStream out, int verbose) {
        Tensor[] train = prepare(data.xTrain(), data.yTrain(), subset);
        Tensor[] test = prepare(data.xTest(), data.yTest(), 0);
        Sequential model = model(seed);
        EpochTimer timer = new EpochTimer();
        Fit fit = Fit.epochs(epochs).batchSize(BATCH_SIZE).verbose(verbose).printTo(out).callbacks(timer);
        History h;
        Tensor xTest = test[0];
        int n = train[0].shape().dim(0), splitAt = (int) Math.floor(n * (1 - VALIDATION_SPLIT));
        if (!augment) {
            h = model.fit(train[0], train[1], fit.validationSplit(VALIDATION_SPLIT));
        } else {
            // Keras's validation_split takes the last rows before shuffling; a generator needs the split made by hand
            Tensor xs = train[0].slice(0, splitAt), ys = train[1].slice(0, splitAt);
            ImageDataGenerator gen = new ImageDataGenerator().featurewiseCenter(true).featurewiseStdNormalization(true)
                    .rotationRange(20).widthShiftRange(0.2).heightShiftRange(0.2).horizontalFlip(true).fit(xs);
            h = model.fit(gen.flow(xs, ys, BATCH_SIZE, true, seed),
                    fit.validationData(gen.standardize(train[0].slice(splitAt, n)), train[1].slice(splitAt, n)));
            xTest = gen.standardize(xTest);
        }
        Evaluation ev = model.evaluate(xTest, test[1], 1000);
        return new Result(h, ev, timer.train, timer.total, splitAt);
    }

    /**
     * The command: {@code [--epochs N] [--augment off|on|both] [--subset N] [--seed S] [--out DIR] [--quiet]}.
     * Defaults: 10 epochs, both runs, all 60,000 training images, seed 42, output directory "cnn-results".
     */
    public static void run(String[] args) {
        int epochs = 10, subset = 0, verbose = 1;
        long seed = 42;
        String augment = "both";
        Path outDir = Path.of("cnn-results");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--epochs": epochs = Integer.parseInt(value(args, ++i, a)); break;
                case "--subset": subset = Integer.parseInt(value(args, ++i, a)); break;
                case "--seed": seed = Long.parseLong(value(args, ++i, a)); break;
                case "--augment": augment = value(args, ++i, a).toLowerCase(Locale.ROOT); break;
                case "--out": outDir = Path.of(value(args, ++i, a)); break;
                case "--quiet": verbose = 0; break;
                default: throw new IllegalArgumentException("example cnn: unknown option '" + a
                        + "'; options: --epochs N, --augment off|on|both, --subset N, --seed S, --out DIR, --quiet");
            }
        }
        if (!List.of("off", "on", "both").contains(augment)) {
            throw new IllegalArgumentException("example cnn: --augment must be off, on or both, got '" + augment + "'");
        }
        if (epochs < 1) throw new IllegalArgumentException("example cnn: --epochs must be >= 1, got " + epochs);
        PrintStream out = System.out;
        FashionMnist.Data data = Datasets.fashionMnist();
        List<Boolean> runs = augment.equals("both") ? List.of(false, true) : List.of(augment.equals("on"));
        for (boolean aug : runs) {
            String label = aug ? "cnn-augmented" : "cnn";
            out.printf(Locale.ROOT, "%n== %s: %d epoch(s), batch %d, SGD(lr=%.2f, decay=%.0e, momentum=%.1f, nesterov)%s ==%n",
                    label, epochs, BATCH_SIZE, LEARNING_RATE, DECAY, MOMENTUM, aug ? ", with augmentation" : "");
            Result r = train(data, aug, epochs, subset, seed, out, verbose);
            for (int e = 0; e < r.epochSeconds().size(); e++) {
                out.printf(Locale.ROOT, "epoch %d: %.1f s (training %.1f s, %.0f samples/s)%n", e + 1, r.epochSeconds().get(e),
                        r.trainSeconds().get(e), r.trainSamples() / r.trainSeconds().get(e));
            }
            out.printf(Locale.ROOT, "%s: test accuracy %.4f, test loss %.4f%n", label, r.test().get("accuracy"), r.test().loss());
            write(outDir, label, r.history());
        }
        out.println("learning curves and histories written to " + outDir.toAbsolutePath());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException("example cnn: " + option + " needs a value");
        return args[i];
    }

    /** label.png (loss and accuracy, training and validation) and label.csv (one row per epoch). */
    static void write(Path dir, String label, History h) {
        try {
            Files.createDirectories(dir);
            new LearningCurves().title(label + " (Fashion-MNIST)")
                    .loss("categorical_crossentropy", h.get("loss"), h.contains("val_loss") ? h.get("val_loss") : null)
                    .metric("accuracy", h.get("accuracy"), h.contains("val_accuracy") ? h.get("val_accuracy") : null)
                    .save(dir.resolve(label + ".png"));
            StringBuilder csv = new StringBuilder("epoch");
            List<String> keys = new ArrayList<>(h.keys());
            for (String k : keys) csv.append(',').append(k);
            csv.append('\n');
            for (int e = 0; e < h.size(); e++) {
                csv.append(e + 1);
                for (String k : keys) csv.append(',').append(h.get(k)[e]);
                csv.append('\n');
            }
            Files.writeString(dir.resolve(label + ".csv"), csv);
        } catch (IOException e) {
            throw new IllegalStateException("example cnn: cannot write results to " + dir + ": " + e.getMessage(), e);
        }
    }
}
