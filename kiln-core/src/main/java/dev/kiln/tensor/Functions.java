package dev.kiln.tensor;

import dev.kiln.kernel.Elementwise;
import dev.kiln.kernel.FloatMath;
import dev.kiln.kernel.Softmax;
import dev.kiln.kernel.MatMul;
import dev.kiln.kernel.Reduce;
import dev.kiln.kernel.Relu;

/**
 * The differentiable primitives of arithmetic, reductions, matmul and the softmax family: each forward
 * computes on raw arrays, and its backward, beside it, is written with tensor ops (run with recording
 * off). The movement primitives (reshape, transpose, slicing…) are in {@link ShapeFunctions}.
 */
final class Functions {
    private Functions() {}

    // ------------------------------------------------------------------ graph recording

    /** Attaches {@code out} to the graph if recording is on and some input requires a gradient. */
    static Tensor record(Tensor out, Op op, Backprop.Backward backward, Tensor... inputs) {
        if (!GradMode.enabled()) return out;
        boolean any = false;
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad) { any = true; break; }
        }
        if (!any) return out;
        out.requiresGrad = true;
        out.op = op;
        out.parents = inputs;
        out.backward = backward;
        return out;
    }

    /** Integer tensors take part in arithmetic as FLOAT32, as Keras casts labels to the compute dtype. */
    static Tensor floating(Tensor t) {
        return t.dtype == DType.INT32 ? t.astype(DType.FLOAT32) : t;
    }

    // ------------------------------------------------------------------ unary

    static Tensor unary(Op op, Elementwise.Unary kind, Tensor x0) {
        Tensor x = floating(x0);
        Tensor out = Tensor.empty(x.dtype, x.shape);
        if (x.f != null && kind == Elementwise.Unary.RELU) Relu.forward(x.f, 0, out.f, 0, x.size());
        else if (x.f != null) Elementwise.unary(kind, x.f, 0, out.f, 0, x.size());
        else Elementwise.unary(kind, x.d, 0, out.d, 0, x.size());
        if (!op.differentiable()) return out;
        return record(out, op, g -> new Tensor[] {unaryGrad(kind, g, x, out)}, x);
    }

    /** g · f'(x) in one loop (see {@link Elementwise#unaryGrad}); g has the output's shape and dtype. */
    private static Tensor unaryGrad(Elementwise.Unary kind, Tensor g, Tensor x, Tensor out) {
        Tensor gx = Tensor.empty(x.dtype, x.shape);
        // relu' from the output: out > 0 exactly where x > 0 (and for a NaN, where its sign bit is clear)
        if (x.f != null && kind == Elementwise.Unary.RELU) Relu.backward(out.f, g.f, gx.f, x.size());
        else if (x.f != null) Elementwise.unaryGrad(kind, x.f, out.f, g.f, gx.f, x.size());
        else Elementwise.unaryGrad(kind, x.d, out.d, g.d, gx.d, x.size());
        return gx;
    }

    /** clip(x, lo, hi) = min(max(x, lo), hi); the gradient passes where lo ≤ x ≤ hi (inclusive, as TF and torch). */
    static Tensor clip(Tensor x0, double lo, double hi) {
        if (lo > hi) throw new IllegalArgumentException("clip: min (" + lo + ") must be <= max (" + hi + ")");
        Tensor x = floating(x0);
        Tensor out = Tensor.empty(x.dtype, x.shape);
        int n = x.size();
        if (x.f != null) {
            float l = (float) lo, h = (float) hi;
            for (int i = 0; i < n; i++) out.f[i] = Math.min(Math.max(x.f[i], l), h);
        } else {
            for (int i = 0; i < n; i++) out.d[i] = Math.min(Math.max(x.d[i], lo), hi);
        }
        return record(out, Op.CLIP, g -> {
            Tensor pass = x.greaterEqual(lo).mul(x.lessEqual(hi));
            return new Tensor[] {g.mul(pass)};
        }, x);
    }

    // ------------------------------------------------------------------ binary with broadcasting

    static Tensor binary(Op op, Elementwise.Binary kind, Tensor a0, Tensor b0, String name) {
        DType dt = a0.dtype == b0.dtype && a0.dtype != DType.INT32 ? a0.dtype : DType.promote(a0.dtype, b0.dtype);
        Tensor a = a0.dtype == dt ? a0 : a0.astype(dt);
        Tensor b = b0.dtype == dt ? b0 : b0.astype(dt);
        Shape os = a.shape.equals(b.shape) ? a.shape
                : b.rank() <= a.rank() && isSuffix(b.shape, a.shape) ? a.shape
                : Shape.wrap(broadcastShape(a.shape, b.shape, name));
        Tensor out = Tensor.empty(dt, os);
        broadcastLoop(kind, a, b, out);
        if (op == null) return out;
        return record(out, op, g -> binaryGrad(op, g, a, b, out), a, b);
    }

    private static Tensor[] binaryGrad(Op op, Tensor g, Tensor a, Tensor b, Tensor out) {
        boolean ga = a.requiresGrad, gb = b.requiresGrad;
        switch (op) {
            case ADD:
                return new Tensor[] {ga ? sumTo(g, a.shape) : null, gb ? sumTo(g, b.shape) : null};
            case SUB:
                return new Tensor[] {ga ? sumTo(g, a.shape) : null, gb ? sumTo(g.neg(), b.shape) : null};
            case MUL:
                return new Tensor[] {ga ? sumTo(g.mul(b), a.shape) : null, gb ? sumTo(g.mul(a), b.shape) : null};
            case DIV:
                return new Tensor[] {ga ? sumTo(g.div(b), a.shape) : null,
                        gb ? sumTo(g.mul(out).div(b).neg(), b.shape) : null};
            case POW: {
                Tensor da = ga ? sumTo(g.mul(b).mul(a.pow(b.sub(1.0))), a.shape) : null;
                // d/db a^b = a^b log a, taken as 0 where a <= 0 (where a^b is 0 or undefined)
                Tensor db = null;
                if (gb) {
                    Tensor positive = a.greater(0.0);
                    Tensor safeLog = Tensor.where(positive, a, Tensor.scalar(1.0, a.dtype)).log();
                    db = sumTo(g.mul(out).mul(safeLog), b.shape);
                }
                return new Tensor[] {da, db};
            }
            case MAXIMUM:
            case MINIMUM: {
                // ties share the gradient equally, as JAX and torch do
                Tensor wins = op == Op.MAXIMUM ? a.greater(b) : a.less(b);
                Tensor wa = wins.add(a.equal(b).mul(0.5));
                return new Tensor[] {ga ? sumTo(g.mul(wa), a.shape) : null,
                        gb ? sumTo(g.mul(wa.neg().add(1.0)), b.shape) : null};
            }
            default:
                throw new AssertionError(op);
        }
    }

    /** NumPy broadcasting of two shapes, or an error naming the op and the first mismatching axis. */
    static int[] broadcastShape(Shape sa, Shape sb, String op) {
        int[] a = sa.dims(), b = sb.dims();
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 1; i <= r; i++) {
            int da = i <= a.length ? a[a.length - i] : 1;
            int db = i <= b.length ? b[b.length - i] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + sa + " and " + sb + " cannot be broadcast together: "
                        + da + " != " + db + " at axis -" + i);
            }
            out[r - i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Below this row length a repeated-row operand is first copied into the output: the JIT's vector
     * loop body covers several vectors at once, so a loop over one short row runs scalar.
     */
    private static final int SHORT_ROW = 64;

    /** out = the row {@code r} repeated: one copy, then copies of what is filled so far (log2 of the rows in all). */
    private static void repeatRows(Tensor r, Tensor out, int row) {
        Object src = r.f != null ? r.f : r.d, dst = out.f != null ? out.f : out.d;
        int n = out.size();
        System.arraycopy(src, 0, dst, 0, row);
        for (int filled = row; filled < n; filled *= 2) System.arraycopy(dst, 0, dst, filled, Math.min(filled, n - filled));
    }

    /** Whether {@code s} equals the trailing dimensions of {@code of} (a row that broadcasts over the leading axes). */
    static boolean isSuffix(Shape s, Shape of) {
        int[] a = s.dims(), b = of.dims();
        int lead = b.length - a.length;
        if (lead < 0) return false;
        for (int i = 0; i < a.length; i++) if (a[i] != b[lead + i]) return false;
        return true;
    }

    private static void binaryRun(Elementwise.Binary kind, Tensor a, int ao, int as, Tensor b, int bo, int bs,
                                  Tensor out, int oo, int n) {
        if (out.f != null) Elementwise.binary(kind, a.f, ao, as, b.f, bo, bs, out.f, oo, n);
        else Elementwise.binary(kind, a.d, ao, as, b.d, bo, bs, out.d, oo, n);
    }

    /** Strides of an operand of shape {@code d} read as the broadcast shape {@code od} (0 on broadcast axes). */
    private static int[] broadcastStrides(int[] d, int[] od) {
        int r = od.length;
        int[] s = new int[r];
        int stride = 1;
        for (int i = 1; i <= r; i++) {
            int di = i <= d.length ? d[d.length - i] : 1;
            s[r - i] = (di == 1 && od[r - i] != 1) ? 0 : stride;
            stride *= di;
        }
        return s;
    }

    /**
     * Runs a binary kernel over the broadcast shape. Adjacent axes that are laid out compatibly in both
     * operands are merged first, so the common cases (same shape, a scalar, a bias row) become one or
     * two long inner loops.
     */
    static void broadcastLoop(Elementwise.Binary kind, Tensor a, Tensor b, Tensor out) {
        int n = out.size();
        if (n == 0) return;
        // Fast paths for the shapes of a training step: equal shapes, a scalar, a row (bias) repeated.
        boolean aFull = a.shape.equals(out.shape), bFull = b.shape.equals(out.shape);
        if ((aFull || a.size() == 1) && (bFull || b.size() == 1)) {
            binaryRun(kind, a, 0, aFull ? 1 : 0, b, 0, bFull ? 1 : 0, out, 0, n);
            return;
        }
        if (aFull && b.rank() < out.rank() && isSuffix(b.shape, out.shape)) {
            int row = b.size();
            if (row < SHORT_ROW) {
                // short rows: the row repeated into out first, then one long loop that the JIT vectorises
                repeatRows(b, out, row);
                binaryRun(kind, a, 0, 1, out, 0, 1, out, 0, n);
            } else {
                for (int o = 0; o < n; o += row) binaryRun(kind, a, o, 1, b, 0, 1, out, o, row);
            }
            return;
        }
        if (bFull && a.rank() < out.rank() && isSuffix(a.shape, out.shape)) {
            int row = a.size();
            if (row < SHORT_ROW) {
                repeatRows(a, out, row);
                binaryRun(kind, out, 0, 1, b, 0, 1, out, 0, n);
            } else {
                for (int o = 0; o < n; o += row) binaryRun(kind, a, 0, 1, b, o, 1, out, o, row);
            }
            return;
        }
        int[] od = out.shape.dims();
        int r = od.length;
        int[] sa = broadcastStrides(a.shape.dims(), od), sb = broadcastStrides(b.shape.dims(), od);
        int[] cd = new int[r + 1], ca = new int[r + 1], cb = new int[r + 1];
        int m = 0;
        for (int i = r - 1; i >= 0; i--) {
            if (od[i] == 1) continue;
            if (m > 0 && sa[i] == ca[m - 1] * cd[m - 1] && sb[i] == cb[m - 1] * cd[m - 1]) {
                cd[m - 1] *= od[i];
            } else {
                cd[m] = od[i];
                ca[m] = sa[i];
                cb[m] = sb[i];
                m++;
            }
        }
        if (m == 0) { // every axis has size 1
            cd[0] = 1; ca[0] = 1; cb[0] = 1; m = 1;
        }
        int inner = cd[0], ia = ca[0], ib = cb[0];
        int outerCount = n / inner;
        int[] idx = new int[m];
        int ao = 0, bo = 0;
        boolean isFloat = out.f != null;
        for (int o = 0, oo = 0; o < outerCount; o++, oo += inner) {
            if (isFloat) Elementwise.binary(kind, a.f, ao, ia, b.f, bo, ib, out.f, oo, inner);
            else Elementwise.binary(kind, a.d, ao, ia, b.d, bo, ib, out.d, oo, inner);
            for (int ax = 1; ax < m; ax++) {
                ao += ca[ax];
                bo += cb[ax];
                if (++idx[ax] < cd[ax]) break;
                ao -= ca[ax] * cd[ax];
                bo -= cb[ax] * cd[ax];
                idx[ax] = 0;
            }
        }
    }

    /** Sums a broadcast gradient back to the shape of the operand it came from. */
    static Tensor sumTo(Tensor g, Shape target) {
        if (g.shape.equals(target)) return g;
        if (target.rank() < g.rank() && target.size() > 0 && isSuffix(target, g.shape)) {
            // a bias's gradient: the rows of g summed, straight into an array of the target's shape
            Tensor out = Tensor.empty(g.dtype, target);
            int row = target.size(), rows = g.size() / row;
            if (g.f != null) Reduce.reduce(Reduce.Kind.SUM, g.f, out.f, 1, rows, row);
            else Reduce.reduce(Reduce.Kind.SUM, g.d, out.d, 1, rows, row);
            return out;
        }
        int[] gd = g.shape.dims(), td = target.dims();
        int lead = gd.length - td.length;
        int count = 0;
        int[] axes = new int[gd.length];
        for (int i = 0; i < gd.length; i++) {
            if (i < lead || (td[i - lead] == 1 && gd[i] != 1)) axes[count++] = i;
        }
        int[] ax = java.util.Arrays.copyOf(axes, count);
        return reduce(Op.SUM, Reduce.Kind.SUM, g, ax, true).reshape(td);
    }

    /** where(cond, a, b): a where cond is non-zero, else b, all three broadcast together. */
    static Tensor where(Tensor cond, Tensor a0, Tensor b0) {
        DType dt = DType.promote(a0.dtype, b0.dtype);
        Tensor a = a0.dtype == dt ? a0 : a0.astype(dt);
        Tensor b = b0.dtype == dt ? b0 : b0.astype(dt);
        int[] ab = broadcastShape(a.shape, b.shape, "where");
        Shape os = Shape.wrap(broadcastShape(cond.shape, Shape.wrap(ab), "where"));
        Tensor c = cond.shape.equals(os) ? cond : cond.broadcastTo(os.dims());
        Tensor ax = a.shape.equals(os) ? a : ShapeFunctions.broadcastRaw(a, os);
        Tensor bx = b.shape.equals(os) ? b : ShapeFunctions.broadcastRaw(b, os);
        Tensor out = Tensor.empty(dt, os);
        int n = out.size();
        for (int i = 0; i < n; i++) {
            boolean take = c.getFlat(i) != 0;
            if (out.f != null) out.f[i] = take ? ax.f[i] : bx.f[i];
            else out.d[i] = take ? ax.d[i] : bx.d[i];
        }
        return record(out, Op.WHERE, g -> {
            Tensor sel = c.notEqual(0.0).astype(g.dtype);
            return new Tensor[] {null, a.requiresGrad ? sumTo(g.mul(sel), a.shape) : null,
                    b.requiresGrad ? sumTo(g.mul(sel.neg().add(1.0)), b.shape) : null};
        }, null, a, b);
    }

    // ------------------------------------------------------------------ matmul

    /** Batched matrix product of tensors of rank >= 2 (the 1-D cases are reshaped by {@link Tensor#matmul}). */
    static Tensor matmul(Tensor a0, Tensor b0) {
        DType dt = DType.promote(a0.dtype, b0.dtype);
        Tensor a = a0.dtype == dt ? a0 : a0.astype(dt);
        Tensor b = b0.dtype == dt ? b0 : b0.astype(dt);
        int k = a.shape.dim(-1), k2 = b.shape.dim(-2);
        if (k != k2) {
            throw new IllegalArgumentException("matmul: " + a.shape + " and " + b.shape + " cannot be multiplied: "
                    + k + " != " + k2);
        }
        if (a.rank() == 2 && b.rank() == 2) {
            Tensor out = mm(a, false, b, false);
            return record(out, Op.MATMUL, g -> new Tensor[] {
                    a.requiresGrad ? mm(g, false, b, true) : null,
                    b.requiresGrad ? mm(a, true, g, false) : null}, a, b);
        }
        Shape aBatch = Shape.wrap(java.util.Arrays.copyOf(a.shape.dims(), a.rank() - 2));
        Shape bBatch = Shape.wrap(java.util.Arrays.copyOf(b.shape.dims(), b.rank() - 2));
        try {
            broadcastShape(aBatch, bBatch, "matmul");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: the batch dimensions " + aBatch + " of " + a.shape + " and " + bBatch
                    + " of " + b.shape + " cannot be broadcast together", e);
        }
        Tensor out = mm(a, false, b, false);
        return record(out, Op.MATMUL, g -> new Tensor[] {
                a.requiresGrad ? sumTo(mm(g, false, b, true), a.shape) : null,
                b.requiresGrad ? sumTo(mm(a, true, g, false), b.shape) : null}, a, b);
    }

    /** op(a) · op(b) over broadcast batch dimensions, without recording; op is the transpose of the last two axes if asked. */
    static Tensor mm(Tensor a, boolean ta, Tensor b, boolean tb) {
        int[] ad = a.shape.dims(), bd = b.shape.dims();
        int ar = ad.length, br = bd.length;
        int m = ta ? ad[ar - 1] : ad[ar - 2], k = ta ? ad[ar - 2] : ad[ar - 1];
        int n = tb ? bd[br - 2] : bd[br - 1];
        int lda = ad[ar - 1], ldb = bd[br - 1];
        if (ar == 2 && br == 2) {
            // plain matrices: no batch axes to broadcast
            Tensor out = Tensor.empty(a.dtype, Shape.wrap(new int[] {m, n}));
            if (a.f != null) MatMul.sgemm(ta, tb, m, n, k, a.f, 0, lda, b.f, 0, ldb, out.f, 0, n, false);
            else MatMul.dgemm(ta, tb, m, n, k, a.d, 0, lda, b.d, 0, ldb, out.d, 0, n, false);
            return out;
        }
        Shape aBatch = Shape.wrap(java.util.Arrays.copyOf(ad, ar - 2));
        Shape bBatch = Shape.wrap(java.util.Arrays.copyOf(bd, br - 2));
        int[] batch = broadcastShape(aBatch, bBatch, "matmul");
        int[] od = java.util.Arrays.copyOf(batch, batch.length + 2);
        od[batch.length] = m;
        od[batch.length + 1] = n;
        Tensor out = Tensor.empty(a.dtype, Shape.wrap(od));
        int count = out.size() / Math.max(1, m * n);
        if (m * n == 0) return out;
        int aMat = ad[ar - 2] * ad[ar - 1], bMat = bd[br - 2] * bd[br - 1];
        int[] as = broadcastStrides(aBatch.dims(), batch), bs = broadcastStrides(bBatch.dims(), batch);
        int[] idx = new int[batch.length];
        int ai = 0, bi = 0;
        for (int c = 0; c < count; c++) {
            if (a.f != null) {
                MatMul.sgemm(ta, tb, m, n, k, a.f, ai * aMat, lda, b.f, bi * bMat, ldb, out.f, c * m * n, n, false);
            } else {
                MatMul.dgemm(ta, tb, m, n, k, a.d, ai * aMat, lda, b.d, bi * bMat, ldb, out.d, c * m * n, n, false);
            }
            for (int ax = batch.length - 1; ax >= 0; ax--) {
                ai += as[ax];
                bi += bs[ax];
                if (++idx[ax] < batch[ax]) break;
                ai -= as[ax] * batch[ax];
                bi -= bs[ax] * batch[ax];
                idx[ax] = 0;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ reductions

    /** Normalises and validates reduction axes; null means all axes. */
    static boolean[] axesMask(int[] axes, int rank, String op) {
        boolean[] red = new boolean[rank];
        if (axes == null) {
            java.util.Arrays.fill(red, true);
            return red;
        }
        for (int a : axes) {
            int n = Shape.normalizeAxis(a, rank, op);
            if (red[n]) throw new IllegalArgumentException(op + ": axis " + a + " is given twice");
            red[n] = true;
        }
        return red;
    }

    static Tensor reduce(Op op, Reduce.Kind kind, Tensor x0, int[] axes, boolean keepdims) {
        Tensor x = floating(x0);
        int[] dims = x.shape.dims();
        int r = dims.length;
        boolean[] red = axesMask(axes, r, op == Op.SUM ? "sum" : op == Op.MEAN ? "mean" : op == Op.MAX ? "max" : "min");
        int[] kept = dims.clone();
        int reducedCount = 1;
        int reducedAxes = 0;
        int firstAxis = -1;
        for (int i = 0; i < r; i++) {
            if (red[i]) {
                if (dims[i] == 0 && (kind == Reduce.Kind.MAX || kind == Reduce.Kind.MIN)) {
                    throw new IllegalArgumentException(op.name().toLowerCase(java.util.Locale.ROOT) + ": cannot reduce axis " + i
                            + " of size 0 (shape " + x.shape + ")");
                }
                reducedCount *= dims[i];
                kept[i] = 1;
                reducedAxes++;
                if (firstAxis < 0) firstAxis = i;
            }
        }
        Tensor out = Tensor.empty(x.dtype, Shape.wrap(kept));
        if (reducedCount == 0) {
            out.fill(kind == Reduce.Kind.SUM ? 0.0 : Double.NaN);
        } else if (reducedAxes == r || r == 0) {
            reduceInto(kind, x, out, 1, x.size(), 1);
        } else if (reducedAxes == 1) {
            int outer = 1, inner = 1;
            for (int i = 0; i < firstAxis; i++) outer *= dims[i];
            for (int i = firstAxis + 1; i < r; i++) inner *= dims[i];
            reduceInto(kind, x, out, outer, dims[firstAxis], inner);
        } else {
            Tensor cur = x;
            int[] cd = dims.clone();
            for (int ax = r - 1; ax >= 0; ax--) {
                if (!red[ax]) continue;
                int outer = 1, inner = 1;
                for (int i = 0; i < ax; i++) outer *= cd[i];
                for (int i = ax + 1; i < r; i++) inner *= cd[i];
                int len = cd[ax];
                cd[ax] = 1;
                Tensor next = Tensor.empty(x.dtype, Shape.wrap(cd.clone()));
                reduceInto(kind, cur, next, outer, len, inner);
                cur = next;
            }
            System.arraycopy(cur.f != null ? cur.f : cur.d, 0, out.f != null ? out.f : out.d, 0, out.size());
        }
        Tensor result = keepdims ? out : out.reshapeRaw(Shape.wrap(squeezed(kept, red)));
        final int cnt = reducedCount;
        return record(result, op, g -> {
            switch (kind) {
                case SUM: return new Tensor[] {expand(g, out.shape, x.shape, null)};
                case MEAN: return new Tensor[] {expand(g, out.shape, x.shape, Tensor.scalar(cnt, g.dtype))};
                default: {
                    Tensor gk = g.reshape(kept);
                    Tensor mask = x.equal(out);
                    Tensor ties = mask.sum(axesList(red), true);
                    return new Tensor[] {gk.mul(mask).div(ties)};
                }
            }
        }, x);
    }

    /**
     * The gradient of a sum (divisor null) or mean over some axes: g, read with the reduced axes kept as
     * size 1, repeated over them (and divided by the count), in one pass without intermediate tensors.
     */
    private static Tensor expand(Tensor g, Shape keptShape, Shape full, Tensor divisor) {
        Tensor gk = g.reshapeRaw(keptShape);
        Tensor gx = Tensor.empty(g.dtype, full);
        int[] kd = keptShape.dims(), fd = full.dims();
        int r = fd.length;
        if (gx.f != null && r > 0 && kd[r - 1] == 1 && fd[r - 1] > 1 && gk.size() * fd[r - 1] == gx.size()) {
            // reduced over the last axis only (a per-sample sum): each value repeated along its row
            int len = fd[r - 1];
            float div = divisor == null ? 1f : divisor.f[0];
            for (int o = 0, rows = gk.size(); o < rows; o++) {
                float v = divisor == null ? gk.f[o] : gk.f[o] / div;
                java.util.Arrays.fill(gx.f, o * len, (o + 1) * len, v);
            }
            return gx;
        }
        if (divisor == null) broadcastLoop(Elementwise.Binary.MUL, gk, Tensor.scalar(1.0, g.dtype), gx);
        else broadcastLoop(Elementwise.Binary.DIV, gk, divisor, gx);
        return gx;
    }

    private static void reduceInto(Reduce.Kind kind, Tensor x, Tensor out, int outer, int r, int inner) {
        if (x.f != null) Reduce.reduce(kind, x.f, out.f, outer, r, inner);
        else Reduce.reduce(kind, x.d, out.d, outer, r, inner);
    }

    static int[] axesList(boolean[] red) {
        int n = 0;
        for (boolean b : red) if (b) n++;
        int[] a = new int[n];
        for (int i = 0, j = 0; i < red.length; i++) if (red[i]) a[j++] = i;
        return a;
    }

    private static int[] squeezed(int[] kept, boolean[] red) {
        int n = 0;
        for (boolean b : red) if (!b) n++;
        int[] s = new int[n];
        for (int i = 0, j = 0; i < kept.length; i++) if (!red[i]) s[j++] = kept[i];
        return s;
    }

    /** argmax over one axis (first index on ties, as numpy); INT32, not differentiable. */
    static Tensor argmax(Tensor x0, int axis) {
        Tensor x = floating(x0);
        int[] d = x.shape.dims();
        int ax = Shape.normalizeAxis(axis, d.length, "argmax");
        if (d[ax] == 0) throw new IllegalArgumentException("argmax: axis " + axis + " has size 0 (shape " + x.shape + ")");
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= d[i];
        for (int i = ax + 1; i < d.length; i++) inner *= d[i];
        int len = d[ax];
        int[] od = new int[d.length - 1];
        for (int i = 0, j = 0; i < d.length; i++) if (i != ax) od[j++] = d[i];
        Tensor out = Tensor.empty(DType.INT32, Shape.wrap(od));
        boolean f32 = x.f != null;   // float32 results: the float-grade exponential, as lastAxisFloat
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double best = x.getFlat(base);
                int arg = 0;
                for (int k = 1; k < len; k++) {
                    double v = x.getFlat(base + k * inner);
                    if (v > best || (v != v && best == best)) { best = v; arg = k; }
                }
                out.d[o * inner + i] = arg;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ softmax family

    private static double exp(boolean f32, double x) { return f32 ? FloatMath.exp(x) : Math.exp(x); }

    /** softmax, logSoftmax and logSumExp over one axis, computed stably (shifted by the maximum) in double. */
    static Tensor softmaxFamily(Op op, Tensor x0, int axis, boolean keepdims) {
        Tensor x = floating(x0);
        String name = op == Op.SOFTMAX ? "softmax" : op == Op.LOG_SOFTMAX ? "logSoftmax" : "logSumExp";
        int[] d = x.shape.dims();
        int ax = Shape.normalizeAxis(axis, d.length, name);
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= d[i];
        for (int i = ax + 1; i < d.length; i++) inner *= d[i];
        int len = d[ax];
        boolean reduces = op == Op.LOG_SUM_EXP;
        int[] kept = d.clone();
        if (reduces) kept[ax] = 1;
        Tensor out = Tensor.empty(x.dtype, Shape.wrap(kept));
        if (inner == 1 && x.f != null && len > 0) {
            return lastAxisFloat(op, x, out, outer, len, ax, d, keepdims);
        }
        boolean f32 = x.f != null;   // float32 results: the float-grade exponential, as lastAxisFloat
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < len; k++) max = Math.max(max, x.getFlat(base + k * inner));
                double shift = Double.isInfinite(max) ? 0.0 : max;
                double s = 0;
                for (int k = 0; k < len; k++) s += exp(f32, x.getFlat(base + k * inner) - shift);
                double logS = f32 ? FloatMath.log(s) : Math.log(s);
                if (reduces) {
                    out.setFlat(o * inner + i, shift + logS);
                } else if (op == Op.SOFTMAX) {
                    for (int k = 0; k < len; k++) out.setFlat(base + k * inner, exp(f32, x.getFlat(base + k * inner) - shift) / s);
                } else {
                    for (int k = 0; k < len; k++) out.setFlat(base + k * inner, x.getFlat(base + k * inner) - shift - logS);
                }
            }
        }
        Tensor result = out;
        if (reduces && !keepdims) {
            int[] od = new int[d.length - 1];
            for (int i = 0, j = 0; i < d.length; i++) if (i != ax) od[j++] = d[i];
            result = out.reshapeRaw(Shape.wrap(od));
        }
        return record(result, op, g -> {
            switch (op) {
                case SOFTMAX: return new Tensor[] {out.mul(g.sub(g.mul(out).sum(new int[] {ax}, true)))};
                case LOG_SOFTMAX: return new Tensor[] {g.sub(out.exp().mul(g.sum(new int[] {ax}, true)))};
                default: return new Tensor[] {g.reshape(kept).mul(x.sub(out).exp())};
            }
        }, x);
    }

    /**
     * The softmax family over the last axis of a float32 tensor, on the arrays directly: the same
     * arithmetic as the general loop (max, shifted exponentials summed in double), each exponential
     * taken once; logSoftmax keeps the probabilities e/Σe it has on the way for its backward pass, and
     * both backward passes do in one loop per row what the composed ops would do in four.
     */
    private static Tensor lastAxisFloat(Op op, Tensor x, Tensor out, int rows, int len, int ax, int[] d, boolean keepdims) {
        float[] xs = x.f, os = out.f;
        float[] probs = op == Op.LOG_SOFTMAX && x.requiresGrad && GradMode.enabled() ? new float[xs.length] : null;
        // kept for a cross-entropy of the same logits only on graph nodes: they are never written in
        // place (a leaf, such as a weight, may be, which would leave the kept rows stale)
        boolean keep = op == Op.SOFTMAX && x.parents != null;
        double[] shifts = new double[rows], logSums = op == Op.SOFTMAX && !keep ? null : new double[rows];
        // the shifted exponentials and log-sums of every member of the family, from one kernel
        Softmax.rows(xs, rows, len, op == Op.SOFTMAX ? os : probs, shifts, logSums);
        if (op == Op.LOG_SUM_EXP) {
            for (int o = 0; o < rows; o++) os[o] = (float) (shifts[o] + logSums[o]);
        } else if (op == Op.LOG_SOFTMAX) {
            for (int o = 0; o < rows; o++) {
                double shift = shifts[o], logS = logSums[o];
                for (int k = 0, base = o * len; k < len; k++) os[base + k] = (float) (xs[base + k] - shift - logS);
            }
        }
        if (keep) x.softmaxRows = new SoftmaxRows(out, shifts, logSums);
        if (op == Op.LOG_SUM_EXP) {
            Tensor result = keepdims ? out : out.reshapeRaw(Shape.wrap(java.util.Arrays.copyOf(d, d.length - 1)));
            int[] kept = out.shape.dims();
            return record(result, op, g -> new Tensor[] {g.reshape(kept).mul(x.sub(out).exp())}, x);
        }
        return record(out, op, g -> {
            if (g.f == null) {
                return new Tensor[] {op == Op.SOFTMAX ? out.mul(g.sub(g.mul(out).sum(new int[] {ax}, true)))
                        : g.sub(out.exp().mul(g.sum(new int[] {ax}, true)))};
            }
            Tensor gx = Tensor.empty(DType.FLOAT32, out.shape);
            float[] gs = g.f, gxs = gx.f;
            for (int o = 0; o < rows; o++) {
                int base = o * len;
                double sum = 0;
                if (op == Op.SOFTMAX) {
                    // out · (g − Σ g·out)
                    for (int k = 0; k < len; k++) sum += gs[base + k] * os[base + k];
                    float s = (float) sum;
                    for (int k = 0; k < len; k++) gxs[base + k] = os[base + k] * (gs[base + k] - s);
                } else {
                    // g − softmax · Σ g, softmax = exp(out) kept from the forward pass
                    for (int k = 0; k < len; k++) sum += gs[base + k];
                    float s = (float) sum;
                    if (probs != null) {
                        for (int k = 0; k < len; k++) gxs[base + k] = gs[base + k] - probs[base + k] * s;
                    } else {
                        for (int k = 0; k < len; k++) gxs[base + k] = gs[base + k] - (float) FloatMath.exp(os[base + k]) * s;
                    }
                }
            }
            return new Tensor[] {gx};
        }, x);
    }
}
