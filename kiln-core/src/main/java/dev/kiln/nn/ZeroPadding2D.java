package dev.kiln.nn;

import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds rows and columns of zeros around each image: (batch, h, w, c) → (batch, top + h + bottom,
 * left + w + right, c). Default 1 on every side, as Keras.
 *
 * <pre>{@code
 * model.add(new ZeroPadding2D(2));            // 2 on every side
 * model.add(new ZeroPadding2D(1, 2));         // 1 above and below, 2 left and right
 * model.add(new ZeroPadding2D(0, 1, 2, 3));   // top, bottom, left, right
 * }</pre>
 */
public class ZeroPadding2D extends Layer {
    private final int top, bottom, left, right;
    private DataFormat dataFormat = DataFormat.CHANNELS_LAST;

    public ZeroPadding2D() { this(1); }

    public ZeroPadding2D(int padding) { this(padding, padding); }

    /** Symmetric: {@code height} rows above and below, {@code width} columns left and right. */
    public ZeroPadding2D(int height, int width) { this(height, height, width, width); }

    public ZeroPadding2D(int top, int bottom, int left, int right) {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("ZeroPadding2D: padding must be >= 0, got ((" + top + ", " + bottom + "), (" + left + ", " + right + "))");
        }
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    /** "channels_last" (default) or "channels_first". */
    public ZeroPadding2D dataFormat(String format) { this.dataFormat = DataFormat.of(format, describe()); return this; }

    @Override public ZeroPadding2D name(String name) { super.name(name); return this; }

    @Override
    protected Shape computeOutputShape(Shape in) {
        Shape l = dataFormat.checkImages(in, describe());
        return dataFormat.fromLast(Shape.of(l.dim(0), l.dim(1) < 0 ? -1 : l.dim(1) + top + bottom, l.dim(2) < 0 ? -1 : l.dim(2) + left + right, l.dim(3)));
    }

    /** Concatenation with zero blocks, so that the gradient is the inner part of the output gradient. */
    @Override
    protected Tensor forward(Tensor x0, boolean training) {
        Tensor x = dataFormat.toLast(x0);
        x = padAxis(x, 1, top, bottom);
        x = padAxis(x, 2, left, right);
        return dataFormat.fromLast(x);
    }

    private static Tensor padAxis(Tensor x, int axis, int before, int after) {
        if (before == 0 && after == 0) return x;
        List<Tensor> parts = new ArrayList<>(3);
        int[] s = x.shape().toArray();
        if (before > 0) { s[axis] = before; parts.add(Tensor.zeros(x.dtype(), s.clone())); }
        parts.add(x);
        if (after > 0) { s[axis] = after; parts.add(Tensor.zeros(x.dtype(), s.clone())); }
        return Tensor.concat(parts, axis);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("padding", List.of(List.of(top, bottom), List.of(left, right)));
        c.put("data_format", dataFormat.keras());
        return c;
    }

    /** From {@link #config()}: padding as an int, (h, w) or ((top, bottom), (left, right)), as Keras accepts. */
    @SuppressWarnings("unchecked")
    public static ZeroPadding2D fromConfig(Map<String, Object> c) {
        Object p = c.get("padding");
        ZeroPadding2D z;
        if (p == null) {
            z = new ZeroPadding2D();
        } else if (p instanceof Number) {
            z = new ZeroPadding2D(((Number) p).intValue());
        } else {
            List<Object> l = (List<Object>) p;
            if (l.get(0) instanceof Number) {
                z = new ZeroPadding2D(((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue());
            } else {
                int[] hw = Config.ints(l.get(0)), ww = Config.ints(l.get(1));
                z = new ZeroPadding2D(hw[0], hw[1], ww[0], ww[1]);
            }
        }
        z.applyBaseConfig(c);
        if (c.get("data_format") != null) z.dataFormat((String) c.get("data_format"));
        return z;
    }
}
