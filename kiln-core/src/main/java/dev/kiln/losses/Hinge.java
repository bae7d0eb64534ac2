package dev.kiln.losses;

import dev.kiln.tensor.Tensor;

/**
 * Hinge loss for ±1 labels: {@code loss = mean(max(1 − yTrue·yPred, 0), axis=-1)}. If every label of the
 * batch is 0 or 1 they are first converted to −1/1 ({@code 2t − 1}), as Keras does. Name {@code hinge};
 * default reduction sum over batch size. Expects a linear (or tanh) output.
 *
 * <pre>{@code
 * Tensor loss = new Hinge().apply(Tensor.of(new double[][] {{0, 1}, {0, 0}}),
 *         Tensor.of(new double[][] {{0.6, 0.4}, {0.4, 0.6}}));   // 1.3
 * }</pre>
 */
public class Hinge extends Loss {
    public Hinge() { super("hinge"); }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return compute(tp[0], tp[1]);
    }

    static Tensor compute(Tensor yTrue, Tensor yPred) {
        Ranks.requireSameShape("hinge", yTrue, yPred);
        return margin(yTrue, yPred).mean(-1);
    }

    /** max(1 − t·p, 0) after the {0,1} → {−1,1} conversion of the whole batch. */
    static Tensor margin(Tensor yTrue, Tensor yPred) {
        Tensor t = toSigns(yTrue);
        return t.mul(yPred).neg().add(1.0).maximum(0.0);
    }

    /** Keras converts labels only when the entire tensor is binary, decided per call. */
    static Tensor toSigns(Tensor yTrue) {
        for (double v : yTrue.toDoubleArray()) {
            if (v != 0 && v != 1) return yTrue;
        }
        return yTrue.mul(2.0).sub(1.0);
    }

    @Override
    public Hinge reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public Hinge name(String name) { super.name(name); return this; }

    @Override
    void checkInputs(LossChecks c) {
        c.sameShape();
        c.hingeLabels(true);
    }
}
