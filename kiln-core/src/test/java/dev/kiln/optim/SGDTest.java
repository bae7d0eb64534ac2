package dev.kiln.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SGD on L = w² (g = 2w) from w = 1, each step worked out by hand with Keras 3's formulas. */
class SGDTest {
    static double[] run(Optimizer opt, int steps) {
        Tensor w = Tensor.of(new double[] {1.0}, DType.FLOAT64).requiresGrad(true);
        double[] out = new double[steps];
        for (int s = 0; s < steps; s++) {
            w.zeroGrad();
            w.square().sum().backward();
            opt.step(List.of(w));
            out[s] = w.item();
        }
        return out;
    }

    @Test
    void plain() {
        // w ← w − 0.1·2w = 0.8w
        double[] w = run(new SGD(0.1), 2);
        assertEquals(0.8, w[0], 1e-15);
        assertEquals(0.64, w[1], 1e-15);
    }

    @Test
    void momentum() {
        // v = −0.2, w = 0.8; g = 1.6: v = −0.18 − 0.16 = −0.34, w = 0.46; g = 0.92: v = −0.306 − 0.092 = −0.398, w = 0.062
        double[] w = run(new SGD(0.1).momentum(0.9), 3);
        assertEquals(0.8, w[0], 1e-15);
        assertEquals(0.46, w[1], 1e-15);
        assertEquals(0.062, w[2], 1e-15);
    }

    @Test
    void nesterov() {
        // v = −0.2, w += 0.9·(−0.2) − 0.2 → 0.62; g = 1.24: v = −0.18 − 0.124 = −0.304, w += −0.2736 − 0.124 → 0.2224
        double[] w = run(new SGD(0.1).momentum(0.9).nesterov(true), 2);
        assertEquals(0.62, w[0], 1e-15);
        assertEquals(0.2224, w[1], 1e-15);
    }

    @Test
    void legacyDecayAndLrAlias() {
        // lr_0 = 0.1 → w = 0.8; lr_1 = 0.1/(1 + 0.5) → w = 0.8 − 1.6/15 = 0.69333…; lr_2 = 0.1/2
        SGD opt = new SGD().lr(0.1).decay(0.5);
        double[] w = run(opt, 2);
        assertEquals(0.8, w[0], 1e-15);
        assertEquals(0.8 - 1.6 / 15, w[1], 1e-15);
        assertEquals(0.05, opt.learningRate(), 1e-15);
        assertEquals(2, opt.iterations());
    }

    @Test
    void defaultsAndArguments() {
        SGD s = new SGD();
        assertEquals(0.01, s.learningRate());
        assertEquals(0.0, s.momentum());
        assertEquals(false, s.nesterov());
        assertThrows(IllegalArgumentException.class, () -> new SGD(0.1).momentum(1.5));
        assertThrows(IllegalArgumentException.class, () -> new SGD(-0.1));
        SGD stepped = new SGD(0.1);
        run(stepped, 1);
        assertThrows(IllegalStateException.class, () -> stepped.momentum(0.9), "momentum state cannot appear after the first step");
    }
}
