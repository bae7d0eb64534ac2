package dev.kiln.model;

import static dev.kiln.model.Fixtures.assertSameWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.nn.Dense;
import dev.kiln.nn.Layer;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SequentialTest {

    @Test
    void shapesAreInferredAtAddAndAWrongStackFailsThere() {
        Sequential m = new Sequential();
        m.add(new Dense(4).inputDim(3));
        assertEquals(Shape.of(-1, 3), m.inputShape());
        m.add(new Dense(2));
        assertEquals(Shape.of(-1, 2), m.outputShape());
        Layer wrong = new Dense(5).inputDim(7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.add(wrong));
        assertTrue(e.getMessage().contains("(*, 7)") && e.getMessage().contains("2"), e.getMessage());
        assertEquals(2, m.layers().size(), "the failed add left the stack as it was");
        Layer dup = new Dense(1).name(m.layers().get(0).name());
        assertThrows(IllegalArgumentException.class, () -> m.add(dup));
    }

    @Test
    void fitBeforeCompileIsALifecycleError() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(3).inputDim(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.fit(Fixtures.trainX(), Fixtures.trainY()));
        assertTrue(e.getMessage().contains("compile"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> m.evaluate(Fixtures.trainX(), Fixtures.trainY()));
        assertFalse(m.built(), "nothing was created");
    }

    /**
     * Label values that only a later batch holds (a NaN, a class id out of range, in the training or the
     * validation data) throw before the first step, not at that batch with the model half trained.
     */
    @Test
    void badLabelsInALaterBatchThrowBeforeTheFirstStep() {
        Tensor x = Fixtures.trainX(), y = Fixtures.trainY();
        double[][] nan = new double[500][];
        for (int i = 0; i < 500; i++) nan[i] = y.slice(i, i + 1).reshape(3).toDoubleArray();
        nan[400][1] = Double.NaN;
        double[] ids = y.argmax(-1).toDoubleArray(), badIds = ids.clone();
        badIds[400] = 3;
        Tensor good = Tensor.of(ids), bad = Tensor.of(badIds);
        List<Consumer<Sequential>> calls = List.of(
                m -> m.fit(x, Tensor.of(nan), Fit.epochs(1).verbose(0)),
                m -> m.compile(new SGD(0.01), "sparse_categorical_crossentropy").fit(x, bad, Fit.epochs(1).verbose(0)),
                m -> m.compile(new SGD(0.01), "sparse_categorical_crossentropy")
                        .fit(x, good, Fit.epochs(1).verbose(0).validationData(x, bad)));
        for (int i = 0; i < calls.size(); i++) {
            Sequential m = Fixtures.blobsModel(3);
            List<Tensor> before = m.getWeights();
            Consumer<Sequential> call = calls.get(i);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(m), "call " + i);
            assertTrue(e.getMessage().contains(i == 0 ? "NaN" : "label 3.0 (flat position 400)"), e.getMessage());
            assertSameWeights(before, m.getWeights());
            assertEquals(0, m.optimizer().iterations(), "call " + i + " stepped the optimizer");
        }
        // the ignored class is no error
        Sequential m = Fixtures.blobsModel(3);
        m.compile(new SGD(0.01), new dev.kiln.losses.SparseCategoricalCrossentropy().ignoreClass(7));
        double[] ignored = ids.clone();
        ignored[400] = 7;
        m.fit(x, Tensor.of(ignored), Fit.epochs(1).verbose(0));
        assertTrue(m.optimizer().iterations() > 0);
    }

    /** Each bad call throws IllegalArgumentException and leaves weights and optimizer untouched. */
    @Test
    void badCallsLeaveTheModelUntouched() {
        Tensor x = Fixtures.trainX(), y = Fixtures.trainY();
        List<Consumer<Sequential>> calls = List.of(
                m -> m.fit(Tensor.zeros(10, 3), Tensor.zeros(10, 3), Fit.epochs(1).verbose(0)),    // wrong input width
                m -> m.fit(x, y.slice(0, 499), Fit.epochs(1).verbose(0)),                          // labels with the wrong rows
                m -> m.fit(x, Tensor.zeros(500, 4), Fit.epochs(1).verbose(0)),                     // labels with the wrong width
                m -> m.fit(x, y, Fit.epochs(1).verbose(0).sampleWeight(Tensor.ones(3))),           // weights with the wrong rows
                m -> m.fit(x, y, Fit.epochs(1).verbose(0).validationData(Tensor.zeros(5, 2), Tensor.zeros(4, 3))),
                m -> m.evaluate(Tensor.zeros(4, 5), Tensor.zeros(4, 3)),
                m -> m.predict(Tensor.zeros(4, 1)));
        for (int i = 0; i < calls.size(); i++) {
            Sequential m = Fixtures.blobsModel(3);
            List<Tensor> before = m.getWeights();
            Consumer<Sequential> call = calls.get(i);
            assertThrows(IllegalArgumentException.class, () -> call.accept(m), "call " + i);
            assertSameWeights(before, m.getWeights());
            assertEquals(0, m.optimizer().iterations(), "call " + i + " stepped the optimizer");
        }
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.blobsModel(3).fit(Tensor.zeros(10, 3), Tensor.zeros(10, 3), Fit.epochs(1).verbose(0)));
        assertTrue(width.getMessage().contains("(*, 2)") && width.getMessage().contains("(10, 3)"), width.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.blobsModel(3).fit(x, y.slice(0, 499), Fit.epochs(1).verbose(0)));
        assertTrue(rows.getMessage().contains("499") && rows.getMessage().contains("500"), rows.getMessage());
    }

    @Test
    void badSettingsAreRejectedWhenGiven() {
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> Fit.epochs(1).batchSize(0));
        assertTrue(b.getMessage().contains("batchSize (0)"), b.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fit.epochs(1).batchSize(-3));
        for (double s : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fit.epochs(1).validationSplit(s));
            assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Fit.epochs(-1));
        assertThrows(IllegalArgumentException.class, () -> Fit.epochs(1).verbose(3));
        Sequential m = Fixtures.blobsModel(1);
        List<Tensor> before = m.getWeights();
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> m.fit(Tensor.zeros(1, 2), Tensor.zeros(1, 3), Fit.epochs(1).validationSplit(0.5).verbose(0)));
        assertTrue(split.getMessage().contains("cannot be split"), split.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.evaluate(Fixtures.testX(), Fixtures.testY(), 0));
        assertSameWeights(before, m.getWeights());
    }

    @Test
    void aSeedGivesBitIdenticalTraining() {
        Sequential a = Fixtures.blobsModel(42), b = Fixtures.blobsModel(42), c = Fixtures.blobsModel(43);
        assertSameWeights(a.getWeights(), b.getWeights());
        assertNotEquals(a.getWeights().get(0).toString(), c.getWeights().get(0).toString());
        History ha = a.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(5).verbose(0));
        History hb = b.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(5).verbose(0));
        assertSameWeights(a.getWeights(), b.getWeights());
        assertArrayEquals(ha.get("loss"), hb.get("loss"));
    }

    @Test
    void aSeedMakesDropoutAndBatchNormalizationRunsIdenticalToo() {
        java.util.function.Supplier<Sequential> make = () -> {
            Sequential m = new Sequential().seed(7);
            m.add(new Dense(16).inputDim(2).activation("relu"));
            m.add(new dev.kiln.nn.BatchNormalization());
            m.add(new dev.kiln.nn.Dropout(0.3));
            m.add(new Dense(3).activation("softmax"));
            m.compile("adam", "categorical_crossentropy", "accuracy");
            return m;
        };
        Sequential a = make.get(), b = make.get();
        a.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(3).verbose(0));
        b.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(3).verbose(0));
        assertSameWeights(a.getWeights(), b.getWeights());
        assertEquals(a.weights().size(), a.trainableWeights().size() + a.nonTrainableWeights().size());
        assertTrue(a.nonTrainableWeights().size() >= 2, "moving mean and variance");
    }

    @Test
    void getWeightsCopiesAndSetWeightsChecksEverythingFirst() {
        Sequential m = Fixtures.blobsModel(5);
        List<Tensor> w = m.getWeights();
        assertEquals(List.of(Shape.of(2, 8), Shape.of(8), Shape.of(8, 3), Shape.of(3)), w.stream().map(Tensor::shape).toList());
        w.get(0).floatData()[0] += 1;   // a copy: the model does not change
        assertNotEquals(w.get(0).toFloatArray()[0], m.getWeights().get(0).toFloatArray()[0]);
        List<Tensor> zeros = w.stream().map(Tensor::zerosLike).toList();
        List<Tensor> before = m.getWeights();
        List<Tensor> bad = List.of(zeros.get(0), zeros.get(1), zeros.get(2), Tensor.zeros(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.setWeights(bad));
        assertTrue(e.getMessage().contains("array 3") && e.getMessage().contains("(3,)"), e.getMessage());
        assertSameWeights(before, m.getWeights());
        assertThrows(IllegalArgumentException.class, () -> m.setWeights(zeros.subList(0, 2)));
        m.setWeights(zeros);
        assertSameWeights(zeros, m.getWeights());
    }

    @Test
    void predictIsBatchedWithoutAGraphAndMatchesCall() {
        Sequential m = Fixtures.blobsModel(7);
        Tensor p = m.predict(Fixtures.testX(), 7);
        assertFalse(p.requiresGrad());
        Tensor whole = m.call(Fixtures.testX().astype(dev.kiln.tensor.DType.FLOAT32), false);
        assertArrayEquals(whole.toFloatArray(), p.toFloatArray());
    }

    @Test
    void trainOnBatchStepsOnceAndReportsThatBatch() {
        Sequential m = Fixtures.blobsModel(9);
        Tensor x = Fixtures.trainX().slice(0, 32), y = Fixtures.trainY().slice(0, 32);
        Evaluation before = m.testOnBatch(x, y);
        Evaluation e = m.trainOnBatch(x, y);
        assertEquals(1, m.optimizer().iterations());
        assertEquals(before.loss(), e.loss(), 1e-6, "the reported loss is the one before the step");
        assertTrue(m.testOnBatch(x, y).loss() < e.loss(), "one SGD step lowers the batch loss");
        assertEquals(List.of("loss", "accuracy"), List.copyOf(e.names()));
    }

    @Test
    void modelWithoutDeclaredInputBuildsFromData() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(4).activation("relu"));
        m.add(new Dense(1));
        m.compile("sgd", "mse");
        assertFalse(m.built());
        assertThrows(IllegalStateException.class, m::build);
        m.fit(Tensor.ones(8, 5), Tensor.zeros(8, 1), Fit.epochs(1).verbose(0));
        assertTrue(m.built());
        assertEquals(Shape.of(-1, 5), m.inputShape());
        assertEquals(4 * 5 + 4 + 4 + 1, m.countParams());
    }

    @Test
    void summaryIsKerasTable() {
        Sequential m = new Sequential().name("tiny");
        m.add(new Dense(50).inputDim(2).name("hidden"));
        m.add(new Dense(3).name("out"));
        String expected = String.join("\n",
                "Model: \"tiny\"",
                "_________________________________________________________________",
                "Layer (type)                 Output Shape              Param #",
                "=================================================================",
                "hidden (Dense)               (None, 50)                150",
                "_________________________________________________________________",
                "out (Dense)                  (None, 3)                 153",
                "=================================================================",
                "Total params: 303",
                "Trainable params: 303",
                "Non-trainable params: 0",
                "_________________________________________________________________", "");
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            assertEquals(expected, m.summary());
        } finally {
            System.setOut(old);
        }
        Sequential withInput = new Sequential().name("tiny");
        withInput.add(new dev.kiln.nn.InputLayer(2));
        withInput.add(new Dense(50).name("hidden"));
        withInput.add(new Dense(3).name("out"));
        assertEquals(expected, Summary.of(withInput), "no row for the input layer, as Keras");
        m.layers().get(1).trainable(false);
        assertTrue(Summary.of(m).contains("Trainable params: 150\nNon-trainable params: 153"), Summary.of(m));
    }

    @Test
    void compileRejectsUnknownNamesWithSuggestions() {
        Sequential m = new Sequential();
        m.add(new Dense(1).inputDim(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.compile(new SGD(0.1), "mse", "acuracy"));
        assertTrue(e.getMessage().contains("acuracy") && e.getMessage().contains("accuracy"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.compile(new SGD(0.1), "mean_squared_eror"));
        assertThrows(IllegalArgumentException.class, () -> m.compile(new SGD(0.1), "mse", 42));
        assertFalse(m.isCompiled());
    }
}
