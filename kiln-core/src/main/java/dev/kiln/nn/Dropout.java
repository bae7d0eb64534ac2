package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Randomly zeroes a fraction {@code rate} of the inputs during training and scales the rest by
 * 1/(1 − rate) (inverted dropout, as Keras), so inference is the identity: y = x·m/(1 − rate),
 * m ~ Bernoulli(1 − rate), only when {@code training}. The mask generator is split from the build
 * generator (so a seeded model drops the same units), or seeded by {@link #seed(long)}; {@link #noiseShape}
 * shares one mask value along chosen axes.
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
    private SplittableRandom rng;

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
        rng = seed != null ? new SplittableRandom(seed) : buildRng.split();
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
        return x.mul(mask);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("rate", rate);
        c.put("seed", seed);
        c.put("noise_shape", noiseShape == null ? null : Config.shapeList(Shape.of(noiseShape)));
        return c;
    }

    static Dropout fromConfig(Map<String, Object> c) {
        Dropout d = new Dropout(Config.number(c, "rate", 0.0));
        d.applyBaseConfig(c);
        Long s = Config.seed(c);
        if (s != null) d.seed(s);
        if (c.get("noise_shape") != null) d.noiseShape(Config.ints(c.get("noise_shape")));
        return d;
    }
}
