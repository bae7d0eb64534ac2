package dev.kiln.losses.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.losses.BinaryFocalCrossentropy;
import dev.kiln.losses.Loss;
import dev.kiln.losses.Reduction;
import dev.kiln.tensor.Tensor;
import dev.kiln.testing.GradCheck;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The custom focal loss gives the built-in's values and gradients, and its own gradient is right. */
class FocalLossTest {
    @ParameterizedTest(name = "gamma {0} alpha {1} {2}")
    @CsvSource({"2.0, 0.25, SUM_OVER_BATCH_SIZE", "0.5, 0.6, SUM", "3.0, 0.1, MEAN_WITH_SAMPLE_WEIGHT", "1.0, 0.5, NONE"})
    void matchesTheBuiltInBinaryFocalCrossentropy(double gamma, double alpha, Reduction reduction) {
        Tensor labels = GradCheck.uniform64(7, 0, 1, 6, 4).round();
        Tensor probabilities = GradCheck.uniform64(8, 0.02, 0.98, 6, 4);
        Tensor weights = GradCheck.uniform64(9, 0, 2, 6);
        Loss custom = new FocalLoss(gamma, alpha).reduction(reduction);
        Loss builtIn = new BinaryFocalCrossentropy().applyClassBalancing(true).alpha(alpha).gamma(gamma).reduction(reduction);

        Tensor p1 = probabilities.detach().requiresGrad(true);
        Tensor p2 = probabilities.detach().requiresGrad(true);
        Tensor v1 = custom.apply(labels, p1, weights);
        Tensor v2 = builtIn.apply(labels, p2, weights);
        assertArrayEquals(v2.toDoubleArray(), v1.toDoubleArray(), 1e-15);
        v1.sum().backward();
        v2.sum().backward();
        assertArrayEquals(p2.grad().toDoubleArray(), p1.grad().toDoubleArray(), 1e-12);

        GradCheck.check("FocalLoss", in -> custom.apply(labels, in.get(0), weights), List.of(probabilities.detach().requiresGrad(true)));
    }

    @ParameterizedTest(name = "float32 gamma {0}")
    @CsvSource({"2.0", "0.0"})
    void float32ValuesMatchTheBuiltIn(double gamma) {
        Tensor labels = Tensor.of(new double[][] {{0, 1, 1}, {1, 0, 0}});
        Tensor probabilities = Tensor.of(new double[][] {{0, 1, 0.3}, {0.99, 0.2, 1e-9}});
        double custom = new FocalLoss(gamma, 0.25).apply(labels, probabilities).item();
        double builtIn = new BinaryFocalCrossentropy().applyClassBalancing(true).gamma(gamma).apply(labels, probabilities).item();
        assertEquals(builtIn, custom, 0.0);
    }
}
