package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's OrthogonalRegularizer: pushes the rows (or columns) of a 2-D weight toward orthogonality. With
 * the rows (mode "rows") or columns L2-normalized to n, penalty = factor·½·Σ|offdiag(n·nᵀ)| / (size(size − 1)/2),
 * size the number of rows (columns). Defaults factor 0.01, mode "rows".
 *
 * <pre>{@code
 * new Dense(16).kernelRegularizer(new OrthogonalRegularizer(0.01, "columns"));
 * }</pre>
 */
public final class OrthogonalRegularizer implements Regularizer {
    /** Keras's default factor. */
    public static final double DEFAULT_FACTOR = 0.01;
    private final double factor;
    private final String mode;

    /** {@code mode} "rows" or "columns"; {@code factor} finite and ≥ 0. */
    public OrthogonalRegularizer(double factor, String mode) {
        if (!(factor >= 0) || Double.isInfinite(factor)) throw new IllegalArgumentException("OrthogonalRegularizer: factor (" + factor + ") must be finite and >= 0");
        if (!"rows".equals(mode) && !"columns".equals(mode)) {
            throw new IllegalArgumentException("OrthogonalRegularizer: mode must be 'rows' or 'columns', got '" + mode + "'");
        }
        this.factor = factor;
        this.mode = mode;
    }

    /** With Keras's defaults. */
    public OrthogonalRegularizer() { this(DEFAULT_FACTOR, "rows"); }

    @Override
    public Tensor penalty(Tensor w) {
        if (w.rank() != 2) throw new IllegalArgumentException("OrthogonalRegularizer: the weight must have rank 2, got shape " + w.shape());
        boolean rows = mode.equals("rows");
        int axis = rows ? 1 : 0, size = w.shape().dim(rows ? 0 : 1);
        // Keras's normalize: x·min(1/‖x‖, 1/ε), written as x/√max(‖x‖², ε²) so that a zero vector has a finite gradient
        Tensor n = w.div(w.square().sum(axis, true).maximum(Constraints.EPSILON * Constraints.EPSILON).sqrt());
        Tensor product = rows ? n.matmul(n.transpose()) : n.transpose().matmul(n);
        double[] offDiagonal = new double[size * size];
        for (int i = 0; i < offDiagonal.length; i++) offDiagonal[i] = i / size == i % size ? 0 : 1;
        Tensor mask = Tensor.fromFlat(offDiagonal, w.dtype(), size, size);
        double pairs = size * (size - 1.0) / 2.0;
        return product.mul(mask).abs().sum().mul(factor * 0.5 / pairs);
    }

    @Override public String className() { return "OrthogonalRegularizer"; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("factor", factor);
        c.put("mode", mode);
        return c;
    }

    @Override public String toString() { return className() + config(); }
}
