package dev.kiln.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.Tensor;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MetricConfigTest {
    /** Metric classes that hold code (a function), which no config can carry. */
    private static final Set<String> NOT_CONFIGURABLE = Set.of("MeanMetricWrapper");

    // One-hot labels and probabilities of 6 samples, 3 classes, chosen so that every setting below
    // changes the value (thresholds between the probabilities, k = 1 of 3, ...).
    private static final Tensor ONE_HOT = Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    private static final Tensor PROBS = Tensor.of(new double[][] {
            {0.6, 0.3, 0.1}, {0.45, 0.35, 0.2}, {0.5, 0.15, 0.35}, {0.2, 0.7, 0.1}, {0.1, 0.25, 0.65}, {0.05, 0.15, 0.8}});
    private static final Tensor LABELS = Tensor.of(new double[] {0, 1, 2, 0, 1, 2});

    private record Case(Supplier<Metric> make, Tensor yTrue, Tensor yPred) {}

    /** Every configurable built-in metric with non-default settings and a custom name. */
    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put("Accuracy", new Case(() -> new Accuracy().name("exact"), ONE_HOT, PROBS.round()));
        CASES.put("BinaryAccuracy", new Case(() -> new BinaryAccuracy(0.7).name("acc70"), ONE_HOT, PROBS));
        CASES.put("CategoricalAccuracy", new Case(() -> new CategoricalAccuracy().name("cat"), ONE_HOT, PROBS));
        CASES.put("SparseCategoricalAccuracy", new Case(() -> new SparseCategoricalAccuracy().name("sparse"), LABELS, PROBS));
        CASES.put("TopKCategoricalAccuracy", new Case(() -> new TopKCategoricalAccuracy(1).name("top1"), ONE_HOT, PROBS));
        CASES.put("SparseTopKCategoricalAccuracy", new Case(() -> new SparseTopKCategoricalAccuracy(1).name("stop1"), LABELS, PROBS));
        CASES.put("MeanSquaredError", new Case(() -> new MeanSquaredError().name("sq"), ONE_HOT, PROBS));
        CASES.put("MeanAbsoluteError", new Case(() -> new MeanAbsoluteError().name("abs"), ONE_HOT, PROBS));
        CASES.put("RootMeanSquaredError", new Case(() -> new RootMeanSquaredError().name("root"), ONE_HOT, PROBS));
        CASES.put("AUC", new Case(() -> new AUC(7, AUC.Curve.PR, AUC.SummationMethod.MAJORING).fromLogits(true).name("pr"), ONE_HOT, PROBS));
        CASES.put("Precision", new Case(() -> new Precision(0.3).name("p30"), ONE_HOT, PROBS));
        CASES.put("Recall", new Case(() -> new Recall(0.62).name("r62"), ONE_HOT, PROBS));
        CASES.put("Mean", new Case(() -> new Mean("avg"), ONE_HOT, PROBS));
        CASES.put("Keras2BinaryAccuracy", new Case(() -> new Keras2BinaryAccuracy().name("k2"), ONE_HOT, PROBS));
        CASES.put("SignAccuracy", new Case(() -> new SignAccuracy().name("sign"), ONE_HOT, PROBS.sub(0.4)));
    }

    /** The config as a JSON reader gives it back: integers as Long. */
    private static Map<String, Object> throughJson(Map<String, Object> c) {
        Map<String, Object> r = new LinkedHashMap<>();
        c.forEach((k, v) -> r.put(k, v instanceof Integer i ? (Object) i.longValue() : v));
        return r;
    }

    @Test
    void everyBuiltInMetricRoundTripsItsSettingsAndComputesTheSameValue() {
        for (Map.Entry<String, Case> e : CASES.entrySet()) {
            String cls = e.getKey();
            Metric original = e.getValue().make().get();
            assertEquals(cls, original.getClass().getSimpleName());
            Metric rebuilt = Metrics.fromConfig(cls, throughJson(original.config()));
            assertSame(original.getClass(), rebuilt.getClass(), cls);
            assertEquals(original.config(), rebuilt.config(), cls);
            assertEquals(original.name(), rebuilt.name(), cls);
            Metric defaults = Metrics.fromConfig(cls, Map.of());
            assertNotEquals(defaults.config(), original.config(), cls + ": the case must use non-default settings");

            Case c = e.getValue();
            original.updateState(c.yTrue(), c.yPred());
            rebuilt.updateState(c.yTrue(), c.yPred());
            assertEquals(original.result(), rebuilt.result(), cls);
            if (!original.config().keySet().equals(Set.of("name"))) {
                defaults.updateState(c.yTrue(), c.yPred());
                assertNotEquals(defaults.result(), original.result(), cls + ": the data must tell the settings apart");
            }
        }
    }

    @Test
    void everyMetricClassOfThePackageHasARoundTripCase() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(Metric.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("dev/kiln/metrics");
        Set<String> concrete = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.collect(Collectors.toList())) {
                String f = p.getFileName().toString();
                if (!f.endsWith(".class") || f.contains("$")) continue;
                Class<?> k = Class.forName("dev.kiln.metrics." + f.substring(0, f.length() - 6));
                if (Metric.class.isAssignableFrom(k) && !Modifier.isAbstract(k.getModifiers()) && Modifier.isPublic(k.getModifiers())) {
                    concrete.add(k.getSimpleName());
                }
            }
        }
        assertTrue(concrete.size() >= 15, "found " + concrete);
        Set<String> covered = new TreeSet<>(CASES.keySet());
        covered.addAll(NOT_CONFIGURABLE);
        assertEquals(concrete, covered, "each Metric class needs a case in CASES (or a reason in NOT_CONFIGURABLE)");
        assertEquals(new TreeSet<>(CASES.keySet()), Metrics.classNames());
    }

    @Test
    void configsUseKerasNames() {
        assertEquals(Map.of("name", "acc70", "threshold", 0.7), new BinaryAccuracy(0.7).name("acc70").config());
        assertEquals(Map.of("name", "top_k_categorical_accuracy", "k", 3), new TopKCategoricalAccuracy(3).config());
        assertEquals(Map.of("name", "precision", "thresholds", 0.5), new Precision().config());
        assertEquals(Map.of("name", "auc", "num_thresholds", 200, "curve", "ROC", "summation_method", "interpolation", "from_logits", false),
                new AUC().config());
    }

    @Test
    void kerasStyleConfigsAreRead() {
        Map<String, Object> keras = new LinkedHashMap<>();
        keras.put("name", "precision_1");
        keras.put("dtype", "float32");
        keras.put("thresholds", List.of(0.25));
        Precision p = (Precision) Metrics.fromConfig("Precision", keras);
        assertEquals(0.25, p.threshold());
        assertEquals("precision_1", p.name());
        AUC auc = (AUC) Metrics.fromConfig("AUC", Map.of("curve", "PR", "summation_method", "minoring", "num_thresholds", 10L));
        assertEquals(AUC.Curve.PR, auc.curve());
        assertEquals(AUC.SummationMethod.MINORING, auc.summationMethod());
        assertEquals(10, auc.numThresholds());
    }

    @Test
    void badConfigsAreRefusedClearly() {
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("BinaryAccuracy|treshold", Map.of("treshold", 0.7));
        bad.put("TopKCategoricalAccuracy|k must be an integer", Map.of("k", 2.5));
        bad.put("AUC|curve must be", Map.of("curve", "DET"));
        bad.put("AUC|summation_method must be", Map.of("summation_method", "trapezoid"));
        bad.put("Precision|single value", Map.of("thresholds", List.of(0.2, 0.8)));
        bad.put("Recall|must be a number", Map.of("thresholds", "high"));
        bad.put("Accuracy|no configuration key 'k'", Map.of("k", 1L));
        for (Map.Entry<String, Map<String, Object>> e : bad.entrySet()) {
            String[] cls = e.getKey().split("\\|");
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig(cls[0], e.getValue()), e.getKey());
            assertTrue(ex.getMessage().contains(cls[0]) && ex.getMessage().contains(cls[1]), ex.getMessage());
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig("MeanMetricWrapper", Map.of()));
        assertTrue(unknown.getMessage().contains("unknown metric class 'MeanMetricWrapper'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig(null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig("TopKCategoricalAccuracy", Map.of("k", 0L)));
    }
}
