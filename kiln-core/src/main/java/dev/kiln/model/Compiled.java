package dev.kiln.model;

import dev.kiln.losses.Loss;
import dev.kiln.losses.LossFunction;
import dev.kiln.losses.Losses;
import dev.kiln.metrics.BinaryAccuracy;
import dev.kiln.metrics.CategoricalAccuracy;
import dev.kiln.metrics.MeanMetricWrapper;
import dev.kiln.metrics.Metric;
import dev.kiln.metrics.Metrics;
import dev.kiln.metrics.SparseCategoricalAccuracy;
import dev.kiln.optim.Optimizer;
import dev.kiln.optim.Optimizers;
import dev.kiln.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code compile} fixed: the optimizer, the loss (and the identifier it came from, for saving) and
 * the metric specifications. Metrics given by name are resolved on the first batch, when the shapes of
 * labels and predictions are known, exactly as Keras 3's {@code compile_utils.get_metric} does.
 */
final class Compiled {
    final Optimizer optimizer;
    final Loss loss;
    /** The loss name given to compile, or null when a Loss object or a function was given. */
    final String lossIdentifier;
    final List<Object> metricSpecs;
    private List<Metric> metrics;

    Compiled(Optimizer optimizer, Loss loss, String lossIdentifier, List<Object> metricSpecs) {
        this.optimizer = optimizer;
        this.loss = loss;
        this.lossIdentifier = lossIdentifier;
        this.metricSpecs = List.copyOf(metricSpecs);
    }

    static Optimizer optimizer(Object o) {
        if (o instanceof Optimizer opt) return opt;
        if (o instanceof String s) return Optimizers.get(s);
        throw new IllegalArgumentException("compile: optimizer must be an Optimizer or a name such as \"adam\", got " + describe(o));
    }

    static Loss loss(Object o) {
        if (o instanceof Loss l) return l;
        if (o instanceof String s) return Losses.get(s);
        if (o instanceof LossFunction f) return Loss.of(f);
        throw new IllegalArgumentException("compile: loss must be a name, a Loss or a LossFunction (yTrue, yPred) -> values, got " + describe(o));
    }

    static List<Object> metricSpecs(Object[] metrics) {
        List<Object> specs = new ArrayList<>();
        if (metrics == null) return specs;
        for (int i = 0; i < metrics.length; i++) {
            Object m = metrics[i];
            if (m instanceof String s) {
                if (!isAccuracy(s) && !Metrics.contains(s) && !Losses.names().contains(s)) {
                    Set<String> known = new LinkedHashSet<>(Metrics.names());
                    known.addAll(Losses.names());
                    throw new IllegalArgumentException("compile: metric " + i + " '" + s + "' is neither a metric nor a loss name"
                            + Metrics.suggestions(s, known));
                }
                specs.add(s);
            } else if (m instanceof Metric) {
                specs.add(m);
            } else {
                throw new IllegalArgumentException("compile: metric " + i + " must be a name or a Metric, got " + describe(m));
            }
        }
        return specs;
    }

    private static boolean isAccuracy(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.equals("accuracy") || l.equals("acc");
    }

    private static String describe(Object o) { return o == null ? "null" : o.getClass().getSimpleName() + " " + o; }

    boolean metricsResolved() { return metrics != null; }

    /** The metric objects (resolved on the first batch; empty before). */
    List<Metric> metrics() { return metrics == null ? List.of() : metrics; }

    /** Resolves the names with the shapes of a first batch; names repeated get {@code _1}, {@code _2}, as Keras. */
    List<Metric> resolveMetrics(Tensor yTrue, Tensor yPred) {
        if (metrics != null) return metrics;
        List<Metric> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Object spec : metricSpecs) {
            Metric m = spec instanceof Metric given ? given : resolve((String) spec, yTrue, yPred);
            int n = seen.merge(m.name(), 1, Integer::sum);
            if (n > 1) m.name(m.name() + "_" + (n - 1));
            out.add(m);
        }
        metrics = List.copyOf(out);
        return metrics;
    }

    /** Keras 3: "accuracy"/"acc" by the shape rule; other names from the metric registry, then the losses. */
    static Metric resolve(String id, Tensor yTrue, Tensor yPred) {
        if (isAccuracy(id)) {
            int tRank = yTrue.rank(), pRank = yPred.rank();
            int tLast = tRank == 0 ? 1 : yTrue.shape().dim(-1), pLast = pRank == 0 ? 1 : yPred.shape().dim(-1);
            boolean binary = pLast == 1;
            boolean sparse = tRank < pRank || (tLast == 1 && pLast > 1);
            Metric m = binary ? new BinaryAccuracy() : sparse ? new SparseCategoricalAccuracy() : new CategoricalAccuracy();
            return m.name(id);
        }
        if (Metrics.contains(id)) return Metrics.get(id).name(id);
        Loss l = Losses.get(id);
        // The metric of a loss name is the mean of the loss's per-sample values (Keras's MeanMetricWrapper).
        return new MeanMetricWrapper(id, (t, p) -> l.call(t.astype(p.dtype()), p));
    }

    void resetMetrics() {
        for (Metric m : metrics()) m.resetState();
    }
}
