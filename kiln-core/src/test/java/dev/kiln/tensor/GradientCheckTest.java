package dev.kiln.tensor;

import static dev.kiln.testing.GradCheck.input;
import static dev.kiln.testing.GradCheck.uniform64;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.testing.GradCheck;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of every differentiable primitive, checked against central differences in float64. */
class GradientCheckTest {

    private record Case(String name, Function<List<Tensor>, Tensor> f, Supplier<List<Tensor>> inputs, double h) {
        @Override public String toString() { return name; }
    }

    private static Case c(String name, Function<List<Tensor>, Tensor> f, Supplier<List<Tensor>> in) {
        return new Case(name, f, in, GradCheck.STEP);
    }

    private static List<Tensor> l(Tensor... t) { return new ArrayList<>(List.of(t)); }

    static List<Case> cases() {
        List<Case> cs = new ArrayList<>();
        // binary, with broadcasting, scalars and size-1 axes
        int[][][] pairs = {{{2, 3}, {3}}, {{2, 1}, {1, 3}}, {{}, {2, 3}}, {{2, 3, 4}, {3, 1}}, {{4}, {4}}};
        for (int[][] p : pairs) {
            String s = java.util.Arrays.toString(p[0]) + java.util.Arrays.toString(p[1]);
            cs.add(c("add" + s, in -> in.get(0).add(in.get(1)), () -> l(input(1, -2, 2, p[0]), input(2, -2, 2, p[1]))));
            cs.add(c("sub" + s, in -> in.get(0).sub(in.get(1)), () -> l(input(3, -2, 2, p[0]), input(4, -2, 2, p[1]))));
            cs.add(c("mul" + s, in -> in.get(0).mul(in.get(1)), () -> l(input(5, -2, 2, p[0]), input(6, -2, 2, p[1]))));
            cs.add(c("div" + s, in -> in.get(0).div(in.get(1)), () -> l(input(7, -2, 2, p[0]), input(8, 0.5, 2, p[1]))));
            cs.add(c("pow" + s, in -> in.get(0).pow(in.get(1)), () -> l(input(9, 0.5, 2, p[0]), input(10, -1.5, 2, p[1]))));
            cs.add(c("maximum" + s, in -> in.get(0).maximum(in.get(1)), () -> l(input(11, -2, 2, p[0]), input(12, -2, 2, p[1]))));
            cs.add(c("minimum" + s, in -> in.get(0).minimum(in.get(1)), () -> l(input(13, -2, 2, p[0]), input(14, -2, 2, p[1]))));
        }
        cs.add(c("pow(scalar exponent)", in -> in.get(0).pow(3.0), () -> l(input(15, -2, 2, 2, 3))));
        cs.add(c("add(double)", in -> in.get(0).add(1.5).mul(2.0).sub(0.5).div(3.0), () -> l(input(16, -2, 2, 3))));
        // unary
        cs.add(c("neg", in -> in.get(0).neg(), () -> l(input(20, -3, 3, 2, 3))));
        cs.add(c("exp", in -> in.get(0).exp(), () -> l(input(21, -3, 3, 2, 3))));
        cs.add(c("log", in -> in.get(0).log(), () -> l(input(22, 0.2, 3, 2, 3))));
        cs.add(c("log1p", in -> in.get(0).log1p(), () -> l(input(23, -0.8, 3, 2, 3))));
        cs.add(c("sqrt", in -> in.get(0).sqrt(), () -> l(input(24, 0.2, 3, 2, 3))));
        cs.add(c("square", in -> in.get(0).square(), () -> l(input(25, -3, 3, 2, 3))));
        cs.add(c("abs", in -> in.get(0).abs(), () -> l(input(26, 0.1, 3, 2, 3).detach().mul(signs(2, 3)).detach().requiresGrad(true))));
        cs.add(c("sigmoid", in -> in.get(0).sigmoid(), () -> l(input(27, -30, 30, 4, 3))));
        cs.add(c("tanh", in -> in.get(0).tanh(), () -> l(input(28, -3, 3, 2, 3))));
        cs.add(c("relu", in -> in.get(0).relu(), () -> l(input(29, 0.1, 3, 2, 3).detach().mul(signs(2, 3)).detach().requiresGrad(true))));
        cs.add(c("softplus", in -> in.get(0).softplus(), () -> l(input(30, -30, 30, 4, 3))));
        cs.add(c("logCosh", in -> in.get(0).logCosh(), () -> l(input(31, -30, 30, 4, 3))));
        cs.add(c("clip", in -> in.get(0).clip(-1.0, 1.0), () -> l(Tensor.of(new double[] {-2, -0.5, 0.3, 0.9, 1.7, -1.3}, DType.FLOAT64).requiresGrad(true))));
        cs.add(c("where", in -> Tensor.where(in.get(0).greater(0.0), in.get(1), in.get(2)),
                () -> l(uniform64(32, -1, 1, 3, 4), input(33, -2, 2, 3, 4), input(34, -2, 2, 4))));
        // matmul
        cs.add(c("matmul 2d", in -> in.get(0).matmul(in.get(1)), () -> l(input(40, -1, 1, 3, 4), input(41, -1, 1, 4, 5))));
        cs.add(c("matmul 1d·2d", in -> in.get(0).matmul(in.get(1)), () -> l(input(42, -1, 1, 4), input(43, -1, 1, 4, 5))));
        cs.add(c("matmul 2d·1d", in -> in.get(0).matmul(in.get(1)), () -> l(input(44, -1, 1, 3, 4), input(45, -1, 1, 4))));
        cs.add(c("matmul batched broadcast", in -> in.get(0).matmul(in.get(1)), () -> l(input(46, -1, 1, 2, 1, 3, 4), input(47, -1, 1, 5, 4, 2))));
        // the fused dense node: every activation, with and without bias, a rank-3 input, an input that needs no gradient
        for (AffineActivation act : AffineActivation.values()) {
            cs.add(c("affine " + act, in -> Tensor.affine(in.get(0), in.get(1), in.get(2), act),
                    () -> l(input(150, -1, 1, 5, 4), input(151, -1, 1, 4, 3), input(152, -1, 1, 3))));
        }
        cs.add(c("affine relu, no bias", in -> Tensor.affine(in.get(0), in.get(1), null, AffineActivation.RELU),
                () -> l(input(153, -1, 1, 6, 2), input(154, -1, 1, 2, 9))));
        cs.add(c("affine tanh, rank 3", in -> Tensor.affine(in.get(0), in.get(1), in.get(2), AffineActivation.TANH),
                () -> l(input(155, -1, 1, 2, 3, 4), input(156, -1, 1, 4, 5), input(157, -1, 1, 5))));
        Tensor constantX = uniform64(158, -1, 1, 7, 3);   // no gradient wanted: the input-gradient product is skipped
        cs.add(c("affine relu, constant input", in -> Tensor.affine(constantX, in.get(0), in.get(1), AffineActivation.RELU),
                () -> l(input(159, -1, 1, 3, 10), input(160, -1, 1, 10))));
        // reductions
        cs.add(c("sum all", in -> in.get(0).sum(), () -> l(input(50, -1, 1, 2, 3, 4))));
        cs.add(c("sum axis", in -> in.get(0).sum(1), () -> l(input(51, -1, 1, 2, 3, 4))));
        cs.add(c("sum axes keepdims", in -> in.get(0).sum(new int[] {0, -1}, true), () -> l(input(52, -1, 1, 2, 3, 4))));
        cs.add(c("mean all", in -> in.get(0).mean(), () -> l(input(53, -1, 1, 2, 3))));
        cs.add(c("mean axis keepdims", in -> in.get(0).mean(-1, true), () -> l(input(54, -1, 1, 2, 3, 4))));
        cs.add(c("mean axes", in -> in.get(0).mean(new int[] {1, 2}, false), () -> l(input(55, -1, 1, 2, 3, 4))));
        cs.add(c("max axis", in -> in.get(0).max(1), () -> l(input(56, -1, 1, 3, 5))));
        cs.add(c("max all", in -> in.get(0).max(), () -> l(input(57, -1, 1, 3, 5))));
        cs.add(c("min axis keepdims", in -> in.get(0).min(0, true), () -> l(input(58, -1, 1, 3, 5))));
        cs.add(c("min axes", in -> in.get(0).min(new int[] {0, 2}, false), () -> l(input(59, -1, 1, 2, 3, 2))));
        // softmax family
        cs.add(c("softmax -1", in -> in.get(0).softmax(-1), () -> l(input(60, -3, 3, 3, 4))));
        cs.add(c("softmax 0", in -> in.get(0).softmax(0), () -> l(input(61, -3, 3, 3, 4, 2))));
        cs.add(c("logSoftmax -1", in -> in.get(0).logSoftmax(-1), () -> l(input(62, -3, 3, 3, 4))));
        cs.add(c("logSoftmax 1", in -> in.get(0).logSoftmax(1), () -> l(input(63, -3, 3, 2, 4, 3))));
        cs.add(c("softmaxCrossEntropyWithLogits", in -> Tensor.softmaxCrossEntropyWithLogits(in.get(0), in.get(1), -1),
                () -> l(input(66, 0, 1, 4, 3), input(67, -3, 3, 4, 3))));
        cs.add(c("softmaxCrossEntropyWithLogits rank 3", in -> Tensor.softmaxCrossEntropyWithLogits(in.get(0), in.get(1), 2),
                () -> l(input(68, 0, 1, 2, 3, 4), input(69, -3, 3, 2, 3, 4))));
        cs.add(c("softmaxCrossEntropyWithLogits axis 0", in -> Tensor.softmaxCrossEntropyWithLogits(in.get(0), in.get(1), 0),
                () -> l(input(88, 0, 1, 3, 4), input(89, -3, 3, 3, 4))));
        cs.add(c("logSumExp", in -> in.get(0).logSumExp(-1), () -> l(input(64, -3, 3, 3, 4))));
        cs.add(c("logSumExp keepdims", in -> in.get(0).logSumExp(0, true), () -> l(input(65, -3, 3, 3, 4))));
        // movement
        cs.add(c("reshape", in -> in.get(0).reshape(3, -1).mul(in.get(0).reshape(3, 4)), () -> l(input(70, -1, 1, 2, 6))));
        cs.add(c("transpose 2d", in -> in.get(0).transpose(), () -> l(input(71, -1, 1, 3, 4))));
        cs.add(c("transpose perm", in -> in.get(0).transpose(2, 0, 1), () -> l(input(72, -1, 1, 2, 3, 4))));
        cs.add(c("broadcastTo", in -> in.get(0).broadcastTo(2, 3, 4), () -> l(input(73, -1, 1, 3, 1))));
        cs.add(c("concat 0", in -> Tensor.concat(List.of(in.get(0), in.get(1), in.get(2)), 0),
                () -> l(input(74, -1, 1, 2, 3), input(75, -1, 1, 1, 3), input(76, -1, 1, 3, 3))));
        cs.add(c("concat 1", in -> Tensor.concat(List.of(in.get(0), in.get(1)), 1), () -> l(input(77, -1, 1, 2, 3), input(78, -1, 1, 2, 2))));
        cs.add(c("stack", in -> Tensor.stack(List.of(in.get(0), in.get(1)), 1), () -> l(input(79, -1, 1, 2, 3), input(80, -1, 1, 2, 3))));
        cs.add(c("squeeze/expandDims", in -> in.get(0).squeeze(1).expandDims(0), () -> l(input(81, -1, 1, 3, 1, 2))));
        cs.add(c("slice", in -> in.get(0).slice(1, 1, 3), () -> l(input(82, -1, 1, 2, 4, 2))));
        cs.add(c("slice rows", in -> in.get(0).slice(1, 3), () -> l(input(83, -1, 1, 4, 2))));
        cs.add(c("gather (repeats)", in -> in.get(0).gather(new int[] {2, 0, 2, 1}), () -> l(input(84, -1, 1, 3, 2))));
        cs.add(c("takeAlongAxis", in -> in.get(0).takeAlongAxis(Tensor.of(new int[] {2, 0, 1}).reshape(3, 1), 1), () -> l(input(85, -1, 1, 3, 4))));
        cs.add(new Case("astype", in -> in.get(0).astype(DType.FLOAT32).mul(2.0).astype(DType.FLOAT64), () -> l(input(86, -1, 1, 3)), 1e-2));
        cs.add(c("withMask", in -> in.get(0).withMask(Tensor.ones(2, 3)).mul(3.0), () -> l(input(87, -1, 1, 2, 3))));
        // images (channels-last); every padding × stride × dilation combination, odd sizes so "same" pads unevenly
        int seed = 100;
        for (String pad : new String[] {"valid", "same"}) {
            for (int[] st : new int[][] {{1, 1}, {2, 1}, {2, 3}}) {
                for (int[] dl : new int[][] {{1, 1}, {2, 1}}) {
                    int s0 = seed++;
                    String n = " " + pad + " strides" + java.util.Arrays.toString(st) + " dilation" + java.util.Arrays.toString(dl);
                    cs.add(c("conv2d" + n, in -> Tensor.conv2d(in.get(0), in.get(1), st, pad, dl),
                            () -> l(input(s0, -1, 1, 2, 7, 6, 3), input(s0 + 50, -1, 1, 3, 2, 3, 2))));
                }
                int s1 = seed++;
                String n = " " + pad + " strides" + java.util.Arrays.toString(st);
                // distinct values (a shuffled ramp) keep every window's maximum away from a tie
                cs.add(c("maxPool2d 3x2" + n, in -> in.get(0).maxPool2d(new int[] {3, 2}, st, pad), () -> l(ramp(s1, 2, 7, 6, 2))));
                cs.add(c("avgPool2d 3x2" + n, in -> in.get(0).avgPool2d(new int[] {3, 2}, st, pad), () -> l(input(s1 + 50, -1, 1, 2, 7, 6, 2))));
            }
        }
        cs.add(c("conv2d with bias, same, strides [2, 1]", in -> Tensor.conv2d(in.get(0), in.get(1), in.get(2), new int[] {2, 1}, "same", new int[] {1, 1}),
                () -> l(input(142, -1, 1, 2, 5, 4, 3), input(143, -1, 1, 2, 3, 3, 2), input(144, -1, 1, 2))));
        cs.add(c("conv2d with bias, valid, dilation [1, 2]", in -> Tensor.conv2d(in.get(0), in.get(1), in.get(2), new int[] {1, 1}, "valid", new int[] {1, 2}),
                () -> l(input(145, -1, 1, 2, 5, 6, 3), input(146, -1, 1, 2, 2, 3, 2), input(147, -1, 1, 2))));
        cs.add(c("conv2d 1x1 batch 1", in -> Tensor.conv2d(in.get(0), in.get(1), "same"),
                () -> l(input(140, -1, 1, 1, 3, 3, 4), input(141, -1, 1, 1, 1, 4, 5))));
        return cs;
    }

