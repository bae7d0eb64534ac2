package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.GradCheck;
import dev.kiln.testing.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The checks every layer must pass, reusable by each layer's test: inferred output shape equals the
 * computed one, parameter count, float64 gradient check of input and weights, one SGD step on a fixed
 * quadratic loss lowers it, and a config round trip rebuilds an equivalent layer.
 */
public final class LayerTester {
    private LayerTester() {}

    /** Builds in float64 with a fixed seed and returns the layer. */
    public static <L extends Layer> L built64(L layer, int... inputShape) {
        layer.dtype(DType.FLOAT64);
        layer.build(Shape.of(inputShape).with(0, -1), new SplittableRandom(7));
        return layer;
    }

    /** outputShape(input) agrees with the shape of call's result (batch axis known and unknown). */
    public static void outputShapeMatches(Supplier<Layer> factory, int... inputShape) {
        Layer layer = factory.get();
        Shape in = Shape.of(inputShape);
        Shape inferred = layer.outputShape(in.with(0, -1));
        layer.build(in.with(0, -1), new SplittableRandom(1));
        Tensor y = layer.call(GradCheck.uniform64(3, -1, 1, inputShape).astype(DType.FLOAT32), true);
        assertEquals(inferred.with(0, inputShape[0]), y.shape(), layer + ": inferred output shape vs computed");
        assertEquals(y.shape(), layer.outputShape(in), layer + ": inferred with a known batch size");
    }

    /** Gradient check of input and every trainable weight, float64, in the given training mode. */
    public static void gradientCheck(Supplier<Layer> factory, boolean training, double lo, double hi, int... inputShape) {
        Layer layer = built64(factory.get(), inputShape);
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(GradCheck.input(11, lo, hi, inputShape));
        inputs.addAll(layer.trainableWeights());
        GradCheck.check(layer + " training=" + training, in -> layer.call(in.get(0), training), inputs);
    }

    /** One gradient-descent step on L = Σ(y − target)² (fixed target) lowers L. */
    public static void stepLowersLoss(Supplier<Layer> factory, int... inputShape) {
        Layer layer = built64(factory.get(), inputShape);
        Tensor x = GradCheck.uniform64(5, -1, 1, inputShape);
        Tensor target = GradCheck.uniform64(6, -1, 1, layer.outputShape(Shape.of(inputShape)).toArray());
        double before = loss(layer, x, target);
        for (Tensor w : layer.trainableWeights()) assertNotNull(w.grad(), layer + ": no gradient for a weight");
        for (Tensor w : layer.trainableWeights()) {
            double[] v = w.doubleData(), g = w.grad().doubleData();
            for (int i = 0; i < v.length; i++) v[i] -= 1e-3 * g[i];
            w.zeroGrad();
        }
        double after = loss(layer, x, target);
        assertTrue(after < before, layer + ": loss " + before + " -> " + after + " after one step");
    }

    private static double loss(Layer layer, Tensor x, Tensor target) {
        Tensor l = layer.call(x, true).sub(target).square().sum();
        for (Tensor r : layer.regularizationLosses()) l = l.add(r);
        l.backward();
        return l.item();
    }

    /**
     * One layers.json case: the layer made from Keras's constructor arguments, Keras's weights assigned by name,
     * called on Keras's input; output (and BatchNormalization's updated statistics) equal Keras's float32 ones
     * to float32 rounding of sums of a few products (2e-6 relative to max(1, |value|)).
     */
    public static void matchesKeras(Map<String, Object> c) {
        Layer layer = Layers.fromConfig((String) c.get("layer"), Json.obj(c.get("config")));
        Tensor x = KerasReference.tensor(c.get("input"));
        layer.build(x.shape().with(0, -1), new SplittableRandom(1));
        Map<String, Object> weights = Json.obj(c.get("weights"));
        assertEquals(new TreeSet<>(weights.keySet()), new TreeSet<>(layer.weightNames()), c.get("id") + ": weight names");
        for (int i = 0; i < layer.weights().size(); i++) layer.weights().get(i).assign(KerasReference.tensor(weights.get(layer.weightNames().get(i))));
        Tensor y = layer.call(x, Boolean.TRUE.equals(c.get("training")));
        assertClose(KerasReference.tensor(c.get("output")), y, c.get("id") + " output");
        if (c.get("weights_after") != null) {
            Map<String, Object> after = Json.obj(c.get("weights_after"));
            for (int i = 0; i < layer.weights().size(); i++) {
                String name = layer.weightNames().get(i);
                assertClose(KerasReference.tensor(after.get(name)), layer.weights().get(i), c.get("id") + " " + name + " after the call");
            }
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 2e-6 * Math.max(1, Math.abs(e[i])), what + "[" + i + "]");
        }
    }

    /** Layers.fromConfig(config()) has the same config, name and output on the same weights. */
    public static void configRoundTrip(Supplier<Layer> factory, int... inputShape) {
        Layer a = built64(factory.get(), inputShape);
        Map<String, Object> config = a.config();
        Layer b = Layers.fromConfig(a.getClass().getSimpleName(), config);
        assertEquals(config, b.config(), "config round trip");
        assertEquals(a.name(), b.name());
        b.build(Shape.of(inputShape).with(0, -1), new SplittableRandom(99));
        assertEquals(a.weights().size(), b.weights().size());
        for (int i = 0; i < a.weights().size(); i++) b.weights().get(i).assign(a.weights().get(i));
        Tensor x = GradCheck.uniform64(8, -1, 1, inputShape);
        assertArrayEquals(a.call(x, false).toDoubleArray(), b.call(x, false).toDoubleArray(), 0.0, "same output after round trip");
    }
}
