package dev.kiln.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.testing.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * conv2d, maxPool2d and avgPool2d against numpy references (tools/conv/conv_reference.py): forward values
 * and the gradients of sum(y · r), in float64 (to 1e-12) and float32 (to 1e-5).
 */
class ConvFunctionsTest {

    static Stream<Arguments> cases() {
        List<Object> cs = Json.arr(Json.obj(Json.resource("/conv/conv_reference.json")).get("cases"));
        return cs.stream().flatMap(o -> {
            Map<String, Object> c = Json.obj(o);
            String name = c.get("op") + " " + c.get("padding") + " strides" + c.get("strides")
                    + (c.containsKey("dilation") ? " dilation" + c.get("dilation") : " pool" + c.get("poolSize"));
            return Stream.of(Arguments.of(name + " float64", c, DType.FLOAT64), Arguments.of(name + " float32", c, DType.FLOAT32));
        });
    }

    private static Tensor tensor(Map<String, Object> c, String key, DType dt) {
        return Tensor.fromFlat(Json.doubles(c.get(key)), dt, shapeOf(c.get(key)));
    }

    private static int[] shapeOf(Object nested) {
        java.util.List<Integer> dims = new java.util.ArrayList<>();
        Object o = nested;
        while (o instanceof List) {
            List<Object> l = Json.arr(o);
            dims.add(l.size());
            o = l.isEmpty() ? null : l.get(0);
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesNumpyReference(String name, Map<String, Object> c, DType dt) {
        double tol = dt == DType.FLOAT64 ? 1e-12 : 1e-5;
        Tensor x = tensor(c, "x", dt).requiresGrad(true);
        Tensor r = tensor(c, "r", dt);
        String op = (String) c.get("op");
        String padding = (String) c.get("padding");
        int[] strides = Json.ints(c.get("strides"));
        Tensor k = null;
        Tensor y;
        if (op.equals("conv2d")) {
            k = tensor(c, "k", dt).requiresGrad(true);
            y = Tensor.conv2d(x, k, strides, padding, Json.ints(c.get("dilation")));
        } else if (op.equals("maxPool2d")) {
            y = x.maxPool2d(Json.ints(c.get("poolSize")), strides, padding);
        } else {
            y = x.avgPool2d(Json.ints(c.get("poolSize")), strides, padding);
        }
        assertEquals(dt, y.dtype(), name);
        assertArrayEquals(shapeOf(c.get("y")), y.shape().toArray(), name + ": output shape");
        close(name + ": y", Json.doubles(c.get("y")), y.toDoubleArray(), tol);
        y.mul(r).sum().backward();
        close(name + ": dx", Json.doubles(c.get("dx")), x.grad().toDoubleArray(), tol);
        if (k != null) close(name + ": dk", Json.doubles(c.get("dk")), k.grad().toDoubleArray(), tol);
    }

    /** The fused convolution + activation against central differences in float64, every activation, padding and stride. */
    @Test
    void fusedActivationGradientsMatchCentralDifferences() {
        for (String act : new String[] {"linear", "relu", "tanh"}) {
            for (String pad : new String[] {"valid", "same"}) {
                for (int[] st : new int[][] {{1, 1}, {2, 1}}) {
                    String name = "conv2d+" + act + " " + pad + " strides " + java.util.Arrays.toString(st);
                    List<Tensor> in = List.of(dev.kiln.testing.GradCheck.input(1, -1, 1, 2, 5, 4, 3),
                            dev.kiln.testing.GradCheck.input(2, -1, 1, 3, 2, 3, 4), dev.kiln.testing.GradCheck.input(3, -0.5, 0.5, 4));
                    dev.kiln.testing.GradCheck.check(name,
                            t -> ConvFunctions.conv2d(t.get(0), t.get(1), t.get(2), st, pad, new int[] {1, 1}, act), in);
                }
            }
        }
    }

    /** Fused and unfused give the same values and gradients, float32 (the vector kernels) and float64. */
    @Test
    void fusedActivationEqualsConvolutionThenActivation() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (String act : new String[] {"linear", "relu", "tanh"}) {
                for (boolean bias : new boolean[] {true, false}) {
                    String name = dt + " " + act + (bias ? " with bias" : " without bias");
                    Tensor[][] grads = new Tensor[2][];
                    double[][] values = new double[2][];
                    for (int v = 0; v < 2; v++) {
                        Tensor x = dev.kiln.testing.GradCheck.uniform64(4, -2, 2, 3, 12, 11, 4).astype(dt).requiresGrad(true);
                        Tensor k = dev.kiln.testing.GradCheck.uniform64(5, -0.5, 0.5, 3, 3, 4, 8).astype(dt).requiresGrad(true);
                        Tensor b = bias ? dev.kiln.testing.GradCheck.uniform64(6, -0.5, 0.5, 8).astype(dt).requiresGrad(true) : null;
                        Tensor y;
                        if (v == 0) {
                            y = ConvFunctions.conv2d(x, k, b, new int[] {1, 1}, "valid", new int[] {1, 1}, act);
                        } else {
                            y = Tensor.conv2d(x, k, b, new int[] {1, 1}, "valid", new int[] {1, 1});
                            y = act.equals("relu") ? y.relu() : act.equals("tanh") ? y.tanh() : y;
                        }
                        Tensor r = dev.kiln.testing.GradCheck.uniform64(7, -1, 1, y.shape().toArray()).astype(dt);
                        y.mul(r).sum().backward();
                        values[v] = y.toDoubleArray();
                        grads[v] = new Tensor[] {x.grad(), k.grad(), b == null ? null : b.grad()};
                    }
                    double tol = dt == DType.FLOAT64 ? 1e-12 : 2e-5;
                    close(name + ": y", values[1], values[0], tol);
                    close(name + ": dx", grads[1][0].toDoubleArray(), grads[0][0].toDoubleArray(), tol);
                    close(name + ": dk", grads[1][1].toDoubleArray(), grads[0][1].toDoubleArray(), tol);
                    if (bias) close(name + ": db", grads[1][2].toDoubleArray(), grads[0][2].toDoubleArray(), tol);
                }
            }
        }
    }

