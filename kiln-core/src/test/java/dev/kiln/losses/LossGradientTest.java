package dev.kiln.losses;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.GradCheck;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry of losses × every option that changes the formula, each gradient-checked in float64
 * against central differences (unreduced values, so every sample's gradient is checked); plus the
 * reduction of {@link Loss#apply} with weights and masks. A loss class missing from the registry fails
 * {@link #everyLossIsInTheRegistry}.
 */
class LossGradientTest {
    /** One registry entry: a configured loss, and how to make labels and predictions. */
    record Case(String name, Supplier<Loss> loss, Supplier<Tensor> yTrue, Supplier<Tensor> yPred, boolean labelGradient) {
        @Override
        public String toString() { return name; }
    }

    private static Tensor uniform(long seed, double lo, double hi, int... shape) { return GradCheck.uniform64(seed, lo, hi, shape); }

    /** 0/1 labels (float64). */
    private static Tensor binary(long seed, int... shape) { return uniform(seed, 0, 1, shape).round(); }

    private static Tensor signs(long seed, int... shape) { return binary(seed, shape).mul(2.0).sub(1.0); }

    /** One-hot rows of width k (float64). */
    private static Tensor oneHot(long seed, int n, int k) { return Tensor.oneHot(classIds(seed, k, n), k).astype(DType.FLOAT64); }

    private static Tensor classIds(long seed, int k, int... shape) { return uniform(seed, 0, k, shape).floor().astype(DType.INT32); }

    /** Probability rows summing to 1 along the last axis. */
    private static Tensor simplex(long seed, int n, int k) {
        Tensor u = uniform(seed, 0.1, 1, n, k);
        return u.div(u.sum(-1, true));
    }

    private static Case c(String name, Supplier<Loss> loss, Supplier<Tensor> t, Supplier<Tensor> p) { return new Case(name, loss, t, p, false); }

    private static Case both(String name, Supplier<Loss> loss, Supplier<Tensor> t, Supplier<Tensor> p) { return new Case(name, loss, t, p, true); }

    static List<Case> registry() {
        List<Case> r = new ArrayList<>();
        r.add(both("mse", MeanSquaredError::new, () -> uniform(1, -2, 2, 4, 3), () -> uniform(2, -2, 2, 4, 3)));
        r.add(both("mse (N,1) vs (N,)", MeanSquaredError::new, () -> uniform(1, -2, 2, 4, 1), () -> uniform(2, -2, 2, 4)));
        r.add(both("mae", MeanAbsoluteError::new, () -> uniform(3, -2, 2, 4, 3), () -> uniform(4, -2, 2, 4, 3)));
        r.add(both("mape", MeanAbsolutePercentageError::new, () -> uniform(5, 0.5, 2, 4, 3), () -> uniform(6, -2, 2, 4, 3)));
        r.add(both("mape negative targets", MeanAbsolutePercentageError::new, () -> uniform(5, -2, -0.5, 4, 3), () -> uniform(6, -2, 2, 4, 3)));
        r.add(both("msle", MeanSquaredLogarithmicError::new, () -> uniform(7, 0, 3, 4, 3), () -> uniform(8, 0, 3, 4, 3)));
        r.add(both("cosine axis -1", CosineSimilarity::new, () -> uniform(9, -1, 1, 4, 3), () -> uniform(10, -1, 1, 4, 3)));
        r.add(both("cosine axis 0", () -> new CosineSimilarity().axis(0), () -> uniform(9, -1, 1, 4, 3), () -> uniform(10, -1, 1, 4, 3)));
        r.add(both("huber delta 1", Huber::new, () -> uniform(11, -2, 2, 4, 3), () -> uniform(12, -2, 2, 4, 3)));
        r.add(both("huber delta 0.3", () -> new Huber().delta(0.3), () -> uniform(11, -1, 1, 4, 3), () -> uniform(12, -1, 1, 4, 3)));
        r.add(both("log_cosh", LogCosh::new, () -> uniform(13, -3, 3, 4, 3), () -> uniform(14, -3, 3, 4, 3)));
        r.add(both("kl_divergence", KLDivergence::new, () -> simplex(15, 4, 3), () -> simplex(16, 4, 3)));
        r.add(both("poisson", Poisson::new, () -> uniform(17, 0, 4, 4, 3), () -> uniform(18, 0.1, 4, 4, 3)));
        r.add(c("hinge ±1 labels", Hinge::new, () -> signs(19, 4, 3), () -> uniform(20, -2, 2, 4, 3)));
        r.add(c("hinge 0/1 labels", Hinge::new, () -> binary(19, 4, 3), () -> uniform(20, -2, 2, 4, 3)));
        r.add(c("squared_hinge ±1", SquaredHinge::new, () -> signs(21, 4, 3), () -> uniform(22, -2, 2, 4, 3)));
        r.add(c("squared_hinge 0/1", SquaredHinge::new, () -> binary(21, 4, 3), () -> uniform(22, -2, 2, 4, 3)));
        r.add(c("categorical_hinge", CategoricalHinge::new, () -> oneHot(23, 4, 3), () -> uniform(24, -2, 2, 4, 3)));
        r.add(both("bce probabilities", BinaryCrossentropy::new, () -> uniform(25, 0, 1, 4, 3), () -> uniform(26, 0.05, 0.95, 4, 3)));
        r.add(both("bce logits", () -> new BinaryCrossentropy().fromLogits(true), () -> uniform(25, 0, 1, 4, 3), () -> uniform(26, -4, 4, 4, 3)));
        r.add(both("bce smoothing", () -> new BinaryCrossentropy().labelSmoothing(0.2), () -> binary(27, 4, 3), () -> uniform(28, 0.05, 0.95, 4, 3)));
        r.add(both("bce logits smoothing", () -> new BinaryCrossentropy().fromLogits(true).labelSmoothing(0.2), () -> binary(27, 4, 3), () -> uniform(28, -4, 4, 4, 3)));
        r.add(both("bce axis 0", () -> new BinaryCrossentropy().axis(0), () -> binary(29, 4, 3), () -> uniform(30, 0.05, 0.95, 4, 3)));
        r.add(both("focal probabilities", BinaryFocalCrossentropy::new, () -> binary(31, 4, 3), () -> uniform(32, 0.05, 0.95, 4, 3)));
        r.add(both("focal logits", () -> new BinaryFocalCrossentropy().fromLogits(true), () -> binary(31, 4, 3), () -> uniform(32, -4, 4, 4, 3)));
        r.add(both("focal balancing", () -> new BinaryFocalCrossentropy().applyClassBalancing(true).alpha(0.3), () -> binary(33, 4, 3), () -> uniform(34, 0.05, 0.95, 4, 3)));
        r.add(both("focal gamma 0", () -> new BinaryFocalCrossentropy().gamma(0), () -> binary(35, 4, 3), () -> uniform(36, 0.05, 0.95, 4, 3)));
        r.add(both("focal gamma 1.5 smoothing", () -> new BinaryFocalCrossentropy().gamma(1.5).labelSmoothing(0.1), () -> binary(37, 4, 3), () -> uniform(38, 0.05, 0.95, 4, 3)));
        r.add(both("focal logits balancing smoothing axis 0", () -> new BinaryFocalCrossentropy().fromLogits(true).applyClassBalancing(true)
                .labelSmoothing(0.1).axis(0), () -> binary(39, 4, 3), () -> uniform(40, -4, 4, 4, 3)));
        r.add(both("cce probabilities", CategoricalCrossentropy::new, () -> simplex(41, 4, 3), () -> uniform(42, 0.05, 1, 4, 3)));
        r.add(both("cce logits", () -> new CategoricalCrossentropy().fromLogits(true), () -> simplex(41, 4, 3), () -> uniform(42, -3, 3, 4, 3)));
        r.add(both("cce smoothing", () -> new CategoricalCrossentropy().labelSmoothing(0.1), () -> oneHot(43, 4, 3), () -> uniform(44, 0.05, 1, 4, 3)));
        r.add(both("cce logits smoothing axis 0", () -> new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.1).axis(0),
                () -> oneHot(45, 4, 3), () -> uniform(46, -3, 3, 4, 3)));
        r.add(both("categorical focal", CategoricalFocalCrossentropy::new, () -> oneHot(47, 4, 3), () -> uniform(48, 0.05, 1, 4, 3)));
        r.add(both("categorical focal logits smoothing", () -> new CategoricalFocalCrossentropy().fromLogits(true).labelSmoothing(0.1),
                () -> oneHot(47, 4, 3), () -> uniform(48, -3, 3, 4, 3)));
        r.add(both("categorical focal per-class alpha gamma 0.5", () -> new CategoricalFocalCrossentropy().alpha(0.2, 0.3, 0.5).gamma(0.5),
                () -> simplex(49, 4, 3), () -> uniform(50, 0.05, 1, 4, 3)));
        r.add(both("categorical focal gamma 0 axis 0", () -> new CategoricalFocalCrossentropy().gamma(0).axis(0),
                () -> simplex(49, 4, 3), () -> uniform(50, 0.05, 1, 4, 3)));
        r.add(c("scce probabilities", SparseCategoricalCrossentropy::new, () -> classIds(51, 3, 4), () -> uniform(52, 0.05, 1, 4, 3)));
        r.add(c("scce logits", () -> new SparseCategoricalCrossentropy().fromLogits(true), () -> classIds(51, 3, 4), () -> uniform(52, -3, 3, 4, 3)));
        r.add(c("scce (N,1) labels", () -> new SparseCategoricalCrossentropy().fromLogits(true), () -> classIds(53, 3, 4, 1), () -> uniform(54, -3, 3, 4, 3)));
        r.add(c("scce ignore class", () -> new SparseCategoricalCrossentropy().fromLogits(true).ignoreClass(-1),
                () -> Tensor.of(new int[] {0, -1, 2, 1}), () -> uniform(55, -3, 3, 4, 3)));
        r.add(c("scce axis 1 sequences", () -> new SparseCategoricalCrossentropy().axis(1), () -> classIds(56, 3, 2, 4),
                () -> uniform(57, 0.05, 1, 2, 3, 4)));
        r.add(c("generalized ce q 0.5", CategoricalGeneralizedCrossEntropy::new, () -> classIds(58, 3, 4), () -> simplex(59, 4, 3)));
        r.add(c("generalized ce q 0.2", () -> new CategoricalGeneralizedCrossEntropy().q(0.2), () -> classIds(58, 3, 4), () -> simplex(59, 4, 3)));
        r.add(both("dice all axes", Dice::new, () -> binary(60, 2, 3, 3), () -> uniform(61, 0, 1, 2, 3, 3)));
        r.add(both("dice per sample", () -> new Dice().axis(1, 2), () -> binary(60, 2, 3, 3), () -> uniform(61, 0, 1, 2, 3, 3)));
        r.add(both("tversky", Tversky::new, () -> binary(62, 2, 3, 3), () -> uniform(63, 0, 1, 2, 3, 3)));
        r.add(both("tversky alpha beta per sample", () -> new Tversky().alpha(0.3).beta(0.7).axis(1, 2), () -> binary(62, 2, 3, 3),
                () -> uniform(63, 0, 1, 2, 3, 3)));
        r.add(c("circle", Circle::new, () -> Tensor.of(new int[] {0, 0, 1, 1, 2}), () -> unitRows(64, 5, 3)));
        r.add(c("circle keep diagonal gamma margin", () -> new Circle().removeDiagonal(false).gamma(10).margin(0.25),
                () -> Tensor.of(new int[] {0, 0, 1, 1, 2}), () -> unitRows(65, 5, 3)));
        r.add(c("ctc", CTC::new, () -> Tensor.of(new double[][] {{1, 2, 2, 0}, {3, 1, 0, 0}}), () -> uniform(66, -2, 2, 2, 6, 4)));
        r.add(both("custom lambda", () -> Loss.of((t, p) -> p.sub(t).square().mean(-1)), () -> uniform(67, -1, 1, 4, 3), () -> uniform(68, -1, 1, 4, 3)));
        return r;
    }

    private static Tensor unitRows(long seed, int n, int d) {
        Tensor u = uniform(seed, -1, 1, n, d);
        return u.div(u.square().sum(-1, true).sqrt());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registry")
    void unreducedValuesHaveCorrectGradients(Case c) {
        Tensor t = c.yTrue.get();
        Tensor p = c.yPred.get().detach().requiresGrad(true);
        if (c.labelGradient) t = t.detach().requiresGrad(true);
        Loss loss = c.loss.get().reduction(Reduction.NONE);
        GradCheck.check(c.name, in -> loss.apply(in.get(0), in.get(1)), List.of(t, p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registry")
    void reducedWeightedMaskedValuesHaveCorrectGradients(Case c) {
        Tensor t = c.yTrue.get();
        Tensor p = c.yPred.get().detach().requiresGrad(true);
        Loss loss = c.loss.get();
        // weights and a mask shaped like the unreduced values: per sample, per column (axis 0) or per time step
        int[] shape = loss.reduction(Reduction.NONE).apply(t, p.detach()).shape().toArray();
        Tensor weight = uniform(99, 0.5, 2, shape);
        double[] m = new double[weight.size()];
        for (int i = 0; i < m.length; i++) m[i] = i == 1 ? 0 : 1;
        Tensor mask = Tensor.wrap(m, shape);
        for (Reduction r : Reduction.values()) {
            loss.reduction(r);
            GradCheck.check(c.name + " " + r, in -> loss.apply(t, in.get(0).withMask(mask), weight), List.of(p));
        }
    }

    @Test
    void everyLossIsInTheRegistry() {
        Set<Class<?>> covered = new HashSet<>();
        for (Case c : registry()) covered.add(c.loss.get().getClass());
        for (String name : Losses.names()) {
            if (name.equalsIgnoreCase("crossentropy") || name.equalsIgnoreCase("ce")) continue;
            Class<?> k = Losses.get(name).getClass();
            assertTrue(covered.contains(k), k.getSimpleName() + " has no gradient-check entry");
        }
    }
}
