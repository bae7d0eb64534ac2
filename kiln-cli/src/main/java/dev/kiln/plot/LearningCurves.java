package dev.kiln.plot;

import dev.kiln.model.History;
import java.awt.image.BufferedImage;

/**
 * The study's learning-curve figure: the loss (train and test) over epochs on top, a metric (train and
 * test) over epochs below, in one picture.
 *
 * <p>Default size 800 × 640 pixels (two 800 × 320 panels). Epochs are numbered from 1.
 *
 * <pre>{@code
 * new LearningCurves().title("binary-bce").loss("binary_crossentropy", h.get("loss"), h.get("val_loss"))
 *     .metric("accuracy", h.get("accuracy"), h.get("val_accuracy")).save(Path.of("binary-bce.png"));
 * }</pre>
 */
public final class LearningCurves extends Plot<LearningCurves> {
    private String lossName = "loss";
    private double[] loss;
    private double[] valLoss;
    private String metricName;
    private double[] metric;
    private double[] valMetric;

    /**
     * The curves of a training history: {@code loss}/{@code val_loss} on top, {@code metric}/{@code val_metric}
     * below (test curves only where the history has them; no bottom panel if metric is null).
     *
     * @throws IllegalArgumentException if the history lacks the loss or the metric
     */
    public static LearningCurves of(History history, String metric) {
        LearningCurves c = new LearningCurves().loss("loss", series(history, "loss"), optional(history, "val_loss"));
        if (metric != null) {
            c.metric(metric, series(history, metric), optional(history, "val_" + metric));
        }
        return c;
    }

    private static double[] series(History h, String key) {
        if (!h.contains(key)) {
            throw new IllegalArgumentException("LearningCurves: the history has no '" + key + "'; it has " + h.keys());
        }
        return h.get(key);
    }

    private static double[] optional(History h, String key) {
        return h.contains(key) ? h.get(key) : null;
    }

    /** A figure of 800 × 640 pixels. */
    public LearningCurves() {
        size(DEFAULT_WIDTH, 2 * DEFAULT_HEIGHT);
    }

    /**
     * Sets the loss curves; {@code test} may be null when there is no validation data.
     *
     * @throws IllegalArgumentException if train is empty or test has another length
     */
    public LearningCurves loss(String name, double[] train, double[] test) {
        checkSeries("LearningCurves", name + " (train)", null, train);
        if (test != null) {
            checkSeries("LearningCurves", name + " (test)", train, test);
        }
        this.lossName = name;
        this.loss = train.clone();
        this.valLoss = test == null ? null : test.clone();
        return this;
    }

    /**
     * Sets the metric curves; {@code test} may be null when there is no validation data.
     *
     * @throws IllegalArgumentException if train is empty or test has another length
     */
    public LearningCurves metric(String name, double[] train, double[] test) {
        checkSeries("LearningCurves", name + " (train)", null, train);
        if (test != null) {
            checkSeries("LearningCurves", name + " (test)", train, test);
        }
        this.metricName = name;
        this.metric = train.clone();
        this.valMetric = test == null ? null : test.clone();
        return this;
    }

    @Override
    public BufferedImage render() {
        if (loss == null) {
            throw new IllegalStateException("LearningCurves '" + title + "': call loss(...) before render()");
        }
        int panels = metric == null ? 1 : 2;
        int panelHeight = height / panels;
        String prefix = title.isEmpty() ? "" : title + ": ";
        BufferedImage top = panel(prefix + "loss (" + lossName + ")", lossName, loss, valLoss, panelHeight);
        if (metric == null) {
            return top;
        }
        BufferedImage bottom = panel(prefix + metricName, metricName, metric, valMetric, panelHeight);
        return Figure.grid(1, top, bottom);
    }

    private BufferedImage panel(String panelTitle, String yAxis, double[] train, double[] test, int h) {
        double[] epochs = new double[train.length];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        // Rising curves (accuracy) end in the top-right corner, where the legend would hide them.
        boolean rising = train[train.length - 1] > train[0];
        LineChart chart = new LineChart().title(panelTitle).xLabel("epoch").yLabel(yAxis).size(width, h)
                .legendBottom(rising).series("train", epochs, train, false);
        if (test != null) {
            chart.series("test", epochs, test, false);
        }
        return chart.render();
    }
}
