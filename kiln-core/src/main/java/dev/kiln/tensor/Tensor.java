package dev.kiln.tensor;

import dev.kiln.kernel.Elementwise.Binary;
import dev.kiln.kernel.Elementwise.Unary;
import dev.kiln.kernel.Reduce;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An n-dimensional array of float32 (default), float64 or int32 values with reverse-mode automatic
 * differentiation: the one array type of Kiln. Method names are the camelCase of numpy's and Keras's.
 *
 * <pre>{@code
 * Tensor w = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
 * Tensor loss = w.matmul(Tensor.of(new double[] {1, 1})).square().sum();
 * loss.backward();
 * w.grad();   // tensor([[ 6.,  6.], [14., 14.]])
 * }</pre>
 *
 * Tensors are row-major and contiguous. Operations broadcast as NumPy does and return new tensors; only
 * {@link #assign}, {@link #floatData()} and {@link #doubleData()} touch storage in place (optimizers).
 * Element types mix as in numpy with weak scalars: float64 with float32 gives float64, a Java
 * {@code double} operand takes the tensor's type, and int32 takes part in arithmetic as float32.
 */
public final class Tensor {
    final Shape shape;
    final DType dtype;
    /** Storage: {@code f} for FLOAT32, {@code d} for FLOAT64 and INT32 (ints are exact in a double). */
    final float[] f;
    final double[] d;

    boolean requiresGrad;
    Op op;
    Tensor[] parents;
    Backprop.Backward backward;
    Tensor grad;
    /** Backprop's scratch: the gradient waiting for this node's turn, and the pass that last visited it. */
    Tensor pendingGrad;
    long visitedPass;
    private Tensor mask;
    private Tensor logits;
    /** Set on a float32 graph node when a last-axis softmax was taken of it: that softmax's per-row results. */
    SoftmaxRows softmaxRows;

    Tensor(Shape shape, DType dtype, float[] f, double[] d) {
        this.shape = shape;
        this.dtype = dtype;
        this.f = f;
        this.d = d;
    }

    static Tensor empty(DType dtype, Shape shape) {
        return dtype == DType.FLOAT32 ? new Tensor(shape, dtype, new float[shape.size()], null)
                : new Tensor(shape, dtype, null, new double[shape.size()]);
    }

    // ================================================================== creation

    /** A float32 vector. */
    public static Tensor of(double[] values) { return of(values, DType.FLOAT32); }

    /** A float32 matrix; rows must all have the same length. */
    public static Tensor of(double[][] rows) { return of(rows, DType.FLOAT32); }

    /** A float32 rank-3 tensor. */
    public static Tensor of(double[][][] values) { return of(values, DType.FLOAT32); }

    public static Tensor of(float[] values) { return wrap(values.clone(), values.length); }

    public static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            checkRow("Tensor.of", i, rows[i].length, cols);
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return wrap(flat, rows.length, cols);
    }

    /** Integer labels, dtype INT32. */
    public static Tensor of(int[] labels) {
        double[] v = new double[labels.length];
        for (int i = 0; i < v.length; i++) v[i] = labels[i];
        return new Tensor(Shape.of(labels.length), DType.INT32, null, v);
    }

    public static Tensor of(double[] values, DType dtype) { return fromFlat(values, dtype, values.length); }

    public static Tensor of(double[][] rows, DType dtype) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            checkRow("Tensor.of", i, rows[i].length, cols);
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return fromFlat(flat, dtype, rows.length, cols);
    }

    public static Tensor of(double[][][] v, DType dtype) {
        int b = v.length, r = b == 0 ? 0 : v[0].length, c = r == 0 ? 0 : v[0][0].length;
        double[] flat = new double[b * r * c];
        for (int i = 0; i < b; i++) {
            checkRow("Tensor.of", i, v[i].length, r);
            for (int j = 0; j < r; j++) {
                checkRow("Tensor.of", j, v[i][j].length, c);
                System.arraycopy(v[i][j], 0, flat, (i * r + j) * c, c);
            }
        }
        return fromFlat(flat, dtype, b, r, c);
    }

    private static void checkRow(String op, int i, int len, int expected) {
        if (len != expected) {
            throw new IllegalArgumentException(op + ": row " + i + " has length " + len + ", expected " + expected
                    + " (nested arrays must be rectangular)");
        }
    }

    /** A tensor of the given dtype and shape from row-major values (copied). */
    public static Tensor fromFlat(double[] data, DType dtype, int... shape) {
        Shape s = Shape.of(shape);
        if (s.size() != data.length) {
            throw new IllegalArgumentException("fromFlat: " + data.length + " values do not fill shape " + s + " (" + s.size() + " elements)");
        }
        Tensor t = empty(dtype, s);
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < data.length; i++) t.f[i] = (float) data[i];
        } else if (dtype == DType.INT32) {
            for (int i = 0; i < data.length; i++) {
                if (data[i] != (int) data[i]) throw new IllegalArgumentException("fromFlat: value " + data[i] + " at " + i + " is not an int32");
                t.d[i] = data[i];
            }
        } else {
            System.arraycopy(data, 0, t.d, 0, data.length);
        }
        return t;
    }

    /** A float32 tensor from row-major values (copied). */
    public static Tensor fromFlat(float[] data, int... shape) { return wrap(data.clone(), shape); }

    /** A float32 tensor over this array, without copying. */
    public static Tensor wrap(float[] data, int... shape) {
        Shape s = Shape.of(shape);
        if (s.size() != data.length) {
            throw new IllegalArgumentException("wrap: " + data.length + " values do not fill shape " + s + " (" + s.size() + " elements)");
        }
        return new Tensor(s, DType.FLOAT32, data, null);
    }

    /** A float64 tensor over this array, without copying. */
    public static Tensor wrap(double[] data, int... shape) {
        Shape s = Shape.of(shape);
        if (s.size() != data.length) {
            throw new IllegalArgumentException("wrap: " + data.length + " values do not fill shape " + s + " (" + s.size() + " elements)");
        }
        return new Tensor(s, DType.FLOAT64, null, data);
    }

    public static Tensor scalar(double value) { return scalar(value, DType.FLOAT32); }

    public static Tensor scalar(double value, DType dtype) { return full(value, dtype, new int[0]); }

    public static Tensor zeros(int... shape) { return zeros(DType.FLOAT32, shape); }

    public static Tensor zeros(DType dtype, int... shape) { return empty(dtype, Shape.of(shape)); }

    public static Tensor ones(int... shape) { return full(1.0, DType.FLOAT32, shape); }

    public static Tensor ones(DType dtype, int... shape) { return full(1.0, dtype, shape); }

    public static Tensor full(double value, int... shape) { return full(value, DType.FLOAT32, shape); }

    public static Tensor full(double value, DType dtype, int... shape) {
        Tensor t = empty(dtype, Shape.of(shape));
        t.fill(value);
        return t;
    }

    public static Tensor zerosLike(Tensor t) { return empty(t.dtype, t.shape); }

    public static Tensor onesLike(Tensor t) { return full(1.0, t.dtype, t.shape.dims()); }

    /** 0, 1, …, n−1 as INT32 (numpy's {@code arange(n)}). */
    public static Tensor arange(int n) {
        if (n < 0) throw new IllegalArgumentException("arange: n (" + n + ") must be >= 0");
        Tensor t = empty(DType.INT32, Shape.of(n));
        for (int i = 0; i < n; i++) t.d[i] = i;
        return t;
    }

    /** start, start+step, … below stop, as float32. */
    public static Tensor arange(double start, double stop, double step) {
        if (step == 0 || !Double.isFinite(step)) throw new IllegalArgumentException("arange: step (" + step + ") must be finite and non-zero");
        int n = (int) Math.max(0, Math.ceil((stop - start) / step));
        Tensor t = empty(DType.FLOAT32, Shape.of(n));
        for (int i = 0; i < n; i++) t.f[i] = (float) (start + i * step);
        return t;
    }

    /** Normal(mean, std) samples from a seeded generator, float32. */
    public static Tensor randomNormal(long seed, double mean, double std, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = empty(DType.FLOAT32, Shape.of(shape));
        for (int i = 0; i < t.f.length; i++) t.f[i] = (float) (mean + std * r.nextGaussian());
        return t;
    }

    /** Uniform[lo, hi) samples from a seeded generator, float32. */
    public static Tensor randomUniform(long seed, double lo, double hi, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = empty(DType.FLOAT32, Shape.of(shape));
        for (int i = 0; i < t.f.length; i++) t.f[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return t;
    }

    // ================================================================== access

    public Shape shape() { return shape; }

    public DType dtype() { return dtype; }

    public int rank() { return shape.rank(); }

    public int size() { return shape.size(); }

    /** The value of a one-element tensor. */
    public double item() {
        if (size() != 1) throw new IllegalArgumentException("item: only a tensor with one element has an item, this one has shape " + shape);
        return getFlat(0);
    }

    /** The values in row-major order, as doubles (a copy). */
    public double[] toDoubleArray() {
        if (d != null) return d.clone();
        double[] r = new double[f.length];
        for (int i = 0; i < r.length; i++) r[i] = f[i];
        return r;
    }

    /** The values in row-major order, as floats (a copy). */
    public float[] toFloatArray() {
        if (f != null) return f.clone();
        float[] r = new float[d.length];
        for (int i = 0; i < r.length; i++) r[i] = (float) d[i];
        return r;
    }

    /** The values as ints (they must be integral), e.g. for labels. */
    public int[] toIntArray() {
        int[] r = new int[size()];
        for (int i = 0; i < r.length; i++) {
            double v = getFlat(i);
            if (v != (int) v) throw new IllegalArgumentException("toIntArray: value " + v + " at position " + i + " is not an integer");
            r[i] = (int) v;
        }
        return r;
    }

    /** The element at a full index (negative indices count from the end). */
    public double getDouble(int... index) {
        if (index.length != rank()) {
            throw new IllegalArgumentException("getDouble: " + index.length + " indices for a tensor of rank " + rank() + " (shape " + shape + ")");
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int n = shape.dim(i), k = index[i] < 0 ? index[i] + n : index[i];
            if (k < 0 || k >= n) throw new IllegalArgumentException("getDouble: index " + index[i] + " is out of range for axis " + i + " of size " + n);
            flat = flat * n + k;
        }
        return getFlat(flat);
    }

    /** The live float32 storage, row-major. For optimizers and kernels: writes bypass autodiff. */
    public float[] floatData() {
        if (f == null) throw new IllegalStateException("floatData: this tensor is " + dtype + ", not float32");
        return f;
    }

    /** The live float64 storage, row-major. For optimizers and kernels: writes bypass autodiff. */
    public double[] doubleData() {
        if (dtype != DType.FLOAT64) throw new IllegalStateException("doubleData: this tensor is " + dtype + ", not float64");
        return d;
    }

    /** Copies {@code value}'s elements into this tensor's storage in place (no graph); shapes must match. */
    public Tensor assign(Tensor value) {
        if (!value.shape.equals(shape)) {
            throw new IllegalArgumentException("assign: value of shape " + value.shape + " does not match " + shape);
        }
        for (int i = 0; i < size(); i++) setFlat(i, value.getFlat(i));
        return this;
    }

    double getFlat(int i) { return f != null ? f[i] : d[i]; }

    void setFlat(int i, double v) {
        if (f != null) f[i] = (float) v;
        else d[i] = v;
    }

    void addFlat(int i, double v) {
        if (f != null) f[i] += (float) v;
        else d[i] += v;
    }

    void fill(double v) {
        if (f != null) Arrays.fill(f, (float) v);
        else Arrays.fill(d, v);
    }

    /** Same storage, another shape, no graph. */
    Tensor reshapeRaw(Shape s) { return new Tensor(s, dtype, f, d); }

    @Override
    public String toString() { return TensorFormat.format(this); }

    // ================================================================== autodiff

    /** Marks a leaf for gradient accumulation (float dtypes only); returns this tensor, for chaining. */
    public Tensor requiresGrad(boolean on) {
        if (parents != null) throw new IllegalStateException("requiresGrad: only a leaf tensor can be marked (this one is the output of " + op + "); use detach()");
        if (on && !dtype.isFloating()) throw new IllegalArgumentException("requiresGrad: a " + dtype + " tensor cannot have gradients");
        requiresGrad = on;
        return this;
    }

    public boolean requiresGrad() { return requiresGrad; }

    /** True if this tensor was not computed by a recorded operation. */
    public boolean isLeaf() { return parents == null; }

    /** The operation that produced this tensor in the graph, or null for a leaf. */
    public Op gradFn() { return op; }

    /** The accumulated gradient of a leaf (null before any backward pass reached it). */
    public Tensor grad() { return grad; }

    public void zeroGrad() { grad = null; }

    /**
     * Sets the accumulated gradient of this leaf (PyTorch's {@code p.grad = g}): for code that computes
     * gradients itself and hands them to an optimizer. The tensor is kept, not copied; null clears it.
     *
     * <pre>{@code
     * w.grad(Tensor.onesLike(w));   // then optimizer.step(List.of(w))
     * }</pre>
     */
    public Tensor grad(Tensor gradient) {
        if (parents != null) throw new IllegalStateException("grad: only a leaf tensor holds a gradient (this one is the output of " + op + ")");
        if (gradient != null && (!gradient.shape.equals(shape) || gradient.dtype != dtype)) {
            throw new IllegalArgumentException("grad: gradient must be " + dtype + shape + " like the tensor, got "
                    + gradient.dtype + gradient.shape);
        }
        grad = gradient;
        return this;
    }

    /** Back-propagates from this scalar, accumulating gradients in the leaves that require them. */
    public void backward() {
        if (size() != 1) {
            throw new IllegalArgumentException("backward: expected a scalar (one element), got shape " + shape
                    + "; reduce it first, e.g. loss.mean().backward()");
        }
        backward(onesLike(this));
    }

    /** Back-propagates with the given gradient of this tensor (same shape). */
    public void backward(Tensor gradient) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward: this tensor does not require a gradient (no input had requiresGrad(true), "
                    + "or it was computed under GradMode.off())");
        }
        if (!gradient.shape.equals(shape)) {
            throw new IllegalArgumentException("backward: gradient of shape " + gradient.shape + " does not match " + shape);
        }
        Backprop.run(this, gradient.dtype == dtype ? gradient : gradient.astype(dtype));
    }

    /** The same values, cut from the graph (shares storage). */
    public Tensor detach() { return reshapeRaw(shape); }

    /** These values carrying a boolean (0/1) mask, e.g. for padded timesteps; losses honour it as Keras does. */
    public Tensor withMask(Tensor mask) {
        Tensor t = ShapeFunctions.identity(this);
        t.mask = mask;
        t.logits = logits;
        return t;
    }

    /** The mask attached by {@link #withMask}, or null. */
    public Tensor mask() { return mask; }

    /**
     * These values (the output of a sigmoid or a last-axis softmax) carrying the logits they were computed
     * from, as Keras on TensorFlow does ({@code _keras_logits}): the cross-entropy losses then compute from
     * the logits, which is exact where nothing saturates and stable where the probabilities would be clipped.
     * Kiln's sigmoid and softmax activations attach them; a tensor made any other way carries none.
     */
    public Tensor withLogits(Tensor logits) {
        if (!logits.shape.equals(shape)) {
            throw new IllegalArgumentException("withLogits: logits of shape " + logits.shape + " for values of shape " + shape);
        }
        Tensor t = ShapeFunctions.identity(this);
        t.mask = mask;
        t.logits = logits;
        return t;
    }

    /** The logits attached by {@link #withLogits}, or null. */
    public Tensor logits() { return logits; }

    // ================================================================== element-wise

    private Tensor weak(double v) { return scalar(v, dtype == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32); }

    public Tensor add(Tensor o) { return Functions.binary(Op.ADD, Binary.ADD, this, o, "add"); }
    public Tensor add(double v) { return add(weak(v)); }
    public Tensor sub(Tensor o) { return Functions.binary(Op.SUB, Binary.SUB, this, o, "sub"); }
    public Tensor sub(double v) { return sub(weak(v)); }
    public Tensor mul(Tensor o) { return Functions.binary(Op.MUL, Binary.MUL, this, o, "mul"); }
    public Tensor mul(double v) { return mul(weak(v)); }
    public Tensor div(Tensor o) { return Functions.binary(Op.DIV, Binary.DIV, this, o, "div"); }
    public Tensor div(double v) { return div(weak(v)); }
    public Tensor pow(Tensor o) { return Functions.binary(Op.POW, Binary.POW, this, o, "pow"); }
    public Tensor pow(double v) { return pow(weak(v)); }
    public Tensor maximum(Tensor o) { return Functions.binary(Op.MAXIMUM, Binary.MAXIMUM, this, o, "maximum"); }
    public Tensor maximum(double v) { return maximum(weak(v)); }
    public Tensor minimum(Tensor o) { return Functions.binary(Op.MINIMUM, Binary.MINIMUM, this, o, "minimum"); }
    public Tensor minimum(double v) { return minimum(weak(v)); }

    public Tensor neg() { return Functions.unary(Op.NEG, Unary.NEG, this); }
    public Tensor exp() { return Functions.unary(Op.EXP, Unary.EXP, this); }
    public Tensor log() { return Functions.unary(Op.LOG, Unary.LOG, this); }
    public Tensor log1p() { return Functions.unary(Op.LOG1P, Unary.LOG1P, this); }
    public Tensor sqrt() { return Functions.unary(Op.SQRT, Unary.SQRT, this); }
    public Tensor square() { return Functions.unary(Op.SQUARE, Unary.SQUARE, this); }
    public Tensor abs() { return Functions.unary(Op.ABS, Unary.ABS, this); }
    /** −1, 0 or 1; not differentiable. */
    public Tensor sign() { return Functions.unary(Op.SIGN, Unary.SIGN, this); }
    public Tensor sigmoid() { return Functions.unary(Op.SIGMOID, Unary.SIGMOID, this); }
    public Tensor tanh() { return Functions.unary(Op.TANH, Unary.TANH, this); }
    public Tensor relu() { return Functions.unary(Op.RELU, Unary.RELU, this); }
    /** log(1 + e^x), computed without overflow. */
    public Tensor softplus() { return Functions.unary(Op.SOFTPLUS, Unary.SOFTPLUS, this); }
    /** log(cosh x), computed without overflow. */
    public Tensor logCosh() { return Functions.unary(Op.LOG_COSH, Unary.LOG_COSH, this); }
    /** Round half to even, as numpy; not differentiable. */
    public Tensor round() { return Functions.unary(Op.ROUND, Unary.ROUND, this); }
    public Tensor floor() { return Functions.unary(Op.FLOOR, Unary.FLOOR, this); }
    public Tensor clip(double min, double max) { return Functions.clip(this, min, max); }

    /** Element-wise choice: {@code a} where {@code cond} is non-zero, else {@code b}; all three broadcast. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return Functions.where(cond, a, b); }

    public Tensor greater(Tensor o) { return Functions.binary(null, Binary.GREATER, this, o, "greater"); }
    public Tensor greater(double v) { return greater(weak(v)); }
    public Tensor greaterEqual(Tensor o) { return Functions.binary(null, Binary.GREATER_EQUAL, this, o, "greaterEqual"); }
    public Tensor greaterEqual(double v) { return greaterEqual(weak(v)); }
    public Tensor less(Tensor o) { return Functions.binary(null, Binary.LESS, this, o, "less"); }
    public Tensor less(double v) { return less(weak(v)); }
    public Tensor lessEqual(Tensor o) { return Functions.binary(null, Binary.LESS_EQUAL, this, o, "lessEqual"); }
    public Tensor lessEqual(double v) { return lessEqual(weak(v)); }
    public Tensor equal(Tensor o) { return Functions.binary(null, Binary.EQUAL, this, o, "equal"); }
    public Tensor equal(double v) { return equal(weak(v)); }
    public Tensor notEqual(Tensor o) { return Functions.binary(null, Binary.NOT_EQUAL, this, o, "notEqual"); }
    public Tensor notEqual(double v) { return notEqual(weak(v)); }

    // ================================================================== reductions

    public Tensor sum() { return sum(null, false); }
    public Tensor sum(int axis) { return sum(new int[] {axis}, false); }
    public Tensor sum(int axis, boolean keepdims) { return sum(new int[] {axis}, keepdims); }
    /** Sum over {@code axes} (null: all). */
    public Tensor sum(int[] axes, boolean keepdims) { return Functions.reduce(Op.SUM, Reduce.Kind.SUM, this, axes, keepdims); }

    public Tensor mean() { return mean(null, false); }
    public Tensor mean(int axis) { return mean(new int[] {axis}, false); }
    public Tensor mean(int axis, boolean keepdims) { return mean(new int[] {axis}, keepdims); }
    public Tensor mean(int[] axes, boolean keepdims) { return Functions.reduce(Op.MEAN, Reduce.Kind.MEAN, this, axes, keepdims); }

    public Tensor max() { return max(null, false); }
    public Tensor max(int axis) { return max(new int[] {axis}, false); }
    public Tensor max(int axis, boolean keepdims) { return max(new int[] {axis}, keepdims); }
    /** Maximum over axes; the gradient is shared equally among tied maxima. */
    public Tensor max(int[] axes, boolean keepdims) { return Functions.reduce(Op.MAX, Reduce.Kind.MAX, this, axes, keepdims); }

    public Tensor min() { return min(null, false); }
    public Tensor min(int axis) { return min(new int[] {axis}, false); }
    public Tensor min(int axis, boolean keepdims) { return min(new int[] {axis}, keepdims); }
    public Tensor min(int[] axes, boolean keepdims) { return Functions.reduce(Op.MIN, Reduce.Kind.MIN, this, axes, keepdims); }

    /** Index of the maximum along an axis (first on ties), INT32. */
    public Tensor argmax(int axis) { return Functions.argmax(this, axis); }

    /** log Σ exp(x) along an axis, shifted by the maximum so that it neither overflows nor underflows. */
    public Tensor logSumExp(int axis, boolean keepdims) { return Functions.softmaxFamily(Op.LOG_SUM_EXP, this, axis, keepdims); }
    public Tensor logSumExp(int axis) { return logSumExp(axis, false); }
    /** exp(x − logSumExp(x)) along an axis. */
    public Tensor softmax(int axis) { return Functions.softmaxFamily(Op.SOFTMAX, this, axis, true); }
    /** x − logSumExp(x) along an axis. */
    public Tensor logSoftmax(int axis) { return Functions.softmaxFamily(Op.LOG_SOFTMAX, this, axis, true); }

    /**
     * Softmax cross-entropy of labels against logits, one value per sample: {@code −Σ_k labels_k ·
     * logSoftmax(logits)_k} along {@code axis}, as TensorFlow's {@code softmax_cross_entropy_with_logits}.
     * The values of {@code labels.mul(logits.logSoftmax(axis)).sum(axis).neg()}, computed stably from the
     * logits, as one graph node when axis is the last (gradient {@code softmax(logits)·Σlabels − labels}).
     *
     * <pre>{@code
     * Tensor perSample = Tensor.softmaxCrossEntropyWithLogits(yOneHot, logits, -1);   // (32,)
     * Tensor loss = perSample.mean();
     * }</pre>
     */
    public static Tensor softmaxCrossEntropyWithLogits(Tensor labels, Tensor logits, int axis) {
        return CrossEntropyFunctions.softmaxCrossEntropy(labels, logits, axis);
    }

    // ================================================================== linear algebra

    /**
     * Matrix product with numpy's rules: 2-D · 2-D; a 1-D operand is a row (left) or column (right)
     * vector whose axis is dropped from the result; leading (batch) axes broadcast.
     */
    public Tensor matmul(Tensor other) {
        if (rank() == 0 || other.rank() == 0) {
            throw new IllegalArgumentException("matmul: " + shape + " and " + other.shape + " cannot be multiplied: operands must have rank >= 1");
        }
        Tensor a = rank() == 1 ? reshape(1, shape.dim(0)) : this;
        Tensor b = other.rank() == 1 ? other.reshape(other.shape.dim(0), 1) : other;
        if (a.shape.dim(-1) != b.shape.dim(-2)) {
            throw new IllegalArgumentException("matmul: " + shape + " and " + other.shape + " cannot be multiplied: "
                    + shape.dim(-1) + " != " + (other.rank() == 1 ? other.shape.dim(0) : other.shape.dim(-2)));
        }
        Tensor out = Functions.matmul(a, b);
        if (rank() > 1 && other.rank() > 1) return out;
        // drop the axes that the 1-D operands were given: -2 for a left vector, -1 for a right one
        int[] od = out.shape.dims();
        int drop = (rank() == 1 ? 1 : 0) + (other.rank() == 1 ? 1 : 0);
        int[] kept = Arrays.copyOf(od, od.length - drop);
        if (rank() == 1 && other.rank() > 1) kept[kept.length - 1] = od[od.length - 1];
        return out.reshape(kept);
    }

    /**
     * A dense layer's affine map and activation as one graph node: {@code activation(x · kernel + bias)},
     * x of shape (batch, …, inputs), kernel (inputs, units), bias (units) or null for none. RELU, TANH and
     * LINEAR are applied inside the node; SIGMOID and SOFTMAX (last axis) follow it and carry its output
     * as their logits ({@link #withLogits}), as {@code Dense} with those activations does. The values of
     * {@code x.matmul(kernel).add(bias)} then the activation (up to the product's summation order), with
     * one graph node instead of three and fewer temporaries.
     *
     * <pre>{@code
     * Tensor h = Tensor.affine(x, w1, b1, AffineActivation.RELU);          // (32, 50)
     * Tensor p = Tensor.affine(h, w2, b2, AffineActivation.SOFTMAX);       // p.logits() is h·w2 + b2
     * }</pre>
     */
    public static Tensor affine(Tensor x, Tensor kernel, Tensor bias, AffineActivation activation) {
        return AffineFunctions.affine(x, kernel, bias, activation);
    }

    // ================================================================== shape

    /** The same elements in a new shape; one dimension may be −1 (inferred). Shares storage. */
    public Tensor reshape(int... shape) { return ShapeFunctions.reshape(this, shape); }

    /**
     * The same values (same storage) as a new graph node whose gradient passes through unchanged, as
     * TensorFlow's {@code tf.identity}: {@code w.identity()} is an op output, not the leaf {@code w}.
     */
    public Tensor identity() { return ShapeFunctions.identity(this); }

    /** Reverses the axes (numpy's {@code .T}). */
    public Tensor transpose() {
        int[] p = new int[rank()];
        for (int i = 0; i < p.length; i++) p[i] = p.length - 1 - i;
        return transpose(p);
    }

    /** Permutes the axes: output axis i is input axis {@code perm[i]}. */
    public Tensor transpose(int... perm) { return ShapeFunctions.transpose(this, perm); }

    /** Same as {@link #transpose(int...)}. */
    public Tensor permute(int... perm) { return transpose(perm); }

    public Tensor broadcastTo(int... shape) { return ShapeFunctions.broadcastTo(this, shape); }

    /** Removes an axis of size 1. */
    public Tensor squeeze(int axis) {
        int a = Shape.normalizeAxis(axis, rank(), "squeeze");
        if (shape.dim(a) != 1) throw new IllegalArgumentException("squeeze: axis " + axis + " has size " + shape.dim(a) + ", not 1 (shape " + shape + ")");
        int[] s = new int[rank() - 1];
        for (int i = 0, j = 0; i < rank(); i++) if (i != a) s[j++] = shape.dim(i);
        return reshape(s);
    }

    /** Inserts an axis of size 1 at {@code axis} (negative counts from the end of the result). */
    public Tensor expandDims(int axis) {
        int a = Shape.normalizeAxis(axis, rank() + 1, "expandDims");
        int[] s = new int[rank() + 1];
        for (int i = 0, j = 0; i < s.length; i++) s[i] = i == a ? 1 : shape.dim(j++);
        return reshape(s);
    }

    public static Tensor concat(List<Tensor> tensors, int axis) { return ShapeFunctions.concat(tensors, axis); }

    /** Stacks equal-shaped tensors along a new axis. */
    public static Tensor stack(List<Tensor> tensors, int axis) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack: needs at least one tensor");
        Shape s0 = tensors.get(0).shape;
        Tensor[] expanded = new Tensor[tensors.size()];
        for (int i = 0; i < expanded.length; i++) {
            Tensor t = tensors.get(i);
            if (!t.shape.equals(s0)) throw new IllegalArgumentException("stack: tensor " + i + " has shape " + t.shape + ", tensor 0 has " + s0);
            expanded[i] = t.expandDims(axis);
        }
        return concat(Arrays.asList(expanded), axis);
    }

    /** Rows [start, end) of the leading axis (batching). */
    public Tensor slice(int start, int end) { return slice(0, start, end); }

    /** Elements [start, end) along {@code axis}. */
    public Tensor slice(int axis, int start, int end) { return ShapeFunctions.slice(this, axis, start, end); }

    /** Rows of the leading axis picked by index (batching, shuffling). */
    public Tensor gather(int[] indices) { return ShapeFunctions.gather(this, indices); }

    public Tensor gather(Tensor indices) { return gather(indices.toIntArray()); }

    /** numpy's {@code take_along_axis}: picks, along {@code axis}, the elements named by integer {@code indices}. */
    public Tensor takeAlongAxis(Tensor indices, int axis) { return ShapeFunctions.takeAlongAxis(this, indices, axis); }

    /** One-hot vectors on a new last axis (float32) for integer labels in [0, depth). */
    public static Tensor oneHot(Tensor indices, int depth) { return ShapeFunctions.oneHot(indices, depth); }

    /** This tensor's values in another dtype (to INT32: truncated toward zero, as numpy). */
    public Tensor astype(DType dtype) { return ShapeFunctions.astype(this, dtype); }

    // ================================================================== images (channels-last: batch, height, width, channels)

    /**
     * 2-D convolution (cross-correlation, as Keras) of (N, H, W, Cin) images with a (kh, kw, Cin, Cout) kernel.
     * {@code y[b, i, j, o] = Σ x[b, i·sh + u·dh − pt, j·sw + v·dw − pl, c] · k[u, v, c, o]}; "same" padding keeps
     * ceil(H / sh) × ceil(W / sw) outputs (TensorFlow's split), "valid" uses no padding.
     *
     * <pre>{@code
     * Tensor y = Tensor.conv2d(x, kernel, new int[] {1, 1}, "valid", new int[] {1, 1}); // (N, H−kh+1, W−kw+1, Cout)
     * }</pre>
     */
    public static Tensor conv2d(Tensor input, Tensor kernel, int[] strides, String padding, int[] dilation) {
        return ConvFunctions.conv2d(input, kernel, null, strides, padding, dilation);
    }

    /** The same plus {@code bias[o]} (shape (Cout), may be null) on every pixel, in one pass (Conv2D's forward). */
    public static Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, int[] strides, String padding, int[] dilation) {
        return ConvFunctions.conv2d(input, kernel, bias, strides, padding, dilation);
    }

    /**
     * {@code activation(conv2d(input, kernel) + bias)} as one differentiable op, for {@code "linear"},
     * {@code "relu"} and {@code "tanh"} (Conv2D's forward with those activations): each image is activated
     * right after its convolution, and the activation's and the bias's gradients are taken in one pass.
     * Same values and gradients as {@code conv2d(...)} followed by {@code relu()} or {@code tanh()}.
     *
     * <pre>{@code
     * Tensor y = Tensor.conv2d(x, kernel, bias, new int[] {1, 1}, "valid", new int[] {1, 1}, "tanh");
     * }</pre>
     */
    public static Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, int[] strides, String padding, int[] dilation,
            String activation) {
        return ConvFunctions.conv2d(input, kernel, bias, strides, padding, dilation, activation);
    }

    /** Stride 1, no dilation: {@code conv2d(input, kernel, {1, 1}, padding, {1, 1})}. */
    public static Tensor conv2d(Tensor input, Tensor kernel, String padding) {
        return conv2d(input, kernel, new int[] {1, 1}, padding, new int[] {1, 1});
    }

    /**
     * Max over poolSize windows moved by strides on (N, H, W, C) images; the gradient goes to the first
     * maximum of each window. Example: {@code x.maxPool2d(new int[] {2, 2}, new int[] {2, 2}, "valid")}.
     */
    public Tensor maxPool2d(int[] poolSize, int[] strides, String padding) {
        return ConvFunctions.maxPool2d(this, poolSize, strides, padding);
    }

    /**
     * Mean over poolSize windows moved by strides on (N, H, W, C) images; with "same" padding the mean is
     * over the window positions inside the image (as Keras). Example: {@code x.avgPool2d(new int[] {2, 2}, new int[] {2, 2}, "same")}.
     */
    public Tensor avgPool2d(int[] poolSize, int[] strides, String padding) {
        return ConvFunctions.avgPool2d(this, poolSize, strides, padding);
    }
}
