package dev.kiln.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static Map<String, Double> logs() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", 0.312);
        m.put("accuracy", 0.84);
        return m;
    }

    @Test
    void barDrawsKerasProportions() {
        ProgressBar bar = new ProgressBar(new PrintStream(OutputStreamHolder.sink()), 1, false);
        bar.start(16);
        assertEquals(" 3/16 [====>.........................]", bar.bar(3));
        assertEquals(" 0/16 [..............................]", bar.bar(0));
        assertEquals("16/16 [==============================]", bar.bar(16));
    }

    @Test
    void verboseOneEndsWithKerasLineAndVerboseTwoWithOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), 1, false);
        bar.epochStart(0, 100, 16);
        for (int i = 1; i <= 16; i++) bar.update(i, ProgressBarTest::logs);
        bar.end(logs());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("Epoch 1/100\\R16/16 \\[={30}] - \\d+s \\d+(us|ms|s)/step - loss: 0\\.3120 - accuracy: 0\\.8400\\R"), text);

        ByteArrayOutputStream two = new ByteArrayOutputStream();
        ProgressBar line = new ProgressBar(new PrintStream(two, true, StandardCharsets.UTF_8), 2, false);
        line.epochStart(4, 10, 16);
        line.end(logs());
        String t2 = two.toString(StandardCharsets.UTF_8);
        assertTrue(t2.matches("Epoch 5/10\\R16/16 - \\d+s - loss: 0\\.3120 - accuracy: 0\\.8400 - \\d+(us|ms|s)/epoch - \\d+(us|ms|s)/step\\R"), t2);
    }

    @Test
    void aTerminalGetsCarriageReturnRedraws() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), 1, true);
        bar.start(4);
        bar.update(1, ProgressBarTest::logs);
        bar.end(logs());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\r1/4 [======>.......................] - ETA: "), text);
        assertTrue(text.contains("\r4/4 [==============================] - "), text);
    }

    @Test
    void silentAtVerboseZeroAndSmallValuesInScientificNotation() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), 0, true);
        bar.epochStart(0, 1, 2);
        bar.update(1, ProgressBarTest::logs);
        bar.end(logs());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("1.0000e-04", ProgressBar.format(1e-4));
        assertEquals("0.0020", ProgressBar.format(0.002));
        assertEquals("-12.5000", ProgressBar.format(-12.5));
    }

    /** A stream that discards. */
    static final class OutputStreamHolder {
        static java.io.OutputStream sink() { return java.io.OutputStream.nullOutputStream(); }
    }
}
