package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void meanAndSampleStd() {
        Summary s = Summary.of(List.of(Fixtures.run("binary-bce", 1, 0.80, 0.70), Fixtures.run("binary-bce", 2, 0.84, 0.74),
                Fixtures.run("binary-bce", 3, 0.88, 0.78)));
        assertEquals(3, s.seeds());
        assertEquals(0.84, s.train(), 1e-12);
        assertEquals(0.74, s.test(), 1e-12);
        assertEquals(0.04, s.trainStd(), 1e-12); // numpy.std([.80,.84,.88], ddof=1)
        assertEquals(0.10, s.seconds(), 1e-12);
        assertTrue(Double.isNaN(s.keras3Train()));
    }

    @Test
    void oneSeedHasNoStd() {
        Summary s = Summary.of(List.of(Fixtures.run("binary-hinge", 1, 0.8, 0.76)));
        assertTrue(Double.isNaN(s.trainStd()));
        assertEquals(0.41, s.keras3Train(), 1e-12);
        assertEquals(0.84, s.signTest(), 1e-12);
    }

    @Test
    void refusesEmptyOrMixed() {
        assertThrows(IllegalArgumentException.class, () -> Summary.of(List.of()));
        var e = assertThrows(IllegalArgumentException.class, () -> Summary.of(
                List.of(Fixtures.run("binary-bce", 1, 0, 0), Fixtures.run("binary-hinge", 1, 0, 0))));
        assertTrue(e.getMessage().contains("binary-hinge"), e.getMessage());
    }
}
