package dev.kiln.model;

import static dev.kiln.model.Fixtures.assertSameWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.losses.CategoricalCrossentropy;
import dev.kiln.losses.Loss;
import dev.kiln.losses.SparseCategoricalCrossentropy;
import dev.kiln.nn.Dense;
import dev.kiln.nn.Dropout;
import dev.kiln.nn.L2;
import dev.kiln.optim.Adam;
import dev.kiln.optim.RMSprop;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The dense-stack step ({@link DenseStep}) against the autodiff graph: two models built from one seed,
 * one trained each way, must end with bit-identical weights, gradients and histories.
 */
class DenseStepTest {
    private static final Tensor X = Fixtures.trainX();
    private static final Tensor Y = Fixtures.trainY();
    /** Class 0 against the rest, as a (500, 1) float column. */
    private static final Tensor Y_BINARY = Y.matmul(Tensor.of(new double[][] {{1}, {0}, {0}}));

    private static Sequential relu50Softmax(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(50).inputDim(2).activation("relu").kernelInitializer("he_uniform"));
        m.add(new Dense(3).activation("softmax"));
        m.compile(new SGD(0.01).momentum(0.9), "categorical_crossentropy", "accuracy");
        return m;
    }

    /** The classes of {@link #Y} as ids: int32 of shape (500). */
    private static final Tensor Y_IDS = Y.argmax(-1);

    private static Sequential relu50SoftmaxSparse(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(50).inputDim(2).activation("relu").kernelInitializer("he_uniform"));
        m.add(new Dense(3).activation("softmax"));
        m.compile(new SGD(0.01).momentum(0.9), "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    private static Sequential relu50LogitsSparse(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(50).inputDim(2).activation("relu"));
        m.add(new Dense(3));
        m.compile(new Adam(0.01), new SparseCategoricalCrossentropy().fromLogits(true), "accuracy");
        return m;
    }

    private static Sequential relu50SoftmaxSparseIgnoring(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(50).inputDim(2).activation("relu"));
        m.add(new Dense(3).activation("softmax"));
        m.compile(new SGD(0.05), new SparseCategoricalCrossentropy().ignoreClass(2), "accuracy");
        return m;
    }

    /** The study's regression network shape on the blobs: 2 → 25 relu → units linear, mean squared error. */
    private static Function<Long, Sequential> linearMse(int units, String optimizer) {
        return seed -> {
            Sequential m = new Sequential().seed(seed);
            m.add(new Dense(25).inputDim(2).activation("relu").kernelInitializer("he_uniform"));
            m.add(new Dense(units));
            m.compile(optimizer.equals("adam") ? new Adam(0.01) : new SGD(0.01).momentum(0.9), "mse", "mae");
            return m;
        };
    }

    private static Sequential tanhThreeLayersSigmoid(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(16).inputDim(2).activation("tanh"));
        m.add(new Dense(8));
        m.add(new Dense(1).activation("sigmoid"));
        m.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
        return m;
    }

    private static Sequential noBiasReluOutput(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(10).inputDim(2).useBias(false));
        m.add(new Dense(3).activation("relu"));
        m.compile(new RMSprop(0.005), "mse", "mae");
        return m;
    }

    private static Sequential tanhOutputCustomLoss(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(3).inputDim(2).activation("tanh"));
        m.compile(new SGD(0.05).nesterov(true).momentum(0.5), Loss.of("cube", (t, p) -> t.sub(p).abs().pow(3).mean(-1)));
        return m;
    }

    /** Dense 50 relu, then three logits and a cross-entropy from logits. */
    private static Sequential relu50Logits(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(50).inputDim(2).activation("relu"));
        m.add(new Dense(3));
        m.compile(new Adam(0.01), new CategoricalCrossentropy().fromLogits(true), "accuracy");
        return m;
    }

    /** The softmax model with label smoothing: the dense step, the loss on the graph. */
    private static Sequential relu50SoftmaxSmoothed(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(50).inputDim(2).activation("relu"));
        m.add(new Dense(3).activation("softmax"));
        m.compile(new SGD(0.05), new CategoricalCrossentropy().labelSmoothing(0.1), "accuracy");
        return m;
    }

    private static void trainsLikeTheGraph(Function<Long, Sequential> make, Tensor y, int batchSize) {
        trainsLikeTheGraph(make, X, y, batchSize);
    }

    /** As {@link #trainsLikeTheGraph}, and whether the loss ran in the dense step too ({@code lossFused}). */
    private static void trainsLikeTheGraph(Function<Long, Sequential> make, Tensor x, Tensor y, int batchSize, boolean lossFused) {
        Sequential probe = make.apply(3L);
        trainsLikeTheGraph(make, x, y, batchSize);
        probe.fit(x, y, Fit.epochs(1).batchSize(batchSize).verbose(0));
        long steps = (500 + batchSize - 1) / batchSize;
        assertEquals(steps, probe.trainer().denseSteps(), "dense steps");
        assertEquals(lossFused ? steps : 0, probe.trainer().denseLossSteps(), "steps whose loss ran outside the graph");
    }

    private static void trainsLikeTheGraph(Function<Long, Sequential> make, Tensor x, Tensor y, int batchSize) {
        Sequential fast = make.apply(3L), graph = make.apply(3L);
        graph.trainer().useDenseSteps(false);
        Fit fit = Fit.epochs(3).batchSize(batchSize).verbose(0);
        History hf = fast.fit(x, y, fit), hg = graph.fit(x, y, fit);
        int steps = 3 * ((500 + batchSize - 1) / batchSize);
        assertEquals(steps, fast.trainer().denseSteps(), "every step ran as a dense step");
        assertFalse(graph.trainer().hasDenseStep(), "the reference ran on the graph");
        assertSameWeights(graph.trainableWeights(), fast.trainableWeights());
        for (String key : hg.keys()) assertArrayEquals(hg.get(key), hf.get(key), key);
        // the gradients of the last step too (the partial last batch of 500 % batchSize rows)
        List<Tensor> gf = fast.trainableWeights(), gg = graph.trainableWeights();
        for (int i = 0; i < gg.size(); i++) {
            assertNotNull(gf.get(i).grad(), "gradient " + i);
            assertArrayEquals(gg.get(i).grad().toFloatArray(), gf.get(i).grad().toFloatArray(), "gradient " + i);
        }
    }

    @Test
    void reluSoftmaxCrossentropyWithMomentum() { trainsLikeTheGraph(DenseStepTest::relu50Softmax, X, Y, 32, true); }

    @Test
    void float32DataAsWellAsFloat64() { trainsLikeTheGraph(DenseStepTest::relu50Softmax, X.astype(DType.FLOAT32), Y.astype(DType.FLOAT32), 32, true); }

    /** A batch of seven rows: the mean's gradient 1/7 is rounded, and must be rounded as the graph does. */
    @Test
    void softmaxCrossentropyAtAnOddBatchSize() { trainsLikeTheGraph(DenseStepTest::relu50Softmax, X, Y, 7, true); }

    @Test
    void crossentropyFromLogitsOfALinearOutput() { trainsLikeTheGraph(DenseStepTest::relu50Logits, X, Y, 32, true); }

    @Test
    void sparseCrossentropyOnClassIds() { trainsLikeTheGraph(DenseStepTest::relu50SoftmaxSparse, X, Y_IDS, 32, true); }

    @Test
    void sparseCrossentropyOnFloatIdsInAColumnAtAnOddBatchSize() {
        trainsLikeTheGraph(DenseStepTest::relu50SoftmaxSparse, X.astype(DType.FLOAT32), Y_IDS.astype(DType.FLOAT32).reshape(500, 1), 7, true);
    }

    @Test
    void sparseCrossentropyFromLogitsOfALinearOutput() { trainsLikeTheGraph(DenseStepTest::relu50LogitsSparse, X, Y_IDS, 32, true); }

    @Test
    void anIgnoredClassKeepsTheSparseLossOnTheGraph() { trainsLikeTheGraph(DenseStepTest::relu50SoftmaxSparseIgnoring, X, Y_IDS, 32, false); }

    /** A label out of range gets the graph's error, before any step, not a fused step that reads a wrong row. */
    @Test
    void aClassIdOutOfRangeGetsTheGraphsError() {
        double[] ids = Y_IDS.toDoubleArray();
        ids[40] = 3;
        Tensor bad = Tensor.of(ids).astype(DType.INT32);
        Sequential fast = relu50SoftmaxSparse(3L), graph = relu50SoftmaxSparse(3L);
        graph.trainer().useDenseSteps(false);
        IllegalArgumentException ef = assertThrows(IllegalArgumentException.class,
                () -> fast.fit(X, bad, Fit.epochs(1).batchSize(32).verbose(0)));
        IllegalArgumentException eg = assertThrows(IllegalArgumentException.class,
                () -> graph.fit(X, bad, Fit.epochs(1).batchSize(32).verbose(0)));
        assertEquals(eg.getMessage(), ef.getMessage());
        assertTrue(ef.getMessage().contains("3"), ef.getMessage());
        assertEquals(0, fast.trainer().denseSteps(), "no step ran");
        assertSameWeights(graph.getWeights(), fast.getWeights());
        assertSameWeights(relu50SoftmaxSparse(3L).getWeights(), fast.getWeights());
    }

    @Test
    void meanSquaredErrorOfOneOutput() { trainsLikeTheGraph(linearMse(1, "sgd"), X, Y_BINARY, 32, true); }

    @Test
    void meanSquaredErrorOnTargetsOfOneAxisAtAnOddBatchSize() {
        trainsLikeTheGraph(linearMse(1, "adam"), X.astype(DType.FLOAT32), Y_IDS.astype(DType.FLOAT32), 7, true);
    }

    @Test
    void meanSquaredErrorOfThreeOutputs() { trainsLikeTheGraph(linearMse(3, "adam"), X, Y, 32, true); }

    @Test
    void meanSquaredErrorOfAReluOutputStaysOnTheGraph() {
        trainsLikeTheGraph(DenseStepTest::noBiasReluOutput, X, Y, 64, false);
    }

    @Test
    void labelSmoothingKeepsTheLossOnTheGraph() { trainsLikeTheGraph(DenseStepTest::relu50SoftmaxSmoothed, X, Y, 32, false); }

    @Test
    void tanhLinearSigmoidBinaryCrossentropyWithAdam() { trainsLikeTheGraph(DenseStepTest::tanhThreeLayersSigmoid, X, Y_BINARY, 48, false); }

    @Test
    void noBiasAndAReluOutputWithRmsprop() { trainsLikeTheGraph(DenseStepTest::noBiasReluOutput, Y, 64); }

    @Test
    void oneLayerWithACustomLossDifferentiatedOnTheGraph() { trainsLikeTheGraph(DenseStepTest::tanhOutputCustomLoss, Y, 500); }

    @Test
    void sampleWeightsReachTheLossAsOnTheGraph() {
        double[] ws = new double[500];
        for (int i = 0; i < ws.length; i++) ws[i] = 0.5 + i % 3;
        Tensor w = Tensor.of(ws);
        Sequential fast = relu50Softmax(5), graph = relu50Softmax(5);
        graph.trainer().useDenseSteps(false);
        for (int start = 0; start < 500; start += 100) {
            Evaluation ef = fast.trainOnBatch(X.slice(start, start + 100), Y.slice(start, start + 100), w.slice(start, start + 100));
            Evaluation eg = graph.trainOnBatch(X.slice(start, start + 100), Y.slice(start, start + 100), w.slice(start, start + 100));
            assertEquals(eg.loss(), ef.loss(), 0.0, "loss of batch " + start / 100);
        }
        assertEquals(5, fast.trainer().denseSteps(), "every batch ran as a dense step");
        assertEquals(0, fast.trainer().denseLossSteps(), "weighted losses stay on the graph");
        assertSameWeights(graph.trainableWeights(), fast.trainableWeights());
    }

    /** Layers or settings the step does not cover train on the graph, and still train. */
    @Test
    void otherModelsTakeTheGraph() {
        List<Sequential> models = List.of(
                withLayers(new Dense(8).inputDim(2).activation("relu"), new Dropout(0.2), new Dense(3).activation("softmax")),
                withLayers(new Dense(8).inputDim(2).activation("elu"), new Dense(3).activation("softmax")),
                withLayers(new Dense(8).inputDim(2).activation("relu").kernelRegularizer(new L2(0.01)), new Dense(3).activation("softmax")),
                withLayers(new Dense(8).inputDim(2).activation("relu").dtype(DType.FLOAT64), new Dense(3).activation("softmax").dtype(DType.FLOAT64)),
                withLayers(new Dense(8).inputDim(2).activation("relu").trainable(false), new Dense(3).activation("softmax")));
        for (int i = 0; i < models.size(); i++) {
            Sequential m = models.get(i);
            double before = m.evaluate(X, Y).loss();
            m.fit(X, Y, Fit.epochs(2).verbose(0));
            assertFalse(m.trainer().hasDenseStep(), "model " + i + " takes the graph");
            assertTrue(m.evaluate(X, Y).loss() < before, "model " + i + " learned");
        }
    }

    /** An activation changed between calls is noticed before the next step, which then takes the graph. */
    @Test
    void aChangedActivationIsNoticed() {
        Sequential fast = relu50Softmax(9), graph = relu50Softmax(9);
        graph.trainer().useDenseSteps(false);
        fast.fit(X, Y, Fit.epochs(1).verbose(0));
        graph.fit(X, Y, Fit.epochs(1).verbose(0));
        ((Dense) fast.layers().get(0)).activation("elu");
        ((Dense) graph.layers().get(0)).activation("elu");
        fast.trainOnBatch(X.slice(0, 32), Y.slice(0, 32));
        graph.trainOnBatch(X.slice(0, 32), Y.slice(0, 32));
        assertFalse(fast.trainer().hasDenseStep(), "elu is not a dense-step activation");
        assertSameWeights(graph.trainableWeights(), fast.trainableWeights());
    }

    private static Sequential withLayers(dev.kiln.nn.Layer... layers) {
        Sequential m = new Sequential().seed(4);
        for (dev.kiln.nn.Layer l : layers) m.add(l);
        m.compile(new SGD(0.05), "categorical_crossentropy");
        return m;
    }
}
