package dev.kiln.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Central-difference gradient checking in float64, reusable by every package's tests. The scalar
 * checked is {@code sum(f(inputs) * R)} with a fixed random R, so that every output element's
 * gradient is weighted differently.
 */
public final class GradCheck {
    private GradCheck() {}

    /** Default step and tolerance; float64 central differences are accurate to about h² and eps/h. */
    public static final double STEP = 1e-6;
    public static final double ATOL = 1e-6;
    public static final double RTOL = 1e-5;

    /**
     * Checks the analytic gradient of {@code f} at {@code inputs} (float64 tensors; those with
     * requiresGrad are checked) against central differences.
     */
    public static void check(String name, Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        check(name, f, inputs, STEP, ATOL, RTOL);
    }

    public static void check(String name, Function<List<Tensor>, Tensor> f, List<Tensor> inputs, double h, double atol, double rtol) {
        for (Tensor t : inputs) {
            if (t.requiresGrad() && t.dtype() != DType.FLOAT64) fail(name + ": gradient checks run in float64, got " + t.dtype());
        }
        Tensor out0 = f.apply(inputs);
        Tensor weights = Tensor.randomUniform(1234, 0.5, 1.5, out0.shape().toArray()).astype(DType.FLOAT64);
        for (Tensor t : inputs) t.zeroGrad();
        Tensor loss = f.apply(inputs).astype(DType.FLOAT64).mul(weights).sum();
        loss.backward();
        for (int k = 0; k < inputs.size(); k++) {
            Tensor x = inputs.get(k);
            if (!x.requiresGrad()) continue;
            Tensor g = x.grad();
            assertNotNull(g, name + ": input " + k + " received no gradient");
            assertEquals(x.shape(), g.shape(), name + ": gradient shape of input " + k);
            double[] analytic = g.toDoubleArray();
            double[] data = x.doubleData();
            for (int i = 0; i < data.length; i++) {
                double keep = data[i];
                data[i] = keep + h;
                double up = value(f, inputs, weights);
                data[i] = keep - h;
                double down = value(f, inputs, weights);
                data[i] = keep;
                double numeric = (up - down) / (2 * h);
                if (Math.abs(numeric - analytic[i]) > atol + rtol * Math.abs(numeric)) {
                    fail(name + ": d/d input" + k + "[" + i + "] analytic " + analytic[i] + " vs numeric " + numeric
                            + " (input shape " + x.shape() + ", values " + Arrays.toString(Arrays.copyOf(data, Math.min(8, data.length))) + ")");
                }
            }
        }
    }

    private static double value(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Tensor weights) {
        List<Tensor> detached = new ArrayList<>();
        for (Tensor t : inputs) detached.add(t.detach());
        return f.apply(detached).astype(DType.FLOAT64).mul(weights).sum().item();
    }

    /** A float64 leaf with values uniform in [lo, hi), requiring a gradient. */
    public static Tensor input(long seed, double lo, double hi, int... shape) {
        return uniform64(seed, lo, hi, shape).requiresGrad(true);
    }

    /** Float64 uniform values (not a leaf that requires grad). */
    public static Tensor uniform64(long seed, double lo, double hi, int... shape) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int n = 1;
        for (int s : shape) n *= s;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * r.nextDouble();
        return Tensor.wrap(v, shape);
    }
}
