package dev.kiln.nn;

import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The shared settings of {@link MaxPooling2D} and {@link AveragePooling2D}: pool size (default 2×2),
 * strides (default: the pool size), padding ("valid" or "same") and data format, with Keras's output
 * sizes: floor((size − pool) / stride) + 1 for "valid", ceil(size / stride) for "same".
 */
public abstract class Pooling2D extends Layer {
    private int[] poolSize;
    private int[] strides;
    private String padding = "valid";
    private DataFormat dataFormat = DataFormat.CHANNELS_LAST;

    Pooling2D(int poolHeight, int poolWidth) {
        this.poolSize = pair("poolSize", new int[] {poolHeight, poolWidth});
    }

    /** Declares the input shape without the batch axis (height, width, channels), when this is the first layer. */
    public Pooling2D inputShape(int... dims) {
        if (dims.length != 3) throw new IllegalArgumentException(describe() + ": inputShape must have 3 dimensions, got " + Arrays.toString(dims));
        declareInputShape(dims);
        return this;
    }

    /** One value for both axes, or (height, width); by default equal to the pool size. */
    public Pooling2D strides(int... strides) { this.strides = pair("strides", strides); return this; }

    /** "valid" (default) or "same"; with "same", the window positions outside the image are ignored. */
    public Pooling2D padding(String padding) {
        String p = padding == null ? "" : padding.toLowerCase(Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same")) {
            throw new IllegalArgumentException(describe() + ": padding must be 'valid' or 'same', got '" + padding + "'");
        }
        this.padding = p;
        return this;
    }

    /** "channels_last" (default) or "channels_first". */
    public Pooling2D dataFormat(String format) { this.dataFormat = DataFormat.of(format, describe()); return this; }

    @Override public Pooling2D name(String name) { super.name(name); return this; }

    private int[] pair(String what, int[] v) {
        int[] p = v != null && v.length == 1 ? new int[] {v[0], v[0]} : v;
        if (p == null || p.length != 2 || p[0] <= 0 || p[1] <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + what + " must be one or two positive integers, got " + Arrays.toString(v));
        }
        return p.clone();
    }

    int[] effectiveStrides() { return strides != null ? strides : poolSize; }

    @Override
    protected Shape computeOutputShape(Shape in) {
        Shape last = dataFormat.checkImages(in, describe());
        int[] s = effectiveStrides();
        int h = size(last.dim(1), 0, s, in), w = size(last.dim(2), 1, s, in);
        return dataFormat.fromLast(Shape.of(last.dim(0), h, w, last.dim(3)));
    }

    private int size(int n, int axis, int[] s, Shape in) {
        if (n < 0) return -1;
        if (padding.equals("same")) return (n + s[axis] - 1) / s[axis];
        if (n < poolSize[axis]) {
            throw new IllegalArgumentException(describe() + ": pool " + poolSize[0] + "x" + poolSize[1] + " is larger than the input "
                    + in + " with 'valid' padding; use padding(\"same\")");
        }
        return (n - poolSize[axis]) / s[axis] + 1;
    }

    @Override
    protected final Tensor forward(Tensor x, boolean training) {
        return dataFormat.fromLast(pool(dataFormat.toLast(x), poolSize.clone(), effectiveStrides().clone(), padding));
    }

    /** The pooling of a channels-last batch. */
    abstract Tensor pool(Tensor x, int[] poolSize, int[] strides, String padding);

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("pool_size", Config.intList(poolSize));
        c.put("padding", padding);
        c.put("strides", Config.intList(effectiveStrides()));
        c.put("data_format", dataFormat.keras());
        return c;
    }

    /** Restores the settings of {@link #config()} (an int pool_size or strides means both axes; strides null: the pool size). */
    static <P extends Pooling2D> P applyConfig(P p, Map<String, Object> c) {
        p.applyBaseConfig(c);
        if (c.get("pool_size") != null) ((Pooling2D) p).poolSize = ((Pooling2D) p).pair("poolSize", Config.ints(c.get("pool_size")));
        if (c.get("strides") != null) p.strides(Config.ints(c.get("strides")));
        if (c.get("padding") != null) p.padding((String) c.get("padding"));
        if (c.get("data_format") != null) p.dataFormat((String) c.get("data_format"));
        return p;
    }
}
