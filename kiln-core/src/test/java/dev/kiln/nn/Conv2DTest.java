package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.GradCheck;
import dev.kiln.testing.Json;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Conv2DTest {

    static Stream<Arguments> kerasCases() {
        return KerasImageCases.cases("Conv2D").stream().map(c -> Arguments.of(c.get("id"), c));
    }

    private static Conv2D fromKerasConfig(Map<String, Object> cfg) {
        int[] k = KerasImageCases.pair(cfg.get("kernel_size"));
        int filters = ((Number) cfg.get("filters")).intValue();
        Conv2D l = k.length == 1 ? new Conv2D(filters, k[0]) : new Conv2D(filters, k[0], k[1]);
        if (cfg.get("strides") != null) l.strides(KerasImageCases.pair(cfg.get("strides")));
        if (cfg.get("padding") != null) l.padding((String) cfg.get("padding"));
        if (cfg.get("dilation_rate") != null) l.dilationRate(KerasImageCases.pair(cfg.get("dilation_rate")));
        if (cfg.get("use_bias") != null) l.useBias((Boolean) cfg.get("use_bias"));
        if (cfg.get("activation") != null) l.activation((String) cfg.get("activation"));
        return l;
    }

    /** Forward values, and input/kernel/bias gradients of sum(y · R), against Keras 3 (float32 and float64). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasCases")
    void matchesKeras(String id, Map<String, Object> c) {
        Map<String, Object> cfg = Json.obj(c.get("config"));
        if (c.containsKey("error")) {
            Conv2D l = fromKerasConfig(cfg);
            Shape in = KerasImageCases.shape(c.get("input"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.outputShape(in.with(0, -1)));
            String keras = (String) Json.obj(c.get("error")).get("message");
            assertTrue(e.getMessage().contains(keras.substring(0, keras.indexOf("Received")).trim()), e.getMessage() + " vs Keras: " + keras);
            return;
        }
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Conv2D l = fromKerasConfig(cfg).dtype(dt);
            Tensor x = KerasImageCases.tensor(c.get("input"), dt).requiresGrad(true);
            Tensor y = KerasImageCases.run(l, c, x);
            assertEquals(KerasImageCases.shape(c.get("output")), l.outputShape(x.shape()), id + ": inferred shape");
            KerasImageCases.assertClose(id + " " + dt + " output", KerasImageCases.tensor(c.get("output"), dt), y, 2e-5);
            if (!c.containsKey("grads")) continue;
            y.mul(KerasImageCases.tensor(c.get("R"), dt)).sum().backward();
            Map<String, Object> g = Json.obj(c.get("grads"));
            KerasImageCases.assertClose(id + " " + dt + " d input", KerasImageCases.tensor(g.get("input"), dt), x.grad(), 2e-5);
            KerasImageCases.assertClose(id + " " + dt + " d kernel", KerasImageCases.tensor(g.get("kernel"), dt), l.kernel().grad(), 2e-5);
            KerasImageCases.assertClose(id + " " + dt + " d bias", KerasImageCases.tensor(g.get("bias"), dt), l.bias().grad(), 2e-5);
        }
    }

    static Stream<Arguments> geometries() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String pad : new String[] {"valid", "same"}) {
            for (int[] s : new int[][] {{1, 1}, {2, 2}, {1, 2}}) {
                for (int[] d : new int[][] {{1, 1}, {2, 1}}) {
                    if ((s[0] > 1 || s[1] > 1) && d[0] > 1) continue; // refused, as in Keras (tested above)
                    b.add(Arguments.of(pad, s, d));
                }
            }
        }
        return b.build();
    }

    /** Input, kernel and bias gradients in float64 for every padding × stride × dilation combination, with an activation and a regularizer. */
    @ParameterizedTest(name = "{0} strides {1} dilation {2}")
    @MethodSource("geometries")
    void gradientsMatchCentralDifferences(String pad, int[] s, int[] d) {
        LayerTester.gradientCheck(() -> new Conv2D(3, 3, 2).padding(pad).strides(s).dilationRate(d).activation("tanh")
                .kernelRegularizer(Regularizers.l2(0.01)), true, -1, 1, 2, 7, 6, 2);
    }

    @Test
    void channelsFirstIsTheTransposeOfChannelsLast() {
        Conv2D last = LayerTester.built64(new Conv2D(4, 3).padding("same"), 2, 6, 5, 3);
        Conv2D first = LayerTester.built64(new Conv2D(4, 3).padding("same").dataFormat("channels_first"), 2, 3, 6, 5);
        first.kernel().assign(last.kernel());
        first.bias().assign(Tensor.randomUniform(3, -1, 1, 4).astype(DType.FLOAT64));
        last.bias().assign(first.bias());
        Tensor x = GradCheck.uniform64(4, -1, 1, 2, 6, 5, 3);
        Tensor yl = last.call(x, false), yf = first.call(x.transpose(0, 3, 1, 2), false);
        assertEquals(Shape.of(-1, 4, 6, 5), first.outputShape(Shape.of(-1, 3, 6, 5)));
        assertArrayEquals(yl.transpose(0, 3, 1, 2).toDoubleArray(), yf.toDoubleArray(), 1e-12);
        LayerTester.gradientCheck(() -> new Conv2D(2, 2).dataFormat("channels_first"), true, -1, 1, 2, 3, 4, 5);
    }

    @Test
    void shapesParamsAndGlorotFans() {
        Conv2D c = new Conv2D(4, 5).inputShape(28, 28, 1);
        assertEquals(Shape.of(-1, 24, 24, 4), c.outputShape(Shape.of(-1, 28, 28, 1)));
        c.build(Shape.of(-1, 28, 28, 1), new SplittableRandom(1));
        assertEquals(5 * 5 * 1 * 4 + 4, c.countParams());
        // glorot_uniform limit √(6 / (fan_in + fan_out)), fans 5·5·1 and 5·5·4
        double limit = Math.sqrt(6.0 / (25 + 100)), max = 0;
        for (double v : c.kernel().toDoubleArray()) max = Math.max(max, Math.abs(v));
        assertTrue(max <= limit && max > 0.8 * limit, "kernel range " + max + " vs limit " + limit);
        assertEquals(Shape.of(-1, 14, 14, 8), new Conv2D(8, 3).padding("same").strides(2).outputShape(Shape.of(-1, 28, 28, 1)));
        assertEquals(Shape.of(-1, -1, 24, 8), new Conv2D(8, 5).outputShape(Shape.of(-1, -1, 28, 3)));
        LayerTester.outputShapeMatches(() -> new Conv2D(3, 2, 3).strides(2, 1).padding("same"), 2, 7, 6, 2);
        LayerTester.stepLowersLoss(() -> new Conv2D(2, 3), 2, 5, 5, 1);
    }

    @Test
    void mistakesAreNamed() {
        Conv2D c = new Conv2D(4, 5).name("conv");
        assertMessage(() -> c.outputShape(Shape.of(-1, 28, 28)),
                "Conv2D 'conv': expected input of rank 4 (batch, height, width, channels) (channels_last), received (None, 28, 28)");
        assertMessage(() -> c.outputShape(Shape.of(-1, 4, 28, 1)), "Conv2D 'conv': kernel 5x5 (dilation 1x1) is larger than the input (None, 4, 28, 1)");
        assertMessage(() -> new Conv2D(0, 3), "Conv2D: filters (0) must be > 0");
        assertMessage(() -> new Conv2D(2, 3).padding("causal"), "padding must be 'valid' or 'same', got 'causal'");
        assertMessage(() -> new Conv2D(2, 3).strides(1, 2, 3), "strides must be one or two positive integers, got [1, 2, 3]");
        assertMessage(() -> new Conv2D(2, 3).dataFormat("NHWC"), "dataFormat must be 'channels_last' or 'channels_first', got 'NHWC'");
        Conv2D built = LayerTester.built64(new Conv2D(2, 3), 1, 5, 5, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> built.padding("same"));
        assertTrue(e.getMessage().contains("padding must be set before the layer is built"), e.getMessage());
        assertMessage(() -> built.call(Tensor.zeros(1, 5, 5, 2), false), "expected input of shape (*, 5, 5, 3), received (1, 5, 5, 2)");
    }

    @Test
    void configRoundTrip() {
        LayerTester.configRoundTrip(() -> new Conv2D(3, 2, 3).strides(2, 1).padding("same").activation("relu").useBias(true)
                .kernelRegularizer(Regularizers.l2(0.01)).kernelConstraint(new MaxNorm(2)), 2, 6, 5, 2);
        Map<String, Object> cfg = new Conv2D(4, 5).config();
        assertEquals(java.util.List.of(5, 5), cfg.get("kernel_size"));
        assertEquals("valid", cfg.get("padding"));
        assertEquals("channels_last", cfg.get("data_format"));
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
    }
}
