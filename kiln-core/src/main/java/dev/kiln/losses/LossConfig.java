package dev.kiln.losses;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Builds a loss from Keras's class name and {@code get_config()} keys: the inverse of {@link Loss#config()}. */
final class LossConfig {
    private LossConfig() {}

    static Loss build(String className, Map<String, Object> config) {
        Supplier<Loss> make = Losses.classFactory(className);
        if (make == null) {
            throw new IllegalArgumentException("Losses.fromConfig: unknown loss class '" + className + "'; expected one of "
                    + Losses.classNames());
        }
        Loss loss = make.get();
        for (Map.Entry<String, Object> e : config.entrySet()) set(loss, e.getKey(), e.getValue());
        return loss;
    }

    private static void set(Loss loss, String key, Object v) {
        String cls = loss.getClass().getSimpleName();
        switch (key) {
            case "name": if (v != null) loss.name((String) v); return;
            case "reduction": loss.reduction(Reduction.fromKerasName((String) v)); return;
            case "dtype": return; // a compute dtype policy name; Kiln picks the dtype from the predictions
            default: break;
        }
        if (loss instanceof BinaryCrossentropy) {
            BinaryCrossentropy l = (BinaryCrossentropy) loss;
            switch (key) {
                case "from_logits": l.fromLogits(bool(v)); return;
                case "label_smoothing": l.labelSmoothing(number(v)); return;
                case "axis": l.axis(integer(cls, v)); return;
                default: break;
            }
        } else if (loss instanceof BinaryFocalCrossentropy) {
            BinaryFocalCrossentropy l = (BinaryFocalCrossentropy) loss;
            switch (key) {
                case "from_logits": l.fromLogits(bool(v)); return;
                case "label_smoothing": l.labelSmoothing(number(v)); return;
                case "axis": l.axis(integer(cls, v)); return;
                case "apply_class_balancing": l.applyClassBalancing(bool(v)); return;
                case "alpha": l.alpha(number(v)); return;
                case "gamma": l.gamma(number(v)); return;
                default: break;
            }
        } else if (loss instanceof CategoricalCrossentropy) {
            CategoricalCrossentropy l = (CategoricalCrossentropy) loss;
            switch (key) {
                case "from_logits": l.fromLogits(bool(v)); return;
                case "label_smoothing": l.labelSmoothing(number(v)); return;
                case "axis": l.axis(integer(cls, v)); return;
                default: break;
            }
        } else if (loss instanceof CategoricalFocalCrossentropy) {
            CategoricalFocalCrossentropy l = (CategoricalFocalCrossentropy) loss;
            switch (key) {
                case "from_logits": l.fromLogits(bool(v)); return;
                case "label_smoothing": l.labelSmoothing(number(v)); return;
                case "axis": l.axis(integer(cls, v)); return;
                case "alpha": if (v instanceof List) l.alpha(numbers(v)); else l.alpha(number(v)); return;
                case "gamma": l.gamma(number(v)); return;
                default: break;
            }
        } else if (loss instanceof SparseCategoricalCrossentropy) {
            SparseCategoricalCrossentropy l = (SparseCategoricalCrossentropy) loss;
            switch (key) {
                case "from_logits": l.fromLogits(bool(v)); return;
                case "ignore_class": l.ignoreClass(v == null ? null : integer(cls, v)); return;
                case "axis": l.axis(integer(cls, v)); return;
                default: break;
            }
        } else if (loss instanceof CosineSimilarity && key.equals("axis")) {
            ((CosineSimilarity) loss).axis(integer(cls, v));
            return;
        } else if (loss instanceof Huber && key.equals("delta")) {
            ((Huber) loss).delta(number(v));
            return;
        } else if (loss instanceof CategoricalGeneralizedCrossEntropy && key.equals("q")) {
            ((CategoricalGeneralizedCrossEntropy) loss).q(number(v));
            return;
        } else if (loss instanceof Dice && key.equals("axis")) {
            ((Dice) loss).axis(axes(cls, v));
            return;
        } else if (loss instanceof Tversky) {
            Tversky l = (Tversky) loss;
            switch (key) {
                case "alpha": l.alpha(number(v)); return;
                case "beta": l.beta(number(v)); return;
                case "axis": l.axis(axes(cls, v)); return;
                default: break;
            }
        } else if (loss instanceof Circle) {
            Circle l = (Circle) loss;
            switch (key) {
                case "gamma": l.gamma(number(v)); return;
                case "margin": l.margin(number(v)); return;
                case "remove_diagonal": l.removeDiagonal(bool(v)); return;
                default: break;
            }
        }
        throw new IllegalArgumentException(cls + ": unknown configuration key '" + key + "' (value " + v + ")");
    }

    private static boolean bool(Object v) { return (Boolean) v; }

    private static double number(Object v) { return ((Number) v).doubleValue(); }

    private static double[] numbers(Object v) {
        List<?> l = (List<?>) v;
        double[] r = new double[l.size()];
        for (int i = 0; i < r.length; i++) r[i] = number(l.get(i));
        return r;
    }

    private static int integer(String cls, Object v) {
        if (v instanceof Boolean || !(v instanceof Number) || ((Number) v).doubleValue() != ((Number) v).intValue()) {
            throw new IllegalArgumentException(cls + ": axis must be an integer, got " + v
                    + (v instanceof Boolean ? " (a boolean)" : ""));
        }
        return ((Number) v).intValue();
    }

    private static int[] axes(String cls, Object v) {
        if (v == null) return null;
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            int[] r = new int[l.size()];
            for (int i = 0; i < r.length; i++) r[i] = integer(cls, l.get(i));
            return r;
        }
        return new int[] {integer(cls, v)};
    }
}
