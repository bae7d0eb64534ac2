package dev.kiln.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape. {@code -1} marks an unknown dimension (the batch axis of a layer's input
 * shape before data arrives), printed as {@code None} as Keras does.
 *
 * <pre>{@code
 * Shape s = Shape.of(32, 2);
 * s.rank();   // 2
 * s.dim(-1);  // 2
 * s.toString(); // "(32, 2)"
 * }</pre>
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);
    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            if (d < -1) throw new IllegalArgumentException("shape " + Arrays.toString(dims) + ": dimensions must be >= 0 (or -1 for unknown)");
            n *= (d == -1 ? 1 : d);
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31-1 elements");
        }
        this.size = (int) n;
    }

    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    static Shape wrap(int[] dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims);
    }

    public static Shape scalar() { return SCALAR; }

    public int rank() { return dims.length; }

    /** The size of axis {@code axis}; a negative axis counts from the end. */
    public int dim(int axis) { return dims[normalizeAxis(axis, dims.length, "dim")]; }

    /** Number of elements (unknown dimensions count as 1). */
    public int size() { return size; }

    public int[] toArray() { return dims.clone(); }

    int[] dims() { return dims; }

    /** True if every dimension is known. */
    public boolean isFullyKnown() {
        for (int d : dims) if (d < 0) return false;
        return true;
    }

    /** This shape with a leading (batch) dimension prepended. */
    public Shape prepend(int d) {
        int[] r = new int[dims.length + 1];
        r[0] = d;
        System.arraycopy(dims, 0, r, 1, dims.length);
        return wrap(r);
    }

    /** This shape without its first dimension. */
    public Shape dropFirst() {
        if (dims.length == 0) throw new IllegalArgumentException("dropFirst: shape () has no first dimension");
        return wrap(Arrays.copyOfRange(dims, 1, dims.length));
    }

    /** This shape with dimension {@code axis} replaced. */
    public Shape with(int axis, int d) {
        int[] r = dims.clone();
        r[normalizeAxis(axis, dims.length, "with")] = d;
        return wrap(r);
    }

    /** Normalises a possibly negative axis against a rank, with an error naming the op otherwise. */
    public static int normalizeAxis(int axis, int rank, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of rank " + rank
                    + " (expected " + (rank == 0 ? "no axis" : "-" + rank + " <= axis < " + rank) + ")");
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(dims); }

    /** Python's tuple notation: {@code ()}, {@code (3,)}, {@code (32, 2)}, {@code (None, 2)}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) b.append(", ");
            b.append(dims[i] < 0 ? "None" : Integer.toString(dims[i]));
        }
        if (dims.length == 1) b.append(',');
        return b.append(')').toString();
    }
}
