package dev.kiln.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves the model after each epoch, as Keras's {@code ModelCheckpoint}: always, or with
 * {@code saveBestOnly} only when the monitored quantity improves. The path may hold Keras's
 * placeholders: {@code {epoch}} (1-based) and any log key, with an optional format, e.g.
 * {@code "ckpt-{epoch:02d}-{val_loss:.3f}.kiln"}. Writes are atomic ({@link Sequential#save}).
 * Defaults: monitor {@code "val_loss"}, mode "auto", saveBestOnly false.
 *
 * <pre>{@code
 * model.fit(x, y, Fit.epochs(50).validationSplit(0.2)
 *         .callbacks(new ModelCheckpoint(Path.of("best.kiln")).saveBestOnly(true)));
 * }</pre>
 */
public final class ModelCheckpoint extends Callback {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)(?::([^}]*))?}");
    private final String filepath;
    private String monitorName = "val_loss";
    private String mode = "auto";
    private boolean saveBestOnly;
    private int verbose;
    private Monitor monitor;
    private Double best;
    private Path lastSaved;

    /** Saves to {@code filepath}, which may hold {@code {epoch}} and log-key placeholders. */
    public ModelCheckpoint(Path filepath) {
        if (filepath == null) throw new IllegalArgumentException("ModelCheckpoint: filepath must not be null");
        this.filepath = filepath.toString();
    }

    /** The log key that decides the best model (default {@code "val_loss"}). */
    public ModelCheckpoint monitor(String name) { monitorName = name; return this; }

    /** "auto" (default), "min" or "max". */
    public ModelCheckpoint mode(String m) { mode = m; return this; }

    /** Save only when the monitored value improves (default false: every epoch). */
    public ModelCheckpoint saveBestOnly(boolean b) { saveBestOnly = b; return this; }

    /** 1 prints each save. */
    public ModelCheckpoint verbose(int v) { verbose = v; return this; }

    /** The file written last (null if none yet). */
    public Path lastSaved() { return lastSaved; }

    /** The best monitored value seen (null before any). */
    public Double best() { return best; }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        monitor = new Monitor("ModelCheckpoint", monitorName, mode, 0);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Path target = Path.of(format(filepath, epoch, logs));
        if (saveBestOnly) {
            Double current = logs.get(monitor.name);
            if (current == null) {
                System.err.println("ModelCheckpoint: can save best model only with '" + monitor.name + "' available, skipping; logs have " + logs.keySet());
                return;
            }
            if (!monitor.improves(current, best)) return;
            if (verbose > 0) {
                System.out.println("Epoch " + (epoch + 1) + ": " + monitor.name + " improved from " + best + " to " + current + ", saving model to " + target);
            }
            best = current;
        }
        model().save(target);
        lastSaved = target;
    }

    /** Replaces {epoch} and {key[:format]} as Python's str.format would for these simple cases. */
    static String format(String pattern, int epoch, Map<String, Double> logs) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1), spec = m.group(2);
            Object value;
            if (key.equals("epoch")) value = (long) (epoch + 1);
            else if (logs.containsKey(key)) value = logs.get(key);
            else throw new IllegalArgumentException("ModelCheckpoint: the path names '{" + key + "}', which is neither epoch nor a log key " + logs.keySet());
            String text;
            if (spec == null || spec.isEmpty()) text = String.valueOf(value);
            else if (spec.endsWith("d") && value instanceof Double) text = String.format(Locale.ROOT, "%" + spec, Math.round((Double) value));
            else if (!spec.endsWith("d") && value instanceof Long) text = String.format(Locale.ROOT, "%" + spec, ((Long) value).doubleValue());
            else text = String.format(Locale.ROOT, "%" + spec, value);
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }
}
