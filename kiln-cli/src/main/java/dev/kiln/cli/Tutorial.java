package dev.kiln.cli;

import dev.kiln.plot.Figure;
import dev.kiln.plot.HistogramPlot;
import dev.kiln.plot.LearningCurves;
import dev.kiln.plot.ScatterPlot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the loss-choice study: each selected experiment over the given seeds, then writes
 * {@code results.json}, one learning-curve PNG per experiment, {@code datasets.png} and {@code report.html}.
 *
 * <p>Seeds are 1..seeds; one run per experiment and seed. Training seconds are measured per run (model
 * construction, fit and evaluation, as the PyTorch peer measures them); data generation and plotting are not
 * included.
 *
 * <pre>{@code
 * List<Summary> rows = Tutorial.run(new Tutorial.Options(List.of("binary-bce"), 1, 1.0), progress);
 * Tutorial.write(rows, Path.of("tutorial-out"));
 * }</pre>
 */
public final class Tutorial {
    /**
     * What to run.
     *
     * @param experiments ids to run; empty for all eleven
     * @param seeds number of seeds (&gt;= 1), runs use seeds 1..seeds
     * @param epochsScale multiplies every experiment's epochs (&gt; 0; quick runs use 0.05)
     */
    public record Options(List<String> experiments, int seeds, double epochsScale) {
        /** Checks the values, naming the option at fault. */
        public Options {
            experiments = List.copyOf(experiments);
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds (" + seeds + ") must be >= 1");
            }
            if (!(epochsScale > 0) || Double.isInfinite(epochsScale) || epochsScale > 100) {
                throw new IllegalArgumentException("--epochs-scale (" + epochsScale + ") must be > 0 and <= 100");
            }
            Experiments.select(experiments);
        }
    }

    private Tutorial() {
    }

    /** Runs the selected experiments over all seeds and summarizes each. */
    public static List<Summary> run(Options options, StudyData data, Progress progress) {
        List<Summary> rows = new ArrayList<>();
        for (Experiment e : Experiments.select(options.experiments())) {
            rows.add(Summary.of(runs(e, options, data, progress)));
        }
        return rows;
    }

    private static List<RunResult> runs(Experiment e, Options options, StudyData data, Progress progress) {
        List<RunResult> runs = new ArrayList<>();
        for (long seed = 1; seed <= options.seeds(); seed++) {
            RunResult r = ExperimentRunner.run(e, data.split(e.data()), seed, options.epochsScale(), progress);
            progress.done(r);
            runs.add(r);
        }
        return runs;
    }

    /**
     * Runs the selected experiments, then writes every output, the pictures drawn on all cores at once.
     * Nothing is drawn while an experiment trains: drawing competes for the cores (and for the JIT's
     * compiler threads, which the first experiments need most) and would slow the training it measures.
     */
    public static List<Summary> runAndWrite(Options options, StudyData data, Progress progress, Path out) {
        createDirectory(out);
        List<Summary> rows = run(options, data, progress);
        int threads = Math.max(1, Math.min(rows.size() + 1, Runtime.getRuntime().availableProcessors()));
        ExecutorService painters = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kiln-plots");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> pictures = new ArrayList<>();
            pictures.add(painters.submit(() -> Figure.save(datasets(data), out.resolve("datasets.png"))));
            for (Summary s : rows) {
                pictures.add(painters.submit(() -> learningCurves(s).save(out.resolve(s.experiment().id() + ".png"))));
            }
            writeText(out.resolve("results.json"), ResultsJson.write(rows));
            writeText(out.resolve("report.html"), HtmlReport.write(rows));
            for (Future<?> f : pictures) {
                await(f);
            }
            return rows;
        } finally {
            painters.shutdownNow();
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while drawing the pictures", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : new IllegalStateException("drawing a picture failed: " + c, c);
        }
    }

    private static void createDirectory(Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + out + ": " + e.getMessage(), e);
        }
    }

    /** Writes results.json, the learning curves, datasets.png and report.html into the directory. */
    public static void write(List<Summary> rows, StudyData data, Path out) {
        createDirectory(out);
        writeText(out.resolve("results.json"), ResultsJson.write(rows));
        for (Summary s : rows) {
            learningCurves(s).save(out.resolve(s.experiment().id() + ".png"));
        }
        Figure.save(datasets(data), out.resolve("datasets.png"));
        writeText(out.resolve("report.html"), HtmlReport.write(rows));
    }

    /** The two-panel learning-curve figure of one experiment. */
    static LearningCurves learningCurves(Summary s) {
        RunResult.Curves c = s.curves();
        Experiment e = s.experiment();
        return new LearningCurves().title(e.id() + " (" + e.optimizer().label() + ")").loss(c.lossName(), c.loss(), c.valLoss())
                .metric(c.metricName(), c.metric(), c.valMetric());
    }

    /** Circles and blobs coloured by class, and the standardized regression target's histogram. */
    static BufferedImage datasets(StudyData data) {
        BufferedImage circles = new ScatterPlot().title("circles: make_circles(1000, noise=0.1)").xLabel("x0")
                .yLabel("x1").size(480, 480).points(data.circles().x().toDoubleArray(), 2, labels(data.circles().y()))
                .render();
        BufferedImage blobs = new ScatterPlot().title("blobs: make_blobs(1000, 3 centers, std 2)").xLabel("x0")
                .yLabel("x1").size(480, 480).points(data.blobs().x().toDoubleArray(), 2, labels(data.blobs().y()))
                .render();
        BufferedImage target = new HistogramPlot().title("regression target (standardized)").xLabel("y")
                .size(480, 480).values(data.standardizedTarget()).render();
        return Figure.grid(3, circles, blobs, target);
    }

    private static int[] labels(dev.kiln.tensor.Tensor y) {
        double[] v = y.toDoubleArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    /** Writes UTF-8 text through a temporary file and a rename, so a reader never sees half a file. */
    static void writeText(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".kiln-", ".tmp");
            // createTempFile makes the file private (0600); the result is an ordinary output file (0644)
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
