package dev.kiln.optim;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), as Keras 3: before the Adam update each
 * weight shrinks by w ← w − w·weightDecay·lr. Defaults: Adam's, and weight decay 0.004.
 *
 * <pre>{@code
 * model.compile(new AdamW(1e-3).weightDecay(1e-2), "mse");
 * }</pre>
 */
public class AdamW extends Adam {
    /** Keras 3's default decoupled weight decay for AdamW. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.004;

    /** With Keras's defaults. */
    public AdamW() { this(DEFAULT_LEARNING_RATE); }

    /** With this learning rate and Keras's other defaults. */
    public AdamW(double learningRate) {
        super(learningRate);
        weightDecay(DEFAULT_WEIGHT_DECAY);
    }

    /** With a learning-rate schedule, evaluated at the iteration count before each step. */
    public AdamW(LearningRateSchedule schedule) {
        super(schedule);
        weightDecay(DEFAULT_WEIGHT_DECAY);
    }

    @Override public AdamW beta1(double b) { super.beta1(b); return this; }
    @Override public AdamW beta2(double b) { super.beta2(b); return this; }
    @Override public AdamW epsilon(double e) { super.epsilon(e); return this; }
    @Override public AdamW amsgrad(boolean a) { super.amsgrad(a); return this; }

    // covariant returns, so that settings chain in any order: new AdamW(…).clipnorm(1).…
    @Override public AdamW learningRate(double lr) { super.learningRate(lr); return this; }
    @Override public AdamW learningRate(LearningRateSchedule s) { super.learningRate(s); return this; }
    @Override public AdamW lr(double lr) { super.lr(lr); return this; }
    @Override public AdamW decay(double d) { super.decay(d); return this; }
    @Override public AdamW clipnorm(double c) { super.clipnorm(c); return this; }
    @Override public AdamW clipvalue(double c) { super.clipvalue(c); return this; }
    @Override public AdamW globalClipnorm(double c) { super.globalClipnorm(c); return this; }
    @Override public AdamW weightDecay(double wd) { super.weightDecay(wd); return this; }
}
