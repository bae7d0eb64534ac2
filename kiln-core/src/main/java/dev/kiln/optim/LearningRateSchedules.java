package dev.kiln.optim;

import java.util.List;
import java.util.Map;

/**
 * Saving and loading learning-rate schedules in Keras's serialized form.
 *
 * <pre>{@code
 * Map<String, Object> m = LearningRateSchedules.serialize(new ExponentialDecay(0.1, 100, 0.9));
 * LearningRateSchedule s = LearningRateSchedules.deserialize(m);
 * }</pre>
 */
public final class LearningRateSchedules {
    private LearningRateSchedules() {}

    /** {"class_name": "ExponentialDecay", "config": {...}}. */
    public static Map<String, Object> serialize(LearningRateSchedule s) {
        if (s.className() == null) throw new IllegalArgumentException("LearningRateSchedules.serialize: a user schedule (" + s + ") has no Keras class name and cannot be saved");
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("class_name", s.className());
        m.put("config", s.config());
        return m;
    }

    /** The inverse of {@link #serialize}: a new schedule from {"class_name", "config"} with Keras's keys. */
    @SuppressWarnings("unchecked")
    public static LearningRateSchedule deserialize(Map<String, Object> m) {
        String cls = (String) m.get("class_name");
        Map<String, Object> c = (Map<String, Object>) m.get("config");
        if (cls == null || c == null) throw new IllegalArgumentException("LearningRateSchedules.deserialize: expected {class_name, config}, got " + m);
        switch (cls) {
            case "ExponentialDecay":
                return new ExponentialDecay(num(c, "initial_learning_rate"), (long) num(c, "decay_steps"), num(c, "decay_rate"))
                        .staircase(Boolean.TRUE.equals(c.get("staircase")));
            case "InverseTimeDecay":
                return new InverseTimeDecay(num(c, "initial_learning_rate"), (long) num(c, "decay_steps"), num(c, "decay_rate"))
                        .staircase(Boolean.TRUE.equals(c.get("staircase")));
            case "PiecewiseConstantDecay": {
                List<?> b = (List<?>) c.get("boundaries"), v = (List<?>) c.get("values");
                long[] bs = new long[b.size()];
                double[] vs = new double[v.size()];
                for (int i = 0; i < bs.length; i++) bs[i] = ((Number) b.get(i)).longValue();
                for (int i = 0; i < vs.length; i++) vs[i] = ((Number) v.get(i)).doubleValue();
                return new PiecewiseConstantDecay(bs, vs);
            }
            case "CosineDecay": {
                CosineDecay d = new CosineDecay(num(c, "initial_learning_rate"), (long) num(c, "decay_steps"));
                if (c.get("alpha") != null) d.alpha(num(c, "alpha"));
                if (c.get("warmup_target") != null) d.warmup(num(c, "warmup_target"), (long) num(c, "warmup_steps"));
                return d;
            }
            default:
                throw new IllegalArgumentException("LearningRateSchedules.deserialize: unknown class_name '" + cls
                        + "'; known: [CosineDecay, ExponentialDecay, InverseTimeDecay, PiecewiseConstantDecay]");
        }
    }

    private static double num(Map<String, Object> c, String key) {
        Object o = c.get(key);
        if (!(o instanceof Number)) throw new IllegalArgumentException("LearningRateSchedules.deserialize: '" + key + "' must be a number, got " + o);
        return ((Number) o).doubleValue();
    }
}
