package dev.kiln.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tutorial's results as a text table for the terminal or as a Markdown table: id, loss, output
 * activation, metric, train and test figures (mean ± std with several seeds), the study's published
 * Keras figures, and training seconds; a note under the table explains the hinge rows.
 *
 * <pre>{@code
 * System.out.print(ResultsTable.text(summaries));
 * }</pre>
 */
public final class ResultsTable {
    private static final String[] HEADER = {"id", "loss", "activation", "metric", "train", "test",
        "Keras train", "Keras test", "seconds"};

    private ResultsTable() {
    }

    /** An aligned plain-text table with a note on the hinge rows and the total training time. */
    public static String text(List<Summary> rows) {
        List<String[]> cells = cells(rows);
        int[] w = new int[HEADER.length];
        for (String[] r : cells) {
            for (int j = 0; j < r.length; j++) {
                w[j] = Math.max(w[j], r[j].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String[] r = cells.get(i);
            for (int j = 0; j < r.length; j++) {
                boolean numeric = j >= 4;
                String pad = " ".repeat(w[j] - r[j].length());
                sb.append(numeric ? pad + r[j] : r[j] + pad).append(j + 1 < r.length ? "  " : "");
            }
            sb.append('\n');
            if (i == 0) {
                int total = 2 * (w.length - 1);
                for (int x : w) {
                    total += x;
                }
                sb.append("-".repeat(total)).append('\n');
            }
        }
        return sb.append(notes(rows)).toString();
    }

    /** A GitHub-flavoured Markdown table with the same notes under it. */
    public static String markdown(List<Summary> rows) {
        List<String[]> cells = cells(rows);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            sb.append("| ").append(String.join(" | ", cells.get(i))).append(" |\n");
            if (i == 0) {
                sb.append("|---|---|---|---|---:|---:|---:|---:|---:|\n");
            }
        }
        return sb.append('\n').append(notes(rows)).toString();
    }

    /** Header row then one row per summary, as strings. */
    static List<String[]> cells(List<Summary> rows) {
        List<String[]> out = new ArrayList<>();
        out.add(HEADER.clone());
        for (Summary s : rows) {
            Experiment e = s.experiment();
            String metric = e.hinge() ? "accuracy*" : e.metric();
            out.add(new String[] {e.id(), e.loss(), e.activation(), metric, figure(s.train(), s.trainStd()),
                figure(s.test(), s.testStd()), published(e.kerasTrain()), published(e.kerasTest()),
                String.format(Locale.ROOT, "%.2f", s.seconds())});
        }
        return out;
    }

    /** The notes under the table: the hinge accuracy rules and the total seconds. */
    static String notes(List<Summary> rows) {
        StringBuilder sb = new StringBuilder();
        double total = 0;
        int seeds = 1;
        for (Summary s : rows) {
            total += s.seconds();
            seeds = s.seeds();
            if (s.experiment().hinge()) {
                sb.append(String.format(Locale.ROOT,
                        "* %s: Keras 2 accuracy (round(tanh) == label, the study's figure); Keras 3 accuracy "
                        + "(y_pred > 0.5 == label) %.3f / %.3f; share of correct signs %.3f / %.3f%n",
                        s.experiment().id(), s.keras3Train(), s.keras3Test(), s.signTrain(), s.signTest()));
            }
        }
        sb.append(String.format(Locale.ROOT, "training time, all %d experiment%s: %.2f s%s%n", rows.size(),
                rows.size() == 1 ? "" : "s", total, seeds > 1 ? " (mean per seed, " + seeds + " seeds)" : ""));
        return sb.toString();
    }

    /** "0.836", or "0.836 ± 0.012" with a standard deviation. */
    static String figure(double mean, double std) {
        String m = String.format(Locale.ROOT, "%.3f", mean);
        return Double.isNaN(std) ? m : m + String.format(Locale.ROOT, " ± %.3f", std);
    }

    private static String published(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
