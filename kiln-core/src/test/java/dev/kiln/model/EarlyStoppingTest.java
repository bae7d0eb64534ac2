package dev.kiln.model;

import static dev.kiln.model.Fixtures.assertSameWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    private static History run(Sequential m, Callback... callbacks) {
        return m.fit(Fixtures.trainX().slice(0, 64), Fixtures.trainY().slice(0, 64), Fit.epochs(10).verbose(0).callbacks(callbacks));
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBest() {
        Sequential m = Fixtures.blobsModel(1);
        List<List<Tensor>> weightsAtEpochEnd = new ArrayList<>();
        EarlyStopping es = new EarlyStopping().monitor("val_loss").patience(2).restoreBestWeights(true);
        History h = run(m, new Scripted("val_loss", 5, 4, 4.5, 4.2, 4.1, 3, 2, 1, 0, 0),
                new LambdaCallback().onEpochEnd((e, logs) -> weightsAtEpochEnd.add(m.getWeights())), es);
        assertArrayEquals(new int[] {0, 1, 2, 3}, h.epochs(), "epoch 1 is best; epochs 2 and 3 do not improve");
        assertEquals(3, es.stoppedEpoch());
        assertEquals(1, es.bestEpoch());
        assertSameWeights(weightsAtEpochEnd.get(1), m.getWeights());
    }

    @Test
    void minDeltaAndModeDecideWhatCountsAsAnImprovement() {
        History small = run(Fixtures.blobsModel(1), new Scripted("val_loss", 1.0, 0.95, 0.9, 0.85, 0, 0, 0, 0, 0, 0),
                new EarlyStopping().minDelta(0.1).patience(1));
        assertEquals(2, small.size(), "0.95 is not 0.1 better than 1.0");
        History max = run(Fixtures.blobsModel(1), new Scripted("val_accuracy", 0.5, 0.6, 0.7, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6),
                new EarlyStopping().monitor("val_accuracy").patience(1));
        assertEquals(4, max.size(), "auto mode maximizes accuracies");
        History min = run(Fixtures.blobsModel(1), new Scripted("val_accuracy", 0.5, 0.6, 0.7, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6),
                new EarlyStopping().monitor("val_accuracy").mode("min").patience(1));
        assertEquals(2, min.size());
        History missing = run(Fixtures.blobsModel(1), new EarlyStopping().monitor("val_nothing"));
        assertEquals(10, missing.size(), "a missing monitor never stops training");
        assertThrows(IllegalArgumentException.class, () -> run(Fixtures.blobsModel(1), new EarlyStopping().mode("up")));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().patience(-1));
    }

    @Test
    void baselineMustBeBeaten() {
        double[] script = {3, 2.5, 2.6, 2.7, 2.8, 1, 1, 1, 1, 1};
        History h = run(Fixtures.blobsModel(1), new Scripted("val_loss", script), new EarlyStopping().baseline(1.5).patience(2));
        assertEquals(3, h.size(), "improvements that do not reach the baseline do not reset the wait");
        History free = run(Fixtures.blobsModel(1), new Scripted("val_loss", script), new EarlyStopping().patience(2));
        assertEquals(4, free.size());
    }
}
