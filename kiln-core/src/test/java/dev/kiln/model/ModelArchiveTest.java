package dev.kiln.model;

import static dev.kiln.model.Fixtures.assertSameWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.losses.BinaryCrossentropy;
import dev.kiln.losses.LossFunction;
import dev.kiln.metrics.AUC;
import dev.kiln.metrics.BinaryAccuracy;
import dev.kiln.metrics.Precision;
import dev.kiln.metrics.Recall;
import dev.kiln.metrics.TopKCategoricalAccuracy;
import dev.kiln.nn.Dense;
import dev.kiln.optim.Adam;
import dev.kiln.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {
    @TempDir
    Path dir;

    @Test
    void aLoadedModelPredictsIdenticallyAndResumesToTheIdenticalResult() {
        Tensor x = Fixtures.trainX(), y = Fixtures.trainY();
        Sequential straight = Fixtures.blobsModel(17);
        History full = straight.fit(x, y, Fit.epochs(4).verbose(0));

        Sequential first = Fixtures.blobsModel(17);
        first.fit(x, y, Fit.epochs(2).verbose(0));
        Path file = dir.resolve("half.kiln");
        first.save(file);
        Sequential loaded = Sequential.load(file);
        assertArrayEquals(first.predict(Fixtures.testX()).toFloatArray(), loaded.predict(Fixtures.testX()).toFloatArray());
        assertEquals(first.optimizer().iterations(), loaded.optimizer().iterations());
        History rest = loaded.fit(x, y, Fit.epochs(4).initialEpoch(2).verbose(0));

        assertSameWeights(straight.getWeights(), loaded.getWeights());
        assertEquals(full.get("loss")[3], rest.get("loss")[1]);
        assertEquals(full.get("accuracy")[3], rest.get("accuracy")[1]);
        assertEquals(first.name(), loaded.name());
        assertEquals(first.seed(), loaded.seed());
    }

    private static Sequential withDropout(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(16).inputDim(2).activation("relu"));
        m.add(new dev.kiln.nn.Dropout(0.3));
        m.add(new Dense(16).activation("relu"));
        m.add(new dev.kiln.nn.Dropout(0.2).seed(5));
        m.add(new Dense(3).activation("softmax"));
        m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        return m;
    }

    @Test
    void trainingWithDropoutResumesBitForBit() {
        Tensor x = Fixtures.trainX(), y = Fixtures.trainY();
        Sequential straight = withDropout(31);
        History full = straight.fit(x, y, Fit.epochs(4).batchSize(50).verbose(0));

        Sequential first = withDropout(31);
        first.fit(x, y, Fit.epochs(2).batchSize(50).verbose(0));
        Path file = dir.resolve("dropout.kiln");
        first.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(20L, ((dev.kiln.nn.Dropout) loaded.layers().get(1)).step(), "10 batches per epoch, 2 epochs");
        History rest = loaded.fit(x, y, Fit.epochs(4).initialEpoch(2).batchSize(50).verbose(0));

        assertSameWeights(straight.getWeights(), loaded.getWeights());
        assertEquals(full.get("loss")[2], rest.get("loss")[0]);
        assertEquals(full.get("loss")[3], rest.get("loss")[1]);

        // the same file without the counters (as written before they were saved) resumes with the first masks
        // again and ends elsewhere: the equality above needs the counter
        Sequential noCounter = Sequential.load(rewritten(file, root -> {
            for (Object l : (java.util.List<?>) root.get("layers")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> config = (Map<String, Object>) ((Map<?, ?>) l).get("config");
                config.remove("step");
            }
        }));
        assertEquals(0L, ((dev.kiln.nn.Dropout) noCounter.layers().get(1)).step());
        noCounter.fit(x, y, Fit.epochs(4).initialEpoch(2).batchSize(50).verbose(0));
        assertNotEquals(java.util.Arrays.toString(straight.getWeights().get(0).toFloatArray()),
                java.util.Arrays.toString(noCounter.getWeights().get(0).toFloatArray()));
    }

    @Test
    void theFileIsAZipWithJsonAndLittleEndianArrays() throws IOException {
        Sequential m = Fixtures.blobsModel(3);
        Path file = dir.resolve("m.kiln");
        m.save(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"format\": \"kiln-model\"") && json.contains("\"version\": 1"), json);
            assertTrue(json.contains("\"identifier\": \"categorical_crossentropy\"") && json.contains("\"accuracy\""), json);
            ZipEntry kernel = zip.getEntry("arrays/layer0_0.bin");
            byte[] raw = zip.getInputStream(kernel).readAllBytes();
            assertEquals(2 * 8 * 4, raw.length);
            float first = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getFloat();
            assertEquals(m.getWeights().get(0).toFloatArray()[0], first);
        }
        Path again = dir.resolve("again.kiln");
        m.save(again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again), "equal models give equal files");
    }

    @Test
    void writesAreAtomicAndAFailedSaveKeepsTheOldFile() throws IOException {
        Path file = dir.resolve("m.kiln");
        Fixtures.blobsModel(1).save(file);
        byte[] before = Files.readAllBytes(file);
        Sequential bad = new Sequential();
        bad.add(new Dense(2).inputDim(2).activation(x -> x.mul(2.0)));   // an unnamed function has no config
        assertThrows(IllegalArgumentException.class, () -> bad.save(file));
        assertArrayEquals(before, Files.readAllBytes(file));
        Fixtures.blobsModel(2).save(file);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void lossObjectsMetricsAndOptimizerSettingsSurvive() {
        Sequential m = new Sequential().seed(5);
        m.add(new Dense(1).inputDim(2).activation("sigmoid"));
        m.compile(new Adam(0.005).beta1(0.8), new BinaryCrossentropy().fromLogits(false).labelSmoothing(0.1).name("bce_loss"), new AUC(), "acc");
        Tensor y = Fixtures.BLOBS.y().slice(0, 500).equal(1.0).reshape(500, 1);
        m.fit(Fixtures.trainX(), y, Fit.epochs(1).verbose(0));
        Path file = dir.resolve("m.kiln");
        m.save(file);
        Sequential l = Sequential.load(file);
        assertEquals("bce_loss", l.loss().name());
        assertEquals(m.loss().config(), l.loss().config(), "the loss's settings survive (label smoothing)");
        assertEquals(m.optimizer().config(), l.optimizer().config());
        Evaluation a = m.evaluate(Fixtures.testX(), Fixtures.BLOBS.y().slice(500, 1000).equal(1.0).reshape(500, 1));
        Evaluation b = l.evaluate(Fixtures.testX(), Fixtures.BLOBS.y().slice(500, 1000).equal(1.0).reshape(500, 1));
        assertEquals(a.asMap(), b.asMap());
        assertEquals(java.util.List.of("loss", "auc", "acc"), java.util.List.copyOf(b.names()));
    }

    private static Sequential withConfiguredMetrics() {
        Sequential m = new Sequential().seed(21);
        m.add(new Dense(8).inputDim(2).activation("relu"));
        m.add(new Dense(3).activation("softmax"));
        m.compile("sgd", "categorical_crossentropy", new BinaryAccuracy(0.7).name("acc70"), new TopKCategoricalAccuracy(1),
                new Precision(0.3), new Recall(0.62).name("recall62"), new AUC(9, AUC.Curve.PR, AUC.SummationMethod.MAJORING));
        m.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(1).verbose(0));
        return m;
    }

    @Test
    void metricSettingsAndNamesSurvive() {
        Sequential m = withConfiguredMetrics();
        Path file = dir.resolve("metrics.kiln");
        m.save(file);
        Sequential l = Sequential.load(file);
        Evaluation a = m.evaluate(Fixtures.testX(), Fixtures.testY());
        Evaluation b = l.evaluate(Fixtures.testX(), Fixtures.testY());
        assertEquals(a.asMap(), b.asMap());
        assertEquals(java.util.List.of("loss", "acc70", "top_k_categorical_accuracy", "precision", "recall62", "auc"), java.util.List.copyOf(b.names()));
        for (int i = 0; i < m.metrics().size(); i++) assertEquals(m.metrics().get(i).config(), l.metrics().get(i).config());

        // the same model with default settings reports other values, so the equality above needs the settings
        Sequential defaults = Sequential.load(withoutMetricConfigs(file));
        Evaluation d = defaults.evaluate(Fixtures.testX(), Fixtures.testY());
        for (String name : java.util.List.of("acc70", "top_k_categorical_accuracy", "precision", "recall62", "auc")) {
            assertNotEquals(a.get(name), d.get(name), name);
        }
    }

    @Test
    void filesWithoutMetricConfigsLoadWithDefaultSettings() {
        Path file = dir.resolve("metrics.kiln");
        withConfiguredMetrics().save(file);
        Sequential old = Sequential.load(withoutMetricConfigs(file));
        old.evaluate(Fixtures.testX(), Fixtures.testY());
        assertEquals(0.5, ((BinaryAccuracy) old.metrics().get(0)).threshold());
        assertEquals("acc70", old.metrics().get(0).name());
        assertEquals(TopKCategoricalAccuracy.DEFAULT_K, ((TopKCategoricalAccuracy) old.metrics().get(1)).k());
        assertEquals(AUC.DEFAULT_NUM_THRESHOLDS, ((AUC) old.metrics().get(4)).numThresholds());
    }

    /** A copy of the file as written before metric configs were saved: metric entries with class and name only. */
    private Path withoutMetricConfigs(Path file) {
        return rewritten(file, root -> {
            @SuppressWarnings("unchecked")
            java.util.List<Object> metrics = (java.util.List<Object>) ((Map<String, Object>) root.get("compile")).get("metrics");
            int removed = 0;
            for (Object o : metrics) if (o instanceof Map<?, ?> entry && entry.remove("config") != null) removed++;
            assertEquals(5, removed, "every metric object was saved with its config");
        });
    }

    /** A copy of the file with its model.json edited. */
    private Path rewritten(Path file, java.util.function.Consumer<Map<String, Object>> edit) {
        Path old = dir.resolve("old-" + file.getFileName());
        try (ZipFile in = new ZipFile(file.toFile()); var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(old))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("model.json")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> root = (Map<String, Object>) JsonText.parse(new String(data, StandardCharsets.UTF_8));
                    edit.accept(root);
                    data = JsonText.write(root).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return old;
    }

    @Test
    void aCustomLossMustBeGivenBackAtLoad() {
        LossFunction sse = (t, p) -> p.sub(t).square().sum(-1);
        Sequential m = new Sequential().seed(5);
        m.add(new Dense(1).inputDim(2));
        m.compile("sgd", sse);
        Path file = dir.resolve("custom.kiln");
        m.save(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().contains("custom_loss") && e.getMessage().contains("Sequential.load(path, Map.of("), e.getMessage());
        Sequential l = Sequential.load(file, Map.of("custom_loss", sse));
        Tensor x = Fixtures.testX().slice(0, 10), y = Tensor.zeros(10, 1);
        assertEquals(m.evaluate(x, y).loss(), l.evaluate(x, y).loss());
    }

    @Test
    void foreignAndNewerFilesAreRejectedClearly() throws IOException {
        Path notZip = dir.resolve("junk.kiln");
        Files.writeString(notZip, "hello");
        assertThrows(IllegalArgumentException.class, () -> Sequential.load(notZip));
        Path file = dir.resolve("m.kiln");
        Fixtures.blobsModel(1).save(file);
        Path newer = dir.resolve("newer.kiln");
        try (ZipFile in = new ZipFile(file.toFile());
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(newer))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("model.json")) {
                    data = new String(data, StandardCharsets.UTF_8).replace("\"version\": 1", "\"version\": 99").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.load(newer));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("missing.kiln")));
        assertThrows(java.io.UncheckedIOException.class, () -> Sequential.load(dir.resolve("missing.kiln")));
    }

    @Test
    void batchNormalizationStatisticsAndDropoutSurvive() {
        Sequential m = new Sequential().seed(9);
        m.add(new Dense(16).inputDim(2).activation("relu"));
        m.add(new dev.kiln.nn.BatchNormalization());
        m.add(new dev.kiln.nn.Dropout(0.3));
        m.add(new Dense(3).activation("softmax"));
        m.compile("adam", "categorical_crossentropy", "accuracy");
        m.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(2).verbose(0));
        Path file = dir.resolve("bn.kiln");
        m.save(file);
        Sequential l = Sequential.load(file);
        assertSameWeights(m.getWeights(), l.getWeights());
        assertArrayEquals(m.predict(Fixtures.testX()).toFloatArray(), l.predict(Fixtures.testX()).toFloatArray());
        assertEquals(Summary.of(m), Summary.of(l));
    }

    @Test
    void anUncompiledModelRoundTripsItsArchitectureAndWeights() {
        Sequential m = new Sequential().seed(8);
        m.add(new Dense(3).inputDim(4).activation("relu"));
        m.add(new Dense(2).activation("softmax"));
        Path file = dir.resolve("plain.kiln");
        m.save(file);
        Sequential l = Sequential.load(file);
        assertFalse(l.isCompiled());
        assertSameWeights(m.getWeights(), l.getWeights());
        assertEquals(Summary.of(m), Summary.of(l));
    }
}
