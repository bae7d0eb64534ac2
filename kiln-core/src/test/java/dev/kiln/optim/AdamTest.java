package dev.kiln.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Adam with a constant gradient g has a closed form: m_t = g(1 − β1^t), v_t = g²(1 − β2^t), so each step
 * moves w by lr·c_t/(c_t + ε) with c_t = g·√(1 − β2^t) — derived from Keras 3's update, not from our code.
 */
class AdamTest {
    private static double[] run(Optimizer opt, double g, int steps) {
        Tensor w = Tensor.of(new double[] {1.0}, DType.FLOAT64).requiresGrad(true);
        double[] out = new double[steps];
        for (int s = 0; s < steps; s++) {
            w.zeroGrad();
            w.mul(g).sum().backward();
            opt.step(List.of(w));
            out[s] = w.item();
        }
        return out;
    }

    @Test
    void constantGradientClosedForm() {
        for (double g : new double[] {2.0, 1e-6, -3.0}) {
            double lr = 0.1, b2 = 0.999, eps = 1e-7;
            double[] w = run(new Adam(lr), g, 5);
            double expected = 1.0;
            for (int t = 1; t <= 5; t++) {
                double c = Math.abs(g) * Math.sqrt(1 - Math.pow(b2, t));
                expected -= Math.signum(g) * lr * c / (c + eps);
                assertEquals(expected, w[t - 1], 1e-14, "g = " + g + ", step " + t);
            }
        }
    }

    @Test
    void amsgradKeepsTheLargestVelocity() {
        // steps with g = 2 then g = 0: v shrinks but v̂ keeps its maximum, so step 2 uses v̂ = v_1 = 0.004
        Tensor w = Tensor.of(new double[] {1.0}, DType.FLOAT64).requiresGrad(true);
        Adam adam = new Adam(0.1).amsgrad(true);
        for (double g : new double[] {2.0, 0.0}) {
            w.zeroGrad();
            w.mul(g).sum().backward();
            adam.step(List.of(w));
        }
        double m1 = 0.2, v1 = 0.004;
        double w1 = 1 - m1 * (0.1 * Math.sqrt(1 - 0.999) / (1 - 0.9)) / (Math.sqrt(v1) + 1e-7);
        double m2 = m1 * 0.9;
        double w2 = w1 - m2 * (0.1 * Math.sqrt(1 - 0.999 * 0.999) / (1 - 0.81)) / (Math.sqrt(v1) + 1e-7);
        assertEquals(w2, w.item(), 1e-14);
    }

    @Test
    void adamWDecaysBeforeTheUpdate() {
        // g = 0: Adam moves nothing, weight decay alone: w ← w(1 − 0.004·0.001) per step
        double[] w = run(new AdamW(), 0.0, 3);
        assertEquals(Math.pow(1 - 0.004 * 0.001, 3), w[2], 1e-15);
        assertEquals(0.001, new Adam().learningRate());
        assertEquals(0.9, new Adam().beta1());
        assertEquals(0.999, new Adam().beta2());
        assertEquals(1e-7, new Adam().epsilon());
    }
}
