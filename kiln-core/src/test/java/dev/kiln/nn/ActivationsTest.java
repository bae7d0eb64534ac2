package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertNull;

import static org.junit.jupiter.api.Assertions.assertSame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.GradCheck;
import dev.kiln.testing.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every activation: values against Keras 3's formulas written out in doubles, and a float64 gradient check. */
class ActivationsTest {
    private record Case(String name, DoubleUnaryOperator formula) {
        @Override public String toString() { return name; }
    }

    private static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }

    private static double softplus(double x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }

    /** erf by its Taylor series (2/√π Σ (−1)^n x^(2n+1)/(n!(2n+1))), exact to ~1e-13 for |x| ≤ 3, else ±1 − tiny. */
    static double erf(double x) {
        if (Math.abs(x) > 5.5) return Math.signum(x);
        double sum = 0, term = x;   // term = (−1)^n x^(2n+1)/n!
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** Φ(x): the Taylor erf for |x| ≤ 3, the Laplace continued fraction of the Mills ratio in the tails. */
    static double normalCdf(double x) {
        if (Math.abs(x) <= 3) return 0.5 * (1 + erf(x / Math.sqrt(2)));
        double z = Math.abs(x), cf = z;
        for (int k = 200; k >= 1; k--) cf = z + k / cf;   // z + 1/(z + 2/(z + 3/(z + …)))
        double tail = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) / cf;
        return x < 0 ? tail : 1 - tail;
    }

    private static final double A = 1.6732632423543772848170429916717, L = 1.0507009873554804934193349852946;

    static List<Case> elementwise() {
        List<Case> cs = new ArrayList<>();
        cs.add(new Case("linear", x -> x));
        cs.add(new Case("relu", x -> Math.max(x, 0)));
        cs.add(new Case("sigmoid", ActivationsTest::sigmoid));
        cs.add(new Case("tanh", Math::tanh));
        cs.add(new Case("softplus", ActivationsTest::softplus));
        cs.add(new Case("softsign", x -> x / (Math.abs(x) + 1)));
        cs.add(new Case("elu", x -> x > 0 ? x : Math.expm1(x)));
        cs.add(new Case("selu", x -> L * (x > 0 ? x : A * Math.expm1(x))));
        cs.add(new Case("gelu", x -> x * normalCdf(x)));
        cs.add(new Case("swish", x -> x * sigmoid(x)));
        cs.add(new Case("silu", x -> x * sigmoid(x)));
        cs.add(new Case("leaky_relu", x -> x >= 0 ? x : 0.2 * x));
        cs.add(new Case("hard_sigmoid", x -> Math.min(Math.max(x + 3, 0), 6) / 6));
        cs.add(new Case("exponential", Math::exp));
        cs.add(new Case("relu6", x -> Math.min(Math.max(x, 0), 6)));
        cs.add(new Case("hard_silu", x -> x * Math.min(Math.max(x + 3, 0), 6) / 6));
        cs.add(new Case("hard_swish", x -> x * Math.min(Math.max(x + 3, 0), 6) / 6));
        cs.add(new Case("mish", x -> x * Math.tanh(softplus(x))));
        cs.add(new Case("log_sigmoid", x -> -softplus(-x)));
        cs.add(new Case("celu", x -> Math.max(x, 0) + Math.expm1(Math.min(x, 0))));
        cs.add(new Case("hard_tanh", x -> Math.max(-1, Math.min(1, x))));
        cs.add(new Case("hard_shrink", x -> Math.abs(x) > 0.5 ? x : 0));
        cs.add(new Case("soft_shrink", x -> x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0));
        cs.add(new Case("tanh_shrink", x -> x - Math.tanh(x)));
        cs.add(new Case("squareplus", x -> (x + Math.sqrt(x * x + 4)) / 2));
        cs.add(new Case("sparse_plus", x -> x <= -1 ? 0 : x >= 1 ? x : (x + 1) * (x + 1) / 4));
        cs.add(new Case("sparse_sigmoid", x -> x <= -1 ? 0 : x >= 1 ? 1 : (x + 1) / 2));
        return cs;
    }

    private static final double[] POINTS = {-20, -7.5, -3.1, -1, -0.3, -1e-4, 0, 2e-5, 0.25, 0.9, 2.5, 4.2, 12};

    @ParameterizedTest
    @MethodSource("elementwise")
    void valuesMatchKerasFormulas(Case c) {
        ActivationFunction f = Activations.get(c.name);
        assertEquals(c.name.equals("swish") ? "silu" : c.name.equals("hard_swish") ? "hard_silu" : c.name, f.name(), "Keras's canonical name");
        double[] y64 = f.apply(Tensor.of(POINTS, DType.FLOAT64)).toDoubleArray();
        float[] y32 = f.apply(Tensor.of(POINTS)).toFloatArray();
        // gelu's erfc has relative error <= 1.2e-7 (documented); tanh_shrink cancels x − tanh x near 0; the rest are exact
        double rtol64 = c.name.equals("gelu") ? 3e-7 : c.name.equals("tanh_shrink") ? 1e-4 : c.name.equals("squareplus") ? 1e-10 : 1e-12;
        for (int i = 0; i < POINTS.length; i++) {
            double expected = c.formula.applyAsDouble(POINTS[i]);
            assertEquals(expected, y64[i], 1e-300 + rtol64 * Math.abs(expected), c.name + "(" + POINTS[i] + ") float64");
            // x − tanh x and x + √(x² + 4) subtract terms of size |x|: float32 keeps only an ulp of |x| of them
            double cancellation = c.name.equals("tanh_shrink") || c.name.equals("squareplus") ? 1.2e-7 * Math.abs(POINTS[i]) : 0;
            assertEquals(expected, y32[i], 1e-30 + 4e-7 * Math.abs(expected) + (c.name.equals("exponential") ? 0 : 1e-7) + cancellation,
                    c.name + "(" + POINTS[i] + ") float32");
        }
    }

    @ParameterizedTest
    @MethodSource("elementwise")
    void gradientCheck(Case c) {
        // avoid the kinks (0 for relu-like, ±3 for hard_sigmoid, 6 for relu6) where the derivative jumps
        Tensor x = GradCheck.uniform64(21, 0.05, 2.0, 3, 4).mul(signs()).detach().requiresGrad(true);
        GradCheck.check(c.name, in -> Activations.get(c.name).apply(in.get(0)), List.of(x));
        Tensor wide = GradCheck.input(22, -8, 8, 12);
        if (!Set.of("relu", "leaky_relu", "hard_sigmoid", "relu6", "hard_silu", "hard_swish", "elu", "selu", "celu", "hard_tanh",
                "hard_shrink", "soft_shrink", "sparse_plus", "sparse_sigmoid").contains(c.name)) {
            GradCheck.check(c.name + " wide", in -> Activations.get(c.name).apply(in.get(0)), List.of(wide));
        }
    }

    private static Tensor signs() {
        double[] s = new double[12];
        for (int i = 0; i < s.length; i++) s[i] = i % 2 == 0 ? 1 : -1;
        return Tensor.fromFlat(s, DType.FLOAT64, 3, 4);
    }

    @Test
    void softmaxAndLogSoftmaxUseTheLastAxis() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {-1, 0, 1000}}, DType.FLOAT64);
        double[] y = Activations.get("softmax").apply(x).toDoubleArray();
        double z = Math.exp(-2) + Math.exp(-1) + 1;
        assertEquals(Math.exp(-2) / z, y[0], 1e-15);
        assertEquals(1.0, y[5], 1e-15);
        assertEquals(Math.log(1 / z), Activations.get("log_softmax").apply(x).toDoubleArray()[2], 1e-15);
        GradCheck.check("softmax", in -> Activations.SOFTMAX.apply(in.get(0)), List.of(GradCheck.input(3, -2, 2, 3, 4)));
        GradCheck.check("log_softmax", in -> Activations.LOG_SOFTMAX.apply(in.get(0)), List.of(GradCheck.input(4, -2, 2, 3, 4)));
    }

    @Test
    void parameterisedFormsAndGeluApproximation() {
        Tensor x = Tensor.of(new double[] {-2, 0.5}, DType.FLOAT64);
        double[] leaky = Activations.leakyRelu(0.3).apply(x).toDoubleArray();
        assertEquals(-0.6, leaky[0], 1e-15);
        assertEquals(0.5, leaky[1], 0);
        assertEquals(0.5 * Math.expm1(-2), Activations.elu(0.5).apply(x).toDoubleArray()[0], 1e-15);
        double c = Math.sqrt(2 / Math.PI);
        double tanhGelu = 0.5 * -2 * (1 + Math.tanh(c * (-2 + 0.044715 * -8)));
        assertEquals(tanhGelu, Activations.gelu(true).apply(x).toDoubleArray()[0], 1e-15);
        GradCheck.check("gelu approximate", in -> Activations.gelu(true).apply(in.get(0)), List.of(GradCheck.input(5, -3, 3, 7)));
    }

    @Test
    void noOverflowIntoNaN() {
        Tensor big = Tensor.of(new double[] {-1e4, 1e4}).requiresGrad(true);
        for (String name : List.of("elu", "selu", "gelu", "softplus", "sigmoid", "swish", "mish", "softsign", "log_sigmoid")) {
            big.zeroGrad();
            Tensor y = Activations.get(name).apply(big);
            y.sum().backward();
            for (double v : y.toDoubleArray()) assertTrue(!Double.isNaN(v), name + " value");
            for (double v : big.grad().toDoubleArray()) assertTrue(!Double.isNaN(v), name + " gradient " + big.grad());
        }
    }

    @Test
    void lookupByNameAndActivationLayer() {
        assertEquals(Activations.LINEAR, Activations.get(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.get("rleu"));
        assertTrue(e.getMessage().contains("unknown activation 'rleu'") && e.getMessage().contains("relu"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activations.get("ReLU"));
        assertTrue(e.getMessage().contains("did you mean 'relu'?"), e.getMessage());
        Set<String> covered = new HashSet<>(List.of("softmax", "log_softmax", "glu"));
        for (Case c : elementwise()) covered.add(c.name);
        assertEquals(covered, Activations.names(), "every activation has a row in the table above");
        Activation layer = new Activation("tanh");
        assertEquals(Shape.of(-1, 3, 4), layer.outputShape(Shape.of(-1, 3, 4)));
        assertEquals("tanh", layer.activationName());
        assertEquals(0, new Activation(layer).countParams());
        LayerTester.gradientCheck(() -> new Activation("swish"), true, -2, 2, 3, 4);
        LayerTester.configRoundTrip(() -> new Activation(Activations.elu(0.7)), 2, 3);
        LayerTester.outputShapeMatches(() -> new Activation("softmax"), 2, 5);
    }

    @Test
    void gluAndParameterisedRelu() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 0, -1}}, DType.FLOAT64);
        double[] y = Activations.GLU.apply(x).toDoubleArray();
        assertEquals(1 * sigmoid(0), y[0], 1e-15);
        assertEquals(2 * sigmoid(-1), y[1], 1e-15);
        GradCheck.check("glu", in -> Activations.glu(0).apply(in.get(0)), List.of(GradCheck.input(6, -2, 2, 4, 3)));
        ActivationFunction r = Activations.relu(0.1, 3.0, -1.0);
        // Keras: x above −1 (else 0), capped at 3, minus 0.1·max(−1 − x, 0)
        assertEquals(-0.1 * 4 + 0, r.apply(Tensor.of(new double[] {-5}, DType.FLOAT64)).item(), 1e-15);
        assertEquals(3.0, r.apply(Tensor.of(new double[] {7}, DType.FLOAT64)).item(), 0);
        // −0.5 passes the threshold but the cap clips to [0, 3], and −0.5 is above the threshold: 0
        assertEquals(0.0, r.apply(Tensor.of(new double[] {-0.5}, DType.FLOAT64)).item(), 0);
        assertEquals(-1.0, Activations.threshold(0.5, -1).apply(Tensor.of(new double[] {0.4}, DType.FLOAT64)).item(), 0);
    }

    @Test
    void parameterisedActivationsSurviveConfig() {
        for (ActivationFunction a : List.of(Activations.relu(0.1, 6.0, 0.0), Activations.softmax(0), Activations.celu(2),
                Activations.squareplus(1), Activations.threshold(0.5, -1), Activations.gelu(true), Activations.SWISH)) {
            Object saved = Layers.serializeActivation(a, "test");
            ActivationFunction back = Layers.deserializeActivation(saved);
            assertEquals(saved, Layers.serializeActivation(back, "test"));
            Tensor x = GradCheck.uniform64(9, -3, 3, 3, 4);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.apply(x).toDoubleArray(), back.apply(x).toDoubleArray(), 0.0);
        }
        assertEquals("silu", Layers.serializeActivation(Activations.get("swish"), "test"), "Keras saves swish as silu");
    }


    // ------------------------------------------------------------------ Keras 3.15 reference values
    // reference/activations.json (tools/reference/activations.py): keras.activations on a grid −1e4 … 1e4 with
    // ±0, ±1e-7 and the kinks, and a 4×6 matrix for the axis ones.

    /** sparsemax is not ported. */
    private static final Set<String> NOT_PORTED = Set.of("sparsemax");
    private static Map<String, Object> reference;

    private static synchronized Map<String, Object> reference() {
        if (reference == null) reference = Json.obj(Json.resource("/reference/activations.json"));
        return reference;
    }

    static Stream<Map<String, Object>> kerasCases() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : Json.arr(reference().get("cases"))) {
            Map<String, Object> c = Json.obj(o);
            if (!NOT_PORTED.contains(c.get("name"))) out.add(c);
        }
        return out.stream();
    }

    private static Tensor tensor(Object o) {
        Map<String, Object> t = Json.obj(o);
        return Tensor.fromFlat(Json.doubles(t.get("data")), DType.FLOAT32, Json.ints(t.get("shape")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasCases")
    void matchesKerasReference(Map<String, Object> c) {
        String name = (String) c.get("name");
        ActivationFunction f = Activations.fromParams(name, Json.obj(c.get("kwargs")));
        Tensor x32 = tensor(c.get("x"));
        float[] y = f.apply(x32).toFloatArray();
        double[] x = x32.toDoubleArray(), expected = Json.doubles(Json.obj(c.get("y")).get("data"));
        double[] sensitivity = sensitivity(f, x32);
        double maxAbsX = 0;
        for (double v : x) maxAbsX = Math.max(maxAbsX, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            // Two float32 evaluations differ by a few ulps of the result plus the rounding of their inputs and
            // intermediates carried through the function: Σ_j |∂y_i/∂x_j|·|x_j|·2^-23 (from our float64 gradient);
            // gelu adds its erfc approximation (1.2e-7); the cancelling ones (1 + tanh in the gelu tanh form,
            // x − tanh x, the softmax family's x − max) keep only an ulp of their terms, of size max|x|.
            double tol = 4e-7 * Math.abs(e) + 2.4e-7 * sensitivity[i] + 1e-30;
            boolean tanhForm = Boolean.TRUE.equals(Json.obj(c.get("kwargs")).get("approximate"));
            if (name.equals("gelu")) tol += tanhForm ? 1.2e-7 * Math.abs(x[i]) : 4e-7 * Math.abs(e);
            if (name.equals("tanh_shrink")) tol += 1.2e-7 * Math.abs(x[i]);
            if (name.equals("log_softmax")) tol += 1.2e-7 * maxAbsX;
            if (name.equals("softmax")) tol += 1.2e-7 * maxAbsX * Math.abs(e);
            assertEquals(e, y[i], tol, c.get("id") + " at x = " + x[i]);
        }
    }

    /** Σ_j |∂y_i/∂x_j|·|x_j| for each output i, by float64 autodiff of our own formula (NaN/∞ count as 0). */
    private static double[] sensitivity(ActivationFunction f, Tensor x32) {
        Tensor x = x32.astype(DType.FLOAT64).detach().requiresGrad(true);
        Tensor y = f.apply(x);
        double[] xs = x.toDoubleArray(), out = new double[y.size()];
        for (int i = 0; i < out.length; i++) {
            double[] pick = new double[out.length];
            pick[i] = 1;
            x.zeroGrad();
            y.mul(Tensor.fromFlat(pick, DType.FLOAT64, y.shape().toArray())).sum().backward();
            if (x.grad() == null) continue;
            double[] g = x.grad().toDoubleArray();
            for (int j = 0; j < g.length; j++) {
                double term = Math.abs(g[j]) * Math.abs(xs[j]);
                if (Double.isFinite(term)) out[i] += term;
            }
        }
        return out;
    }

    @Test
    void getAcceptsAndRejectsWhatKerasDoes() {
        for (Object o : Json.arr(reference().get("get"))) {
            Map<String, Object> g = Json.obj(o);
            String id = (String) g.get("identifier");
            String fn = (String) g.get("function");
            if ((fn != null && NOT_PORTED.contains(fn)) || "threshold".equals(id)) continue;   // threshold has no defaults: Kiln asks for them
            if (fn == null) {
                assertThrows(IllegalArgumentException.class, () -> Activations.get(id), id);
            } else {
                assertEquals(fn, Activations.get(id).name(), String.valueOf(id));
            }
        }
    }

    static List<Map<String, Object>> kerasLayerCases() { return KerasReference.layerCases("Activation"); }

    /** Keras 3.15's outputs for this layer (reference/layers.json, tools/reference/layers.py). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kerasLayerCases")
    void matchesKerasLayer(Map<String, Object> c) { LayerTester.matchesKeras(c); }

    @Test
    void sigmoidAndLastAxisSoftmaxCarryTheirLogitsForTheCrossEntropies() {
        Tensor x = Tensor.of(new double[][] {{1, -2, 0.5}});
        assertSame(x, Activations.get("sigmoid").apply(x).logits());
        assertSame(x, Activations.get("softmax").apply(x).logits());
        assertNull(Activations.softmax(0).apply(x).logits());
        assertNull(Activations.get("tanh").apply(x).logits());
        Tensor out = new Dense(2).inputDim(3).activation("softmax").kernelInitializer("ones").call(x, false);
        assertEquals(Shape.of(1, 2), out.logits().shape());
    }
}
