package dev.kiln.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link TinyStepBenchmark}'s two workloads, {@link LayerStepBenchmark#denseSoftmaxCrossentropy} and
 * {@link FitBenchmark#trainOnBatch} timed in CPU time of the calling thread, for machines
 * shared with other jobs (where JMH's wall-clock average mostly measures how often we were
 * descheduled). Same method as {@link GemmCpuTime}: a loop calibrated to >= 0.3 s of CPU time,
 * median of {@code --reps} loops, after {@code --warmup} seconds of CPU time.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar
 * dev.kiln.bench.TinyStepCpuTime [--reps 7] [--warmup 5] [--only NAME]}. The workloads share code
 * (products, nodes), so one compiled after another runs on code the JIT shaped for the first: a
 * workload's figure can differ by half between running alone and running last. {@code --only} runs one
 * workload per JVM (gemmsOnly, tensorStep, denseSoftmaxCrossentropy, computeGradients or trainOnBatch).
 */
public final class TinyStepCpuTime {
    private TinyStepCpuTime() {}

    public static void main(String[] args) {
        int reps = 7;
        double warmup = 5;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reps": reps = Integer.parseInt(args[++i]); break;
                case "--warmup": warmup = Double.parseDouble(args[++i]); break;
                case "--only": only = args[++i]; break;
                default: throw new IllegalArgumentException("TinyStepCpuTime: unknown argument '" + args[i] + "'");
            }
        }
        TinyStepBenchmark bench = new TinyStepBenchmark();
        bench.setup();
        System.out.println("# java " + System.getProperty("java.version") + ", Vector API module "
                + (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "present" : "absent"));
        java.util.List<String> names = java.util.List.of("gemmsOnly", "tensorStep", "denseSoftmaxCrossentropy", "computeGradients", "trainOnBatch");
        if (only != null && !names.contains(only)) {
            throw new IllegalArgumentException("TinyStepCpuTime: --only must be one of " + names + ", got '" + only + "'");
        }
        if (only == null || only.equals("gemmsOnly")) report("gemmsOnly", bench::gemmsOnly, reps, warmup);
        if (only == null || only.equals("tensorStep")) report("tensorStep", bench::tensorStep, reps, warmup);
        if (only == null || only.equals("denseSoftmaxCrossentropy")) {
            LayerStepBenchmark layers = new LayerStepBenchmark();
            layers.setup();
            report("denseSoftmaxCrossentropy", layers::denseSoftmaxCrossentropy, reps, warmup);
        }
        if (only == null || only.equals("computeGradients")) {
            FitBenchmark fit = new FitBenchmark();
            fit.setup();
            report("computeGradients", fit::computeGradients, reps, warmup);
        }
        if (only == null || only.equals("trainOnBatch")) {
            FitBenchmark fit = new FitBenchmark();
            fit.setup();
            report("trainOnBatch", fit::trainOnBatch, reps, warmup);
        }
    }

    /** Bytes this thread allocated so far, or 0 where the JVM does not count them. */
    private static long allocatedBytes() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx instanceof com.sun.management.ThreadMXBean ? ((com.sun.management.ThreadMXBean) mx).getCurrentThreadAllocatedBytes() : 0;
    }

    private static void report(String name, Supplier<Object> body, int reps, double warmupSeconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long end = mx.getCurrentThreadCpuTime() + (long) (warmupSeconds * 1e9);
        Object sink = null;
        while (mx.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 1000; i++) sink = body.get();
        }
        long calls = 1000;
        while (true) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (long i = 0; i < calls; i++) sink = body.get();
            long t = mx.getCurrentThreadCpuTime() - t0;
            if (t > 300_000_000L) break;
            calls = Math.max(calls * 2, (long) (calls * 0.35e9 / Math.max(t, 1)));
        }
        double[] us = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (long i = 0; i < calls; i++) sink = body.get();
            us[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / calls;
        }
        long bytes = allocatedBytes();
        for (int i = 0; i < 1000; i++) sink = body.get();
        double bytesPerOp = (allocatedBytes() - bytes) / 1000.0;
        double[] sorted = us.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-24s median %8.2f us/op CPU  (min %.2f, max %.2f, %d loops of %d), %.0f bytes/op%s%n",
                name, sorted[reps / 2], sorted[0], sorted[reps - 1], reps, calls, bytesPerOp, sink == null ? "?" : "");
    }
}
