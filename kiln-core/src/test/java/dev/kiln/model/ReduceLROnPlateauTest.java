package dev.kiln.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.nn.Dense;
import dev.kiln.optim.ExponentialDecay;
import dev.kiln.optim.SGD;
import org.junit.jupiter.api.Test;

class ReduceLROnPlateauTest {
    private static Sequential model(double lr) {
        Sequential m = Fixtures.blobsModel(1);
        m.compile(new SGD(lr), "categorical_crossentropy");
        return m;
    }

    private static History run(Sequential m, int epochs, Callback... callbacks) {
        return m.fit(Fixtures.trainX().slice(0, 64), Fixtures.trainY().slice(0, 64), Fit.epochs(epochs).verbose(0).callbacks(callbacks));
    }

    @Test
    void reducesAfterPatienceAndLogsTheRate() {
        Sequential m = model(0.1);
        History h = run(m, 5, new Scripted("val_loss", 1, 1, 1, 1, 1), new ReduceLROnPlateau().factor(0.5).patience(2));
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.05, 0.05}, h.get("learning_rate"), 1e-12);
        assertEquals(0.025, m.optimizer().learningRate(), 1e-12);
    }

    @Test
    void minLrAndCooldown() {
        Sequential m = model(0.1);
        run(m, 5, new Scripted("val_loss", 1, 1, 1, 1, 1), new ReduceLROnPlateau().factor(0.5).patience(2).minLr(0.04));
        assertEquals(0.04, m.optimizer().learningRate(), 1e-12);
        Sequential c = model(0.1);
        History h = run(c, 6, new Scripted("val_loss", 1, 1, 1, 1, 1, 1), new ReduceLROnPlateau().factor(0.5).patience(1).cooldown(2));
        // e1 reduces; e2 and e3 count down the cooldown; e3 (out of cooldown) waits 1 and reduces again
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025, 0.025}, h.get("learning_rate"), 1e-12);
        Sequential improving = model(0.1);
        run(improving, 5, new Scripted("val_loss", 5, 4, 3, 2, 1), new ReduceLROnPlateau().patience(1));
        assertEquals(0.1, improving.optimizer().learningRate(), 1e-12);
    }

    @Test
    void aScheduledRateCannotBeReduced() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(3).inputDim(2).activation("softmax"));
        m.compile(new SGD(new ExponentialDecay(0.1, 10, 0.9)), "categorical_crossentropy");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(m, 3, new Scripted("val_loss", 1, 1, 1), new ReduceLROnPlateau().patience(0)));
        assertEquals(true, e.getMessage().contains("LearningRateSchedule"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().factor(1.0));
    }
}
