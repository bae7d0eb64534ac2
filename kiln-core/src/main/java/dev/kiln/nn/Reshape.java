package dev.kiln.nn;

import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Gives each sample a new shape with the same number of elements (row-major); one dimension may be −1
 * and is then inferred. The batch axis is kept.
 *
 * <pre>{@code
 * model.add(new Reshape(28, 28, 1).inputShape(784));   // (None, 784) -> (None, 28, 28, 1)
 * model.add(new Reshape(-1, 4));                       // (None, 6, 2) -> (None, 3, 4)
 * }</pre>
 */
public class Reshape extends Layer {
    private final int[] targetShape;

    public Reshape(int... targetShape) {
        int unknown = 0;
        for (int d : targetShape) {
            if (d == -1) unknown++;
            else if (d <= 0) throw new IllegalArgumentException("Reshape: targetShape dimensions must be > 0 or -1, got " + Arrays.toString(targetShape));
        }
        if (unknown > 1) throw new IllegalArgumentException("Reshape: at most one dimension of targetShape can be -1, got " + Arrays.toString(targetShape));
        this.targetShape = targetShape.clone();
    }

    /** Declares the input shape without the batch axis, when this is the first layer. */
    public Reshape inputShape(int... dims) {
        declareInputShape(dims);
        return this;
    }

    @Override public Reshape name(String name) { super.name(name); return this; }

    @Override
    protected Shape computeOutputShape(Shape in) {
        if (in.rank() < 1) throw new IllegalArgumentException(describe() + ": expected input with a batch axis, received " + in);
        long n = 1;
        for (int i = 1; i < in.rank(); i++) {
            if (in.dim(i) < 0) return Shape.of(target(-1, in)).prepend(in.dim(0));
            n *= in.dim(i);
        }
        return Shape.of(target(n, in)).prepend(in.dim(0));
    }

    /** The target shape with −1 resolved for a sample of n elements (n = −1: unknown, left as −1). */
    private int[] target(long n, Shape in) {
        int[] t = targetShape.clone();
        long known = 1;
        int unknown = -1;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == -1) unknown = i;
            else known *= t[i];
        }
        if (n < 0) return t;
        if (unknown >= 0 ? n % known != 0 : n != known) {
            throw new IllegalArgumentException(describe() + ": cannot reshape input " + in + " (" + n + " values per sample) to "
                    + Arrays.toString(targetShape));
        }
        if (unknown >= 0) t[unknown] = (int) (n / known);
        return t;
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        Shape out = computeOutputShape(x.shape());
        return x.reshape(out.toArray());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("target_shape", Config.intList(targetShape));
        return c;
    }

    public static Reshape fromConfig(Map<String, Object> c) {
        Reshape r = new Reshape(Config.ints(c.get("target_shape")));
        r.applyBaseConfig(c);
        return r;
    }
}
