package dev.kiln.nn;

import dev.kiln.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's L1L2 regularizer: penalty(w) = l1·Σ|w| + l2·Σw² (a term is left out when its factor is 0).
 * Keras 3 defaults both factors to 0 (Keras 2's {@code l1_l2()} function used 0.01 for each: pass them).
 *
 * <pre>{@code
 * new Dense(32).kernelRegularizer(new L1L2(1e-5, 1e-4));
 * }</pre>
 */
public class L1L2 implements Regularizer {
    private final double l1;
    private final double l2;

    /** Penalty l1·Σ|w| + l2·Σw²; both factors finite and ≥ 0. */
    public L1L2(double l1, double l2) {
        if (!(l1 >= 0) || !(l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": factors must be finite and >= 0, got l1=" + l1 + ", l2=" + l2);
        }
        this.l1 = l1;
        this.l2 = l2;
    }

    /** Both factors 0, as Keras 3's {@code L1L2()}. */
    public L1L2() { this(0.0, 0.0); }

    /** The L1 factor. */
    public double l1() { return l1; }

    /** The L2 factor. */
    public double l2() { return l2; }

    @Override
    public Tensor penalty(Tensor w) {
        Tensor p = Tensor.scalar(0.0, w.dtype());
        if (l1 != 0) p = p.add(w.abs().sum().mul(l1));
        if (l2 != 0) p = p.add(w.square().sum().mul(l2));
        return p;
    }

    @Override public String className() { return "L1L2"; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        c.put("l2", l2);
        return c;
    }

    @Override public String toString() { return className() + config(); }
}