    @Test
    void fusedActivationOutsideTheThreeIsRejected() {
        Tensor x = Tensor.zeros(1, 3, 3, 1), k = Tensor.zeros(2, 2, 1, 1);
        assertMessage(() -> ConvFunctions.conv2d(x, k, null, new int[] {1, 1}, "valid", new int[] {1, 1}, "sigmoid"),
                "conv2d: fused activation must be 'linear', 'relu' or 'tanh', got 'sigmoid'");
    }

    private static void close(String what, double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > tol * (1 + Math.abs(expected[i]))) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    @Test
    void mixedAndIntegerInputsPromoteLikeOtherOps() {
        Tensor x = Tensor.ones(DType.INT32, 1, 3, 3, 1);
        Tensor k = Tensor.ones(DType.FLOAT64, 2, 2, 1, 1);
        Tensor y = Tensor.conv2d(x, k, "valid");
        assertEquals(DType.FLOAT64, y.dtype());
        assertArrayEquals(new double[] {4, 4, 4, 4}, y.toDoubleArray());
        assertEquals(DType.FLOAT32, x.maxPool2d(new int[] {2, 2}, new int[] {1, 1}, "same").dtype());
    }

    @Test
    void emptyBatchGivesEmptyOutputAndZeroKernelGradient() {
        Tensor x = Tensor.zeros(0, 5, 5, 2);
        Tensor k = Tensor.ones(3, 3, 2, 4).requiresGrad(true);
        Tensor y = Tensor.conv2d(x, k, "same");
        assertArrayEquals(new int[] {0, 5, 5, 4}, y.shape().toArray());
        y.sum().backward();
        assertArrayEquals(new float[3 * 3 * 2 * 4], k.grad().toFloatArray());
    }

    @Test
    void badArgumentsNameTheOpTheArgumentAndWhatCame() {
        Tensor x = Tensor.zeros(2, 8, 8, 3);
        assertMessage(() -> Tensor.conv2d(x, Tensor.zeros(3, 3, 2, 4), "valid"),
                "conv2d: input (2, 8, 8, 3) has 3 channels but kernel (3, 3, 2, 4) expects 2");
        assertMessage(() -> Tensor.conv2d(x.reshape(2, 64, 3), Tensor.zeros(3, 3, 3, 4), "valid"),
                "conv2d: input must have rank 4 (batch, height, width, channels), got shape (2, 64, 3)");
        assertMessage(() -> Tensor.conv2d(x, Tensor.zeros(3, 3, 3, 4), "full"), "conv2d: padding must be 'valid' or 'same', got 'full'");
        assertMessage(() -> Tensor.conv2d(x, Tensor.zeros(3, 3, 3, 4), new int[] {0, 1}, "valid", new int[] {1, 1}),
                "conv2d: strides must be positive, got [0, 1]");
        assertMessage(() -> Tensor.conv2d(x, Tensor.zeros(9, 3, 3, 4), "valid"), "does not fit in an input of 8x8");
        assertMessage(() -> x.maxPool2d(new int[] {2}, new int[] {2, 2}, "valid"),
                "maxPool2d: poolSize must have 2 values (height, width), got [2]");
        assertMessage(() -> x.avgPool2d(new int[] {2, 2}, new int[] {2, 2}, "VALID ").shape(), "avgPool2d: padding must be");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
    }
}
