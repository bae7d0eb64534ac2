package dev.kiln.optim;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every optimizer: it owns the loop over parameters, gradient clipping, weight decay, the
 * learning rate (a number, a {@link LearningRateSchedule}, and Keras 2's legacy {@code decay}), the
 * iteration count and the per-parameter state; a subclass writes one per-parameter update.
 *
 * <p>One {@link #step} follows Keras 3's {@code apply}: (1) clip the gradients: {@code clipnorm} scales
 * each gradient to norm ≤ c, {@code globalClipnorm} scales all of them by c/max(‖g‖global, c),
 * {@code clipvalue} clips each element to [−c, c] (only one of the three may be set); (2) weight decay
 * w ← w − w·weightDecay·lr; (3) the optimizer's update with lr = {@link #learningRate()}; (4) iterations + 1.
 *
 * <pre>{@code
 * Optimizer opt = new SGD(0.01).momentum(0.9).clipnorm(1.0);
 * loss.backward();
 * opt.step(model.trainableWeights());   // updates storage in place, skips null gradients
 * }</pre>
 *
 * Updates run in double precision on raw storage ({@link Tensor#floatData()}/{@link Tensor#doubleData()});
 * the state arrays of a parameter are created on its first step and reused, so a step allocates nothing.
 */
public abstract class Optimizer {
    private double learningRate;
    private LearningRateSchedule schedule;
    private double decay;
    private double clipnorm;
    private double clipvalue;
    private double globalClipnorm;
    private double weightDecay;
    private long iterations;
    private final Map<Tensor, Slots> slots = new IdentityHashMap<>();

    /** A parameter's state: its named arrays plus scratch copies of weight and gradient in double. */
    private static final class Slots {
        final double[][] values;
        final String[] names;
        final double[] w;
        final double[] g;

        Slots(String[] names, int n) {
            this.names = names;
            this.values = new double[names.length][n];
            this.w = new double[n];
            this.g = new double[n];
        }
    }

    /** With this learning rate and Keras's other defaults. */
    protected Optimizer(double learningRate) { learningRate(learningRate); }

    /** With a learning-rate schedule, evaluated at the iteration count before each step. */
    protected Optimizer(LearningRateSchedule schedule) { learningRate(schedule); }

    /** Keras's name of this optimizer class ({@code "SGD"}, {@code "Adam"}), used in config and errors. */
    public String name() { return getClass().getSimpleName(); }

    // ------------------------------------------------------------------ learning rate

    /** The learning rate of the next step: schedule(iterations) (or the fixed rate) / (1 + decay·iterations). */
    public double learningRate() {
        double base = schedule != null ? schedule.at(iterations) : learningRate;
        return decay > 0 ? base / (1.0 + decay * iterations) : base;
    }

    /** Sets a fixed learning rate (replacing any schedule), e.g. from ReduceLROnPlateau. */
    public Optimizer learningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException(name() + ": learning rate (" + lr + ") must be finite and >= 0");
        this.learningRate = lr;
        this.schedule = null;
        return this;
    }

    /** Uses a schedule, evaluated at the iteration count before each step. */
    public Optimizer learningRate(LearningRateSchedule schedule) {
        if (schedule == null) throw new IllegalArgumentException(name() + ": learning rate schedule is null");
        this.schedule = schedule;
        return this;
    }

    /** Keras 2's name for {@link #learningRate(double)}. */
    public Optimizer lr(double lr) { return learningRate(lr); }

    /** The schedule in use, or null for a fixed rate. */
    public LearningRateSchedule schedule() { return schedule; }

    /** Keras 2's time-based decay: lr_t = lr / (1 + decay·iterations). Default 0 (off). */
    public Optimizer decay(double decay) {
        if (!(decay >= 0) || Double.isInfinite(decay)) throw new IllegalArgumentException(name() + ": decay (" + decay + ") must be finite and >= 0");
        this.decay = decay;
        return this;
    }

    /** Keras 2's time-based decay (0: off). */
    public double decay() { return decay; }

    // ------------------------------------------------------------------ clipping and weight decay

    /** Scales each gradient g to g·c/max(‖g‖, c). */
    public Optimizer clipnorm(double c) { checkClip("clipnorm", c); clipnorm = c; return this; }

    /** Clips each gradient element to [−c, c]. */
    public Optimizer clipvalue(double c) { checkClip("clipvalue", c); clipvalue = c; return this; }

    /** Scales all gradients by c/max(‖all gradients‖, c). */
    public Optimizer globalClipnorm(double c) { checkClip("globalClipnorm", c); globalClipnorm = c; return this; }

    private void checkClip(String which, double c) {
        if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException(name() + ": " + which + " (" + c + ") must be finite and > 0");
        int set = (clipnorm > 0 && !which.equals("clipnorm") ? 1 : 0) + (clipvalue > 0 && !which.equals("clipvalue") ? 1 : 0)
                + (globalClipnorm > 0 && !which.equals("globalClipnorm") ? 1 : 0);
        if (set > 0) {
            throw new IllegalArgumentException(name() + ": only one of clipnorm, clipvalue and globalClipnorm can be set; already set: clipnorm="
                    + clipnorm + ", clipvalue=" + clipvalue + ", globalClipnorm=" + globalClipnorm);
        }
    }

    /** The per-gradient norm bound (0: off). */
    public double clipnorm() { return clipnorm; }

    /** The per-element gradient bound (0: off). */
    public double clipvalue() { return clipvalue; }

    /** The bound on the norm of all gradients together (0: off). */
    public double globalClipnorm() { return globalClipnorm; }

    /** Decoupled weight decay applied before each update: w ← w − w·weightDecay·lr. Default 0 (AdamW: 0.004). */
    public Optimizer weightDecay(double wd) {
        if (!(wd >= 0) || Double.isInfinite(wd)) throw new IllegalArgumentException(name() + ": weightDecay (" + wd + ") must be finite and >= 0");
        this.weightDecay = wd;
        return this;
    }

    /** The decoupled weight decay (0: off). */
    public double weightDecay() { return weightDecay; }

    // ------------------------------------------------------------------ the step

    /** Number of steps taken. */
    public long iterations() { return iterations; }

    /**
     * Updates each parameter with a gradient ({@code p.grad()}; null gradients are skipped) in place, then
     * increments {@link #iterations()}. Parameters must be float32 or float64 with gradients of their shape;
     * otherwise IllegalArgumentException, before anything is changed.
     */
    public final void step(List<Tensor> params) {
        int n = params.size();
        boolean anyGradient = false;
        for (int i = 0; i < n; i++) {
            check(params.get(i), i);
            anyGradient |= params.get(i).grad() != null;
        }
        if (!anyGradient) {   // Keras: nothing to apply, but the step still counts
            iterations++;
            return;
        }
        double lr = learningRate();
        long t = iterations + 1;
        double globalScale = 1.0;
        if (globalClipnorm > 0) {
            double sq = 0;
            for (int i = 0; i < n; i++) {
                Tensor g = params.get(i).grad();
                if (g != null) sq += sumOfSquares(g);
            }
            double norm = Math.sqrt(sq);
            // Keras: c·min(1/norm, 1/c) + (norm − norm): a non-finite norm makes every gradient NaN, not silently unclipped
            globalScale = globalClipnorm * Math.min(1.0 / norm, 1.0 / globalClipnorm) + (norm - norm);
        }
        beforeUpdates(t);
        for (int i = 0; i < n; i++) {
            Tensor p = params.get(i);
            Tensor grad = p.grad();
            if (grad == null) continue;
            Slots s = slotsFor(p);
            load(p, grad, s, globalScale);
            if (weightDecay > 0) {
                double f = weightDecay * lr;
                for (int k = 0; k < s.w.length; k++) s.w[k] -= s.w[k] * f;
            }
            update(s.w, s.g, s.values, lr, t);
            store(p, s.w);
        }
        iterations++;
    }

    private void check(Tensor p, int i) {
        if (p == null) throw new IllegalArgumentException(name() + ": parameter " + i + " is null");
        if (!p.dtype().isFloating()) throw new IllegalArgumentException(name() + ": parameter " + i + " is " + p.dtype() + "; only float32/float64 can be trained");
        Tensor g = p.grad();
        if (g != null && (!g.shape().equals(p.shape()) || g.dtype() != p.dtype())) {
            throw new IllegalArgumentException(name() + ": gradient of parameter " + i + " is " + g.dtype() + g.shape()
                    + ", parameter is " + p.dtype() + p.shape());
        }
        Slots s = slots.get(p);
        if (s != null && s.w.length != p.size()) {
            throw new IllegalArgumentException(name() + ": parameter " + i + " has " + p.size() + " elements but its state has " + s.w.length);
        }
    }

    private Slots slotsFor(Tensor p) {
        Slots s = slots.get(p);
        if (s == null) {
            String[] names = slotNames();
            s = new Slots(names, p.size());
            for (int k = 0; k < names.length; k++) java.util.Arrays.fill(s.values[k], initialSlotValue(names[k]));
            slots.put(p, s);
        }
        return s;
    }

    private static double sumOfSquares(Tensor g) {
        double sq = 0;
        if (g.dtype() == DType.FLOAT32) {
            for (float v : g.floatData()) sq += (double) v * v;
        } else {
            for (double v : g.doubleData()) sq += v * v;
        }
        return sq;
    }

    /** Copies weight and (clipped) gradient into the double scratch arrays. */
    private void load(Tensor p, Tensor grad, Slots s, double scale) {
        int n = s.w.length;
        if (p.dtype() == DType.FLOAT32) {
            float[] w = p.floatData(), g = grad.floatData();
            for (int k = 0; k < n; k++) { s.w[k] = w[k]; s.g[k] = g[k]; }
        } else {
            System.arraycopy(p.doubleData(), 0, s.w, 0, n);
            System.arraycopy(grad.doubleData(), 0, s.g, 0, n);
        }
        if (clipnorm > 0) {
            double sq = 0;
            for (int k = 0; k < n; k++) sq += s.g[k] * s.g[k];
            scale = clipnorm / Math.max(Math.sqrt(sq), clipnorm);
        }
        if (scale != 1.0) for (int k = 0; k < n; k++) s.g[k] *= scale;
        if (clipvalue > 0) for (int k = 0; k < n; k++) s.g[k] = Math.max(-clipvalue, Math.min(clipvalue, s.g[k]));
    }

    private static void store(Tensor p, double[] w) {
        if (p.dtype() == DType.FLOAT32) {
            float[] out = p.floatData();
            for (int k = 0; k < w.length; k++) out[k] = (float) w[k];
        } else {
            System.arraycopy(w, 0, p.doubleData(), 0, w.length);
        }
    }

    // ------------------------------------------------------------------ what a subclass writes

    /** Settings that decide the state arrays (momentum, amsgrad, centered) cannot change once state exists. */
    protected final void requireNoState(String setting) {
        if (!slots.isEmpty()) throw new IllegalStateException(name() + ": " + setting + " must be set before the first step");
    }

    /** Checks a setting in [lo, hi], with a message naming the optimizer and the argument. */
    protected final double checkRange(String arg, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) throw new IllegalArgumentException(name() + ": " + arg + " (" + v + ") must be in [" + lo + ", " + hi + "]");
        return v;
    }

    /** Names of the per-parameter state arrays, Keras's ({@code "momentum"}, {@code "velocity"}); asked once per parameter. */
    protected abstract String[] slotNames();

    /** The starting value of a state array (0; Adagrad's accumulator starts at 0.1). */
    protected double initialSlotValue(String slot) { return 0.0; }

    /** Called once per step before the per-parameter updates, with the 1-based step number (Nadam's running product). */
    protected void beforeUpdates(long step) {}

    /**
     * The update of one parameter, in place: {@code w} its values, {@code g} its clipped gradient, {@code slots}
     * its state arrays in {@link #slotNames()} order, {@code step} = iterations + 1 (Keras's local_step).
     */
    protected abstract void update(double[] w, double[] g, double[][] slots, double lr, long step);

    /** Optimizer-wide state beyond the iteration count (Nadam's u_product), for {@link #state}. */
    protected Map<String, Double> scalarState() { return Map.of(); }

    /** Restores what {@link #scalarState()} exported. */
    protected void loadScalarState(Map<String, Double> values) {}

    // ------------------------------------------------------------------ config and state

    /**
     * Settings under Keras's keys: name, learning_rate (a number or a serialized schedule), weight_decay,
     * clipnorm, global_clipnorm, clipvalue (null when unset), decay, then the subclass's (momentum, beta_1…).
     */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("learning_rate", schedule != null ? LearningRateSchedules.serialize(schedule) : (Object) learningRate);
        c.put("weight_decay", weightDecay > 0 ? weightDecay : null);
        c.put("clipnorm", clipnorm > 0 ? clipnorm : null);
        c.put("global_clipnorm", globalClipnorm > 0 ? globalClipnorm : null);
        c.put("clipvalue", clipvalue > 0 ? clipvalue : null);
        c.put("decay", decay);
        return c;
    }

    /** Restores the base settings written by {@link #config()}. */
    @SuppressWarnings("unchecked")
    protected void applyBaseConfig(Map<String, Object> c) {
        Object lr = c.get("learning_rate");
        if (lr == null) lr = c.get("lr");
        if (lr instanceof Map) learningRate(LearningRateSchedules.deserialize((Map<String, Object>) lr));
        else if (lr != null) learningRate(((Number) lr).doubleValue());
        if (c.get("weight_decay") != null) weightDecay(((Number) c.get("weight_decay")).doubleValue());
        if (c.get("clipnorm") != null) clipnorm(((Number) c.get("clipnorm")).doubleValue());
        if (c.get("global_clipnorm") != null) globalClipnorm(((Number) c.get("global_clipnorm")).doubleValue());
        if (c.get("clipvalue") != null) clipvalue(((Number) c.get("clipvalue")).doubleValue());
        if (c.get("decay") != null) decay(((Number) c.get("decay")).doubleValue());
    }

    /**
     * A copy of the optimizer's state for saving: {@code "iterations"} (a float64 scalar), optimizer-wide
     * scalars (Nadam's {@code "u_product"}), and for the parameter at index i of {@code params} each state
     * array as {@code "i/name"} (e.g. {@code "0/momentum"}), float64 of the parameter's shape. Parameters
     * not yet stepped have no entries.
     */
    public Map<String, Tensor> state(List<Tensor> params) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("iterations", Tensor.scalar(iterations, DType.FLOAT64));
        for (Map.Entry<String, Double> e : scalarState().entrySet()) out.put(e.getKey(), Tensor.scalar(e.getValue(), DType.FLOAT64));
        for (int i = 0; i < params.size(); i++) {
            Slots s = slots.get(params.get(i));
            if (s == null) continue;
            int[] shape = params.get(i).shape().toArray();
            for (int k = 0; k < s.names.length; k++) out.put(i + "/" + s.names[k], Tensor.fromFlat(s.values[k], DType.FLOAT64, shape));
        }
        return out;
    }

    /**
     * Restores a {@link #state} for the same parameter list (same order and shapes); all entries are
     * checked before anything changes, so a failed load leaves the optimizer as it was.
     */
    public void loadState(List<Tensor> params, Map<String, Tensor> state) {
        Tensor it = state.get("iterations");
        if (it == null || it.size() != 1) throw new IllegalArgumentException(name() + ": loadState: missing scalar 'iterations'");
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (String k : scalarState().keySet()) {
            Tensor v = state.get(k);
            if (v == null || v.size() != 1) throw new IllegalArgumentException(name() + ": loadState: missing scalar '" + k + "'");
            scalars.put(k, v.item());
        }
        String[] names = slotNames();
        Map<Tensor, Slots> loaded = new IdentityHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (!state.containsKey(i + "/" + (names.length > 0 ? names[0] : ""))) continue;
            Slots s = new Slots(names, p.size());
            for (int k = 0; k < names.length; k++) {
                Tensor v = state.get(i + "/" + names[k]);
                if (v == null || !v.shape().equals(p.shape())) {
                    throw new IllegalArgumentException(name() + ": loadState: entry '" + i + "/" + names[k] + "' is "
                            + (v == null ? "missing" : "of shape " + v.shape()) + ", parameter " + i + " has shape " + p.shape());
                }
                s.values[k] = v.toDoubleArray();
            }
            loaded.put(p, s);
        }
        iterations = (long) it.item();
        loadScalarState(scalars);
        slots.clear();
        slots.putAll(loaded);
    }

    @Override
    public String toString() { return name() + config(); }
}
