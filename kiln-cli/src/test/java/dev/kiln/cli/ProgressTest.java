package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    static String drive(boolean quiet, boolean terminal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), quiet, terminal);
        for (int e = 1; e <= 200; e++) {
            p.epoch("binary-bce", 1, e, 200);
        }
        p.done(Fixtures.run("binary-bce", 1, 0.84, 0.85));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesWithoutCarriageReturns() {
        String s = drive(false, false);
        assertFalse(s.contains("\r"));
        assertEquals(5, s.lines().count(), s); // start, 3 quarter marks, result
        assertTrue(s.contains("binary-bce seed 1: training 200 epochs"));
        assertTrue(s.contains("epoch 150/200"));
        assertTrue(s.contains("train 0.840  test 0.850"));
    }

    @Test
    void terminalRewritesOneLine() {
        String s = drive(false, true);
        assertTrue(s.contains("\r"));
        assertTrue(s.contains("epoch  200/200"), s);
        assertEquals(1, s.chars().filter(c -> c == '\n').count(), s);
    }

    @Test
    void quietSaysNothing() {
        assertEquals("", drive(true, true));
        assertEquals("", drive(true, false));
    }
}