    /** ±1 with a fixed pattern, to keep non-smooth ops (abs, relu) away from their kink. */
    private static Tensor signs(int... shape) {
        Tensor t = Tensor.zeros(DType.FLOAT64, shape);
        double[] d = t.doubleData();
        for (int i = 0; i < d.length; i++) d[i] = (i % 3 == 1) ? -1 : 1;
        return t;
    }

    /** A float64 leaf holding a seeded permutation of 0.01·(0 … n−1): distinct values, so max has no ties. */
    private static Tensor ramp(long seed, int... shape) {
        Tensor t = Tensor.zeros(DType.FLOAT64, shape);
        double[] d = t.doubleData();
        for (int i = 0; i < d.length; i++) d[i] = 0.01 * i;
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = d.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double tmp = d[i]; d[i] = d[j]; d[j] = tmp;
        }
        return t.requiresGrad(true);
    }

    static Stream<Arguments> table() { return cases().stream().map(Arguments::of); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void analyticMatchesCentralDifferences(Case c) {
        GradCheck.check(c.name, c.f, c.inputs.get(), c.h, GradCheck.ATOL, GradCheck.RTOL);
    }

    @Test
    void everyDifferentiablePrimitiveIsInTheTable() {
        Set<Op> covered = EnumSet.noneOf(Op.class);
        for (Case c : cases()) collectOps(c.f.apply(c.inputs.get()), covered);
        Set<Op> missing = EnumSet.noneOf(Op.class);
        for (Op op : Op.values()) if (op.differentiable() && !covered.contains(op)) missing.add(op);
        assertTrue(missing.isEmpty(), "primitives without a gradient check: " + missing);
    }

    private static void collectOps(Tensor root, Set<Op> ops) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            Tensor t = stack.remove(stack.size() - 1);
            if (!seen.add(t) || t.parents == null) continue;
            ops.add(t.op);
            for (Tensor p : t.parents) if (p != null) stack.add(p);
        }
    }
}
