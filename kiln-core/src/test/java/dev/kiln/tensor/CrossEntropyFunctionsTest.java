package dev.kiln.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Tensor#softmaxCrossEntropyWithLogits} in float32 does the composed ops' arithmetic step for
 * step, so values and both gradients must equal {@code labels.mul(logits.logSoftmax(-1)).sum(-1).neg()}
 * bit for bit; float64 gradients are checked against central differences in GradientCheckTest.
 */
class CrossEntropyFunctionsTest {

    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of((Object) new int[] {32, 3}), Arguments.of((Object) new int[] {5, 10}),
                Arguments.of((Object) new int[] {2, 3, 4}), Arguments.of((Object) new int[] {1, 1}));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void float32EqualsTheComposedOpsBitForBit(int[] shape) {
        Tensor z = Tensor.randomNormal(3, 0, 4, shape).requiresGrad(true);
        // soft labels (label smoothing) so that every label enters the sums
        Tensor t = Tensor.randomUniform(4, 0, 1, shape).softmax(-1).requiresGrad(true);
        Tensor w = Tensor.randomUniform(5, -1, 1, java.util.Arrays.copyOf(shape, shape.length - 1));

        Tensor fused = Tensor.softmaxCrossEntropyWithLogits(t, z, -1);
        fused.mul(w).sum().backward();
        float[] fz = z.grad().toFloatArray(), ft = t.grad().toFloatArray();
        z.zeroGrad();
        t.zeroGrad();
        Tensor composed = t.mul(z.logSoftmax(-1)).sum(-1).neg();
        composed.mul(w).sum().backward();

        assertEquals(composed.shape(), fused.shape());
        assertArrayEquals(composed.toFloatArray(), fused.toFloatArray());
        assertArrayEquals(z.grad().toFloatArray(), fz);
        assertArrayEquals(t.grad().toFloatArray(), ft);
        assertEquals(Op.SOFTMAX_CROSS_ENTROPY, fused.gradFn());
    }

    /**
     * A softmax taken first of the same graph node (a classifier's output) lends the cross-entropy its
     * per-row results: values and gradients must be those the cross-entropy computes alone.
     */
    @ParameterizedTest
    @MethodSource("shapes")
    void afterASoftmaxOfTheSameNodeTheValuesAreUnchanged(int[] shape) {
        Tensor leaf = Tensor.randomNormal(6, 0, 4, shape).requiresGrad(true);
        Tensor t = Tensor.randomUniform(7, 0, 1, shape).softmax(-1);
        Tensor alone = Tensor.softmaxCrossEntropyWithLogits(t, leaf.identity(), -1);
        alone.sum().backward();
        float[] g = leaf.grad().toFloatArray();
        leaf.zeroGrad();
        Tensor z = leaf.identity();
        Tensor p = z.softmax(-1);
        assertNotNull(z.softmaxRows, "the softmax kept its rows on the node");
        Tensor reused = Tensor.softmaxCrossEntropyWithLogits(t, z, -1);
        reused.sum().backward();
        assertArrayEquals(alone.toFloatArray(), reused.toFloatArray());
        assertArrayEquals(g, leaf.grad().toFloatArray());
        assertEquals(p.shape(), z.shape());
    }

    /** A leaf (a weight, say) may be written in place after its softmax: nothing is kept on it. */
    @Test
    void aLeafWrittenInPlaceAfterItsSoftmaxIsReadAfresh() {
        Tensor w = Tensor.randomNormal(8, 0, 1, 4, 3).requiresGrad(true);
        Tensor t = Tensor.randomUniform(9, 0, 1, 4, 3).softmax(-1);
        w.softmax(-1);
        float[] data = w.floatData();
        for (int i = 0; i < data.length; i++) data[i] += 0.5f * i;   // an optimizer step, say
        Tensor after = Tensor.softmaxCrossEntropyWithLogits(t, w, -1);
        Tensor expected = t.mul(w.logSoftmax(-1)).sum(-1).neg();
        assertArrayEquals(expected.toFloatArray(), after.toFloatArray());
    }

    @Test
    void extremeLogitsStayFinite() {
        Tensor z = Tensor.of(new double[][] {{1000, -1000, 0}, {-1e30, 0, 1e30}});
        Tensor t = Tensor.of(new double[][] {{0, 1, 0}, {1, 0, 0}});
        float[] loss = Tensor.softmaxCrossEntropyWithLogits(t, z, -1).toFloatArray();
        assertEquals(2000f, loss[0]);
        assertEquals(2e30f, loss[1], 1e24f);
    }

    @Test
    void mismatchedShapesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.softmaxCrossEntropyWithLogits(Tensor.zeros(32, 3), Tensor.zeros(32, 4), -1));
        assertEquals("softmaxCrossEntropyWithLogits: labels of shape (32, 3) and logits of shape (32, 4) must have the same shape",
                e.getMessage());
    }
}
