package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keras 3's activation functions, by name ({@link #get}) and as constants, each a composition of tensor
 * operations (so gradients are automatic).
 *
 * <pre>{@code
 * Tensor y = Activations.get("relu").apply(x);
 * Tensor z = Activations.leakyRelu(0.1).apply(x);
 * new Dense(10).activation(Activations.SOFTMAX);
 * }</pre>
 *
 * Formulas (Keras 3 defaults): linear x; relu max(x, 0); sigmoid 1/(1+e^−x); tanh; softmax
 * e^x/Σe^x over the last axis; softplus log(1+e^x); softsign x/(|x|+1); elu x if x > 0 else
 * α(e^x−1), α = 1; selu λ·elu(x, α) with α ≈ 1.6733, λ ≈ 1.0507; gelu x·Φ(x) (exact, Keras's
 * approximate=False); swish = silu x·sigmoid(x); leaky_relu x if x ≥ 0 else 0.2x; hard_sigmoid
 * relu6(x+3)/6; exponential e^x; and the rest of Keras 3's list: relu6, mish, log_softmax, log_sigmoid,
 * hard_silu (= hard_swish), celu, glu, hard_tanh, hard_shrink, soft_shrink, tanh_shrink, squareplus,
 * sparse_plus, sparse_sigmoid, threshold (sparsemax is not provided).
 */
public final class Activations {
    private Activations() {}

    /** Keras's defaults, one constant per formula. */
    public static final double ELU_ALPHA = 1.0;
    /** selu's α and λ (Klambauer et al. 2017), as Keras writes them. */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** selu's scale λ. */
    public static final double SELU_SCALE = 1.0507009873554804934193349852946;
    /** Keras 3's leaky_relu slope (Keras 2's LeakyReLU layer used 0.3). */
    public static final double LEAKY_RELU_NEGATIVE_SLOPE = 0.2;

    /** The formulas of the built-in activations ({@link Named#apply} switches on them). */
    private enum Kind {
        LINEAR, RELU, RELU_OPTIONS, SIGMOID, TANH, SOFTMAX, LOG_SOFTMAX, SOFTPLUS, SOFTSIGN, ELU, SELU, GELU, GELU_TANH,
        SILU, LEAKY_RELU, RELU6, HARD_SIGMOID, HARD_SILU, CELU, GLU, HARD_TANH, HARD_SHRINK, SOFT_SHRINK, TANH_SHRINK,
        SQUAREPLUS, SPARSE_PLUS, SPARSE_SIGMOID, EXPONENTIAL, MISH, LOG_SIGMOID, THRESHOLD
    }

    /**
     * A built-in activation: a name, its Keras parameters (for config) and the formula, chosen by a
     * {@link Kind} with up to two numbers and an axis. One class and a switch rather than a lambda per
     * activation: each lambda costs a generated class when the JVM starts.
     */
    private static final class Named implements ActivationFunction {
        private final String name;
        private final Map<String, Object> params;
        private final Kind kind;
        private final double a;
        private final double b;
        private final Double max;
        private final int axis;

        Named(String name, Map<String, Object> params, Kind kind, double a, double b, Double max, int axis) {
            this.name = name;
            this.params = params;
            this.kind = kind;
            this.a = a;
            this.b = b;
            this.max = max;
            this.axis = axis;
        }

