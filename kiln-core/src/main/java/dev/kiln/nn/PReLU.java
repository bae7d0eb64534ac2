package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Parametric ReLU: y = max(x, 0) − α·max(−x, 0), with a learned slope α per input element (shape of the
 * input without the batch axis), shared (size 1) along {@code sharedAxes} (1-based, as Keras: for images
 * (batch, h, w, c), sharedAxes(1, 2) learns one α per channel). Default α initializer zeros (starts as ReLU).
 *
 * <pre>{@code
 * model.add(new Dense(64));
 * model.add(new PReLU());
 * new PReLU().alphaInitializer(Initializers.constant(0.25)).sharedAxes(1, 2);
 * }</pre>
 */
public class PReLU extends Layer {
    private Initializer alphaInitializer = Initializers.zeros();
    private Regularizer alphaRegularizer;
    private Constraint alphaConstraint;
    private int[] sharedAxes = new int[0];
    private Tensor alpha;

    /** Initializer of α (default zeros: the layer starts as a ReLU). */
    public PReLU alphaInitializer(Initializer init) {
        requireUnbuilt();
        if (init == null) throw new IllegalArgumentException(describe() + ": alphaInitializer is null");
        this.alphaInitializer = init;
        return this;
    }

    /** Initializer of α by Keras name (default "zeros"). */
    public PReLU alphaInitializer(String name) { return alphaInitializer(Initializers.get(name)); }

    /** Penalty on α (default none). */
    public PReLU alphaRegularizer(Regularizer r) { requireUnbuilt(); alphaRegularizer = r; return this; }

    /** Projection of α after each update (default none). */
    public PReLU alphaConstraint(Constraint c) { requireUnbuilt(); alphaConstraint = c; return this; }

    /** Axes (1-based, the batch axis is 0) along which α is shared. */
    public PReLU sharedAxes(int... axes) {
        requireUnbuilt();
        for (int a : axes) if (a < 1) throw new IllegalArgumentException(describe() + ": sharedAxes are 1-based axes after the batch axis, got " + Arrays.toString(axes));
        this.sharedAxes = axes.clone();
        return this;
    }

    /** Declares the input shape without the batch axis, when this is the first layer. */
    public PReLU inputShape(int... dims) {
        declareInputShape(dims);
        return this;
    }

    @Override public PReLU name(String name) { super.name(name); return this; }

    @Override public PReLU dtype(DType dtype) { super.dtype(dtype); return this; }

    @Override public PReLU trainable(boolean t) { super.trainable(t); return this; }

    private void requireUnbuilt() {
        if (built()) throw new IllegalStateException(describe() + ": settings must be made before the layer is built");
    }

    /** The learned slopes, or null before building. */
    public Tensor alpha() { return alpha; }

    @Override
    protected Shape computeOutputShape(Shape in) {
        if (in.rank() < 2) throw new IllegalArgumentException(describe() + ": expected input of rank >= 2 (batch, ...), received " + in);
        for (int a : sharedAxes) {
            if (a >= in.rank()) throw new IllegalArgumentException(describe() + ": shared axis " + a + " is out of range for input " + in);
        }
        for (int i = 1; i < in.rank(); i++) {
            if (in.dim(i) < 0 && !isShared(i)) throw new IllegalArgumentException(describe() + ": axis " + i + " of input " + in + " must be known or shared");
        }
        return in;
    }

    private boolean isShared(int axis) {
        for (int a : sharedAxes) if (a == axis) return true;
        return false;
    }

    @Override
    protected void buildWeights(Shape in, SplittableRandom rng) {
        int[] s = new int[in.rank() - 1];
        for (int i = 1; i < in.rank(); i++) s[i - 1] = isShared(i) ? 1 : in.dim(i);
        alpha = addWeight("alpha", Shape.of(s), alphaInitializer, true, alphaRegularizer, alphaConstraint, rng);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        return x.relu().sub(alpha.mul(x.neg().relu()));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("alpha_initializer", Initializers.serialize(alphaInitializer));
        c.put("alpha_regularizer", alphaRegularizer == null ? null : Regularizers.serialize(alphaRegularizer));
        c.put("alpha_constraint", alphaConstraint == null ? null : Constraints.serialize(alphaConstraint));
        c.put("shared_axes", sharedAxes.length == 0 ? null : Config.intList(sharedAxes));
        return c;
    }

    static PReLU fromConfig(Map<String, Object> c) {
        PReLU p = new PReLU();
        p.applyBaseConfig(c);
        if (c.get("alpha_initializer") != null) p.alphaInitializer(Initializers.deserialize(c.get("alpha_initializer")));
        if (c.get("alpha_regularizer") != null) p.alphaRegularizer(Regularizers.deserialize(c.get("alpha_regularizer")));
        if (c.get("alpha_constraint") != null) p.alphaConstraint(Constraints.deserialize(c.get("alpha_constraint")));
        if (c.get("shared_axes") != null) p.sharedAxes(Config.ints(c.get("shared_axes")));
        return p;
    }
}
