package dev.kiln.cli;

import java.util.List;
import java.util.Locale;

/**
 * The tutorial's one-page report: the results table, the dataset pictures, and per experiment its
 * learning curves with a paragraph on what they show (including the hinge-accuracy artifact).
 *
 * <p>Pictures are referenced by relative file name, so the report and its PNGs move together.
 *
 * <pre>{@code
 * Files.writeString(out.resolve("report.html"), HtmlReport.write(summaries, 1));
 * }</pre>
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** The HTML page for these summaries. */
    public static String write(List<Summary> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>Kiln tutorial: choosing a loss function</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.45;color:#222}\n")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .6em}")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}img{max-width:100%}\n")
                .append("</style></head><body>\n")
                .append("<h1>Choosing a loss function: the study, run by Kiln</h1>\n")
                .append("<p>Nine small networks trained with nine losses on scikit-learn's circles, blobs and ")
                .append("regression data (generated bit-exactly), with the study's hyper-parameters; and two ")
                .append("runs with Adam. The first 500 rows train, the last 500 test. The study's published Keras ")
                .append("figures come from one random run each: a faithful run lands near them, not on them.</p>\n");
        int seeds = rows.isEmpty() ? 1 : rows.get(0).seeds();
        if (seeds > 1) {
            sb.append("<p>Figures are mean ± standard deviation over ").append(seeds).append(" seeds; the ")
                    .append("curves are those of the first seed.</p>\n");
        }
        table(sb, rows);
        sb.append("<pre>").append(escape(ResultsTable.notes(rows))).append("</pre>\n");
        sb.append("<h2>The data</h2>\n<p>Circles (binary classification), blobs (three classes) and the ")
                .append("standardized regression target.</p>\n<img src=\"datasets.png\" alt=\"datasets\">\n");
        if (rows.stream().anyMatch(s -> s.experiment().hinge())) {
            sb.append("<h2>Why the hinge rows' accuracy is low</h2>\n<p>With labels -1/1 and a tanh output, ")
                    .append("<code>metrics=['accuracy']</code> meant Keras 2's binary accuracy: round the ")
                    .append("prediction to -1, 0 or 1 and compare it with the label. Predictions between -0.5 ")
                    .append("and 0.5 then count as wrong even when their sign is right. That is what the ")
                    .append("published figures measure, and what the main columns show here. Keras 3 changed ")
                    .append("the rule to <code>y_pred &gt; 0.5</code>, which gives 0 or 1 and never equals a ")
                    .append("label of -1, so the same model scores about 0.4. The share of correct signs, the ")
                    .append("figure a reader has in mind, is about 0.85: the hinge models classify as well as the ")
                    .append("cross-entropy one. Readers of the study were misled by the metric, not by the loss.</p>\n");
        }
        sb.append("<h2>The experiments</h2>\n");
        for (Summary s : rows) {
            Experiment e = s.experiment();
            sb.append("<h3 id=\"").append(e.id()).append("\">").append(e.id()).append(": <code>")
                    .append(e.loss()).append("</code></h3>\n<p>").append(escape(e.story())).append(' ')
                    .append(escape(outcome(s))).append("</p>\n<img src=\"").append(e.id())
                    .append(".png\" alt=\"learning curves of ").append(e.id()).append("\">\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    /** One sentence with this run's figures beside the study's. */
    static String outcome(Summary s) {
        Experiment e = s.experiment();
        String what = e.regression() ? "MSE" : e.hinge() ? "Keras 2 accuracy" : "accuracy";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Here: %s %s (train) and %s (test)", what,
                ResultsTable.figure(s.train(), s.trainStd()), ResultsTable.figure(s.test(), s.testStd())));
        if (e.published()) {
            sb.append(String.format(Locale.ROOT, "; the study published %.3f and %.3f", e.kerasTrain(), e.kerasTest()));
        }
        if (e.hinge()) {
            sb.append(String.format(Locale.ROOT, "; Keras 3 accuracy %.3f / %.3f; correct signs %.3f / %.3f",
                    s.keras3Train(), s.keras3Test(), s.signTrain(), s.signTest()));
        }
        return sb.append(String.format(Locale.ROOT, "; %.2f s of training.", s.seconds())).toString();
    }

    private static void table(StringBuilder sb, List<Summary> rows) {
        List<String[]> cells = ResultsTable.cells(rows);
        sb.append("<table>\n");
        for (int i = 0; i < cells.size(); i++) {
            sb.append("<tr>");
            String[] r = cells.get(i);
            for (int j = 0; j < r.length; j++) {
                if (i == 0) {
                    sb.append("<th>").append(escape(r[j])).append("</th>");
                } else if (j == 0) {
                    sb.append("<td><a href=\"#").append(r[j]).append("\">").append(escape(r[j])).append("</a></td>");
                } else {
                    sb.append(j >= 4 ? "<td class=\"n\">" : "<td>").append(escape(r[j])).append("</td>");
                }
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    /** Escapes text for HTML. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
