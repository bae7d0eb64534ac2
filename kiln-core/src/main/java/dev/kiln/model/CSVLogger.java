package dev.kiln.model;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Writes one row per epoch to a CSV file, as Keras's {@code CSVLogger}: a header {@code epoch,<keys>}
 * (keys sorted, as Keras) then the epoch index and each value. With {@code append}, rows are added to
 * an existing file without a second header. Default separator ",".
 *
 * <pre>{@code
 * model.fit(x, y, Fit.epochs(50).callbacks(new CSVLogger(Path.of("training.csv"))));
 * }</pre>
 */
public final class CSVLogger extends Callback {
    private final Path file;
    private String separator = ",";
    private boolean append;
    private BufferedWriter writer;
    private List<String> keys;

    /** Logs to {@code file}, replaced at the start of training (see {@link #append}). */
    public CSVLogger(Path file) {
        if (file == null) throw new IllegalArgumentException("CSVLogger: file must not be null");
        this.file = file;
    }

    /** The column separator (default ","). */
    public CSVLogger separator(String s) {
        if (s == null || s.isEmpty()) throw new IllegalArgumentException("CSVLogger: separator must be non-empty");
        separator = s;
        return this;
    }

    /** Append to an existing file instead of replacing it. */
    public CSVLogger append(boolean a) { append = a; return this; }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        try {
            boolean exists = append && Files.exists(file) && Files.size(file) > 0;
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            keys = null;
            if (exists) keys = List.of();   // header already written by an earlier run
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot open " + file, e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        try {
            if (keys == null || keys.isEmpty()) {
                boolean writeHeader = keys == null;
                keys = new ArrayList<>(logs.keySet());
                Collections.sort(keys);
                if (writeHeader) writer.write("epoch" + separator + String.join(separator, keys) + "\n");
            }
            StringBuilder row = new StringBuilder().append(epoch);
            for (String k : keys) {
                Double v = logs.get(k);
                row.append(separator).append(v == null ? "NA" : Double.toString(v));
            }
            writer.write(row.append('\n').toString());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write " + file, e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        try {
            if (writer != null) writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot close " + file, e);
        } finally {
            writer = null;
        }
    }
}
