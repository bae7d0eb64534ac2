package dev.kiln.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Tensor#affine} against the composition it replaces ({@code x.matmul(kernel).add(bias)} then the
 * activation): values and gradients of every input, in float32 (the model's dtype, where the fused node
 * runs the float kernels) and float64. The float64 central-difference check is in GradientCheckTest.
 */
class AffineFunctionsTest {

    private record Case(String name, DType dtype, AffineActivation activation, int[] xShape, int units, boolean bias) {
        @Override public String toString() { return name; }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int[][] shapes = {{32, 2}, {32, 50}, {5, 3}, {1, 7}, {2, 3, 4}};
        int[] units = {50, 3, 9, 1, 6};
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (AffineActivation act : AffineActivation.values()) {
                for (int s = 0; s < shapes.length; s++) {
                    boolean bias = s != 3;
                    String name = dt + " " + act + " x" + java.util.Arrays.toString(shapes[s]) + "·(" + units[s] + ")" + (bias ? "" : " no bias");
                    out.add(Arguments.of(new Case(name, dt, act, shapes[s], units[s], bias)));
                }
            }
        }
        return out.stream();
    }

    private static UnaryOperator<Tensor> composed(AffineActivation act) {
        switch (act) {
            case RELU: return Tensor::relu;
            case TANH: return Tensor::tanh;
            case SIGMOID: return z -> z.sigmoid();
            case SOFTMAX: return z -> z.softmax(-1);
            default: return z -> z;
        }
    }

    private static Tensor leaf(long seed, DType dt, int... shape) {
        return Tensor.randomNormal(seed, 0, 1, shape).astype(dt).requiresGrad(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheComposedOpsInValueAndGradient(Case c) {
        int in = c.xShape[c.xShape.length - 1];
        Tensor x = leaf(1, c.dtype, c.xShape), w = leaf(2, c.dtype, in, c.units);
        Tensor b = c.bias ? leaf(3, c.dtype, c.units) : null;
        // a weighting that makes every output element matter differently in the scalar loss
        int[] outShape = x.shape().with(-1, c.units).toArray();
        Tensor weights = Tensor.randomUniform(4, -1, 1, outShape).astype(c.dtype);

        Tensor fused = Tensor.affine(x, w, b, c.activation);
        fused.mul(weights).sum().backward();
        Tensor fx = x.grad(), fw = w.grad(), fb = c.bias ? b.grad() : null;
        x.zeroGrad();
        w.zeroGrad();
        if (b != null) b.zeroGrad();

        Tensor z = x.matmul(w);
        if (b != null) z = z.add(b);
        Tensor reference = composed(c.activation).apply(z);
        reference.mul(weights).sum().backward();

        double tol = c.dtype == DType.FLOAT32 ? 2e-6 : 1e-13;
        assertClose(c.name + " value", reference, fused, tol);
        assertClose(c.name + " d/dx", x.grad(), fx, tol);
        assertClose(c.name + " d/dkernel", w.grad(), fw, tol);
        if (b != null) assertClose(c.name + " d/dbias", b.grad(), fb, tol);
        assertEquals(c.dtype, fused.dtype());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sigmoidAndSoftmaxCarryTheirLogits(Case c) {
        int in = c.xShape[c.xShape.length - 1];
        Tensor x = leaf(5, c.dtype, c.xShape), w = leaf(6, c.dtype, in, c.units);
        Tensor b = c.bias ? leaf(7, c.dtype, c.units) : null;
        Tensor y = Tensor.affine(x, w, b, c.activation);
        boolean squashes = c.activation == AffineActivation.SIGMOID || c.activation == AffineActivation.SOFTMAX;
        if (!squashes) {
            assertNull(y.logits(), c.name);
            return;
        }
        assertNotNull(y.logits(), c.name + ": logits must be attached for the cross-entropies");
        Tensor z = x.matmul(w);
        if (b != null) z = z.add(b);
        assertClose(c.name + " logits", z, y.logits(), c.dtype == DType.FLOAT32 ? 2e-6 : 1e-13);
        assertTrue(y.logits().requiresGrad(), "the logits stay in the graph");
    }

    @Test
    void noGraphUnderGradModeOff() {
        Tensor x = Tensor.randomNormal(1, 0, 1, 4, 3), w = Tensor.randomNormal(2, 0, 1, 3, 2).requiresGrad(true);
        try (GradMode g = GradMode.off()) {
            Tensor y = Tensor.affine(x, w, null, AffineActivation.RELU);
            assertTrue(y.isLeaf());
        }
        Tensor y = Tensor.affine(x, w, null, AffineActivation.RELU);
        assertSame(Op.AFFINE, y.gradFn());
    }

    @Test
    void mixedDtypesPromoteAsTheSeparateOps() {
        Tensor x = Tensor.randomNormal(1, 0, 1, 4, 3).astype(DType.FLOAT64), w = Tensor.randomNormal(2, 0, 1, 3, 2);
        Tensor y = Tensor.affine(x, w, Tensor.zeros(2), AffineActivation.LINEAR);
        assertEquals(DType.FLOAT64, y.dtype());
        assertClose("mixed", x.matmul(w), y, 1e-12);
    }

    static Stream<Arguments> badInputs() {
        Tensor x = Tensor.zeros(32, 2), w = Tensor.zeros(2, 50);
        return Stream.of(
                Arguments.of((Runnable) () -> Tensor.affine(Tensor.zeros(32, 20), w, null, AffineActivation.RELU),
                        "affine: x of shape (32, 20) and kernel of shape (2, 50) cannot be multiplied: 20 != 2"),
                Arguments.of((Runnable) () -> Tensor.affine(x, w, Tensor.zeros(3), AffineActivation.RELU),
                        "affine: bias must have shape (50,) to match kernel (2, 50), got (3,)"),
                Arguments.of((Runnable) () -> Tensor.affine(Tensor.zeros(2), w, null, AffineActivation.LINEAR),
                        "affine: x must have rank >= 2 (batch, ..., inputs), got shape (2,)"),
                Arguments.of((Runnable) () -> Tensor.affine(x, Tensor.zeros(2), null, AffineActivation.LINEAR),
                        "affine: kernel must have rank 2 (inputs, units), got shape (2,)"),
                Arguments.of((Runnable) () -> Tensor.affine(x, w, null, null),
                        "affine: activation must not be null (use AffineActivation.LINEAR)"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputsAreRejectedWithAClearMessage(Runnable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expected, e.getMessage());
    }

    /** |a − b| ≤ tol·(1 + |a|) element-wise, shapes equal. */
    static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            double bound = tol * (1 + Math.abs(e[i]));
            if (!(Math.abs(e[i] - a[i]) <= bound)) {
                throw new AssertionError(what + ": element " + i + " expected " + e[i] + " got " + a[i] + " (tolerance " + bound + ")");
            }
        }
    }
}
