package dev.kiln.bench;

import dev.kiln.kernel.MatMul;
import dev.kiln.kernel.Parallelism;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Single-thread sgemm GFLOP/s measured in CPU time of the calling thread, a figure that stays
 * meaningful on a machine shared with other jobs (wall-clock time there measures the share of the
 * cores we got, not the code). Pairs with {@code gemm_torch_shapes.py --clock process} under
 * {@code OPENBLAS_NUM_THREADS=1}: both then compare per-core efficiency.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -Dkiln.threads=1 -cp benchmarks.jar
 * dev.kiln.bench.GemmCpuTime [--reps 5] [--json out.json] MxKxN ...}. Method as in
 * gemm_torch.py: 3 untimed calls, a loop calibrated to last >= 0.3 s of CPU time, the median of
 * {@code --reps} such loops.
 */
public final class GemmCpuTime {
    private GemmCpuTime() {}

    public static void main(String[] args) throws IOException {
        int reps = 5;
        String json = null;
        java.util.List<String> shapes = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reps": reps = Integer.parseInt(args[++i]); break;
                case "--json": json = args[++i]; break;
                default: shapes.add(args[i]);
            }
        }
        if (Parallelism.threads() != 1) {
            System.err.println("GemmCpuTime: run with -Dkiln.threads=1 (CPU time of one thread), got "
                    + Parallelism.threads() + " threads");
            System.exit(2);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder("{\"meta\": {\"java\": \"" + System.getProperty("java.version")
                + "\", \"kernel\": \"" + System.getProperty(MatMul.KERNEL_PROPERTY, "auto") + "\"}, \"results\": {");
        String sep = "";
        for (String shape : shapes) {
            int[] d = Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).toArray();
            int m = d[0], k = d[1], n = d[2];
            SplittableRandom rnd = new SplittableRandom(42);
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
            for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextGaussian();
            for (int i = 0; i < 3; i++) MatMul.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
            long calls = 1;
            while (true) {
                long t = cpuTime(mx, calls, m, n, k, a, b, c);
                if (t > 300_000_000L) break;
                calls = Math.max(calls * 2, (long) (calls * 0.35e9 / Math.max(t, 1)));
            }
            double[] sec = new double[reps];
            for (int r = 0; r < reps; r++) sec[r] = cpuTime(mx, calls, m, n, k, a, b, c) / 1e9 / calls;
            Arrays.sort(sec);
            double median = sec[reps / 2];
            System.out.printf(Locale.ROOT, "%-16s %8.1f GFLOP/s  %12.2f us/call (CPU time, 1 thread)%n",
                    shape, 2.0 * m * n * k / median / 1e9, median * 1e6);
            out.append(sep).append(String.format(Locale.ROOT, "\"%s\": {\"sec\": %.9e}", shape, median));
            sep = ", ";
        }
        out.append("}}\n");
        if (json != null) {
            try (Writer w = Files.newBufferedWriter(Path.of(json), StandardCharsets.UTF_8)) {
                w.write(out.toString());
            }
        }
    }

    private static long cpuTime(ThreadMXBean mx, long calls, int m, int n, int k, float[] a, float[] b, float[] c) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (long i = 0; i < calls; i++) {
            MatMul.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
        }
        return mx.getCurrentThreadCpuTime() - t0;
    }
}
