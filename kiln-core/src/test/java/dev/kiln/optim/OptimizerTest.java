package dev.kiln.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The base class: clipping, null gradients, errors, state export/import, allocation per step. */
class OptimizerTest {
    private static Tensor param(double... v) { return Tensor.of(v, DType.FLOAT64).requiresGrad(true); }

    /** Gives p exactly the gradient g. */
    private static void grad(Tensor p, double... g) {
        p.zeroGrad();
        p.mul(Tensor.of(g, p.dtype())).sum().backward();
    }

    @Test
    void clipping() {
        Tensor a = param(0, 0), b = param(0);
        grad(a, 3, 4);   // norm 5
        grad(b, 12);     // norm 12; global norm 13
        new SGD(1.0).clipnorm(1.0).step(List.of(a, b));
        assertArrayEquals(new double[] {-0.6, -0.8}, a.toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {-1.0}, b.toDoubleArray(), 1e-15);
        a = param(0, 0);
        b = param(0);
        grad(a, 3, 4);
        grad(b, 12);
        new SGD(1.0).globalClipnorm(2.6).step(List.of(a, b));   // scale 2.6/13 = 0.2
        assertArrayEquals(new double[] {-0.6, -0.8}, a.toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {-2.4}, b.toDoubleArray(), 1e-15);
        grad(a, 3, -0.5);
        new SGD(1.0).clipvalue(1.0).step(List.of(a));
        assertArrayEquals(new double[] {-1.6, -0.3}, a.toDoubleArray(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGD().clipnorm(1).clipvalue(1));
        assertTrue(e.getMessage().contains("only one of clipnorm, clipvalue and globalClipnorm"), e.getMessage());
    }

    @Test
    void nullGradientsAreSkippedAndIterationsCount() {
        Tensor a = param(1), b = param(2);
        grad(a, 1);
        SGD sgd = new SGD(0.5);
        sgd.step(List.of(a, b));
        assertEquals(0.5, a.item(), 0);
        assertEquals(2, b.item(), 0);
        assertEquals(1, sgd.iterations());
        Nadam nadam = new Nadam();
        nadam.step(List.of(b));   // no gradient at all: counted, but Nadam's momentum product is untouched (Keras)
        assertEquals(1, nadam.iterations());
        assertEquals(1.0, nadam.state(List.of(b)).get("u_product").item(), 0.0);
    }

    @Test
    void badParametersFailBeforeAnyChange() {
        Tensor a = param(1), ints = Tensor.of(new int[] {1});
        grad(a, 1);
        SGD sgd = new SGD(0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sgd.step(List.of(a, ints)));
        assertTrue(e.getMessage().startsWith("SGD: parameter 1 is int32"), e.getMessage());
        assertEquals(1.0, a.item(), 0, "untouched");
        assertEquals(0, sgd.iterations());
    }

    @Test
    void stateRoundTripResumesIdentically() {
        for (String name : List.of("sgd", "adam", "adamw", "rmsprop", "adagrad", "adadelta", "adamax", "nadam")) {
            Optimizer a = Optimizers.get(name).learningRate(0.05);
            if (a instanceof SGD) ((SGD) a).momentum(0.9);
            if (a instanceof RMSprop) ((RMSprop) a).centered(true).momentum(0.5);
            List<Tensor> p = List.of(Tensor.of(new double[] {1, -2, 3}).requiresGrad(true), Tensor.of(new double[][] {{0.5}}).requiresGrad(true));
            for (int s = 0; s < 3; s++) stepQuadratic(a, p);
            Map<String, Tensor> state = a.state(p);
            Optimizer b = Optimizers.fromConfig(a.name(), a.config());
            List<Tensor> q = new ArrayList<>();
            for (Tensor t : p) q.add(Tensor.fromFlat(t.toDoubleArray(), DType.FLOAT32, t.shape().toArray()).requiresGrad(true));
            b.loadState(q, state);
            assertEquals(3, b.iterations());
            for (int s = 0; s < 3; s++) {
                stepQuadratic(a, p);
                stepQuadratic(b, q);
            }
            for (int i = 0; i < p.size(); i++) assertArrayEquals(p.get(i).toFloatArray(), q.get(i).toFloatArray(), name + ": resumed run differs");
        }
    }

    @Test
    void loadStateRejectsWrongShapesAndKeepsState() {
        Adam adam = new Adam();
        List<Tensor> p = List.of(param(1, 2));
        stepQuadratic(adam, p);
        Map<String, Tensor> state = new java.util.HashMap<>(adam.state(p));
        state.put("0/velocity", Tensor.zeros(DType.FLOAT64, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.loadState(p, state));
        assertTrue(e.getMessage().contains("'0/velocity' is of shape (3,)"), e.getMessage());
        assertEquals(1, adam.iterations());
        assertEquals(Map.of("iterations", 1.0).keySet().size() + 2, adam.state(p).size());
    }

    private static void stepQuadratic(Optimizer o, List<Tensor> params) {
        for (Tensor t : params) {
            t.zeroGrad();
            t.square().sum().backward();
        }
        o.step(params);
    }

    /** After the first step a step allocates nothing (measured with the JVM's per-thread allocation counter). */
    @Test
    void stepsAllocateNothingAfterTheFirst() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean)) return;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        for (Optimizer o : List.of(new SGD(0.01).momentum(0.9).clipnorm(1), new Adam(), new Nadam(), new RMSprop().centered(true))) {
            List<Tensor> params = List.of(Tensor.ones(50, 3).requiresGrad(true), Tensor.ones(3).requiresGrad(true));
            stepQuadratic(o, params);
            for (int i = 0; i < 200; i++) o.step(params);   // warm up
            // the least of three rounds: a one-off event (a JIT deoptimisation) may allocate once, an allocating step
            // would show as >= 16 kB in every round
            long bytes = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 1000; i++) o.step(params);
                bytes = Math.min(bytes, mx.getCurrentThreadAllocatedBytes() - before);
            }
            assertTrue(bytes < 1000, o.name() + ": " + bytes + " bytes allocated in 1000 steps");
        }
    }
}
