package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FromScratchExampleTest {
    static FromScratchExample.Trace tensors;
    static FromScratchExample.Trace sequential;

    @BeforeAll
    static void train() {
        tensors = FromScratchExample.withTensors();
        sequential = FromScratchExample.withSequential();
    }

    @Test
    void lossFallsAtEveryIterationToNearZero() {
        for (FromScratchExample.Trace t : new FromScratchExample.Trace[] {tensors, sequential}) {
            assertEquals(FromScratchExample.ITERATIONS, t.losses().length);
            assertTrue(FromScratchExample.monotone(t.losses()));
            assertTrue(t.losses()[0] > 0.5, "starts high: " + t.losses()[0]);
            assertTrue(t.losses()[FromScratchExample.ITERATIONS - 1] < 0.01, "ends near zero: " + t.losses()[1499]);
        }
    }

    @Test
    void predictionsConvergeToTheTargets() {
        double[] y = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(y[i], tensors.predictions()[i], 0.05, "tensors row " + i);
            assertEquals(y[i], sequential.predictions()[i], 0.05, "Sequential row " + i);
        }
    }

    @Test
    void bothVersionsFollowTheSamePath() {
        // Same initial weights, same float32 arithmetic: the two trajectories agree to rounding.
        for (int i = 0; i < FromScratchExample.ITERATIONS; i++) {
            assertEquals(tensors.losses()[i], sequential.losses()[i], 1e-4 * (1 + tensors.losses()[i]), "iteration " + i);
        }
    }

    @Test
    void firstLossMatchesAHandComputedForwardPass() {
        // The loss of the initial weights, computed here in double without the library.
        double[] w0 = FromScratchExample.initialHidden().toDoubleArray();
        double[] w1 = FromScratchExample.initialOutput().toDoubleArray();
        double sse = 0;
        for (int r = 0; r < 4; r++) {
            double out = 0;
            for (int h = 0; h < FromScratchExample.HIDDEN; h++) {
                double z = 0;
                for (int k = 0; k < 3; k++) {
                    z += FromScratchExample.X[r][k] * w0[k * FromScratchExample.HIDDEN + h];
                }
                out += w1[h] / (1 + Math.exp(-z));
            }
            double p = 1 / (1 + Math.exp(-out));
            sse += (p - FromScratchExample.Y[r][0]) * (p - FromScratchExample.Y[r][0]);
        }
        assertEquals(sse, tensors.losses()[0], 1e-5);
    }

    @Test
    void reportShowsBoth() {
        String r = FromScratchExample.report(tensors, sequential);
        assertTrue(r.contains("loss falls at every iteration: true (tensors), true (Sequential)"), r);
    }
}
