package dev.kiln.model;

import dev.kiln.data.Batch;
import dev.kiln.data.BatchSource;
import dev.kiln.losses.Reduction;
import dev.kiln.metrics.Mean;
import dev.kiln.metrics.Metric;
import dev.kiln.tensor.DType;
import dev.kiln.tensor.GradMode;
import dev.kiln.tensor.Tensor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The training and evaluation loops of a compiled {@link Sequential}. {@link #trainStep} is the whole
 * of learning — forward, loss plus penalties, backward, optimizer step, constraints, metrics; epochs,
 * shuffling, validation, callbacks and logging wrap it and never leak into it.
 */
final class Trainer {
    private final Sequential model;
    private final Compiled compiled;
    private final Mean lossTracker = new Mean("loss");
    private final Supplier<Map<String, Double>> runningLogs = this::logs;
    private List<Tensor> params = List.of();
    private boolean denseStepsAllowed = true;
    private DenseStep denseStep;

    Trainer(Sequential model, Compiled compiled) {
        this.model = model;
        this.compiled = compiled;
    }

    /** The model's output in the last {@link #gradients} call, detached (for the metrics). */
    private Tensor lastOutput;

    /**
     * One optimization step on a batch; returns the batch's loss (penalties included). A stack of dense
     * layers runs as a {@link DenseStep} (the same values without a graph for its layers), anything else
     * on the autodiff graph.
     */
    double trainStep(Tensor x, Tensor y, Tensor sampleWeight) {
        double value = gradients(x, y, sampleWeight);
        compiled.optimizer.step(params);
        model.applyConstraints();
        lossTracker.update(value, Inputs.rows(x));
        updateMetrics(y, lastOutput);
        return value;
    }

    /**
     * Forward pass in training mode, loss plus penalties, backward pass: every parameter's gradient set
     * (the previous ones cleared), the weights untouched. Returns the loss.
     */
    double gradients(Tensor x, Tensor y, Tensor sampleWeight) {
        DenseStep dense = denseStep(x);
        if (dense != null && dense.fusesLoss(compiled.loss, y, sampleWeight, x)) {
            // a softmax cross-entropy on a dense stack: the loss too without a graph, the same values
            for (Tensor p : params) p.zeroGrad();
            double value = dense.lossStep(compiled.loss, x, y);
            lastOutput = dense.output();
            return value;
        }
        Tensor yPred = dense != null ? dense.forward(x) : model.call(x, true);
        Tensor loss = model.addPenalties(compiled.loss.apply(y, yPred, sampleWeight));
        for (Tensor p : params) p.zeroGrad();
        if (loss.requiresGrad()) loss.backward();
        if (dense != null) dense.backward();
        lastOutput = yPred.detach();
        return loss.item();
    }

    /** One evaluation step: forward in inference mode without a graph, loss and metrics accumulated. */
    void testStep(Tensor x, Tensor y, Tensor sampleWeight) {
        try (GradMode g = GradMode.off()) {
            Tensor yPred = model.call(x, false);
            Tensor loss = model.addPenalties(compiled.loss.apply(y, yPred, sampleWeight));
            lossTracker.update(loss.item(), Inputs.rows(x));
            updateMetrics(y, yPred);
        }
    }

    private void updateMetrics(Tensor y, Tensor yPred) {
        List<Metric> metrics = compiled.metrics();
        for (int i = 0, n = metrics.size(); i < n; i++) metrics.get(i).updateState(y, yPred);
    }

    void resetStates() {
        lossTracker.resetState();
        compiled.resetMetrics();
    }

    /** loss first, then each metric under its compile name (a new map). */
    Map<String, Double> logs() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", lossTracker.result());
        for (Metric m : compiled.metrics()) logs.put(m.name(), m.result());
        return logs;
    }

    /** Makes the parameter list current (after compile, load or a change of trainable flags). */
    void refreshParameters() {
        params = model.trainableWeights();
        if (!denseStepsAllowed) denseStep = null;
        else if (denseStep == null || !denseStep.matches()) denseStep = DenseStep.of(model);   // its buffers kept between calls
    }

    /** The dense-stack step for this batch, or null for the graph. */
    private DenseStep denseStep(Tensor x) {
        DenseStep d = denseStep;
        if (d == null || !d.accepts(x)) return null;
        if (!d.matches()) {
            denseStep = null;
            return null;
        }
        return d;
    }

    /** Whether stacks of dense layers may skip the graph (tests turn it off to compare the two paths). */
    void useDenseSteps(boolean on) {
        denseStepsAllowed = on;
        refreshParameters();
    }

    /** Whether the last {@link #refreshParameters} found the model to be a dense stack. */
    boolean hasDenseStep() { return denseStep != null; }

    /** Training steps the current dense-stack step has run (0 without one). */
    long denseSteps() { return denseStep == null ? 0 : denseStep.steps(); }

    /** Of {@link #denseSteps}, those that computed the loss too (a softmax cross-entropy head). */
    long denseLossSteps() { return denseStep == null ? 0 : denseStep.lossSteps(); }

    /**
     * Runs the model and the loss on the first rows in inference mode, without a graph: shape mistakes,
     * the loss's diagnostics and metric resolution happen here, before any weight changes; then the value
     * checks of all the labels ({@link dev.kiln.losses.Loss#checkLabels}).
     */
    void preflight(String what, Tensor x, Tensor y, Tensor sampleWeight, PrintStream out, int verbose) {
        int k = Math.min(Inputs.rows(x), Fit.DEFAULT_BATCH_SIZE);
        Tensor xb = x.slice(0, k), yb = y.slice(0, k), wb = sampleWeight == null ? null : sampleWeight.slice(0, k);
        try (GradMode g = GradMode.off()) {
            Tensor yPred = model.call(xb, false);
            List<String> warnings = compiled.loss.check(yb, yPred, model.outputActivation());
            if (verbose > 0) for (String w : warnings) out.println("Warning (" + what + "): " + w);
            compiled.loss.apply(yb, yPred, wb);
            // the value checks of every label, which the first batch alone cannot make
            compiled.loss.checkLabels(y, yPred.shape().with(0, Inputs.rows(x)), yPred.dtype());
            for (Metric m : compiled.resolveMetrics(yb, yPred)) {
                m.updateState(yb, yPred);
                m.resetState();
            }
        }
    }

    /** Whether the loss value is the same however the rows are batched (a weighted mean), so evaluation may use large chunks. */
    boolean batchIndependent() {
        Reduction r = compiled.loss.reduction();
        return r == Reduction.SUM_OVER_BATCH_SIZE || r == Reduction.MEAN;
    }

    Map<String, Double> evaluate(Tensor x, Tensor y, Tensor sampleWeight, int batchSize, ProgressBar bar) {
        refreshParameters();
        resetStates();
        int n = Inputs.rows(x);
        int steps = (n + batchSize - 1) / batchSize;
        if (bar != null) bar.start(steps);
        for (int start = 0, step = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            boolean whole = start == 0 && end == n;
            testStep(whole ? x : x.slice(start, end), whole ? y : y.slice(start, end),
                    sampleWeight == null ? null : whole ? sampleWeight : sampleWeight.slice(start, end));
            if (bar != null) bar.update(++step, runningLogs);
        }
        Map<String, Double> logs = logs();
        if (bar != null) bar.end(logs);
        return logs;
    }

    /** Validation data with its own batch size, or (x, y, sampleWeight null) a source of validation batches. */
    record Validation(Tensor x, Tensor y, Tensor sampleWeight, int batchSize, BatchSource source) {
        Validation(Tensor x, Tensor y, Tensor sampleWeight, int batchSize) { this(x, y, sampleWeight, batchSize, null); }

        static Validation of(BatchSource source) { return new Validation(null, null, null, 0, source); }
    }

    /** Loss and metrics over one epoch of a source's batches (labels and weights as the batches carry them). */
    Map<String, Double> evaluate(BatchSource source, int epoch, ProgressBar bar) {
        refreshParameters();
        resetStates();
        DType dtype = model.dtype();
        if (bar != null) bar.start(source.batchesPerEpoch());
        int step = 0;
        for (Iterator<Batch> it = source.epoch(epoch); it.hasNext(); ) {
            Batch b = it.next();
            testStep(b.x().dtype() == dtype ? b.x() : b.x().astype(dtype), b.y(), b.sampleWeight());
            step++;
            if (bar != null) bar.update(step, runningLogs);
        }
        if (step == 0) throw new IllegalArgumentException("evaluate: the source's epoch " + epoch + " has no batches");
        Map<String, Double> logs = logs();
        if (bar != null) bar.end(logs);
        return logs;
    }

    /**
     * The epoch loop over a batch source. {@code classWeighted}: the source's labels still need the
     * Fit's class weights (in-memory data has them folded into its sample weights already).
     */
    History fit(BatchSource source, Fit f, Validation validation, boolean classWeighted) {
        refreshParameters();
        List<Callback> callbacks = f.callbacks;
        boolean batchEvents = false;
        for (Callback c : callbacks) batchEvents |= c.wantsBatchEvents();
        int steps = source.batchesPerEpoch();
        ProgressBar bar = new ProgressBar(f.out, f.verbose, f.verbose == 1 && ProgressBar.isTerminal());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", f.verbose);
        params.put("epochs", f.epochs);
        params.put("steps", steps);
        History history = new History(params);
        DType dtype = model.dtype();
        model.stopTraining(false);
        for (Callback c : callbacks) c.setModel(model);
        for (Callback c : callbacks) c.onTrainBegin(new LinkedHashMap<>());
        Map<String, Double> epochLogs = new LinkedHashMap<>();
        for (int epoch = f.initialEpoch; epoch < f.epochs && !model.stopTraining(); epoch++) {
            resetStates();
            for (Callback c : callbacks) c.onEpochBegin(epoch, new LinkedHashMap<>());
            bar.epochStart(epoch, f.epochs, steps);
            int step = 0;
            for (Iterator<Batch> it = source.epoch(epoch); it.hasNext(); ) {
                Batch b = it.next();
                if (batchEvents) for (Callback c : callbacks) c.onTrainBatchBegin(step, new LinkedHashMap<>());
                Tensor x = b.x().dtype() == dtype ? b.x() : b.x().astype(dtype);
                Tensor w = b.sampleWeight();
                if (classWeighted) w = Inputs.classWeights("fit", f.classWeight, b.y(), dtype);
                trainStep(x, b.y(), w);
                step++;
                bar.update(step, runningLogs);
                if (batchEvents) {
                    Map<String, Double> logs = logs();
                    for (Callback c : callbacks) c.onTrainBatchEnd(step - 1, logs);
                }
                if (model.stopTraining()) break;
            }
            epochLogs = logs();
            if (validation != null) {
                Map<String, Double> val = validation.source() != null ? evaluate(validation.source(), epoch, null)
                        : evaluate(validation.x(), validation.y(), validation.sampleWeight(), validation.batchSize(), null);
                for (Map.Entry<String, Double> e : val.entrySet()) epochLogs.put("val_" + e.getKey(), e.getValue());
            }
            for (Callback c : callbacks) c.onEpochEnd(epoch, epochLogs);
            history.append(epoch, epochLogs);
            bar.end(epochLogs);
        }
        for (Callback c : callbacks) c.onTrainEnd(epochLogs);
        return history;
    }

    /** Predictions in batches, without a graph, concatenated along the batch axis. */
    Tensor predict(Tensor x, int batchSize) {
        int n = Inputs.rows(x);
        try (GradMode g = GradMode.off()) {
            if (n <= batchSize) return model.call(x, false);
            List<Tensor> parts = new ArrayList<>();
            for (int start = 0; start < n; start += batchSize) parts.add(model.call(x.slice(start, Math.min(n, start + batchSize)), false));
            return Tensor.concat(parts, 0);
        }
    }
}
