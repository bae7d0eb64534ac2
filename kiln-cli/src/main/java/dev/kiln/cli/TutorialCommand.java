package dev.kiln.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kiln tutorial}: runs the loss-choice study and prints its table; writes results.json, the
 * learning curves, datasets.png and report.html to {@code --out}.
 */
@Command(name = "tutorial", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run the loss-choice study (nine losses, two Adam runs) end to end: table, plots, report.",
            "Experiments: regression-mse, regression-msle, regression-mae, binary-bce, binary-hinge, "
            + "binary-squared-hinge, multiclass-cce, multiclass-sparse-cce, multiclass-kld, adam-cce, adam-kld."})
final class TutorialCommand implements Callable<Integer> {
    /** Output formats of the table on standard output. */
    enum Format { table, json, markdown }

    @Spec
    CommandSpec spec;

    @Option(names = "--experiment", paramLabel = "ID", description = "Run only this experiment (repeatable).")
    List<String> experiments = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Seeds per experiment; figures are mean ± std over them (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--epochs-scale", paramLabel = "F", defaultValue = "1.0",
            description = "Multiply every experiment's epochs by F, for quick runs (default: ${DEFAULT-VALUE}).")
    double epochsScale;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "tutorial-out",
            description = "Directory for results.json, the PNGs and report.html (default: ${DEFAULT-VALUE}/).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "How to print the results: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() {
        Tutorial.Options options;
        try {
            options = new Tutorial.Options(experiments, seeds, epochsScale);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Progress progress = Progress.forTerminal(System.err, quiet);
        progress.message("generating the datasets (scikit-learn's make_circles, make_blobs, make_regression)");
        StudyData data = StudyData.generate();
        List<Summary> rows = Tutorial.runAndWrite(options, data, progress, out);
        PrintWriter w = spec.commandLine().getOut();
        switch (format) {
            case json -> w.print(ResultsJson.write(rows));
            case markdown -> w.print(ResultsTable.markdown(rows));
            default -> {
                w.print(ResultsTable.text(rows));
                w.printf(Locale.ROOT, "report: %s%n", out.resolve("report.html"));
            }
        }
        w.flush();
        return 0;
    }
}
