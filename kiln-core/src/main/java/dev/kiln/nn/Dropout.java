package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Randomly zeroes a fraction {@code rate} of the inputs during training and scales the rest by
 * 1/(1 − rate) (inverted dropout, as Keras), so inference is the identity: y = x·m/(1 − rate),
 * m ~ Bernoulli(1 − rate), only when {@code training}. {@link #noiseShape} shares one mask value along
 * chosen axes.
 *
 * <p>Each mask is a pure function of the layer's mask seed and its step counter: training call number
 * {@code s} draws from a generator seeded with {@code mix(seed, s)} (SplitMix64's finalizer), then the
 * counter moves on. The mask seed is {@link #seed(long)} if given, else drawn from the build generator (so
 * a model with {@code Sequential.seed} drops the same units run after run). The counter is part of
 * {@link #config()} ({@code "step"}), so a saved and loaded model draws exactly the masks an uninterrupted
 * run would have drawn; inference calls do not move it.
 *
 * <pre>{@code
 * model.add(new Dense(64).activation("relu"));
 * model.add(new Dropout(0.5));
 * }</pre>
 */
public class Dropout extends Layer {
    private final double rate;
    private Long seed;
    private int[] noiseShape;
    /** The seed the masks derive from: {@link #seed} or one drawn at build. */
    private long maskSeed;
    /** Training calls that drew a mask so far. */
    private long step;

    /** {@code rate} in [0, 1): the fraction of inputs dropped. */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("Dropout: rate (" + rate + ") must be in [0, 1)");
        this.rate = rate;
    }

    /** The fraction of inputs dropped in training. */
    public double rate() { return rate; }

    /** Seeds the mask generator independently of the model's seed. */
    public Dropout seed(long seed) {
        if (built()) throw new IllegalStateException(describe() + ": seed must be set before the layer is built");
        this.seed = seed;
        return this;
    }

    /**
     * The shape of the mask (Keras's {@code noise_shape}), broadcast against the input; −1 takes the input's size.
     * E.g. for (batch, timesteps, features), {@code noiseShape(-1, 1, -1)} drops the same features at every step.
     */
    public Dropout noiseShape(int... shape) {
        for (int d : shape) {
            if (d < -1 || d == 0) throw new IllegalArgumentException(describe() + ": noiseShape dimensions must be > 0 or -1, got " + java.util.Arrays.toString(shape));
        }
        this.noiseShape = shape.clone();
        return this;
    }

    /** How many training calls have drawn a mask (the next call draws mask number {@code step()}). */
    public long step() { return step; }

    @Override public Dropout name(String name) { super.name(name); return this; }

    @Override public Dropout dtype(DType dtype) { super.dtype(dtype); return this; }

    @Override
    protected Shape computeOutputShape(Shape in) {
        if (noiseShape != null) {
            boolean ok = noiseShape.length == in.rank();
            for (int i = 0; ok && i < noiseShape.length; i++) ok = noiseShape[i] == -1 || noiseShape[i] == 1 || in.dim(i) < 0 || noiseShape[i] == in.dim(i);
            if (!ok) throw new IllegalArgumentException(describe() + ": noiseShape " + Shape.of(noiseShape) + " does not broadcast against input " + in);
        }
        return in;
    }

    @Override
    protected void buildWeights(Shape inputShape, SplittableRandom buildRng) {
        maskSeed = seed != null ? seed : buildRng.nextLong();
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (!training || rate == 0) return x;
        double scale = 1.0 / (1.0 - rate);
        int[] shape = x.shape().toArray();
        if (noiseShape != null) {
            computeOutputShape(x.shape());
            for (int i = 0; i < shape.length; i++) if (noiseShape[i] != -1) shape[i] = noiseShape[i];
        }
        int n = Shape.of(shape).size();
        SplittableRandom rng = new SplittableRandom(streamSeed(maskSeed, step));
        Tensor mask;
        if (x.dtype() == DType.FLOAT64) {
            double[] m = new double[n];
            for (int i = 0; i < n; i++) m[i] = rng.nextDouble() >= rate ? scale : 0.0;
            mask = Tensor.wrap(m, shape);
        } else {
            float[] m = new float[n];
            float s = (float) scale;
            for (int i = 0; i < n; i++) m[i] = rng.nextDouble() >= rate ? s : 0f;
            mask = Tensor.wrap(m, shape);
        }
        Tensor y = x.mul(mask);
        step++;
        return y;
    }

    /**
     * The generator seed of mask number {@code step}: both mixed with SplitMix64's finalizer, so that
     * neighbouring steps (or seeds) give unrelated streams rather than shifted copies of one stream.
     */
    static long streamSeed(long seed, long step) {
        return mix64(seed ^ mix64(step * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("rate", rate);
        c.put("seed", seed);
        c.put("noise_shape", noiseShape == null ? null : Config.shapeList(Shape.of(noiseShape)));
        c.put("step", step);
        return c;
    }

    static Dropout fromConfig(Map<String, Object> c) {
        Dropout d = new Dropout(Config.number(c, "rate", 0.0));
        d.applyBaseConfig(c);
        Long s = Config.seed(c);
        if (s != null) d.seed(s);
        if (c.get("noise_shape") != null) d.noiseShape(Config.ints(c.get("noise_shape")));
        Object st = c.get("step");   // absent in Keras configs and older Kiln files: a fresh layer
        if (st != null) {
            if (!(st instanceof Number v) || v.doubleValue() != v.longValue() || v.longValue() < 0) {
                throw new IllegalArgumentException("Dropout: config 'step' must be an integer >= 0, got " + st);
            }
            d.step = v.longValue();
        }
        return d;
    }
}
