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
 * generator (so a seeded model drops the same units), or seeded by {@link #seed(long)}.
 *
 * <pre>{@code
 * model.add(new Dense(64).activation("relu"));
 * model.add(new Dropout(0.5));
 * }</pre>
 */
public class Dropout extends Layer {
    private final double rate;
    private Long seed;
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

    @Override public Dropout name(String name) { super.name(name); return this; }

    @Override public Dropout dtype(DType dtype) { super.dtype(dtype); return this; }

    @Override protected Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override
    protected void buildWeights(Shape inputShape, SplittableRandom buildRng) {
        rng = seed != null ? new SplittableRandom(seed) : buildRng.split();
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (!training || rate == 0) return x;
        double scale = 1.0 / (1.0 - rate);
        int n = x.size();
        int[] shape = x.shape().toArray();
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
        return c;
    }

    static Dropout fromConfig(Map<String, Object> c) {
        Dropout d = new Dropout(Config.number(c, "rate", 0.0));
        d.applyBaseConfig(c);
        Long s = Config.seed(c);
        if (s != null) d.seed(s);
        return d;
    }
}
