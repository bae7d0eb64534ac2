package dev.kiln.model;

import static dev.kiln.model.Fixtures.assertSameWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.losses.Losses;
import dev.kiln.nn.Dense;
import dev.kiln.nn.L2;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerTest {

    @Test
    void reportedLossIncludesRegularizationPenalties() {
        Sequential m = new Sequential().seed(2);
        m.add(new Dense(4).inputDim(2).activation("tanh").kernelRegularizer(new L2(0.05)));
        m.add(new Dense(1));
        m.compile(new SGD(0.0), "mse");   // learning rate 0: the weights stay, the loss can be recomputed
        Tensor x = Fixtures.trainX().slice(0, 64).astype(DType.FLOAT32), y = Tensor.ones(64, 1);
        double reported = m.trainOnBatch(x, y).loss();
        Tensor kernel = m.layers().get(0).weights().get(0);
        double penalty = 0;
        for (float w : kernel.toFloatArray()) penalty += 0.05 * w * w;
        double data = Losses.get("mse").apply(y, m.predict(x, 64)).item();
        assertEquals(data + penalty, reported, 1e-5);
        assertTrue(penalty > 1e-3, "the penalty is not negligible in this check");
        assertEquals(data + penalty, m.evaluate(x, y).loss(), 1e-5, "evaluate reports it too, as Keras");
    }

    @Test
    void epochLossIsTheBatchSizeWeightedMeanOfBatchLosses() {
        Sequential m = Fixtures.blobsModel(4);
        m.compile(new SGD(0.0), "categorical_crossentropy", "accuracy");
        List<Double> batchLogs = new ArrayList<>();
        History h = m.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(1).batchSize(48).verbose(0)
                .callbacks(new LambdaCallback().onTrainBatchEnd((b, logs) -> batchLogs.add(logs.get("loss")))));
        Evaluation e = m.evaluate(Fixtures.trainX(), Fixtures.trainY());
        assertEquals(e.loss(), h.get("loss")[0], 1e-5, "with nothing learnt, the epoch mean is the data's mean loss");
        assertEquals(e.get("accuracy"), h.get("accuracy")[0], 1e-12);
        assertEquals(11, batchLogs.size(), "ceil(500 / 48) batches");
        assertEquals(h.get("loss")[0], batchLogs.get(10), 1e-12, "batch logs are running epoch means");
    }

    @Test
    void aSumReducedLossIsValidatedInBatchesOfTheBatchSizeAsKeras() {
        Sequential m = new Sequential().seed(4);
        m.add(new Dense(1).inputDim(2));
        m.compile(new SGD(0.0), new dev.kiln.losses.MeanSquaredError().reduction(dev.kiln.losses.Reduction.SUM));
        Tensor y = Tensor.ones(500, 1);
        History h = m.fit(Fixtures.trainX(), y, Fit.epochs(1).batchSize(50).validationData(Fixtures.testX(), y).verbose(0));
        double per50 = m.evaluate(Fixtures.testX(), y, null, 50, 0).loss();
        double whole = m.evaluate(Fixtures.testX(), y, null, 500, 0).loss();
        assertEquals(per50, h.last("val_loss"), 1e-9 * per50);
        assertEquals(10 * per50, whole, 1e-4 * whole, "a sum depends on the batch size");
    }

    @Test
    void validationSplitHoldsOutTheLastRowsBeforeShuffling() {
        Tensor x = Fixtures.trainX(), y = Fixtures.trainY();
        Sequential a = Fixtures.blobsModel(11), b = Fixtures.blobsModel(11);
        History ha = a.fit(x, y, Fit.epochs(3).validationSplit(0.2).verbose(0));
        History hb = b.fit(x.slice(0, 400), y.slice(0, 400), Fit.epochs(3).validationData(x.slice(400, 500), y.slice(400, 500)).verbose(0));
        assertArrayEquals(hb.get("val_loss"), ha.get("val_loss"));
        assertArrayEquals(hb.get("loss"), ha.get("loss"));
        assertSameWeights(a.getWeights(), b.getWeights());
    }

    @Test
    void classWeightEqualsTheSampleWeightsOfEachClass() {
        Tensor x = Fixtures.trainX(), y = Fixtures.trainY();
        Map<Integer, Double> cw = Map.of(0, 1.0, 1, 2.5, 2, 0.5);
        double[] labels = Fixtures.BLOBS.y().slice(0, 500).toDoubleArray();
        double[] w = new double[500];
        for (int i = 0; i < 500; i++) w[i] = cw.get((int) labels[i]);
        Sequential a = Fixtures.blobsModel(12), b = Fixtures.blobsModel(12);
        History ha = a.fit(x, y, Fit.epochs(2).classWeight(cw).verbose(0));
        History hb = b.fit(x, y, Fit.epochs(2).sampleWeight(Tensor.of(w)).verbose(0));
        assertArrayEquals(hb.get("loss"), ha.get("loss"));
        assertSameWeights(a.getWeights(), b.getWeights());
        Sequential c = Fixtures.blobsModel(12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.fit(x, y, Fit.epochs(1).classWeight(Map.of(0, 1.0, 1, 1.0)).verbose(0)));
        assertTrue(e.getMessage().contains("class 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.fit(x, y, Fit.epochs(1).classWeight(cw).sampleWeight(Tensor.of(w)).verbose(0)));
    }

    @Test
    void initialEpochCountsFromThere() {
        Sequential m = Fixtures.blobsModel(13);
        History h = m.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(5).initialEpoch(3).verbose(0));
        assertArrayEquals(new int[] {3, 4}, h.epochs());
        assertEquals(2 * 16, m.optimizer().iterations());
    }

    @Test
    void lossAndMetricNamesBecomeHistoryKeysAsGiven() {
        Sequential m = new Sequential().seed(3);
        m.add(new Dense(1).inputDim(2).activation("sigmoid"));
        m.compile(new SGD(0.1), "binary_crossentropy", "acc", "mse", "hinge", "AUC", "acc");
        Tensor y = Fixtures.BLOBS.y().slice(0, 500).equal(1.0).reshape(500, 1);
        History h = m.fit(Fixtures.trainX(), y, Fit.epochs(2).validationSplit(0.1).verbose(0));
        assertEquals(List.of("loss", "acc", "mse", "hinge", "AUC", "acc_1",
                "val_loss", "val_acc", "val_mse", "val_hinge", "val_AUC", "val_acc_1"), List.copyOf(h.keys()));
        assertEquals("BinaryAccuracy", m.metrics().get(0).getClass().getSimpleName());
        assertArrayEquals(h.get("acc"), h.get("acc_1"));
    }

    @Test
    void lossDiagnosticsWarnAtVerboseAndErrorsStopBeforeTraining() {
        Sequential m = new Sequential().seed(3);
        m.add(new Dense(1).inputDim(2).activation("tanh"));
        m.compile(new SGD(0.1), "hinge");
        Tensor y01 = Fixtures.BLOBS.y().slice(0, 500).equal(1.0).reshape(500, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.fit(Fixtures.trainX(), y01, Fit.epochs(1).verbose(2).printTo(new PrintStream(out, true, StandardCharsets.UTF_8)));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Warning (training data): hinge: labels are in {0, 1}"), printed);
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        m.fit(Fixtures.trainX(), y01, Fit.epochs(1).verbose(0).printTo(new PrintStream(quiet, true, StandardCharsets.UTF_8)));
        assertEquals("", quiet.toString(StandardCharsets.UTF_8));

        Sequential bce = new Sequential().seed(3);
        bce.add(new Dense(1).inputDim(2).activation("sigmoid"));
        bce.compile(new SGD(0.1), "binary_crossentropy");
        List<Tensor> before = bce.getWeights();
        Tensor yPlusMinus = y01.mul(2.0).sub(1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bce.fit(Fixtures.trainX(), yPlusMinus, Fit.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("outside {0, 1}"), e.getMessage());
        assertSameWeights(before, bce.getWeights());
    }

    /** An augmenting source: each epoch's batches carry noise drawn from the epoch number. */
    static final class NoisySource implements dev.kiln.data.BatchSource {
        int epochsDrawn;

        @Override
        public java.util.Iterator<dev.kiln.data.Batch> epoch(int epoch) {
            epochsDrawn++;
            Tensor noise = Tensor.randomNormal(epoch, 0, 0.1, 500, 2).astype(DType.FLOAT64);
            dev.kiln.data.Batches b = dev.kiln.data.Batches.of(Fixtures.trainX().add(noise), Fixtures.trainY(), null, 50, true, epoch);
            return b.epoch(epoch);
        }

        @Override
        public int batchesPerEpoch() { return 10; }

        @Override
        public int size() { return 500; }
    }

    @Test
    void fitDrawsEpochsFromABatchSource() {
        Sequential m = Fixtures.blobsModel(31);
        NoisySource source = new NoisySource();
        History h = m.fit(source, Fit.epochs(20).validationData(Fixtures.testX(), Fixtures.testY()).verbose(0));
        assertEquals(20, h.size());
        assertEquals(20 * 10, m.optimizer().iterations());
        assertTrue(h.last("val_accuracy") > 0.7, "learns from augmented batches: " + h.last("val_accuracy"));
        assertEquals(21, source.epochsDrawn, "one extra epoch opened for the first-batch checks");
        assertThrows(IllegalArgumentException.class, () -> m.fit(source, Fit.epochs(1).validationSplit(0.2)));
        assertThrows(IllegalStateException.class, () -> new Sequential().fit(source, Fit.epochs(1)));
    }

    @Test
    void trainStepLowersTheLossOfItsBatch() {
        Sequential m = Fixtures.blobsModel(21);
        Trainer t = new Trainer(m, m.compiledState());
        t.refreshParameters();
        Tensor x = Fixtures.trainX().slice(0, 32).astype(DType.FLOAT32), y = Fixtures.trainY().slice(0, 32);
        m.evaluate(x, y);   // resolves the metrics
        double first = t.trainStep(x, y, null);
        double second = t.trainStep(x, y, null);
        assertTrue(second < first, first + " -> " + second);
        assertEquals(2, m.optimizer().iterations());
    }

    @Test
    void validationFromASourceMatchesValidationFromArrays() {
        dev.kiln.data.Batches val = dev.kiln.data.Batches.of(Fixtures.testX(), Fixtures.testY(), null, 50, false, 0);
        History fromArrays = Fixtures.blobsModel(41).fit(Fixtures.trainX(), Fixtures.trainY(),
                Fit.epochs(3).validationData(Fixtures.testX(), Fixtures.testY()).verbose(0));
        History fromSource = Fixtures.blobsModel(41).fit(Fixtures.trainX(), Fixtures.trainY(),
                Fit.epochs(3).validationData(val).verbose(0));
        for (String key : new String[] {"loss", "accuracy", "val_loss", "val_accuracy"}) {
            for (int e = 0; e < 3; e++) {
                double a = fromArrays.get(key)[e], b = fromSource.get(key)[e];
                assertEquals(a, b, 1e-6 * Math.max(1, Math.abs(a)), key + " epoch " + e);
            }
        }
        // the last validationData given wins
        History replaced = Fixtures.blobsModel(41).fit(Fixtures.trainX(), Fixtures.trainY(),
                Fit.epochs(1).validationData(val).validationData(Fixtures.trainX(), Fixtures.trainY()).verbose(0));
        History onTrainRows = Fixtures.blobsModel(41).fit(Fixtures.trainX(), Fixtures.trainY(),
                Fit.epochs(1).validationData(Fixtures.trainX(), Fixtures.trainY()).verbose(0));
        assertEquals(onTrainRows.get("val_loss")[0], replaced.get("val_loss")[0], 0.0, "validated on the training rows");
        assertTrue(Math.abs(fromSource.get("val_loss")[0] - replaced.get("val_loss")[0]) > 1e-3, "and not on the source");
    }

    @Test
    void validationSourceIsDrawnOncePerEpochWithTheEpochNumber() {
        Sequential m = Fixtures.blobsModel(43);
        java.util.List<Integer> drawn = new java.util.ArrayList<>();
        dev.kiln.data.BatchSource val = new dev.kiln.data.BatchSource() {
            final dev.kiln.data.Batches b = dev.kiln.data.Batches.of(Fixtures.testX(), Fixtures.testY(), null, 100, false, 0);

            @Override
            public java.util.Iterator<dev.kiln.data.Batch> epoch(int epoch) {
                drawn.add(epoch);
                return b.epoch(epoch);
            }

            @Override
            public int batchesPerEpoch() { return b.batchesPerEpoch(); }

            @Override
            public int size() { return b.size(); }
        };
        m.fit(new NoisySource(), Fit.epochs(3).validationData(val).verbose(0));
        assertEquals(java.util.List.of(0, 0, 1, 2), drawn, "epoch 0 opened once for the first-batch checks, then one per epoch");
    }

    @Test
    void evaluateOnASourceMatchesEvaluateOnArrays() {
        Sequential m = Fixtures.blobsModel(47);
        m.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(2).verbose(0));
        Evaluation arrays = m.evaluate(Fixtures.testX(), Fixtures.testY());
        Evaluation source = m.evaluate(dev.kiln.data.Batches.of(Fixtures.testX(), Fixtures.testY(), null, 32, false, 0));
        assertEquals(arrays.get("loss"), source.get("loss"), 1e-6 * Math.abs(arrays.get("loss")));
        assertEquals(arrays.get("accuracy"), source.get("accuracy"), 1e-12);
    }

    @Test
    void sourceValidationAndEvaluationRejectBadSources() {
        Sequential m = Fixtures.blobsModel(53);
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                () -> Fit.epochs(1).validationData((dev.kiln.data.BatchSource) null));
        assertTrue(nul.getMessage().contains("source must not be null"), nul.getMessage());
        dev.kiln.data.BatchSource empty = new dev.kiln.data.BatchSource() {
            @Override
            public java.util.Iterator<dev.kiln.data.Batch> epoch(int epoch) { return java.util.Collections.emptyIterator(); }

            @Override
            public int batchesPerEpoch() { return 0; }

            @Override
            public int size() { return 0; }
        };
        double before = m.layers().get(0).weights().get(0).toDoubleArray()[0];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(1).validationData(empty).verbose(0)));
        assertTrue(e.getMessage().contains("yields 0 batches per epoch"), e.getMessage());
        assertEquals(before, m.layers().get(0).weights().get(0).toDoubleArray()[0], "no step taken");
        IllegalArgumentException ev = assertThrows(IllegalArgumentException.class, () -> m.evaluate(empty));
        assertTrue(ev.getMessage().contains("epoch 0 has no batches"), ev.getMessage());
        assertThrows(IllegalStateException.class, () -> new Sequential().evaluate(new NoisySource()));
    }
}
