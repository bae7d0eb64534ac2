package dev.kiln.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.optim.SGD;
import org.junit.jupiter.api.Test;

class LearningRateSchedulerTest {
    @Test
    void setsTheRateBeforeEachEpochAndLogsIt() {
        Sequential m = Fixtures.blobsModel(1);
        m.compile(new SGD(1.0), "categorical_crossentropy");
        History h = m.fit(Fixtures.trainX().slice(0, 64), Fixtures.trainY().slice(0, 64),
                Fit.epochs(3).verbose(0).callbacks(new LearningRateScheduler((epoch, lr) -> 0.1 / (epoch + 1))));
        assertArrayEquals(new double[] {0.1, 0.05, 0.1 / 3}, h.get("learning_rate"), 1e-12);
    }

    @Test
    void aNegativeRateIsRejected() {
        Sequential m = Fixtures.blobsModel(1);
        assertThrows(IllegalArgumentException.class, () -> m.fit(Fixtures.trainX().slice(0, 64), Fixtures.trainY().slice(0, 64),
                Fit.epochs(1).verbose(0).callbacks(new LearningRateScheduler((e, lr) -> -1))));
    }
}
