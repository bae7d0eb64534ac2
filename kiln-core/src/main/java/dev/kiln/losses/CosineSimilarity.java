package dev.kiln.losses;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * Negative cosine similarity along an axis: {@code loss = −Σ_axis(t̂ · p̂)} with
 * {@code x̂ = x / sqrt(max(Σ_axis x², ε²))}, ε = 1e-7. −1 means aligned, 0 orthogonal (or a zero
 * vector), +1 opposite. Default axis −1; name {@code cosine_similarity}; default reduction sum over batch size.
 *
 * <pre>{@code
 * Tensor loss = new CosineSimilarity().axis(1).apply(Tensor.of(new double[][] {{0, 1}, {1, 1}}),
 *         Tensor.of(new double[][] {{1, 0}, {1, 1}}));   // -0.5
 * }</pre>
 */
public class CosineSimilarity extends Loss {
    private int axis = -1;

    public CosineSimilarity() { super("cosine_similarity"); }

    /** The axis along which the similarity is computed (default −1). */
    public CosineSimilarity axis(int axis) {
        this.axis = axis;
        return this;
    }

    public int axis() { return axis; }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) { return compute(yTrue, yPred, axis); }

    static Tensor compute(Tensor yTrue, Tensor yPred, int axis) {
        Tensor[] tp = Ranks.alignSameShape("cosine_similarity", yTrue, yPred);
        int ax = Ranks.axis("cosine_similarity", axis, tp[0].rank());
        return normalize(tp[0], ax).mul(normalize(tp[1], ax)).sum(ax).neg();
    }

    /** x / ‖x‖ along an axis; the ε² floor keeps a zero vector at 0 (value and gradient), never NaN. */
    private static Tensor normalize(Tensor x, int axis) {
        Tensor squareSum = x.square().sum(axis, true);
        return x.div(squareSum.maximum(Losses.EPSILON * Losses.EPSILON).sqrt());
    }

    @Override
    public CosineSimilarity reduction(Reduction reduction) { super.reduction(reduction); return this; }

    @Override
    public CosineSimilarity name(String name) { super.name(name); return this; }

    @Override
    protected void addConfig(Map<String, Object> config) { config.put("axis", axis); }

    @Override
    void checkInputs(LossChecks c) {
        c.sameShape();
        Ranks.axis(name(), axis, Ranks.align(c.yTrue, c.yPred)[1].rank());
    }
}
