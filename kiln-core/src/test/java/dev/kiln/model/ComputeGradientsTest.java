package dev.kiln.model;

import static dev.kiln.model.Fixtures.assertSameWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.losses.Losses;
import dev.kiln.nn.Dense;
import dev.kiln.nn.L2;
import dev.kiln.optim.Adam;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Sequential#computeGradients}: the loss and gradients of one batch, with the weights, the
 * optimizer and the metrics left alone; the same gradients on the dense-stack step as on the graph, and
 * the same as the tensors' own autodiff of the model's output and loss.
 */
class ComputeGradientsTest {
    private static final Tensor X = Fixtures.trainX().slice(0, 32);
    private static final Tensor Y = Fixtures.trainY().slice(0, 32);

    private static Sequential classifier(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(50).inputDim(2).activation("relu"));
        m.add(new Dense(3).activation("softmax"));
        m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        return m;
    }

    private static float[][] grads(Sequential m) {
        List<Tensor> w = m.trainableWeights();
        float[][] g = new float[w.size()][];
        for (int i = 0; i < g.length; i++) {
            assertNotNull(w.get(i).grad(), "gradient of weight " + i);
            g[i] = w.get(i).grad().toFloatArray();
        }
        return g;
    }

    @Test
    void leavesWeightsOptimizerAndMetricsAlone() {
        Sequential m = classifier(1), reference = classifier(1);
        double loss = m.computeGradients(X, Y);
        assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
        assertSameWeights(reference.trainableWeights(), m.trainableWeights());
        assertEquals(0, m.optimizer().iterations(), "no optimizer step");
        // a step taken now is the step the untouched model takes: same loss, same weights after
        Evaluation e = m.trainOnBatch(X, Y), er = reference.trainOnBatch(X, Y);
        assertEquals(er.loss(), e.loss(), 0.0);
        assertEquals(loss, e.loss(), 0.0, "the loss computeGradients gave is the batch's loss before the step");
        assertEquals(er.get("accuracy"), e.get("accuracy"), 0.0);
        assertSameWeights(reference.trainableWeights(), m.trainableWeights());
    }

    @Test
    void denseStepAndGraphGiveTheSameGradients() {
        Sequential fast = classifier(2), graph = classifier(2);
        graph.trainer().useDenseSteps(false);
        double lf = fast.computeGradients(X, Y), lg = graph.computeGradients(X, Y);
        assertEquals(lg, lf, 0.0);
        assertTrue(fast.trainer().denseLossSteps() > 0, "the dense step with its loss ran");
        float[][] gf = grads(fast), gg = grads(graph);
        for (int i = 0; i < gg.length; i++) assertArrayEquals(gg[i], gf[i], "gradient " + i);
    }

    /** Against the tensors' autodiff of the same forward pass and loss, written out by hand. */
    @Test
    void matchesAutodiffOfTheModelAndLoss() {
        Sequential m = classifier(3);
        m.trainer().useDenseSteps(false);
        Sequential byHand = classifier(3);
        double loss = m.computeGradients(X, Y);
        Tensor out = byHand.call(X.astype(dev.kiln.tensor.DType.FLOAT32), true);
        Tensor l = Losses.categoricalCrossentropy(Y.astype(dev.kiln.tensor.DType.FLOAT32), out).mean();
        l.backward();
        assertEquals(l.item(), loss, 1e-6);
        float[][] g = grads(m), h = grads(byHand);
        for (int i = 0; i < g.length; i++) assertArrayEquals(h[i], g[i], 1e-6f, "gradient " + i);
    }

    /** Penalties are part of the loss and of the gradient (the graph path: regularized layers). */
    @Test
    void regularizationPenaltiesAreIncluded() {
        Sequential plain = new Sequential().seed(4), penalized = new Sequential().seed(4);
        plain.add(new Dense(3).inputDim(2).activation("softmax"));
        penalized.add(new Dense(3).inputDim(2).activation("softmax").kernelRegularizer(new L2(0.5)));
        plain.compile(new SGD(0.1), "categorical_crossentropy");
        penalized.compile(new SGD(0.1), "categorical_crossentropy");
        double lp = plain.computeGradients(X, Y), lr = penalized.computeGradients(X, Y);
        Tensor k = penalized.trainableWeights().get(0);
        double penalty = 0.5 * k.square().sum().item();
        assertEquals(lp + penalty, lr, 1e-5);
        float[] gp = plain.trainableWeights().get(0).grad().toFloatArray(), gr = k.grad().toFloatArray(), kv = k.toFloatArray();
        for (int i = 0; i < kv.length; i++) assertEquals(gp[i] + 2 * 0.5 * kv[i], gr[i], 1e-5, "kernel gradient " + i);
    }

    @Test
    void badInputIsRejectedAndChangesNothing() {
        Sequential m = classifier(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.computeGradients(X, Y.slice(0, 31)));
        assertTrue(e.getMessage().contains("computeGradients"), e.getMessage());
        for (Tensor w : m.trainableWeights()) assertNull(w.grad(), "no gradient was set");
        assertThrows(IllegalStateException.class, () -> new Sequential().add(new Dense(2).inputDim(2)).computeGradients(X, Y));
    }
}
