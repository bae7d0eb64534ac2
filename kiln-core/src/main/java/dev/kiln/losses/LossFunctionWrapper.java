package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.Objects;

/**
 * A loss made from a {@link LossFunction} (Keras's {@code LossFunctionWrapper}): {@link #call} aligns the
 * ranks of labels and predictions ({@code (N,)} against {@code (N,1)}) and applies the function; the
 * base class weights and reduces. Made by {@link Loss#of}.
 *
 * <pre>{@code
 * Loss loss = Loss.of("l1", (t, p) -> p.sub(t).abs().mean(-1)).reduction(Reduction.SUM);
 * }</pre>
 */
public final class LossFunctionWrapper extends Loss {
    private final LossFunction fn;

    LossFunctionWrapper(String name, LossFunction fn) {
        super(name);
        this.fn = Objects.requireNonNull(fn, "fn");
    }

    /** The wrapped function. */
    public LossFunction function() { return fn; }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = Ranks.align(yTrue, yPred);
        return fn.apply(tp[0], tp[1]);
    }

    @Override
    public LossFunctionWrapper reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public LossFunctionWrapper name(String name) { super.name(name); return this; }
}
