package dev.kiln.nn;

import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * The shared part of {@link GlobalAveragePooling2D} and {@link GlobalMaxPooling2D}: a reduction over the
 * height and width axes, (batch, h, w, c) → (batch, c), or (batch, 1, 1, c) with {@code keepdims(true)}.
 */
public abstract class GlobalPooling2D extends Layer {
    private DataFormat dataFormat = DataFormat.CHANNELS_LAST;
    private boolean keepdims;

    GlobalPooling2D() {}

    /** "channels_last" (default) or "channels_first". */
    public GlobalPooling2D dataFormat(String format) { this.dataFormat = DataFormat.of(format, describe()); return this; }

    /** Keep the pooled axes with size 1 (default false). */
    public GlobalPooling2D keepdims(boolean keepdims) { this.keepdims = keepdims; return this; }

    @Override public GlobalPooling2D name(String name) { super.name(name); return this; }

    @Override
    protected Shape computeOutputShape(Shape in) {
        Shape last = dataFormat.checkImages(in, describe());
        return keepdims ? dataFormat.fromLast(Shape.of(last.dim(0), 1, 1, last.dim(3))) : Shape.of(last.dim(0), last.dim(3));
    }

    private int[] axes() { return dataFormat == DataFormat.CHANNELS_LAST ? new int[] {1, 2} : new int[] {2, 3}; }

    @Override
    protected final Tensor forward(Tensor x, boolean training) { return reduce(x, axes(), keepdims); }

    abstract Tensor reduce(Tensor x, int[] axes, boolean keepdims);

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("data_format", dataFormat.keras());
        c.put("keepdims", keepdims);
        return c;
    }

    static <P extends GlobalPooling2D> P applyConfig(P p, Map<String, Object> c) {
        p.applyBaseConfig(c);
        if (c.get("data_format") != null) p.dataFormat((String) c.get("data_format"));
        p.keepdims(Config.bool(c, "keepdims", false));
        return p;
    }
}
