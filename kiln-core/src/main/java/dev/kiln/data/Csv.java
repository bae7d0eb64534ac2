package dev.kiln.data;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads numeric CSV files into tensors: an optional header row, a choice of feature columns, an
 * optional target column, and a clear error for any missing or unparsable value (row and column named).
 *
 * <p>Fields are separated by the delimiter (default ','); a field may be quoted with '"' (a doubled
 * '"' inside stands for one). Empty fields and {@code NA}, {@code N/A}, {@code NaN}, {@code null}
 * (any case) are missing values, which are refused: fill or drop them first. A target column whose
 * values are not all numbers is label-encoded (classes sorted, as {@link LabelEncoder}).
 * Defaults: header true, delimiter ',', all columns but the target as features, no target.
 *
 * <pre>{@code
 * Csv.Table t = Csv.builder().target("species").read(Path.of("iris.csv"));
 * Tensor x = t.x();   // (150, 4) float64
 * Tensor y = t.y();   // (150,) class indices
 * }</pre>
 */
public final class Csv {
    private boolean header = true;
    private char delimiter = ',';
    private List<String> columnNames;
    private int[] columnIndices;
    private String targetName;
    private int targetIndex = -1;

    private Csv() {}

    /** A reader with the defaults. */
    public static Csv builder() {
        return new Csv();
    }

    /** Whether the first row names the columns (default true); without it columns are "0", "1", ... */
    public Csv header(boolean header) {
        this.header = header;
        return this;
    }

    /** The field separator (default ','). */
    public Csv delimiter(char delimiter) {
        this.delimiter = delimiter;
        return this;
    }

    /** Feature columns by header name, in the order given (default: all but the target). */
    public Csv columns(String... names) {
        this.columnNames = List.of(names);
        this.columnIndices = null;
        return this;
    }

    /** Feature columns by 0-based index, in the order given. */
    public Csv columns(int... indices) {
        this.columnIndices = indices.clone();
        this.columnNames = null;
        return this;
    }

    /** The target column by header name (default none). */
    public Csv target(String name) {
        this.targetName = name;
        this.targetIndex = -1;
        return this;
    }

    /** The target column by 0-based index. */
    public Csv target(int index) {
        this.targetIndex = index;
        this.targetName = null;
        return this;
    }

    /**
     * A parsed table.
     *
     * @param x features, float64 (rows, features)
     * @param y target, float64 (rows,), or null without a target column
     * @param featureNames names of the feature columns, in order
     * @param targetName name of the target column, or null
     * @param targetClasses the sorted class names when the target was label-encoded, else empty
     */
    public record Table(Tensor x, Tensor y, List<String> featureNames, String targetName, List<String> targetClasses) {
        /** The table as a dataset (x, y). */
        public Dataset toDataset() {
            return new Dataset(x, y);
        }
    }

    /** Reads a UTF-8 file. */
    public Table read(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Csv: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads CSV text; {@code source} names it in error messages. */
    public Table read(String text, String source) {
        try {
            return read(new StringReader(text), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Table read(Reader reader, String source) throws IOException {
        BufferedReader r = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        String[] names = null;
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) continue;
            String[] fields = split(line, source, lineNo);
            if (names == null && header) {
                names = fields;
                for (int i = 0; i < names.length; i++) names[i] = names[i].strip();
                continue;
            }
            if (names == null) {
                names = new String[fields.length];
                for (int i = 0; i < names.length; i++) names[i] = Integer.toString(i);
            }
            if (fields.length != names.length) {
                throw new IllegalArgumentException("Csv: " + source + " line " + lineNo + ": expected " + names.length
                        + " fields, got " + fields.length);
            }
            rows.add(fields);
            lineNumbers.add(lineNo);
        }
        if (names == null) throw new IllegalArgumentException("Csv: " + source + " is empty");
        if (rows.isEmpty()) throw new IllegalArgumentException("Csv: " + source + " has a header but no data rows");
        int target = targetName != null ? indexOf(names, targetName, source, "target") : targetIndex;
        if (target >= names.length) {
            throw new IllegalArgumentException("Csv: " + source + ": target column index " + target + " out of range [0, "
                    + names.length + ")");
        }
        int[] features = featureColumns(names, target, source);
        int n = rows.size();
        double[] x = new double[n * features.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features.length; j++) {
                x[i * features.length + j] = number(rows.get(i)[features[j]], source, lineNumbers.get(i), i,
                        names[features[j]]);
            }
        }
        List<String> featureNames = new ArrayList<>();
        for (int c : features) featureNames.add(names[c]);
        Tensor y = null;
        List<String> classes = List.of();
        if (target >= 0) {
            String[] raw = new String[n];
            boolean numeric = true;
            for (int i = 0; i < n; i++) {
                raw[i] = rows.get(i)[target].strip();
                if (isMissing(raw[i])) number(raw[i], source, lineNumbers.get(i), i, names[target]);
                numeric &= parses(raw[i]);
            }
            double[] yv = new double[n];
            if (numeric) {
                for (int i = 0; i < n; i++) yv[i] = Double.parseDouble(raw[i]);
            } else {
                LabelEncoder enc = new LabelEncoder().fit(raw);
                int[] codes = enc.transform(raw);
                for (int i = 0; i < n; i++) yv[i] = codes[i];
                classes = enc.classes();
            }
            y = Tensor.of(yv, DType.FLOAT64);
        }
        return new Table(Tensor.fromFlat(x, DType.FLOAT64, n, features.length), y, List.copyOf(featureNames),
                target >= 0 ? names[target] : null, classes);
    }

    private int[] featureColumns(String[] names, int target, String source) {
        if (columnNames != null) {
            int[] out = new int[columnNames.size()];
            for (int j = 0; j < out.length; j++) out[j] = indexOf(names, columnNames.get(j), source, "feature");
            return out;
        }
        if (columnIndices != null) {
            for (int c : columnIndices) {
                if (c < 0 || c >= names.length) {
                    throw new IllegalArgumentException("Csv: " + source + ": column index " + c + " out of range [0, "
                            + names.length + ")");
                }
            }
            return columnIndices.clone();
        }
        int[] out = new int[target >= 0 ? names.length - 1 : names.length];
        for (int c = 0, j = 0; c < names.length; c++) if (c != target) out[j++] = c;
        return out;
    }

    private static int indexOf(String[] names, String name, String source, String role) {
        for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return i;
        throw new IllegalArgumentException("Csv: " + source + ": no " + role + " column named '" + name
                + "'; columns are " + Arrays.toString(names));
    }

    private static boolean isMissing(String s) {
        String t = s.strip();
        return t.isEmpty() || t.equalsIgnoreCase("NA") || t.equalsIgnoreCase("N/A") || t.equalsIgnoreCase("NaN")
                || t.equalsIgnoreCase("null");
    }

    private static boolean parses(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String field, String source, int line, int row, String column) {
        if (isMissing(field)) {
            throw new IllegalArgumentException("Csv: " + source + ": missing value at row " + row + " (line " + line
                    + "), column '" + column + "' (field '" + field.strip() + "'); fill or drop missing values first");
        }
        try {
            return Double.parseDouble(field.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Csv: " + source + ": cannot parse '" + field.strip() + "' as a number"
                    + " at row " + row + " (line " + line + "), column '" + column + "'");
        }
    }

    private String[] split(String line, String source, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("Csv: " + source + " line " + lineNo + ": unterminated quote");
        out.add(f.toString());
        return out.toArray(new String[0]);
    }
}
