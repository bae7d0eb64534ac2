package dev.kiln.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No NaN or Inf, in values or gradients, from any loss at the edges: logits ±1e4, probabilities exactly
 * 0 and 1, zero targets (MAPE), zero vectors (cosine), all-zero masks (Dice, Tversky), in float32 and float64.
 */
class LossExtremeInputsTest {
    record Case(String name, Supplier<Loss> loss, double[][] yTrue, double[][] yPred) {
        @Override
        public String toString() { return name; }
    }

    private static final double[][] BINARY = {{0, 1, 1, 0}, {1, 0, 1, 0}};
    private static final double[][] PROBS = {{0, 1, 0, 1}, {1, 0, 0, 1}};
    private static final double[][] LOGITS = {{1e4, -1e4, -1e4, 1e4}, {-1e4, 1e4, 1e4, -1e4}};
    private static final double[][] ONE_HOT = {{0, 1, 0, 0}, {1, 0, 0, 0}};
    private static final double[][] ZEROS = {{0, 0, 0, 0}, {0, 0, 0, 0}};
    private static final double[][] ONE_HOT_PROBS = {{1, 0, 0, 0}, {1, 0, 0, 0}};

    static List<Case> cases() {
        List<Case> r = new ArrayList<>();
        r.add(new Case("mse logits scale", MeanSquaredError::new, LOGITS, BINARY));
        r.add(new Case("mae", MeanAbsoluteError::new, LOGITS, BINARY));
        r.add(new Case("mape zero targets", MeanAbsolutePercentageError::new, ZEROS, LOGITS));
        r.add(new Case("mape zero targets and predictions", MeanAbsolutePercentageError::new, ZEROS, ZEROS));
        r.add(new Case("msle", MeanSquaredLogarithmicError::new, LOGITS, LOGITS));
        r.add(new Case("cosine zero vectors", CosineSimilarity::new, ZEROS, ZEROS));
        r.add(new Case("cosine zero target", CosineSimilarity::new, ZEROS, LOGITS));
        r.add(new Case("huber", Huber::new, LOGITS, ZEROS));
        r.add(new Case("log_cosh ±1e4", LogCosh::new, ZEROS, LOGITS));
        r.add(new Case("kld zeros and ones", KLDivergence::new, PROBS, BINARY));
        r.add(new Case("kld zero prediction", KLDivergence::new, BINARY, ZEROS));
        r.add(new Case("poisson zero rate", Poisson::new, BINARY, ZEROS));
        r.add(new Case("hinge", Hinge::new, BINARY, LOGITS));
        r.add(new Case("squared_hinge", SquaredHinge::new, BINARY, LOGITS));
        r.add(new Case("categorical_hinge", CategoricalHinge::new, ONE_HOT, LOGITS));
        r.add(new Case("bce probabilities 0/1", BinaryCrossentropy::new, BINARY, PROBS));
        r.add(new Case("bce logits ±1e4", () -> new BinaryCrossentropy().fromLogits(true), BINARY, LOGITS));
        r.add(new Case("bce logits smoothing", () -> new BinaryCrossentropy().fromLogits(true).labelSmoothing(0.1), BINARY, LOGITS));
        r.add(new Case("focal probabilities 0/1", BinaryFocalCrossentropy::new, BINARY, PROBS));
        r.add(new Case("focal right and certain", BinaryFocalCrossentropy::new, BINARY, BINARY));
        r.add(new Case("focal gamma 0.5 certain", () -> new BinaryFocalCrossentropy().gamma(0.5), BINARY, BINARY));
        r.add(new Case("focal gamma 0 certain", () -> new BinaryFocalCrossentropy().gamma(0), BINARY, BINARY));
        r.add(new Case("focal logits ±1e4", () -> new BinaryFocalCrossentropy().fromLogits(true).applyClassBalancing(true), BINARY, LOGITS));
        r.add(new Case("cce probabilities 0/1", CategoricalCrossentropy::new, ONE_HOT, ONE_HOT_PROBS));
        r.add(new Case("cce zero row", CategoricalCrossentropy::new, ONE_HOT, ZEROS));
        r.add(new Case("cce logits ±1e4", () -> new CategoricalCrossentropy().fromLogits(true), ONE_HOT, LOGITS));
        r.add(new Case("cce logits smoothing", () -> new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.2), ONE_HOT, LOGITS));
        r.add(new Case("categorical focal 0/1", CategoricalFocalCrossentropy::new, ONE_HOT, ONE_HOT_PROBS));
        r.add(new Case("categorical focal logits", () -> new CategoricalFocalCrossentropy().fromLogits(true), ONE_HOT, LOGITS));
        r.add(new Case("scce probabilities 0/1", SparseCategoricalCrossentropy::new, new double[][] {{1}, {2}}, ONE_HOT_PROBS));
        r.add(new Case("scce logits ±1e4", () -> new SparseCategoricalCrossentropy().fromLogits(true), new double[][] {{1}, {0}}, LOGITS));
        r.add(new Case("generalized ce p_t = 0", CategoricalGeneralizedCrossEntropy::new, new double[][] {{1}, {2}}, ONE_HOT_PROBS));
        r.add(new Case("generalized ce p_t = 1", CategoricalGeneralizedCrossEntropy::new, new double[][] {{0}, {0}}, ONE_HOT_PROBS));
        r.add(new Case("dice all zero", Dice::new, ZEROS, ZEROS));
        r.add(new Case("dice per sample all zero", () -> new Dice().axis(1), ZEROS, ZEROS));
        r.add(new Case("tversky all zero", Tversky::new, ZEROS, ZEROS));
        r.add(new Case("tversky 0/1", () -> new Tversky().axis(1), BINARY, PROBS));
        r.add(new Case("circle single class", Circle::new, new double[][] {{3}, {3}}, new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}}));
        r.add(new Case("circle identical embeddings", Circle::new, new double[][] {{0}, {1}}, new double[][] {{1, 0, 0, 0}, {1, 0, 0, 0}}));
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void finiteValuesAndGradients(Case c) {
        for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
            Tensor t = Tensor.of(c.yTrue, dt);
            if (t.shape().dim(1) == 1) t = t.reshape(-1);
            Tensor p = Tensor.of(c.yPred, dt).requiresGrad(true);
            for (Reduction r : List.of(Reduction.NONE, Reduction.SUM_OVER_BATCH_SIZE)) {
                p.zeroGrad();
                Tensor value = c.loss.get().reduction(r).apply(t, p);
                for (double v : value.toDoubleArray()) assertTrue(Double.isFinite(v), c.name + " " + dt + " " + r + ": value " + v);
                value.sum().backward();
                assertNotNull(p.grad(), c.name);
                for (double g : p.grad().toDoubleArray()) assertTrue(Double.isFinite(g), c.name + " " + dt + " " + r + ": gradient " + g);
            }
        }
    }

    @Test
    void ctcWithExtremeLogitsAndImpossibleLabels() {
        Tensor logits = Tensor.of(new double[][][] {{{1e4, -1e4, 0}, {-1e4, 1e4, 0}}, {{0, 0, 0}, {-1e4, -1e4, 1e4}}}).requiresGrad(true);
        // the second row needs 3 frames (1, blank, 1) but has 2: a large finite loss
        Tensor labels = Tensor.of(new double[][] {{1, 0, 0}, {1, 1, 0}});
        Tensor value = new CTC().reduction(Reduction.NONE).apply(labels, logits);
        for (double v : value.toDoubleArray()) assertTrue(Double.isFinite(v), "ctc value " + v);
        value.sum().backward();
        for (double g : logits.grad().toDoubleArray()) assertTrue(Double.isFinite(g), "ctc gradient " + g);
    }

    @Test
    void bceSaturatesAtTheFloat32ClipBounds() {
        // upper clip 1 − 1e-7 rounds to 1 − 2^-23 in float32: −ln(2^-23) = 15.942385; lower clip float32(1e-7): 16.118095
        Tensor v = Losses.binaryCrossentropy(Tensor.of(new double[][] {{0}, {1}}), Tensor.of(new double[][] {{1}, {0}}));
        assertEquals(15.942385, v.getDouble(0), 2e-6);
        assertEquals(16.118095, v.getDouble(1), 2e-6);
        Tensor v64 = Losses.binaryCrossentropy(Tensor.of(new double[][] {{0}}, DType.FLOAT64), Tensor.of(new double[][] {{1}}, DType.FLOAT64));
        assertEquals(-Math.log(1e-7), v64.item(), 1e-9);
    }
}
