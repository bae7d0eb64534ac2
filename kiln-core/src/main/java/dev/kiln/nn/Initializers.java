package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Keras 3's weight initializers, by name ({@link #get}) and as factories. With {@code fan_in},
 * {@code fan_out} from {@link #computeFans} and {@code fan_avg = (fan_in + fan_out)/2}:
 * <ul>
 * <li>zeros, ones, constant(value);</li>
 * <li>random_normal N(0, 0.05²); random_uniform U(−0.05, 0.05); truncated_normal N(0, 0.05²) redrawn beyond 2σ;</li>
 * <li>variance scaling (scale s, mode, distribution): n = max(1, fan of the mode); uniform U(±√(3s/n));
 *     truncated normal with σ = √(s/n)/0.87962566103423978 (the std of a unit normal cut at ±2);</li>
 * <li>glorot_uniform / glorot_normal: s = 1, fan_avg (Dense's default kernel initializer);
 *     he_uniform / he_normal: s = 2, fan_in; lecun_uniform / lecun_normal: s = 1, fan_in;</li>
 * <li>orthogonal(gain 1): Q of the QR decomposition of a normal matrix, signs fixed by diag(R);
 *     identity(gain 1): gain·I for a 2-D shape;</li>
 * <li>legacy Keras 1 names: {@code "normal"} = random_normal (σ 0.05), {@code "uniform"} = random_uniform (±0.05),
 *     {@code "zero"}, {@code "one"}.</li>
 * </ul>
 *
 * <pre>{@code
 * Initializer init = Initializers.get("he_uniform");
 * Tensor w = init.initialize(Shape.of(20, 50), DType.FLOAT32, new SplittableRandom(1));
 * new Dense(50).kernelInitializer(Initializers.randomNormal(0, 0.01));
 * }</pre>
 *
 * Random values come from the generator passed in (or, for an initializer given a seed, from a generator
 * of that seed on every call); they follow the distributions exactly but are not Keras's bit streams.
 */
public final class Initializers {
    private Initializers() {}

    /** Keras's defaults for the random initializers. */
    public static final double DEFAULT_STDDEV = 0.05;
    /** random_uniform's default lower bound. */
    public static final double DEFAULT_MINVAL = -0.05;
    /** random_uniform's default upper bound. */
    public static final double DEFAULT_MAXVAL = 0.05;
    /** Standard deviation of a unit normal truncated to [−2, 2]; variance scaling divides by it. */
    public static final double TRUNCATED_STDDEV_FACTOR = 0.87962566103423978;

    /** A built-in initializer: Keras class name, config and the sampler. */
    private static final class Builtin implements Initializer {
        interface Sampler { void fill(double[] out, Shape shape, SplittableRandom rng); }

        private final String className;
        private final Map<String, Object> config;
        private final Long seed;
        private final Sampler sampler;

        Builtin(String className, Map<String, Object> config, Long seed, Sampler sampler) {
            this.className = className;
            this.config = config;
            this.seed = seed;
            this.sampler = sampler;
        }

        @Override
        public Tensor initialize(Shape shape, DType dtype, SplittableRandom rng) {
            if (!shape.isFullyKnown()) throw new IllegalArgumentException(className + ": cannot initialize a weight of unknown shape " + shape);
            double[] v = new double[shape.size()];
            sampler.fill(v, shape, seed != null ? new SplittableRandom(seed) : rng);
            return Tensor.fromFlat(v, dtype, shape.toArray());
        }

        @Override public String className() { return className; }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> c = new LinkedHashMap<>(config);
            if (seed != null || isRandom()) c.put("seed", seed);
            return c;
        }

        private boolean isRandom() { return !className.equals("Zeros") && !className.equals("Ones") && !className.equals("Constant") && !className.equals("Identity"); }

        @Override public String toString() { return className + config(); }
    }

    private static Map<String, Object> cfg(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    // ------------------------------------------------------------------ factories

    /** Every element 0 (Dense's default bias initializer). */
    public static Initializer zeros() { return new Builtin("Zeros", cfg(), null, (v, s, r) -> {}); }

    /** Every element 1. */
    public static Initializer ones() { return new Builtin("Ones", cfg(), null, (v, s, r) -> java.util.Arrays.fill(v, 1.0)); }

    /** Every element {@code value}. */
    public static Initializer constant(double value) {
        return new Builtin("Constant", cfg("value", value), null, (v, s, r) -> java.util.Arrays.fill(v, value));
    }

    /** N(mean, stddev²); Keras default mean 0, stddev 0.05. */
    public static Initializer randomNormal(double mean, double stddev) { return randomNormal(mean, stddev, null); }

    /** As {@link #randomNormal(double, double)}, with a fixed seed (null: the layer's generator). */
    public static Initializer randomNormal(double mean, double stddev, Long seed) {
        requireNonNegative("RandomNormal", "stddev", stddev);
        return new Builtin("RandomNormal", cfg("mean", mean, "stddev", stddev), seed, (v, s, r) -> {
            for (int i = 0; i < v.length; i++) v[i] = mean + stddev * r.nextGaussian();
        });
    }

    /** U(minval, maxval); Keras default ±0.05. */
    public static Initializer randomUniform(double minval, double maxval) { return randomUniform(minval, maxval, null); }

    /** As {@link #randomUniform(double, double)}, with a fixed seed (null: the layer's generator). */
    public static Initializer randomUniform(double minval, double maxval, Long seed) {
        if (!(minval <= maxval)) throw new IllegalArgumentException("RandomUniform: minval (" + minval + ") must be <= maxval (" + maxval + ")");
        return new Builtin("RandomUniform", cfg("minval", minval, "maxval", maxval), seed, (v, s, r) -> uniform(v, r, minval, maxval));
    }

    /** N(mean, stddev²) with values beyond two standard deviations redrawn; Keras default stddev 0.05. */
    public static Initializer truncatedNormal(double mean, double stddev) { return truncatedNormal(mean, stddev, null); }

    /** As {@link #truncatedNormal(double, double)}, with a fixed seed (null: the layer's generator). */
    public static Initializer truncatedNormal(double mean, double stddev, Long seed) {
        requireNonNegative("TruncatedNormal", "stddev", stddev);
        return new Builtin("TruncatedNormal", cfg("mean", mean, "stddev", stddev), seed, (v, s, r) -> truncated(v, r, mean, stddev));
    }

    /**
     * Keras's VarianceScaling: n = max(1, fan) for mode "fan_in", "fan_out" or "fan_avg"; distribution
     * "uniform" U(±√(3·scale/n)), "truncated_normal" σ = √(scale/n)/0.8796…, "untruncated_normal" σ = √(scale/n).
     */
    public static Initializer varianceScaling(double scale, String mode, String distribution, Long seed) {
        return varianceScaling("VarianceScaling", scale, mode, distribution, seed);
    }

    private static Initializer varianceScaling(String className, double scale, String mode, String distribution, Long seed) {
        if (!(scale > 0)) throw new IllegalArgumentException(className + ": scale (" + scale + ") must be > 0");
        if (!mode.equals("fan_in") && !mode.equals("fan_out") && !mode.equals("fan_avg")) {
            throw new IllegalArgumentException(className + ": mode must be 'fan_in', 'fan_out' or 'fan_avg', got '" + mode + "'");
        }
        if (!distribution.equals("uniform") && !distribution.equals("truncated_normal") && !distribution.equals("untruncated_normal")) {
            throw new IllegalArgumentException(className + ": distribution must be 'uniform', 'truncated_normal' or 'untruncated_normal', got '" + distribution + "'");
        }
        Map<String, Object> c = className.equals("VarianceScaling") ? cfg("scale", scale, "mode", mode, "distribution", distribution) : cfg();
        return new Builtin(className, c, seed, (v, s, r) -> {
            int[] fans = computeFans(s);
            double n = mode.equals("fan_in") ? fans[0] : mode.equals("fan_out") ? fans[1] : (fans[0] + fans[1]) / 2.0;
            double sc = scale / Math.max(1.0, n);
            if (distribution.equals("uniform")) {
                double limit = Math.sqrt(3.0 * sc);
                uniform(v, r, -limit, limit);
            } else if (distribution.equals("truncated_normal")) {
                truncated(v, r, 0.0, Math.sqrt(sc) / TRUNCATED_STDDEV_FACTOR);
            } else {
                double sd = Math.sqrt(sc);
                for (int i = 0; i < v.length; i++) v[i] = sd * r.nextGaussian();
            }
        });
    }

    /** U(±√(6/(fan_in + fan_out))): variance scaling 1, fan_avg, uniform. Dense's default kernel initializer. */
    public static Initializer glorotUniform() { return varianceScaling("GlorotUniform", 1.0, "fan_avg", "uniform", null); }

    /** Truncated normal, σ = √(2/(fan_in + fan_out))/0.8796…: variance scaling 1, fan_avg. */
    public static Initializer glorotNormal() { return varianceScaling("GlorotNormal", 1.0, "fan_avg", "truncated_normal", null); }

    /** U(±√(6/fan_in)): variance scaling 2, fan_in, uniform. */
    public static Initializer heUniform() { return varianceScaling("HeUniform", 2.0, "fan_in", "uniform", null); }

    /** Truncated normal, σ = √(2/fan_in)/0.8796…. */
    public static Initializer heNormal() { return varianceScaling("HeNormal", 2.0, "fan_in", "truncated_normal", null); }

    /** U(±√(3/fan_in)). */
    public static Initializer lecunUniform() { return varianceScaling("LecunUniform", 1.0, "fan_in", "uniform", null); }

    /** Truncated normal, σ = √(1/fan_in)/0.8796…. */
    public static Initializer lecunNormal() { return varianceScaling("LecunNormal", 1.0, "fan_in", "truncated_normal", null); }

    /** The same initializer with a fixed seed (each call then yields the same values, as a seeded Keras initializer). */
    public static Initializer seeded(String name, long seed) {
        Builtin b = (Builtin) get(name);
        return new Builtin(b.className, b.config, seed, b.sampler);
    }

    /**
     * An orthogonal matrix (rows = product of all but the last axis, columns = the last), times gain: the Q
     * of a QR decomposition of a standard normal matrix with signs fixed so that diag(R) &gt; 0; rows are
     * orthonormal when there are fewer rows than columns, columns otherwise.
     */
    public static Initializer orthogonal(double gain) {
        return new Builtin("Orthogonal", cfg("gain", gain), null, (v, s, r) -> Orthogonal.fill(v, s, r, gain));
    }

    /** gain times the identity matrix (2-D shapes only; a rectangular shape gets ones on the main diagonal). */
    public static Initializer identity(double gain) {
        return new Builtin("Identity", cfg("gain", gain), null, (v, s, r) -> {
            if (s.rank() != 2) throw new IllegalArgumentException("Identity: initializer needs a 2-D shape, got " + s);
            int cols = s.dim(1);
            for (int i = 0; i < Math.min(s.dim(0), cols); i++) v[i * cols + i] = gain;
        });
    }

    // ------------------------------------------------------------------ lookup

    /** The names {@link #get} accepts (besides the class names); {@link #byName} makes each. */
    private static final java.util.List<String> NAMES = java.util.List.of("zeros", "ones", "random_normal", "random_uniform",
            "truncated_normal", "variance_scaling", "glorot_uniform", "glorot_normal", "he_uniform", "he_normal",
            "lecun_uniform", "lecun_normal", "orthogonal", "identity", "normal", "uniform", "zero", "one");

    /** A switch, not a map of lambdas: each lambda costs a generated class at startup. */
    private static Initializer byName(String name) {
        switch (name) {
            case "zeros": case "zero": return zeros();
            case "ones": case "one": return ones();
            // Keras 1 names, as in init='normal'
            case "random_normal": case "normal": return randomNormal(0.0, DEFAULT_STDDEV);
            case "random_uniform": case "uniform": return randomUniform(DEFAULT_MINVAL, DEFAULT_MAXVAL);
            case "truncated_normal": return truncatedNormal(0.0, DEFAULT_STDDEV);
            case "variance_scaling": return varianceScaling(1.0, "fan_in", "truncated_normal", null);
            case "glorot_uniform": return glorotUniform();
            case "glorot_normal": return glorotNormal();
            case "he_uniform": return heUniform();
            case "he_normal": return heNormal();
            case "lecun_uniform": return lecunUniform();
            case "lecun_normal": return lecunNormal();
            case "orthogonal": return orthogonal(1.0);
            case "identity": return identity(1.0);
            default: return null;
        }
    }

    /** Keras's class names, which {@link #get} accepts as well as the snake_case names. */
    private static final Map<String, String> CLASS_NAMES = Map.ofEntries(
            Map.entry("Zeros", "zeros"), Map.entry("Ones", "ones"), Map.entry("RandomNormal", "random_normal"),
            Map.entry("RandomUniform", "random_uniform"), Map.entry("TruncatedNormal", "truncated_normal"),
            Map.entry("VarianceScaling", "variance_scaling"), Map.entry("GlorotUniform", "glorot_uniform"),
            Map.entry("GlorotNormal", "glorot_normal"), Map.entry("HeUniform", "he_uniform"), Map.entry("HeNormal", "he_normal"),
            Map.entry("LecunUniform", "lecun_uniform"), Map.entry("LecunNormal", "lecun_normal"),
            Map.entry("Orthogonal", "orthogonal"), Map.entry("OrthogonalInitializer", "orthogonal"), Map.entry("Identity", "identity"));

    /**
     * The initializer of this Keras name ({@code "glorot_uniform"}) or class name ({@code "GlorotUniform"}),
     * spelled as Keras does, with Keras's defaults; unknown names throw IllegalArgumentException listing the
     * known ones ({@code "constant"} has no default value in Keras either: use {@link #constant}).
     */
    public static Initializer get(String name) {
        if (name == null) throw new IllegalArgumentException("Initializers.get: name is null");
        Initializer init = byName(CLASS_NAMES.getOrDefault(name, name));
        if (init == null) {
            String hint = name.equals("constant") || name.equals("Constant") ? " (constant needs its value: Initializers.constant(v))" : "";
            throw new IllegalArgumentException("Initializers.get: unknown initializer '" + name + "'" + hint + "; known: " + new TreeSet<>(NAMES));
        }
        return init;
    }

    /** Keras's serialized form {"class_name": ..., "config": {...}}. */
    public static Map<String, Object> serialize(Initializer init) {
        if (init.className() == null) {
            throw new IllegalArgumentException("Initializers.serialize: a user initializer (" + init + ") has no Keras class name and cannot be saved");
        }
        return Config.serialized(init.className(), init.config());
    }

    /** The inverse of {@link #serialize}; a plain name string is accepted too. */
    @SuppressWarnings("unchecked")
    public static Initializer deserialize(Object o) {
        if (o instanceof String) return get((String) o);
        Map<String, Object> m = (Map<String, Object>) o;
        String cls = (String) m.get("class_name");
        Map<String, Object> c = m.get("config") == null ? Map.of() : (Map<String, Object>) m.get("config");
        Long seed = Config.seed(c);
        switch (cls) {
            case "Constant": return constant(Config.number(c, "value", 0.0));
            case "RandomNormal": return randomNormal(Config.number(c, "mean", 0.0), Config.number(c, "stddev", DEFAULT_STDDEV), seed);
            case "RandomUniform": return randomUniform(Config.number(c, "minval", DEFAULT_MINVAL), Config.number(c, "maxval", DEFAULT_MAXVAL), seed);
            case "TruncatedNormal": return truncatedNormal(Config.number(c, "mean", 0.0), Config.number(c, "stddev", DEFAULT_STDDEV), seed);
            case "VarianceScaling":
                return varianceScaling(Config.number(c, "scale", 1.0), (String) c.getOrDefault("mode", "fan_in"),
                        (String) c.getOrDefault("distribution", "truncated_normal"), seed);
            case "Orthogonal": return orthogonal(Config.number(c, "gain", 1.0));
            case "Identity": return identity(Config.number(c, "gain", 1.0));
            default: {
                Initializer base = get(cls);
                return seed == null ? base : seeded(cls, seed);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Keras's fans: () → (1, 1); (n) → (n, n); (in, out) → (in, out); a convolution kernel
     * (k1, …, in, out) → (in·k1·…, out·k1·…), the receptive field times the channels.
     */
    public static int[] computeFans(Shape shape) {
        int r = shape.rank();
        if (r == 0) return new int[] {1, 1};
        if (r == 1) return new int[] {shape.dim(0), shape.dim(0)};
        if (r == 2) return new int[] {shape.dim(0), shape.dim(1)};
        long receptive = 1;
        for (int i = 0; i < r - 2; i++) receptive *= shape.dim(i);
        return new int[] {(int) (shape.dim(-2) * receptive), (int) (shape.dim(-1) * receptive)};
    }

    private static void uniform(double[] v, SplittableRandom r, double lo, double hi) {
        for (int i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * r.nextDouble();
    }

    private static void truncated(double[] v, SplittableRandom r, double mean, double stddev) {
        for (int i = 0; i < v.length; i++) {
            double z;
            do { z = r.nextGaussian(); } while (Math.abs(z) > 2.0);
            v[i] = mean + stddev * z;
        }
    }

    private static void requireNonNegative(String who, String arg, double v) {
        if (!(v >= 0)) throw new IllegalArgumentException(who + ": " + arg + " (" + v + ") must be >= 0");
    }
}
