package dev.kiln.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AUCTest {
    @Test
    void kerasDocumentedExampleWithThreeThresholds() {
        // Keras's AUC docstring: thresholds [0-eps, 0.5, 1+eps]; TPR [1, 0.5, 0], FPR [1, 0, 0] → 0.75.
        AUC m = new AUC(3);
        m.updateState(Tensor.of(new double[] {0, 0, 1, 1}), Tensor.of(new double[] {0, 0.5, 0.3, 0.9}));
        assertEquals(0.75, m.result(), 1e-12);
        m.updateState(Tensor.of(new double[] {0, 0, 1, 1}), Tensor.of(new double[] {0, 0.5, 0.3, 0.9}),
                Tensor.of(new double[] {1, 0, 0, 1}));
        // Added: a negative at 0 and a positive at 0.9 → TP [3, 2, 0], FP [3, 0, 0] → 1·(1 + 2/3)/2.
        assertEquals((1 + 2.0 / 3) / 2, m.result(), 1e-12);
    }

    @Test
    void defaultThresholdsApproachTheExactRocArea() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 2000;
        double[] t = new double[n], p = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextDouble() < 0.4 ? 1 : 0;
            p[i] = Math.min(1, Math.max(0, 0.35 + 0.3 * t[i] + 0.25 * r.nextGaussian()));
        }
        double pairs = 0, wins = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] != 1) continue;
            for (int j = 0; j < n; j++) {
                if (t[j] != 0) continue;
                pairs++;
                wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
            }
        }
        AUC m = new AUC();
        m.updateState(Tensor.of(t), Tensor.of(p));
        assertEquals(wins / pairs, m.result(), 2e-3);
    }

    @Test
    void perfectAndInvertedRankings() {
        AUC m = new AUC();
        m.updateState(Tensor.of(new double[] {0, 0, 1, 1}), Tensor.of(new double[] {0.1, 0.2, 0.8, 0.9}));
        assertEquals(1.0, m.result(), 1e-12);
        m.resetState();
        m.updateState(Tensor.of(new double[] {1, 1, 0, 0}), Tensor.of(new double[] {0.1, 0.2, 0.8, 0.9}));
        assertEquals(0.0, m.result(), 1e-12);
    }

    @Test
    void prCurveOfAPerfectRanking() {
        // Recall falls 1 → 0.5 → 0 with precision 1; past the top prediction nothing is predicted
        // positive and precision is 0 (divide_no_nan), so minoring loses the last half.
        double[] expected = {1.0, 0.5, 1.0};
        for (AUC.SummationMethod s : AUC.SummationMethod.values()) {
            AUC m = new AUC(200, AUC.Curve.PR, s);
            m.updateState(Tensor.of(new double[] {0, 0, 1, 1}), Tensor.of(new double[] {0.1, 0.2, 0.8, 0.9}));
            assertEquals(expected[s.ordinal()], m.result(), 1e-9, s.toString());
        }
    }

    @Test
    void thresholdsAreKerasLinspaceWithEpsilonEnds() {
        double[] th = new AUC(5).thresholds();
        assertEquals((float) -1e-7, th[0]);
        assertEquals(0.25f, th[1]);
        assertEquals(0.75f, th[3]);
        assertEquals((float) (1 + 1e-7), th[4]);
        assertThrows(IllegalArgumentException.class, () -> new AUC(1));
    }
}
