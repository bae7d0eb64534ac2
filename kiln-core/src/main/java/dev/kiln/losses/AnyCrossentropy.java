package dev.kiln.losses;

import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;

/**
 * The {@code "crossentropy"} / {@code "ce"} of Keras's {@code compile}: binary, sparse or categorical
 * cross-entropy chosen from the shapes of each batch (§5 of the spec): one output unit gives binary;
 * labels with fewer axes, or a last axis of 1 against several classes, give sparse; otherwise categorical.
 */
final class AnyCrossentropy extends Loss {
    AnyCrossentropy(String name) { super(name); }

    /** The cross-entropy Keras's compile picks for these shapes. */
    static Loss resolve(Tensor yTrue, Tensor yPred) { return resolve(yTrue.shape(), yPred.shape()); }

    private static Loss resolve(Shape yTrue, Shape yPred) {
        int predLast = yPred.rank() == 0 ? 1 : yPred.dim(-1);
        int trueLast = yTrue.rank() == 0 ? 1 : yTrue.dim(-1);
        if (predLast == 1) return new BinaryCrossentropy();
        if (yTrue.rank() < yPred.rank() || (trueLast == 1 && predLast > 1)) return new SparseCategoricalCrossentropy();
        return new CategoricalCrossentropy();
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) { return resolve(yTrue, yPred).call(yTrue, yPred); }

    @Override
    void checkInputs(LossChecks c) { resolve(c.yTrue, c.yPred).checkInputs(c); }

    @Override
    void checkLabelValues(Tensor yTrue, double[] labels, Shape predShape) {
        resolve(yTrue.shape(), predShape).checkLabelValues(yTrue, labels, predShape);
    }
}
