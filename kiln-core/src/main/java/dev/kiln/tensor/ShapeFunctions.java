package dev.kiln.tensor;

import dev.kiln.kernel.Elementwise;
import java.util.Arrays;
import java.util.List;

/** The movement primitives (reshape, transpose, broadcast, concat, slice, gather, cast), forward beside backward. */
final class ShapeFunctions {
    private ShapeFunctions() {}

    static Tensor reshape(Tensor x, int[] requested) {
        int[] dims = inferShape(x, requested);
        if (Arrays.equals(dims, x.shape.dims())) return x;
        Tensor out = x.reshapeRaw(Shape.wrap(dims));
        return Functions.record(out, Op.RESHAPE, g -> new Tensor[] {g.reshape(x.shape.dims())}, x);
    }

    private static int[] inferShape(Tensor x, int[] req) {
        int[] d = req.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException("reshape: only one dimension can be -1, got " + Arrays.toString(req));
                unknown = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException("reshape: dimensions must be >= 0 or -1, got " + Arrays.toString(req));
            } else {
                known *= d[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || x.size() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + x.shape + " (" + x.size() + " elements) into "
                        + Arrays.toString(req));
            }
            d[unknown] = (int) (x.size() / known);
        } else if (known != x.size()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + x.shape + " (" + x.size() + " elements) into "
                    + Shape.wrap(d) + " (" + known + " elements)");
        }
        return d;
    }

    static Tensor transpose(Tensor x, int[] perm0) {
        int r = x.rank();
        if (perm0.length != r) {
            throw new IllegalArgumentException("transpose: axes " + Arrays.toString(perm0) + " do not match a tensor of rank " + r
                    + " (shape " + x.shape + ")");
        }
        int[] perm = new int[r];
        boolean[] seen = new boolean[r];
        boolean identity = true;
        for (int i = 0; i < r; i++) {
            perm[i] = Shape.normalizeAxis(perm0[i], r, "transpose");
            if (seen[perm[i]]) throw new IllegalArgumentException("transpose: axis " + perm0[i] + " repeated in " + Arrays.toString(perm0));
            seen[perm[i]] = true;
            identity &= perm[i] == i;
        }
        if (identity) return x;
        int[] xd = x.shape.dims();
        int[] xs = new int[r];
        for (int i = r - 1, s = 1; i >= 0; i--) { xs[i] = s; s *= xd[i]; }
        int[] od = new int[r], st = new int[r];
        for (int i = 0; i < r; i++) { od[i] = xd[perm[i]]; st[i] = xs[perm[i]]; }
        Tensor out = Tensor.empty(x.dtype, Shape.wrap(od));
        int n = out.size();
        if (n > 0) {
            int[] idx = new int[r];
            int src = 0;
            int inner = od[r - 1], is = st[r - 1];
            for (int o = 0; o < n; o += inner) {
                if (x.f != null) { for (int j = 0, s = src; j < inner; j++, s += is) out.f[o + j] = x.f[s]; }
                else { for (int j = 0, s = src; j < inner; j++, s += is) out.d[o + j] = x.d[s]; }
                for (int ax = r - 2; ax >= 0; ax--) {
                    src += st[ax];
                    if (++idx[ax] < od[ax]) break;
                    src -= st[ax] * od[ax];
                    idx[ax] = 0;
                }
            }
        }
        int[] inverse = new int[r];
        for (int i = 0; i < r; i++) inverse[perm[i]] = i;
        return Functions.record(out, Op.TRANSPOSE, g -> new Tensor[] {g.transpose(inverse)}, x);
    }

    static Tensor broadcastTo(Tensor x, int[] target) {
        Shape ts = Shape.of(target);
        int[] b = Functions.broadcastShape(x.shape, ts, "broadcastTo");
        if (!Arrays.equals(b, target)) {
            throw new IllegalArgumentException("broadcastTo: cannot broadcast " + x.shape + " to " + ts);
        }
        if (x.shape.equals(ts)) return x;
        Tensor out = broadcastRaw(x, ts);
        return Functions.record(out, Op.BROADCAST_TO, g -> new Tensor[] {Functions.sumTo(g, x.shape)}, x);
    }

    /** Materialises x broadcast to a shape, without recording (x·1 is exact for every float, NaN and ±0 included). */
    static Tensor broadcastRaw(Tensor x, Shape target) {
        Tensor out = Tensor.empty(x.dtype, target);
        Functions.broadcastLoop(Elementwise.Binary.MUL, x, Tensor.scalar(1.0, x.dtype), out);
        return out;
    }

    static Tensor concat(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) throw new IllegalArgumentException("concat: needs at least one tensor");
        Tensor first = parts.get(0);
        int r = first.rank();
        if (r == 0) throw new IllegalArgumentException("concat: cannot concatenate scalars (shape ()); use stack");
        int ax = Shape.normalizeAxis(axis, r, "concat");
        DType dt = first.dtype;
        for (Tensor t : parts) dt = t.dtype == DType.INT32 && dt == DType.INT32 ? DType.INT32 : DType.promote(dt, t.dtype);
        Tensor[] ts = new Tensor[parts.size()];
        int total = 0;
        for (int i = 0; i < ts.length; i++) {
            Tensor t = parts.get(i);
            if (t.rank() != r) {
                throw new IllegalArgumentException("concat: tensor " + i + " has shape " + t.shape + ", rank " + t.rank()
                        + ", but tensor 0 has shape " + first.shape);
            }
            for (int k = 0; k < r; k++) {
                if (k != ax && t.shape.dim(k) != first.shape.dim(k)) {
                    throw new IllegalArgumentException("concat: shapes " + first.shape + " and " + t.shape
                            + " (tensor " + i + ") differ on axis " + k + ", which is not the concatenation axis " + ax);
                }
            }
            ts[i] = t.dtype == dt ? t : t.astype(dt);
            total += t.shape.dim(ax);
        }
        int[] od = first.shape.toArray();
        od[ax] = total;
        Tensor out = Tensor.empty(dt, Shape.wrap(od));
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= od[i];
        for (int i = ax + 1; i < r; i++) inner *= od[i];
        int rowOut = total * inner;
        int offset = 0;
        for (Tensor t : ts) {
            int chunk = t.shape.dim(ax) * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(t.f != null ? t.f : t.d, o * chunk, out.f != null ? out.f : out.d, o * rowOut + offset, chunk);
            }
            offset += chunk;
        }
        Tensor[] inputs = ts;
        return Functions.record(out, Op.CONCAT, g -> {
            Tensor[] gs = new Tensor[inputs.length];
            int start = 0;
            for (int i = 0; i < inputs.length; i++) {
                int len = inputs[i].shape.dim(ax);
                if (inputs[i].requiresGrad) gs[i] = g.slice(ax, start, start + len);
                start += len;
            }
            return gs;
        }, inputs);
    }

    /** x[..., start:end, ...] along one axis (a copy). */
    static Tensor slice(Tensor x, int axis, int start, int end) {
        int r = x.rank();
        int ax = Shape.normalizeAxis(axis, r, "slice");
        int len = x.shape.dim(ax);
        if (start < 0 || end < start || end > len) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") is not within axis " + ax
                    + " of size " + len + " (shape " + x.shape + ")");
        }
        int[] od = x.shape.toArray();
        od[ax] = end - start;
        Tensor out = Tensor.empty(x.dtype, Shape.wrap(od));
        copyBlocks(x, out, ax, start, false);
        return Functions.record(out, Op.SLICE, g -> {
            Tensor gx = Tensor.empty(g.dtype, x.shape);
            copyBlocks(gx, g, ax, start, true);
            return new Tensor[] {gx};
        }, x);
    }

    /** Copies the slab [start, start + small.dim(ax)) of {@code big} to {@code small}, or back when {@code intoBig}. */
    private static void copyBlocks(Tensor big, Tensor small, int ax, int start, boolean intoBig) {
        int[] bd = big.shape.dims();
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= bd[i];
        for (int i = ax + 1; i < bd.length; i++) inner *= bd[i];
        int bigRow = bd[ax] * inner, smallRow = small.shape.dim(ax) * inner;
        Object b = big.f != null ? big.f : big.d, s = small.f != null ? small.f : small.d;
        for (int o = 0; o < outer; o++) {
            if (intoBig) System.arraycopy(s, o * smallRow, b, o * bigRow + start * inner, smallRow);
            else System.arraycopy(b, o * bigRow + start * inner, s, o * smallRow, smallRow);
        }
    }

    /** Rows of x picked by index along the leading axis (batching). */
    static Tensor gather(Tensor x, int[] indices) {
        if (x.rank() == 0) throw new IllegalArgumentException("gather: cannot index a scalar (shape ())");
        int rows = x.shape.dim(0);
        int row = rows == 0 ? 0 : x.size() / rows;
        int[] od = x.shape.toArray();
        od[0] = indices.length;
        Tensor out = Tensor.empty(x.dtype, Shape.wrap(od));
        Object src = x.f != null ? x.f : x.d, dst = out.f != null ? out.f : out.d;
        for (int i = 0; i < indices.length; i++) {
            int k = indices[i];
            if (k < 0 || k >= rows) {
                throw new IllegalArgumentException("gather: index " + k + " (position " + i + ") is out of range for axis 0 of size "
                        + rows + " (shape " + x.shape + ")");
            }
            System.arraycopy(src, k * row, dst, i * row, row);
        }
        int[] idx = indices.clone();
        return Functions.record(out, Op.GATHER, g -> {
            Tensor gx = Tensor.empty(g.dtype, x.shape);
            for (int i = 0; i < idx.length; i++) {
                for (int j = 0; j < row; j++) gx.addFlat(idx[i] * row + j, g.getFlat(i * row + j));
            }
            return new Tensor[] {gx};
        }, x);
    }

    /** numpy's take_along_axis: out[..., j, ...] = x[..., indices[..., j, ...], ...] along {@code axis}. */
    static Tensor takeAlongAxis(Tensor x, Tensor indices, int axis) {
        int r = x.rank();
        int ax = Shape.normalizeAxis(axis, r, "takeAlongAxis");
        if (indices.rank() != r) {
            throw new IllegalArgumentException("takeAlongAxis: indices of shape " + indices.shape + " must have the rank of x "
                    + x.shape + " (" + r + ")");
        }
        for (int k = 0; k < r; k++) {
            if (k != ax && indices.shape.dim(k) != x.shape.dim(k)) {
                throw new IllegalArgumentException("takeAlongAxis: indices " + indices.shape + " and x " + x.shape
                        + " differ on axis " + k + " (only axis " + ax + " may differ)");
            }
        }
        int[] xd = x.shape.dims(), id = indices.shape.dims();
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= xd[i];
        for (int i = ax + 1; i < r; i++) inner *= xd[i];
        int lenX = xd[ax], lenI = id[ax];
        Tensor out = Tensor.empty(Functions.floating(x).dtype, indices.shape);
        int[] src = new int[out.size()];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < lenI; j++) {
                for (int i = 0; i < inner; i++) {
                    int p = (o * lenI + j) * inner + i;
                    double v = indices.getFlat(p);
                    int k = (int) v;
                    if (k != v || k < 0 || k >= lenX) {
                        throw new IllegalArgumentException("takeAlongAxis: index " + v + " is out of range for axis " + ax
                                + " of size " + lenX + " (shape " + x.shape + ")");
                    }
                    src[p] = (o * lenX + k) * inner + i;
                    out.setFlat(p, x.getFlat(src[p]));
                }
            }
        }
        return Functions.record(out, Op.TAKE_ALONG_AXIS, g -> {
            Tensor gx = Tensor.empty(g.dtype, x.shape);
            for (int p = 0; p < src.length; p++) gx.addFlat(src[p], g.getFlat(p));
            return new Tensor[] {gx, null};
        }, x, null);
    }

    /** One-hot encoding on a new last axis, FLOAT32; indices must be integers in [0, depth). */
    static Tensor oneHot(Tensor indices, int depth) {
        if (depth <= 0) throw new IllegalArgumentException("oneHot: depth (" + depth + ") must be > 0");
        int[] od = Arrays.copyOf(indices.shape.dims(), indices.rank() + 1);
        od[indices.rank()] = depth;
        Tensor out = Tensor.empty(DType.FLOAT32, Shape.wrap(od));
        int n = indices.size();
        for (int i = 0; i < n; i++) {
            double v = indices.getFlat(i);
            int k = (int) v;
            if (k != v || k < 0 || k >= depth) {
                throw new IllegalArgumentException("oneHot: label " + v + " at position " + i + " is not an integer in [0, "
                        + depth + ")");
            }
            out.f[i * depth + k] = 1f;
        }
        return out;
    }

    static Tensor astype(Tensor x, DType dt) {
        if (x.dtype == dt) return x;
        Tensor out = Tensor.empty(dt, x.shape);
        int n = x.size();
        if (dt == DType.INT32) {
            for (int i = 0; i < n; i++) {
                double v = x.getFlat(i);
                if (!(v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE)) {
                    throw new IllegalArgumentException("astype: value " + v + " at position " + i + " cannot be converted to int32");
                }
                out.d[i] = (int) v;
            }
            return out;
        }
        if (out.f != null) {
            for (int i = 0; i < n; i++) out.f[i] = (float) x.getFlat(i);
        } else {
            for (int i = 0; i < n; i++) out.d[i] = x.getFlat(i);
        }
        if (!x.dtype.isFloating()) return out;
        return Functions.record(out, Op.ASTYPE, g -> new Tensor[] {g.astype(x.dtype)}, x);
    }

    /** The same values under a new identity (for masks): gradients pass through unchanged. */
    static Tensor identity(Tensor x) {
        Tensor out = x.reshapeRaw(x.shape);
        return Functions.record(out, Op.IDENTITY, g -> new Tensor[] {g}, x);
    }
}
