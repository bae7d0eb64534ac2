package dev.kiln.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.losses.LossFunction;
import dev.kiln.nn.Dense;
import dev.kiln.optim.SGD;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TerminateOnNaNTest {
    @Test
    void stopsAtTheFirstNonFiniteBatchLoss() {
        AtomicInteger calls = new AtomicInteger();
        // Finite for the check run and five steps, then NaN.
        LossFunction poisoned = (t, p) -> calls.incrementAndGet() > 6 ? p.sub(t).square().mul(Double.NaN) : p.sub(t).square();
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(3).inputDim(2));
        m.compile(new SGD(0.01), poisoned);
        TerminateOnNaN t = new TerminateOnNaN();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        History h;
        try {
            h = m.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(5).verbose(0).callbacks(t));
        } finally {
            System.setOut(old);
        }
        assertEquals(5, t.terminatedAt());
        assertEquals(6, m.optimizer().iterations());
        assertEquals(1, h.size(), "the interrupted epoch is still recorded");
        assertTrue(Double.isNaN(h.last("loss")));
        assertTrue(t.wantsBatchEvents());
        assertTrue(!new EarlyStopping().wantsBatchEvents());
    }
}
