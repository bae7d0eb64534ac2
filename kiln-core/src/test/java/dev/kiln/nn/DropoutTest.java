package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.GradCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutTest {
    private static Dropout built(double rate, long seed) {
        Dropout d = new Dropout(rate);
        d.build(Shape.of(-1, 100), new SplittableRandom(seed));
        return d;
    }

    @Test
    void identityInInference() {
        Dropout d = built(0.5, 1);
        Tensor x = Tensor.ones(4, 100);
        assertSame(x, d.call(x, false));
        assertEquals(Shape.of(-1, 7, 3), new Dropout(0.2).outputShape(Shape.of(-1, 7, 3)));
        assertEquals(0, d.countParams());
        LayerTester.outputShapeMatches(() -> new Dropout(0.3), 5, 4);
    }

    @Test
    void invertedScalingAndRate() {
        Dropout d = built(0.25, 2);
        double[] y = d.call(Tensor.full(2.0, 200, 100), true).toDoubleArray();
        int dropped = 0;
        for (double v : y) {
            if (v == 0) dropped++;
            else assertEquals(2.0 / 0.75, v, 1e-6, "kept units are scaled by 1/(1 - rate)");
        }
        // 20000 Bernoulli(0.25) draws: standard deviation of the count is about 61
        assertEquals(5000, dropped, 300);
    }

    @Test
    void gradientIsTheMask() {
        Dropout d = new Dropout(0.4).dtype(DType.FLOAT64);
        d.build(Shape.of(-1, 10), new SplittableRandom(3));
        Tensor x = GradCheck.input(4, 0.5, 1.5, 6, 10);
        Tensor y = d.call(x, true);
        y.sum().backward();
        double[] g = x.grad().toDoubleArray(), yv = y.toDoubleArray();
        for (int i = 0; i < g.length; i++) assertEquals(yv[i] == 0 ? 0.0 : 1 / 0.6, g[i], 1e-12);
        LayerTester.gradientCheck(() -> new Dropout(0.4), false, -1, 1, 3, 4);
    }

    @Test
    void seededMasks() {
        double[] a = built(0.5, 7).call(Tensor.ones(3, 100), true).toDoubleArray();
        double[] b = built(0.5, 7).call(Tensor.ones(3, 100), true).toDoubleArray();
        assertArrayEquals(a, b, 0.0, "the same build seed gives the same masks");
        Dropout d = built(0.5, 7);
        assertNotEquals(java.util.Arrays.toString(d.call(Tensor.ones(3, 100), true).toDoubleArray()),
                java.util.Arrays.toString(d.call(Tensor.ones(3, 100), true).toDoubleArray()), "a new mask on every call");
        Dropout s1 = new Dropout(0.5).seed(11), s2 = new Dropout(0.5).seed(11);
        s1.build(Shape.of(-1, 100), new SplittableRandom(1));
        s2.build(Shape.of(-1, 100), new SplittableRandom(2));
        assertArrayEquals(s1.call(Tensor.ones(2, 100), true).toDoubleArray(), s2.call(Tensor.ones(2, 100), true).toDoubleArray(), 0.0);
    }

    @Test
    void masksArePureFunctionsOfSeedAndStep() {
        Dropout straight = built(0.5, 13);
        Tensor x = Tensor.ones(4, 100);
        double[][] masks = new double[5][];
        for (int i = 0; i < 5; i++) masks[i] = straight.call(x, true).toDoubleArray();
        assertEquals(5, straight.step());
        straight.call(x, false);
        assertEquals(5, straight.step(), "inference does not move the counter");

        Dropout first = built(0.5, 13);
        for (int i = 0; i < 2; i++) first.call(x, true);
        java.util.Map<String, Object> config = first.config();
        assertEquals(2L, ((Number) config.get("step")).longValue());
        Dropout resumed = (Dropout) Layers.fromConfig("Dropout", config);
        resumed.build(Shape.of(-1, 100), new SplittableRandom(13));
        for (int i = 2; i < 5; i++) assertArrayEquals(masks[i], resumed.call(x, true).toDoubleArray(), 0.0, "mask " + i);

        Dropout other = built(0.5, 14);
        assertNotEquals(java.util.Arrays.toString(masks[0]), java.util.Arrays.toString(other.call(x, true).toDoubleArray()), "another seed, other masks");
        java.util.Set<Long> seeds = new java.util.HashSet<>();
        for (long s = 0; s < 64; s++) for (long t = 0; t < 64; t++) seeds.add(Dropout.streamSeed(s, t));
        assertEquals(64 * 64, seeds.size(), "neighbouring seeds and steps give distinct streams");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("Dropout", java.util.Map.of("rate", 0.5, "step", -1L)));
        assertTrue(e.getMessage().contains("Dropout") && e.getMessage().contains("step"), e.getMessage());
    }

    @Test
    void noiseShapeSharesTheMaskAlongAxes() {
        Dropout d = new Dropout(0.5).noiseShape(-1, 1, -1);
        d.build(Shape.of(-1, 4, 6), new SplittableRandom(3));
        double[] y = d.call(Tensor.ones(5, 4, 6), true).toDoubleArray();
        for (int b = 0; b < 5; b++) {
            for (int t = 1; t < 4; t++) {
                for (int f = 0; f < 6; f++) assertEquals(y[(b * 4) * 6 + f], y[(b * 4 + t) * 6 + f], 0.0, "same mask at every step");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Dropout(0.5).noiseShape(-1, 3).outputShape(Shape.of(-1, 4)));
        LayerTester.configRoundTrip(() -> new Dropout(0.3).noiseShape(-1, 1, 3), 2, 4, 3);
    }

    @Test
    void configAndErrors() {
        LayerTester.configRoundTrip(() -> new Dropout(0.3).seed(5), 2, 3);
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
        assertTrue(e.getMessage().contains("rate (-0.1) must be in [0, 1)"), e.getMessage());
    }
}
