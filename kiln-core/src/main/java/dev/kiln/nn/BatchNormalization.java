package dev.kiln.nn;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Batch normalization over one feature axis (default −1), Keras 3's formulas: in training, with the
 * batch mean μ and biased variance σ² over every other axis, y = γ(x − μ)/√(σ² + ε) + β, gradients
 * flowing through μ and σ², and the moving statistics updated in place as
 * moving = moving·momentum + batch·(1 − momentum); in inference (or when not trainable) μ and σ² are the
 * moving statistics. Defaults: momentum 0.99, ε 1e-3, center (β) and scale (γ) on; β, moving mean zeros,
 * γ, moving variance ones. Weights: gamma, beta (trainable), moving_mean, moving_variance.
 *
 * <pre>{@code
 * model.add(new Dense(64));
 * model.add(new BatchNormalization());
 * model.add(new Activation("relu"));
 * }</pre>
 */
public class BatchNormalization extends Layer {
    /** Keras's default momentum of the moving statistics. */
    public static final double DEFAULT_MOMENTUM = 0.99;
    /** Keras's default ε added to the variance. */
    public static final double DEFAULT_EPSILON = 1e-3;

    private int axis = -1;
    private double momentum = DEFAULT_MOMENTUM;
    private double epsilon = DEFAULT_EPSILON;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.zeros();
    private Initializer gammaInitializer = Initializers.ones();
    private Initializer movingMeanInitializer = Initializers.zeros();
    private Initializer movingVarianceInitializer = Initializers.ones();
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Constraint betaConstraint;
    private Constraint gammaConstraint;

    private Tensor gamma;
    private Tensor beta;
    private Tensor movingMean;
    private Tensor movingVariance;
    private int[] reductionAxes;
    private int[] paramShape;

    /** The feature axis normalized separately (default −1, the last; 1 for channels-first images). */
    public BatchNormalization axis(int axis) { requireUnbuilt(); this.axis = axis; return this; }