        @Override
        public Tensor apply(Tensor x) {
            switch (kind) {
                case LINEAR: return x;
                case RELU: return x.relu();
                case RELU_OPTIONS: return reluFormula(x, a, max, b);
                case SIGMOID: return x.sigmoid().withLogits(x);
                case TANH: return x.tanh();
                case SOFTMAX: return axis == -1 ? x.softmax(-1).withLogits(x) : x.softmax(axis);
                case LOG_SOFTMAX: return x.logSoftmax(axis);
                case SOFTPLUS: return x.softplus();
                case SOFTSIGN: return x.div(x.abs().add(1.0));
                case ELU: return eluFormula(x, a);
                case SELU: return eluFormula(x, SELU_ALPHA).mul(SELU_SCALE);
                case GELU: return x.mul(normalCdf(x));
                case GELU_TANH: return x.mul(x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI)).tanh().add(1.0)).mul(0.5);
                case SILU: return x.mul(x.sigmoid());
                case LEAKY_RELU: return Tensor.where(x.greaterEqual(0.0), x, x.mul(a));
                case RELU6: return x.clip(0.0, 6.0);
                case HARD_SIGMOID: return hardSigmoid(x);
                case HARD_SILU: return x.mul(hardSigmoid(x));
                case CELU: {
                    Tensor negative = Tensor.where(x.greater(0.0), Tensor.scalar(0.0, x.dtype()), x);
                    return x.relu().add(expm1NonPositive(negative.div(a)).mul(a));
                }
                case GLU: {
                    int n = x.shape().dim(axis);
                    if (n % 2 != 0) throw new IllegalArgumentException("Activations.glu: axis " + axis + " of shape " + x.shape() + " has odd size " + n);
                    return x.slice(axis, 0, n / 2).mul(x.slice(axis, n / 2, n).sigmoid());
                }
                case HARD_TANH: return x.clip(-1.0, 1.0);
                case HARD_SHRINK: return Tensor.where(x.abs().greater(a), x, Tensor.scalar(0.0, x.dtype()));
                case SOFT_SHRINK:
                    return Tensor.where(x.greater(a), x.sub(a), Tensor.where(x.less(-a), x.add(a), Tensor.scalar(0.0, x.dtype())));
                case TANH_SHRINK: return x.sub(x.tanh());
                case SQUAREPLUS: return x.add(x.square().add(a).sqrt()).mul(0.5);
                case SPARSE_PLUS: {
                    Tensor zero = Tensor.scalar(0.0, x.dtype());
                    Tensor middle = x.add(1.0).square().mul(0.25);
                    return Tensor.where(x.lessEqual(-1.0), zero, Tensor.where(x.greaterEqual(1.0), x, middle));
                }
                case SPARSE_SIGMOID: return x.add(1.0).mul(0.5).clip(0.0, 1.0);
                case EXPONENTIAL: return x.exp();
                case MISH: return x.mul(x.softplus().tanh());
                case LOG_SIGMOID: return x.neg().softplus().neg();
                case THRESHOLD: return Tensor.where(x.greater(a), x, Tensor.scalar(b, x.dtype()));
                default: throw new IllegalStateException("Activations: no formula for " + kind);
            }
        }

        @Override public String name() { return name; }
        @Override public String toString() { return params.isEmpty() ? name : name + params; }
    }

    private static Named of(String name, Kind kind) { return new Named(name, Map.of(), kind, 0, 0, null, -1); }

    private static Named of(String name, Map<String, Object> params, Kind kind, double a) {
        return new Named(name, params, kind, a, 0, null, -1);
    }

    /** linear(x) = x. */
    public static final ActivationFunction LINEAR = of("linear", Kind.LINEAR);
    /** relu(x) = max(x, 0). */
    public static final ActivationFunction RELU = of("relu", Kind.RELU);
    /**
     * sigmoid(x) = 1/(1 + e^−x). The output carries its logits ({@link Tensor#withLogits}) so that binary
     * cross-entropy can use them, as Keras on TensorFlow does.
     */
    public static final ActivationFunction SIGMOID = of("sigmoid", Kind.SIGMOID);
    /** tanh(x). */
    public static final ActivationFunction TANH = of("tanh", Kind.TANH);
    /**
     * softmax over the last axis: e^x/Σe^x. The output carries its logits ({@link Tensor#withLogits}) so
     * that categorical and sparse categorical cross-entropy can use them, as Keras on TensorFlow does.
     */
    public static final ActivationFunction SOFTMAX = of("softmax", Kind.SOFTMAX);
    /** log_softmax over the last axis: x − log Σe^x. */
    public static final ActivationFunction LOG_SOFTMAX = of("log_softmax", Kind.LOG_SOFTMAX);
    /** softplus(x) = log(1 + e^x). */
    public static final ActivationFunction SOFTPLUS = of("softplus", Kind.SOFTPLUS);
    /** softsign(x) = x/(|x| + 1). */
    public static final ActivationFunction SOFTSIGN = of("softsign", Kind.SOFTSIGN);
    /** elu with α = 1: x if x &gt; 0 else e^x − 1. */
    public static final ActivationFunction ELU = elu(ELU_ALPHA);
    /** selu(x) = λ·elu(x, α), α ≈ 1.6733, λ ≈ 1.0507. */
    public static final ActivationFunction SELU = of("selu", Kind.SELU);
    /** gelu(x) = x·Φ(x), exact form (Keras default approximate = false). */
    public static final ActivationFunction GELU = gelu(false);
    /** silu(x) = swish(x) = x·sigmoid(x). */
    public static final ActivationFunction SILU = of("silu", Kind.SILU);
    /** Keras 3's alias of {@link #SILU} (the same function, saved as "silu"). */
    public static final ActivationFunction SWISH = SILU;
    /** leaky_relu with slope 0.2: x if x ≥ 0 else 0.2x. */
    public static final ActivationFunction LEAKY_RELU = leakyRelu(LEAKY_RELU_NEGATIVE_SLOPE);
    /** relu6(x) = min(max(x, 0), 6). */
    public static final ActivationFunction RELU6 = of("relu6", Kind.RELU6);
    /** hard_sigmoid(x) = relu6(x + 3)/6. */
    public static final ActivationFunction HARD_SIGMOID = of("hard_sigmoid", Kind.HARD_SIGMOID);
    /** hard_silu(x) = x·hard_sigmoid(x). */
    public static final ActivationFunction HARD_SILU = of("hard_silu", Kind.HARD_SILU);
    /** Keras 3's alias of {@link #HARD_SILU}. */
    public static final ActivationFunction HARD_SWISH = HARD_SILU;
    /** celu with α = 1: max(x, 0) + e^min(x, 0) − 1. */
    public static final ActivationFunction CELU = celu(1.0);
    /** glu over the last axis: a·sigmoid(b) for the two halves a, b. */
    public static final ActivationFunction GLU = glu(-1);
    /** hard_tanh(x) = clip(x, −1, 1). */
    public static final ActivationFunction HARD_TANH = of("hard_tanh", Kind.HARD_TANH);
    /** hard_shrink with threshold 0.5: x if |x| &gt; 0.5 else 0. */
    public static final ActivationFunction HARD_SHRINK = hardShrink(0.5);
    /** soft_shrink with threshold 0.5: x ∓ 0.5 beyond ±0.5, else 0. */
    public static final ActivationFunction SOFT_SHRINK = softShrink(0.5);
    /** tanh_shrink(x) = x − tanh x. */
    public static final ActivationFunction TANH_SHRINK = of("tanh_shrink", Kind.TANH_SHRINK);
    /** squareplus with b = 4: (x + √(x² + 4))/2. */
    public static final ActivationFunction SQUAREPLUS = squareplus(4.0);
    /** 0 for x ≤ −1, (x + 1)²/4 between, x for x ≥ 1. */
    public static final ActivationFunction SPARSE_PLUS = of("sparse_plus", Kind.SPARSE_PLUS);
    /** 0 for x ≤ −1, (x + 1)/2 between, 1 for x ≥ 1. */
    public static final ActivationFunction SPARSE_SIGMOID = of("sparse_sigmoid", Kind.SPARSE_SIGMOID);
    /** exponential(x) = e^x. */
    public static final ActivationFunction EXPONENTIAL = of("exponential", Kind.EXPONENTIAL);
    /** mish(x) = x·tanh(softplus x). */
    public static final ActivationFunction MISH = of("mish", Kind.MISH);
    /** log_sigmoid(x) = −softplus(−x). */
    public static final ActivationFunction LOG_SIGMOID = of("log_sigmoid", Kind.LOG_SIGMOID);

    private static final Map<String, ActivationFunction> BY_NAME = new LinkedHashMap<>();
    static {
        for (ActivationFunction a : new ActivationFunction[] {LINEAR, RELU, SIGMOID, TANH, SOFTMAX, LOG_SOFTMAX, SOFTPLUS,
                SOFTSIGN, ELU, SELU, GELU, SILU, LEAKY_RELU, RELU6, HARD_SIGMOID, HARD_SILU, EXPONENTIAL,
                MISH, LOG_SIGMOID, CELU, GLU, HARD_TANH, HARD_SHRINK, SOFT_SHRINK, TANH_SHRINK, SQUAREPLUS, SPARSE_PLUS, SPARSE_SIGMOID}) {
            BY_NAME.put(a.name(), a);
        }
        BY_NAME.put("swish", SILU);
        BY_NAME.put("hard_swish", HARD_SILU);
    }

    /**
     * The activation of this Keras name, spelled exactly as Keras's registry does ({@code "relu"}; Keras
     * rejects {@code "Relu"} too); null means linear. Unknown names throw IllegalArgumentException listing
     * the known ones; {@code "threshold"} needs its arguments ({@link #threshold}).
     */
    public static ActivationFunction get(String name) {
        if (name == null) return LINEAR;
        ActivationFunction a = BY_NAME.get(name);
        if (a == null) {
            String hint = name.equals("threshold") ? " (threshold has no defaults: use Activations.threshold(threshold, defaultValue))"
                    : BY_NAME.containsKey(name.toLowerCase(Locale.ROOT)) ? " (did you mean '" + name.toLowerCase(Locale.ROOT) + "'?)" : "";
            throw new IllegalArgumentException("Activations.get: unknown activation '" + name + "'" + hint + "; known: " + new TreeSet<>(BY_NAME.keySet()));
        }
        return a;
    }

    /** The names {@link #get} accepts. */
    public static java.util.Set<String> names() { return java.util.Collections.unmodifiableSet(BY_NAME.keySet()); }

    // ------------------------------------------------------------------ parameterised forms

    /** elu(x) = x if x > 0 else α(e^x − 1); Keras default α = 1. */
    public static ActivationFunction elu(double alpha) {
        return of("elu", alpha == ELU_ALPHA ? Map.of() : Map.of("alpha", alpha), Kind.ELU, alpha);
    }

    /** leaky_relu(x) = x if x ≥ 0 else slope·x; Keras 3 default slope 0.2. */
    public static ActivationFunction leakyRelu(double negativeSlope) {
        return of("leaky_relu", negativeSlope == LEAKY_RELU_NEGATIVE_SLOPE ? Map.of() : Map.of("negative_slope", negativeSlope),
                Kind.LEAKY_RELU, negativeSlope);
    }

    /**
     * gelu(x) = x·Φ(x) = x·(1 + erf(x/√2))/2 (approximate = false, Keras's default), or Hendrycks's
     * tanh form 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))) when approximate.
     */
    public static ActivationFunction gelu(boolean approximate) {
        return approximate ? of("gelu", Map.of("approximate", true), Kind.GELU_TANH, 0) : of("gelu", Kind.GELU);
    }

    /**
     * Keras's relu with all its options: x above {@code threshold} (else 0), clipped to {@code maxValue}
     * (null: no cap), minus negativeSlope·max(threshold − x, 0) below the threshold. Defaults 0, null, 0.
     */
    public static ActivationFunction relu(double negativeSlope, Double maxValue, double threshold) {
        if (negativeSlope == 0 && maxValue == null && threshold == 0) return RELU;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("negative_slope", negativeSlope);
        p.put("max_value", maxValue);
        p.put("threshold", threshold);
        return new Named("relu", p, Kind.RELU_OPTIONS, negativeSlope, threshold, maxValue, -1);
    }

    private static Tensor reluFormula(Tensor x, double negativeSlope, Double maxValue, double threshold) {
        if (negativeSlope != 0 && maxValue == null && threshold == 0) return Tensor.where(x.greaterEqual(0.0), x, x.mul(negativeSlope));
        Tensor y = threshold != 0 ? Tensor.where(x.greater(threshold), x, Tensor.scalar(0.0, x.dtype())) : x.relu();
        if (maxValue != null) y = y.clip(0.0, maxValue);
        if (negativeSlope != 0) y = y.sub(x.neg().add(threshold).relu().mul(negativeSlope));
        return y;
    }

    /** softmax along {@code axis} (Keras default −1). */
    public static ActivationFunction softmax(int axis) {
        return axis == -1 ? SOFTMAX : new Named("softmax", Map.of("axis", axis), Kind.SOFTMAX, 0, 0, null, axis);
    }

    /** log_softmax along {@code axis} (Keras default −1). */
    public static ActivationFunction logSoftmax(int axis) {
        return axis == -1 ? LOG_SOFTMAX : new Named("log_softmax", Map.of("axis", axis), Kind.LOG_SOFTMAX, 0, 0, null, axis);
    }

    /** celu(x) = max(x, 0) + α(e^(min(x, 0)/α) − 1); Keras default α = 1. */
    public static ActivationFunction celu(double alpha) {
        if (!(alpha > 0)) throw new IllegalArgumentException("Activations.celu: alpha (" + alpha + ") must be > 0");
        return of("celu", alpha == 1.0 ? Map.of() : Map.of("alpha", alpha), Kind.CELU, alpha);
    }

    /** Gated linear unit: the input split in two halves a, b along {@code axis}, then a·sigmoid(b); default axis −1. */
    public static ActivationFunction glu(int axis) {
        return new Named("glu", axis == -1 ? Map.of() : Map.of("axis", axis), Kind.GLU, 0, 0, null, axis);
    }

    /** x where |x| &gt; threshold, else 0; Keras default 0.5. */
    public static ActivationFunction hardShrink(double threshold) {
        return of("hard_shrink", threshold == 0.5 ? Map.of() : Map.of("threshold", threshold), Kind.HARD_SHRINK, threshold);
    }

    /** x − t above t, x + t below −t, 0 between; Keras default t = 0.5. */
    public static ActivationFunction softShrink(double threshold) {
        return of("soft_shrink", threshold == 0.5 ? Map.of() : Map.of("threshold", threshold), Kind.SOFT_SHRINK, threshold);
    }

    /** (x + √(x² + b))/2, a smooth relu; Keras default b = 4. */
    public static ActivationFunction squareplus(double b) {
        if (!(b >= 0)) throw new IllegalArgumentException("Activations.squareplus: b (" + b + ") must be >= 0");
        return of("squareplus", b == 4.0 ? Map.of() : Map.of("b", b), Kind.SQUAREPLUS, b);
    }

    /** x where x &gt; threshold, else defaultValue (Keras requires both arguments). */
    public static ActivationFunction threshold(double threshold, double defaultValue) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("threshold", threshold);
        p.put("default_value", defaultValue);
        return new Named("threshold", p, Kind.THRESHOLD, threshold, defaultValue, null, -1);
    }

    /** The parameters of a built-in activation that differ from Keras's defaults (for config), else empty. */
    static Map<String, Object> params(ActivationFunction a) {
        return a instanceof Named ? ((Named) a).params : Map.of();
    }

    /** Rebuilds a parameterised activation from its name and {@link #params}. */
    static ActivationFunction fromParams(String name, Map<String, Object> p) {
        if (p == null || p.isEmpty()) return get(name);
        switch (name) {
            case "elu": return elu(((Number) p.get("alpha")).doubleValue());
            case "leaky_relu": return leakyRelu(((Number) p.get("negative_slope")).doubleValue());
            case "gelu": return gelu(Boolean.TRUE.equals(p.get("approximate")));
            case "relu":
                return relu(num(p, "negative_slope", 0.0), p.get("max_value") == null ? null : num(p, "max_value", 0.0), num(p, "threshold", 0.0));
            case "softmax": return softmax((int) num(p, "axis", -1));
            case "log_softmax": return logSoftmax((int) num(p, "axis", -1));
            case "celu": return celu(num(p, "alpha", 1.0));
            case "glu": return glu((int) num(p, "axis", -1));
            case "hard_shrink": return hardShrink(num(p, "threshold", 0.5));
            case "soft_shrink": return softShrink(num(p, "threshold", 0.5));
            case "squareplus": return squareplus(num(p, "b", 4.0));
            case "threshold": return threshold(num(p, "threshold", 0.0), num(p, "default_value", 0.0));
            default: throw new IllegalArgumentException("Activations: activation '" + name + "' takes no parameters, got " + p);
        }
    }

    private static double num(Map<String, Object> p, String key, double fallback) {
        Object o = p.get(key);
        return o == null ? fallback : ((Number) o).doubleValue();
    }

    // ------------------------------------------------------------------ formulas

    /** α(e^x − 1) for x ≤ 0, x above; the exponent sees min(x, 0) so that large x cannot overflow into the graph. */
    private static Tensor eluFormula(Tensor x, double alpha) {
        Tensor positive = x.greater(0.0);
        Tensor negativePart = Tensor.where(positive, Tensor.scalar(0.0, x.dtype()), x);
        return Tensor.where(positive, x, expm1NonPositive(negativePart).mul(alpha));
    }

    /**
     * e^x − 1 for x ≤ 0 as 2t/(1 − t) with t = tanh(x/2): exact algebra, and unlike exp(x) − 1 it keeps full
     * relative precision near 0 (tanh is accurate there), as Keras's expm1 does. 1 − t ∈ [1, 2), no cancellation.
     */
    private static Tensor expm1NonPositive(Tensor x) {
        Tensor t = x.mul(0.5).tanh();
        return t.mul(2.0).div(t.neg().add(1.0));
    }

    /** relu6(x + 3)/6, Keras 3's hard_sigmoid. */
    private static Tensor hardSigmoid(Tensor x) { return x.add(3.0).clip(0.0, 6.0).div(6.0); }

    /** Numerical Recipes' erfc(z) coefficients (Chebyshev fit), fractional error below 1.2e-7 for every z ≥ 0. */
    private static final double[] ERFC = {-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806,
        0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277};

    /**
     * Φ(x) = erfc(−x/√2)/2 with erfc from {@link #ERFC}: erfc(z) ≈ t·exp(−z² + P(t)), t = 1/(1 + z/2), z = |x|/√2,
     * then Φ = erfc/2 for x &lt; 0 and 1 − erfc/2 otherwise. The relative error of erfc (≤ 1.2e-7) keeps the
     * negative tail accurate to float32; for float64 tensors gelu is accurate to about 1e-7 relative.
     */
    static Tensor normalCdf(Tensor x) {
        Tensor z = x.abs().mul(1 / Math.sqrt(2));
        Tensor t = z.mul(0.5).add(1.0).pow(-1.0);
        Tensor p = t.mul(ERFC[9]);
        for (int i = 8; i >= 1; i--) p = p.add(ERFC[i]).mul(t);
        Tensor erfc = t.mul(p.add(ERFC[0]).sub(z.square()).exp());
        Tensor half = erfc.mul(0.5);
        return Tensor.where(x.less(0.0), half, half.neg().add(1.0));
    }
}
