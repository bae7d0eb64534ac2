package dev.kiln.tensor;

import static dev.kiln.tensor.AffineFunctionsTest.assertClose;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 fast paths of {@link Functions} (equal shapes, a scalar, a repeated bias row, a bias's
 * summed gradient, one-axis reductions, the last-axis softmax family with its one-loop backward) against
 * the same computation in float64, where the general loops run and GradientCheckTest checks them against
 * central differences: values and gradients must agree to float32 precision.
 */
class FunctionsTest {

    private record Case(String name, Function<List<Tensor>, Tensor> f, int[][] shapes) {
        @Override public String toString() { return name; }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("add same shape", in -> in.get(0).add(in.get(1)), new int[][] {{4, 5}, {4, 5}}),
                new Case("add bias row", in -> in.get(0).add(in.get(1)), new int[][] {{6, 5}, {5}}),
                new Case("add row on the left", in -> in.get(1).add(in.get(0)), new int[][] {{6, 5}, {5}}),
                new Case("mul trailing block", in -> in.get(0).mul(in.get(1)), new int[][] {{2, 3, 4}, {3, 4}}),
                new Case("sub scalar tensor", in -> in.get(0).sub(in.get(1)), new int[][] {{3, 4}, {}}),
                new Case("div by scalar tensor on the left", in -> in.get(1).div(in.get(0).square().add(1.0)), new int[][] {{3, 4}, {}}),
                new Case("sum last axis", in -> in.get(0).sum(1), new int[][] {{6, 3}}),
                new Case("sum first axis keepdims", in -> in.get(0).sum(0, true), new int[][] {{6, 3}}),
                new Case("mean middle axis", in -> in.get(0).mean(1), new int[][] {{2, 3, 4}}),
                new Case("mean all", in -> in.get(0).mean(), new int[][] {{5, 7}}),
                new Case("softmax last axis", in -> in.get(0).softmax(-1), new int[][] {{7, 3}}),
                new Case("logSoftmax last axis", in -> in.get(0).logSoftmax(1), new int[][] {{7, 3}}),
                new Case("logSoftmax rank 3", in -> in.get(0).logSoftmax(-1), new int[][] {{2, 3, 4}}),
                new Case("logSumExp last axis", in -> in.get(0).logSumExp(-1), new int[][] {{7, 3}}),
                new Case("logSumExp keepdims", in -> in.get(0).logSumExp(-1, true), new int[][] {{7, 3}}),
                new Case("softmaxCrossEntropyWithLogits", in -> Tensor.softmaxCrossEntropyWithLogits(in.get(1).softmax(1), in.get(0), 1).mean(),
                        new int[][] {{32, 3}, {32, 3}}),
                new Case("cross-entropy composition", in -> in.get(0).logSoftmax(1).mul(in.get(1).softmax(1)).sum(1).neg().mean(),
                        new int[][] {{32, 3}, {32, 3}})
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32AgreesWithFloat64(Case c) {
        Tensor[] in32 = new Tensor[c.shapes.length], in64 = new Tensor[c.shapes.length];
        for (int i = 0; i < in32.length; i++) {
            Tensor base = Tensor.randomNormal(10 + i, 0, 1.5, c.shapes[i]);   // float32 values, exact in float64
            in32[i] = base.detach().requiresGrad(true);
            in64[i] = base.astype(DType.FLOAT64).requiresGrad(true);
        }
        Tensor y32 = c.f.apply(List.of(in32)), y64 = c.f.apply(List.of(in64));
        Tensor w = Tensor.randomUniform(99, -1, 1, y32.shape().toArray());
        y32.mul(w).sum().backward();
        y64.mul(w.astype(DType.FLOAT64)).sum().backward();
        assertClose(c.name + " value", y64, y32, 1e-5);
        for (int i = 0; i < in32.length; i++) assertClose(c.name + " gradient " + i, in64[i].grad(), in32[i].grad(), 1e-5);
    }
}