    /** The moving statistics' momentum in [0, 1]: moving = moving·momentum + batch·(1 − momentum) (default 0.99). */
    public BatchNormalization momentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException(describe() + ": momentum (" + momentum + ") must be in [0, 1]");
        this.momentum = momentum;
        return this;
    }

    /** ε added to the variance before the square root (default 1e-3). */
    public BatchNormalization epsilon(double epsilon) {
        if (!(epsilon > 0)) throw new IllegalArgumentException(describe() + ": epsilon (" + epsilon + ") must be > 0");
        this.epsilon = epsilon;
        return this;
    }

    /** Whether to add the learned offset β (default true). */
    public BatchNormalization center(boolean center) { requireUnbuilt(); this.center = center; return this; }

    /** Whether to multiply by the learned scale γ (default true). */
    public BatchNormalization scale(boolean scale) { requireUnbuilt(); this.scale = scale; return this; }

    /** Initializer of β (default zeros). */
    public BatchNormalization betaInitializer(Initializer i) { requireUnbuilt(); betaInitializer = i; return this; }

    /** Initializer of γ (default ones). */
    public BatchNormalization gammaInitializer(Initializer i) { requireUnbuilt(); gammaInitializer = i; return this; }

    /** Initializer of the moving mean (default zeros). */
    public BatchNormalization movingMeanInitializer(Initializer i) { requireUnbuilt(); movingMeanInitializer = i; return this; }

    /** Initializer of the moving variance (default ones). */
    public BatchNormalization movingVarianceInitializer(Initializer i) { requireUnbuilt(); movingVarianceInitializer = i; return this; }

    /** Penalty on β (default none). */
    public BatchNormalization betaRegularizer(Regularizer r) { requireUnbuilt(); betaRegularizer = r; return this; }

    /** Penalty on γ (default none). */
    public BatchNormalization gammaRegularizer(Regularizer r) { requireUnbuilt(); gammaRegularizer = r; return this; }

    /** Projection of β after each update (default none). */
    public BatchNormalization betaConstraint(Constraint c) { requireUnbuilt(); betaConstraint = c; return this; }

    /** Projection of γ after each update (default none). */
    public BatchNormalization gammaConstraint(Constraint c) { requireUnbuilt(); gammaConstraint = c; return this; }

    /** Declares the input shape without the batch axis, when this is the first layer. */
    public BatchNormalization inputShape(int... dims) { declareInputShape(dims); return this; }

    @Override public BatchNormalization name(String name) { super.name(name); return this; }

    @Override public BatchNormalization trainable(boolean t) { super.trainable(t); return this; }

    @Override public BatchNormalization dtype(DType d) { super.dtype(d); return this; }

    private void requireUnbuilt() {
        if (built()) throw new IllegalStateException(describe() + ": settings must be made before the layer is built");
    }

    /** The scale γ (null with scale(false) or before building). */
    public Tensor gamma() { return gamma; }

    /** The offset β (null with center(false) or before building). */
    public Tensor beta() { return beta; }

    /** The moving mean used in inference. */
    public Tensor movingMean() { return movingMean; }

    /** The moving variance used in inference. */
    public Tensor movingVariance() { return movingVariance; }

    @Override
    protected Shape computeOutputShape(Shape in) {
        if (in.rank() < 2) throw new IllegalArgumentException(describe() + ": expected input of rank >= 2 (batch, ...), received " + in);
        int a = axis < 0 ? axis + in.rank() : axis;
        if (a <= 0 || a >= in.rank()) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " is not a feature axis of input " + in + " (the batch axis cannot be normalized over)");
        }
        if (in.dim(a) < 0) throw new IllegalArgumentException(describe() + ": axis " + axis + " of input " + in + " must have a known size");
        return in;
    }

    @Override
    protected void buildWeights(Shape in, SplittableRandom rng) {
        int r = in.rank(), a = axis < 0 ? axis + r : axis, c = in.dim(a);
        Shape s = Shape.of(c);
        if (scale) gamma = addWeight("gamma", s, gammaInitializer, true, gammaRegularizer, gammaConstraint, rng);
        if (center) beta = addWeight("beta", s, betaInitializer, true, betaRegularizer, betaConstraint, rng);
        movingMean = addWeight("moving_mean", s, movingMeanInitializer, false, null, null, rng);
        movingVariance = addWeight("moving_variance", s, movingVarianceInitializer, false, null, null, rng);
        reductionAxes = new int[r - 1];
        paramShape = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            paramShape[i] = i == a ? c : 1;
            if (i != a) reductionAxes[j++] = i;
        }
    }

    /** y = x·inv + (β − μ·inv) with inv = γ/√(σ² + ε), Keras's arrangement of the same formula. */
    @Override
    protected Tensor forward(Tensor x, boolean training) {
        Tensor mean, variance;
        if (training && trainable()) {
            mean = x.mean(reductionAxes, true);
            variance = x.sub(mean).square().mean(reductionAxes, true);
            updateMoving(movingMean, mean);
            updateMoving(movingVariance, variance);
        } else {
            mean = movingMean.reshape(paramShape);
            variance = movingVariance.reshape(paramShape);
        }
        Tensor inv = variance.add(epsilon).sqrt().pow(-1.0);
        if (gamma != null) inv = inv.mul(gamma.reshape(paramShape));
        Tensor shift = mean.mul(inv).neg();
        if (beta != null) shift = shift.add(beta.reshape(paramShape));
        return x.mul(inv).add(shift);
    }

    /** moving ← moving·momentum + batch·(1 − momentum), on raw storage (outside the graph). */
    private void updateMoving(Tensor moving, Tensor batch) {
        double[] b = batch.toDoubleArray();
        if (moving.dtype() == DType.FLOAT32) {
            float[] m = moving.floatData();
            for (int i = 0; i < m.length; i++) m[i] = (float) (m[i] * momentum + b[i] * (1 - momentum));
        } else {
            double[] m = moving.doubleData();
            for (int i = 0; i < m.length; i++) m[i] = m[i] * momentum + b[i] * (1 - momentum);
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("axis", axis);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("beta_initializer", Initializers.serialize(betaInitializer));
        c.put("gamma_initializer", Initializers.serialize(gammaInitializer));
        c.put("moving_mean_initializer", Initializers.serialize(movingMeanInitializer));
        c.put("moving_variance_initializer", Initializers.serialize(movingVarianceInitializer));
        c.put("beta_regularizer", betaRegularizer == null ? null : Regularizers.serialize(betaRegularizer));
        c.put("gamma_regularizer", gammaRegularizer == null ? null : Regularizers.serialize(gammaRegularizer));
        c.put("beta_constraint", betaConstraint == null ? null : Constraints.serialize(betaConstraint));
        c.put("gamma_constraint", gammaConstraint == null ? null : Constraints.serialize(gammaConstraint));
        return c;
    }

    static BatchNormalization fromConfig(Map<String, Object> c) {
        BatchNormalization b = new BatchNormalization();
        b.applyBaseConfig(c);
        if (c.get("axis") != null) b.axis(Config.ints(c.get("axis"))[0]);
        b.momentum(Config.number(c, "momentum", DEFAULT_MOMENTUM)).epsilon(Config.number(c, "epsilon", DEFAULT_EPSILON))
                .center(Config.bool(c, "center", true)).scale(Config.bool(c, "scale", true));
        if (c.get("beta_initializer") != null) b.betaInitializer(Initializers.deserialize(c.get("beta_initializer")));
        if (c.get("gamma_initializer") != null) b.gammaInitializer(Initializers.deserialize(c.get("gamma_initializer")));
        if (c.get("moving_mean_initializer") != null) b.movingMeanInitializer(Initializers.deserialize(c.get("moving_mean_initializer")));
        if (c.get("moving_variance_initializer") != null) b.movingVarianceInitializer(Initializers.deserialize(c.get("moving_variance_initializer")));
        if (c.get("beta_regularizer") != null) b.betaRegularizer(Regularizers.deserialize(c.get("beta_regularizer")));
        if (c.get("gamma_regularizer") != null) b.gammaRegularizer(Regularizers.deserialize(c.get("gamma_regularizer")));
        if (c.get("beta_constraint") != null) b.betaConstraint(Constraints.deserialize(c.get("beta_constraint")));
        if (c.get("gamma_constraint") != null) b.gammaConstraint(Constraints.deserialize(c.get("gamma_constraint")));
        return b;
    }
}
