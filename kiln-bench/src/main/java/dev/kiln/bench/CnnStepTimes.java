package dev.kiln.bench;

import dev.kiln.data.Datasets;
import dev.kiln.data.FashionMnist;
import dev.kiln.model.Sequential;
import dev.kiln.tensor.Tensor;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * How the sources' CNN ({@link CnnBenchmark#model}) warms up in a fresh JVM: {@code trainOnBatch} on
 * consecutive Fashion-MNIST batches of 100, reported per block of steps as wall time, CPU time of the
 * calling thread, CPU time of the whole process (the pool's threads and the JIT's compiler threads
 * included) and the JIT's compile time, all per step. The first blocks show what an epoch timed from a
 * fresh start pays for compilation; the last ones the steady state.
 *
 * <pre>{@code
 * java -XX:+UseSerialGC --add-modules jdk.incubator.vector -cp kiln-bench/target/benchmarks.jar \
 *     dev.kiln.bench.CnnStepTimes --blocks 8 --steps 60
 * }</pre>
 */
public final class CnnStepTimes {
    private CnnStepTimes() {}

    public static void main(String[] args) {
        int blocks = 8, steps = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--blocks": blocks = Integer.parseInt(args[++i]); break;
                case "--steps": steps = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("CnnStepTimes: unknown argument '" + args[i] + "' (--blocks N --steps N)");
            }
        }
        FashionMnist.Data d = Datasets.fashionMnist();
        int batch = 100, n = d.xTrain().shape().dim(0);
        if ((long) blocks * steps * batch > n) {
            throw new IllegalArgumentException("CnnStepTimes: " + blocks + " blocks of " + steps + " steps of " + batch
                    + " images need more than the " + n + " training images");
        }
        Tensor x = d.xTrain().slice(0, blocks * steps * batch).div(255.0).reshape(-1, 28, 28, 1);
        Tensor y = Tensor.oneHot(d.yTrain().slice(0, blocks * steps * batch), 10);
        Sequential model = CnnBenchmark.model(1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        System.out.println("# java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; per step: wall, calling thread CPU, process CPU, JIT compile time (ms)");
        for (int b = 0, step = 0; b < blocks; b++) {
            long w0 = System.nanoTime(), c0 = threads.getCurrentThreadCpuTime(), p0 = os.getProcessCpuTime();
            long j0 = jit.getTotalCompilationTime();
            for (int s = 0; s < steps; s++, step++) {
                model.trainOnBatch(x.slice(step * batch, (step + 1) * batch), y.slice(step * batch, (step + 1) * batch));
            }
            double wall = (System.nanoTime() - w0) / 1e6 / steps, main = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / steps;
            double proc = (os.getProcessCpuTime() - p0) / 1e6 / steps, comp = (double) (jit.getTotalCompilationTime() - j0) / steps;
            System.out.printf(Locale.ROOT, "steps %4d-%4d: wall %6.2f  thread %6.2f  process %6.2f  jit %6.2f  (%.0f samples/s)%n",
                    step - steps + 1, step, wall, main, proc, comp, batch * 1000 / wall);
        }
    }
}
