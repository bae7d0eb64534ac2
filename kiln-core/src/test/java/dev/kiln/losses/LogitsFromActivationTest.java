package dev.kiln.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cross-entropies compute from the logits of a sigmoid/softmax output that carries them
 * (Tensor.withLogits, set by Kiln's activations), as Keras on TensorFlow does.
 */
class LogitsFromActivationTest {

    private static Tensor sigmoidOutput(Tensor x) { return x.sigmoid().withLogits(x); }

    private static Tensor softmaxOutput(Tensor x) { return x.softmax(-1).withLogits(x); }

    @Test
    void sameValuesAsTheProbabilityFormulaWhereNothingSaturates() {
        Tensor x = Tensor.of(new double[][] {{0.3}, {-1.2}, {2.0}, {0.0}});
        Tensor t = Tensor.of(new double[][] {{1}, {0}, {1}, {0}});
        assertEquals(new BinaryCrossentropy().apply(t, x.sigmoid()).item(),
                new BinaryCrossentropy().apply(t, sigmoidOutput(x)).item(), 1e-6);
        Tensor z = Tensor.of(new double[][] {{1, 2, 0.5}, {-1, 0, 3}});
        Tensor oneHot = Tensor.of(new double[][] {{0, 1, 0}, {1, 0, 0}});
        assertEquals(new CategoricalCrossentropy().apply(oneHot, z.softmax(-1)).item(),
                new CategoricalCrossentropy().apply(oneHot, softmaxOutput(z)).item(), 1e-6);
        Tensor ids = Tensor.of(new int[] {1, 0});
        assertEquals(new SparseCategoricalCrossentropy().apply(ids, z.softmax(-1)).item(),
                new SparseCategoricalCrossentropy().apply(ids, softmaxOutput(z)).item(), 1e-6);
    }

    @Test
    void saturatedOutputsAreNotClipped() {
        // sigmoid(30) is 1 in float32: the probability formula clips to 1 - 1e-7 and gives 15.942385,
        // the logits give the exact 30
        Tensor x = Tensor.of(new double[][] {{30}});
        Tensor t = Tensor.of(new double[][] {{0}});
        assertEquals(15.942385, new BinaryCrossentropy().apply(t, x.sigmoid()).item(), 1e-5);
        assertEquals(30.0, new BinaryCrossentropy().apply(t, sigmoidOutput(x)).item(), 1e-5);
        Tensor z = Tensor.of(new double[][] {{40, 0, 0}});
        Tensor ids = Tensor.of(new int[] {1});
        assertEquals(40.0, new SparseCategoricalCrossentropy().apply(ids, softmaxOutput(z)).item(), 1e-4);
        assertEquals(40.0, new CategoricalCrossentropy().apply(Tensor.of(new double[][] {{0, 1, 0}}), softmaxOutput(z)).item(), 1e-4);
    }

    @Test
    void fromLogitsTrueIgnoresTheAttachment() {
        Tensor x = Tensor.of(new double[][] {{0.3}, {-1.2}});
        Tensor t = Tensor.of(new double[][] {{1}, {0}});
        // with fromLogits the prediction itself is read as logits, attachment or not
        assertEquals(new BinaryCrossentropy().fromLogits(true).apply(t, x).item(),
                new BinaryCrossentropy().fromLogits(true).apply(t, x.withLogits(x.mul(5))).item(), 0);
    }

    @Test
    void gradientsFlowToTheLogits() {
        Tensor t = Tensor.of(new double[][] {{1}, {0}, {1}}, DType.FLOAT64);
        GradCheck.check("bce via logits", in -> new BinaryCrossentropy().reduction(Reduction.NONE).apply(t, sigmoidOutput(in.get(0))),
                List.of(GradCheck.input(1, -4, 4, 3, 1)));
        Tensor oneHot = Tensor.of(new double[][] {{0, 1, 0}, {1, 0, 0}}, DType.FLOAT64);
        GradCheck.check("cce via logits", in -> new CategoricalCrossentropy().reduction(Reduction.NONE).apply(oneHot, softmaxOutput(in.get(0))),
                List.of(GradCheck.input(2, -4, 4, 2, 3)));
        Tensor ids = Tensor.of(new int[] {2, 0});
        GradCheck.check("scce via logits", in -> new SparseCategoricalCrossentropy().reduction(Reduction.NONE).apply(ids, softmaxOutput(in.get(0))),
                List.of(GradCheck.input(3, -4, 4, 2, 3)));
    }
}
