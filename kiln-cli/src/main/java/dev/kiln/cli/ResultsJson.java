package dev.kiln.cli;

import java.util.List;
import java.util.Locale;

/**
 * The tutorial's machine-readable result:
 * {@code {"experiments": [{"id", "loss", "activation", "metric", "train", "test", "train_std", "test_std",
 * "seeds", "keras_train", "keras_test", "train_seconds", "keras3_train", "keras3_test", "sign_train",
 * "sign_test"}]}}.
 *
 * <p>{@code train_std}/{@code test_std} appear only with more than one seed; {@code keras3_*} and
 * {@code sign_*} only for the hinge rows, whose main figure is the study's Keras 2 accuracy.
 * {@code keras_*} is null where the study published nothing. {@code train_seconds} is the mean per seed.
 *
 * <pre>{@code
 * String json = ResultsJson.write(summaries);
 * }</pre>
 */
public final class ResultsJson {
    private ResultsJson() {
    }

    /** The JSON document for these summaries, indented, ending with a newline. */
    public static String write(List<Summary> rows) {
        StringBuilder sb = new StringBuilder("{\"experiments\": [");
        for (int i = 0; i < rows.size(); i++) {
            Summary s = rows.get(i);
            Experiment e = s.experiment();
            sb.append(i == 0 ? "\n" : ",\n").append("  {");
            field(sb, "id", quote(e.id()), true);
            field(sb, "loss", quote(e.loss()), false);
            field(sb, "activation", quote(e.activation()), false);
            field(sb, "metric", quote(e.metric()), false);
            field(sb, "train", number(s.train()), false);
            field(sb, "test", number(s.test()), false);
            if (s.seeds() > 1) {
                field(sb, "train_std", number(s.trainStd()), false);
                field(sb, "test_std", number(s.testStd()), false);
            }
            field(sb, "seeds", Integer.toString(s.seeds()), false);
            field(sb, "keras_train", number(e.kerasTrain()), false);
            field(sb, "keras_test", number(e.kerasTest()), false);
            field(sb, "train_seconds", number(s.seconds()), false);
            if (e.hinge()) {
                field(sb, "keras3_train", number(s.keras3Train()), false);
                field(sb, "keras3_test", number(s.keras3Test()), false);
                field(sb, "sign_train", number(s.signTrain()), false);
                field(sb, "sign_test", number(s.signTest()), false);
            }
            sb.append('}');
        }
        return sb.append("\n]}\n").toString();
    }

    private static void field(StringBuilder sb, String name, String value, boolean first) {
        if (!first) {
            sb.append(", ");
        }
        sb.append('"').append(name).append("\": ").append(value);
    }

    /** A JSON number with 6 significant decimals; null for NaN or infinity (JSON has neither). */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
