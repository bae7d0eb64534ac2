package dev.kiln.model;

import dev.kiln.losses.Loss;
import dev.kiln.losses.LossFunction;
import dev.kiln.losses.LossFunctionWrapper;
import dev.kiln.losses.Losses;
import dev.kiln.losses.Reduction;
import dev.kiln.metrics.Metric;
import dev.kiln.metrics.Metrics;
import dev.kiln.nn.Layer;
import dev.kiln.nn.Layers;
import dev.kiln.optim.Optimizer;
import dev.kiln.optim.Optimizers;
import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Kiln's model file, format {@value #FORMAT} version {@value #VERSION}: a zip holding {@code model.json}
 * (architecture as each layer's config, compile settings, the seed, and an index of the arrays) and one
 * entry per array under {@code arrays/}, raw little-endian values (float32, float64 or int32) in
 * row-major order. No Java serialization. See docs/training.md for the layout.
 */
final class ModelArchive {
    static final String FORMAT = "kiln-model";
    static final int VERSION = 1;
    private static final String CONFIG = "model.json";
    /** 1980-01-01, the earliest zip time: entries carry a fixed time so that equal models give equal files. */
    private static final long ENTRY_TIME = 315532800000L;

    private ModelArchive() {}

    // ================================================================== save

    static void save(Sequential model, Path file) {
        if (file == null) throw new IllegalArgumentException("save: file must not be null");
        if (!model.built()) model.build();
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("class_name", "Sequential");
        root.put("name", model.name());
        root.put("seed", model.seed());
        root.put("input_shape", model.inputShape() == null ? null : model.inputShape().toArray());
        List<Object> layers = new ArrayList<>();
        List<Object> weights = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer l = model.layers().get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("class_name", l.getClass().getSimpleName());
            entry.put("config", l.config());
            layers.add(entry);
            List<Tensor> ws = l.weights();
            for (int k = 0; k < ws.size(); k++) weights.add(array(arrays, "layer" + i + "_" + k, ws.get(k)));
        }
        root.put("layers", layers);
        root.put("weights", weights);
        Compiled c = model.compiledState();
        if (c != null) {
            root.put("compile", compileConfig(c));
            List<Object> state = new ArrayList<>();
            for (Map.Entry<String, Tensor> e : c.optimizer.state(model.trainableWeights()).entrySet()) {
                Map<String, Object> a = array(arrays, "optimizer" + state.size(), e.getValue());
                a.put("key", e.getKey());
                state.add(a);
            }
            root.put("optimizer_state", state);
        }
        writeAtomically(file, JsonText.write(root), arrays);
    }

    private static Map<String, Object> array(Map<String, Tensor> arrays, String id, Tensor t) {
        String entry = "arrays/" + id + ".bin";
        arrays.put(entry, t);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry", entry);
        m.put("dtype", t.dtype().pythonName());
        m.put("shape", t.shape().toArray());
        return m;
    }

    private static Map<String, Object> compileConfig(Compiled c) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("class_name", c.optimizer.getClass().getSimpleName());
        opt.put("config", c.optimizer.config());
        m.put("optimizer", opt);
        m.put("loss", lossConfig(c));
        List<Object> metrics = new ArrayList<>();
        for (Object spec : c.metricSpecs) {
            if (spec instanceof String s) {
                metrics.add(s);
            } else {
                metrics.add(metricConfig((Metric) spec));
            }
        }
        m.put("metrics", metrics);
        return m;
    }

    /**
     * A built-in metric by class and config when {@link Metrics#fromConfig} rebuilds the same class with
     * the same config (checked here, through JSON), so settings such as a threshold or k survive;
     * otherwise (a user's Metric) only its name, and loading needs the object back.
     */
    private static Map<String, Object> metricConfig(Metric metric) {
        Map<String, Object> e = new LinkedHashMap<>();
        String cls = metric.getClass().getSimpleName();
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> cfg = (Map<String, Object>) JsonText.parse(JsonText.write(metric.config()));
            Metric rebuilt = Metrics.fromConfig(cls, cfg);
            if (rebuilt.getClass() == metric.getClass() && rebuilt.config().toString().equals(metric.config().toString())) {
                e.put("class_name", cls);
                e.put("name", metric.name());
                e.put("config", cfg);
                return e;
            }
        } catch (IllegalArgumentException | ClassCastException notRebuildable) {
            // not a built-in class, or a setting fromConfig does not know: saved as custom below
        }
        e.put("custom", metric.name());
        e.put("name", metric.name());
        return e;
    }

    /**
     * A loss by the name given to compile; a Loss object by class and config when {@link Losses#fromConfig}
     * rebuilds it with the same config (checked here, through JSON); otherwise (lambdas, subclasses of
     * Loss) only its name, and loading needs the object back.
     */
    private static Map<String, Object> lossConfig(Compiled c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c.lossIdentifier != null) {
            m.put("identifier", c.lossIdentifier);
            return m;
        }
        Loss l = c.loss;
        String cls = l.getClass().getSimpleName();
        if (!(l instanceof LossFunctionWrapper)) {
            try {
                Object config = JsonText.parse(JsonText.write(l.config()));
                @SuppressWarnings("unchecked")
                Map<String, Object> cfg = (Map<String, Object>) config;
                if (Losses.fromConfig(cls, cfg).config().toString().equals(l.config().toString())) {
                    m.put("class_name", cls);
                    m.put("config", cfg);
                    return m;
                }
            } catch (IllegalArgumentException notRebuildable) {
                // not a built-in class or a setting fromConfig does not know: saved as custom below
            }
        }
        m.put("custom", l.name());
        m.put("reduction", l.reduction().kerasName());
        return m;
    }

    private static void writeAtomically(Path file, String json, Map<String, Tensor> arrays) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            if (dir != null) Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            // createTempFile makes the file private (0600); the result is an ordinary output file (0644)
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                put(zip, CONFIG, json.getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<String, Tensor> e : arrays.entrySet()) put(zip, e.getKey(), bytes(e.getValue()));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("save: cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more than a leftover temporary file
                }
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(ENTRY_TIME);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] bytes(Tensor t) {
        int n = t.size();
        ByteBuffer b;
        switch (t.dtype()) {
            case FLOAT32 -> {
                b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
                float[] f = t.toFloatArray();
                for (float v : f) b.putFloat(v);
            }
            case FLOAT64 -> {
                b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : t.toDoubleArray()) b.putDouble(v);
            }
            default -> {
                b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
                for (int v : t.toIntArray()) b.putInt(v);
            }
        }
        return b.array();
    }

    // ================================================================== load

    static Sequential load(Path file, Map<String, ?> custom) {
        if (file == null) throw new IllegalArgumentException("load: file must not be null");
        Map<String, byte[]> entries = readZip(file);
        byte[] cfg = entries.get(CONFIG);
        if (cfg == null) throw new IllegalArgumentException("load: " + file + " is not a Kiln model file (no " + CONFIG + ")");
        Map<String, Object> root = obj(JsonText.parse(new String(cfg, StandardCharsets.UTF_8)));
        if (!FORMAT.equals(root.get("format"))) throw new IllegalArgumentException("load: " + file + " has format '" + root.get("format") + "', expected '" + FORMAT + "'");
        int version = ((Number) root.get("version")).intValue();
        if (version > VERSION) {
            throw new IllegalArgumentException("load: " + file + " has format version " + version + "; this Kiln reads up to " + VERSION + " (upgrade Kiln)");
        }
        Sequential model = new Sequential();
        model.name((String) root.get("name"));
        model.seed(((Number) root.get("seed")).longValue());
        for (Object o : list(root.get("layers"))) {
            Map<String, Object> l = obj(o);
            model.add(Layers.fromConfig((String) l.get("class_name"), obj(l.get("config"))));
        }
        if (root.get("input_shape") != null && model.inputShape() == null) {
            List<Object> dims = list(root.get("input_shape"));
            int[] s = new int[dims.size()];
            for (int i = 0; i < s.length; i++) s[i] = ((Number) dims.get(i)).intValue();
            model.adoptInputShape("load", Tensor.zeros(withBatch(s)));
        }
        if (model.inputShape() != null) model.build();
        List<Tensor> weights = model.weights();
        List<Object> saved = list(root.get("weights"));
        if (saved.size() != weights.size()) {
            throw new IllegalArgumentException("load: " + file + " holds " + saved.size() + " weight arrays, the architecture has " + weights.size());
        }
        List<Tensor> values = new ArrayList<>();
        for (Object o : saved) values.add(readArray(file, entries, obj(o)));
        model.setWeights(values);
        Object compile = root.get("compile");
        if (compile != null) restoreCompile(file, model, obj(compile), list(root.get("optimizer_state")), entries, custom);
        return model;
    }

    private static int[] withBatch(int[] s) {
        int[] r = s.clone();
        if (r.length > 0 && r[0] < 0) r[0] = 1;
        return r;
    }

    private static void restoreCompile(Path file, Sequential model, Map<String, Object> c, List<Object> state,
                                       Map<String, byte[]> entries, Map<String, ?> custom) {
        Map<String, Object> opt = obj(c.get("optimizer"));
        Optimizer optimizer = Optimizers.fromConfig((String) opt.get("class_name"), obj(opt.get("config")));
        Map<String, Object> lc = obj(c.get("loss"));
        Loss loss;
        String identifier = null;
        if (lc.containsKey("identifier")) {
            identifier = (String) lc.get("identifier");
            loss = Losses.get(identifier);
        } else if (lc.containsKey("class_name")) {
            loss = Losses.fromConfig((String) lc.get("class_name"), obj(lc.get("config")));
        } else {
            String name = (String) lc.get("custom");
            Object given = custom.get(name);
            if (given instanceof Loss l) loss = l;
            else if (given instanceof LossFunction f) loss = Loss.of(name, f).reduction(Reduction.fromKerasName((String) lc.get("reduction")));
            else {
                throw new IllegalArgumentException("load: the loss '" + name + "' of " + file + " is a custom function or object, which the"
                        + " file cannot hold; load with Sequential.load(path, Map.of(\"" + name + "\", yourLoss))");
            }
        }
        List<Object> specs = new ArrayList<>();
        for (Object m : list(c.get("metrics"))) {
            if (m instanceof String s) {
                specs.add(s);
                continue;
            }
            Map<String, Object> e = obj(m);
            String name = (String) e.get("name");
            if (e.containsKey("config")) {
                specs.add(Metrics.fromConfig((String) e.get("class_name"), obj(e.get("config"))).name(name));
            } else if (e.containsKey("class_name")) {
                // files written before metric configs were saved: the class with its default settings
                specs.add(Metrics.get((String) e.get("class_name")).name(name));
            } else if (custom.get(name) instanceof Metric given) {
                specs.add(given);
            } else {
                throw new IllegalArgumentException("load: the metric '" + name + "' of " + file + " is a custom Metric, which the file cannot"
                        + " hold; load with Sequential.load(path, Map.of(\"" + name + "\", yourMetric))");
            }
        }
        model.setCompiled(new Compiled(optimizer, loss, identifier, specs));
        Map<String, Tensor> st = new HashMap<>();
        for (Object o : state) {
            Map<String, Object> a = obj(o);
            st.put((String) a.get("key"), readArray(file, entries, a));
        }
        if (!st.isEmpty()) optimizer.loadState(model.trainableWeights(), st);
    }

    private static Tensor readArray(Path file, Map<String, byte[]> entries, Map<String, Object> a) {
        String entry = (String) a.get("entry");
        byte[] data = entries.get(entry);
        if (data == null) throw new IllegalArgumentException("load: " + file + " lacks the array entry " + entry);
        List<Object> dims = list(a.get("shape"));
        int[] shape = new int[dims.size()];
        int n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = ((Number) dims.get(i)).intValue();
            n *= shape[i];
        }
        String dtype = (String) a.get("dtype");
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int width = "float64".equals(dtype) ? 8 : 4;
        if (data.length != (long) n * width) {
            throw new IllegalArgumentException("load: " + file + ": array " + entry + " has " + data.length + " bytes, expected "
                    + ((long) n * width) + " for " + dtype + " " + java.util.Arrays.toString(shape));
        }
        switch (dtype) {
            case "float32" -> {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) f[i] = b.getFloat();
                return Tensor.wrap(f, shape);
            }
            case "float64" -> {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) d[i] = b.getDouble();
                return Tensor.wrap(d, shape);
            }
            case "int32" -> {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) d[i] = b.getInt();
                return Tensor.fromFlat(d, DType.INT32, shape);
            }
            default -> throw new IllegalArgumentException("load: " + file + ": array " + entry + " has unknown dtype '" + dtype + "'");
        }
    }

    private static Map<String, byte[]> readZip(Path file) {
        Map<String, byte[]> out = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                zip.transferTo(buf);
                out.put(e.getName(), buf.toByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("load: cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        if (!(o instanceof Map)) throw new IllegalArgumentException("load: malformed model file: expected an object, found " + o);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (o == null) return List.of();
        if (!(o instanceof List)) throw new IllegalArgumentException("load: malformed model file: expected a list, found " + o);
        return (List<Object>) o;
    }

}
