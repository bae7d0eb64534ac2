package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MainTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Usage errors exit with 2 and a message naming what was wrong. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tutorial --experiment nope | unknown experiment 'nope'",
        "tutorial --seeds 0 | --seeds (0) must be >= 1",
        "tutorial --seeds many | --seeds",
        "tutorial --epochs-scale 0 | --epochs-scale (0.0) must be > 0",
        "tutorial --format xml | --format",
        "tutorial --bogus | --bogus",
        "frobnicate | frobnicate",
        "example | missing example",
        "example regularization --epochs 0 | --epochs (0) must be >= 1",
        "example cnn --epochs 0 | --epochs must be >= 1",
        "example cnn --augment sometimes | --augment must be off, on or both",
        "example cnn --bogus | unknown option '--bogus'",
        " | missing command",
    })
    void usageErrorsExitWithTwo(String line, String expected) {
        String[] args = line == null || line.isBlank() ? new String[0] : line.trim().split("\\s+");
        Outcome o = run(args);
        assertEquals(2, o.code(), "exit code for: " + line + "\n" + o.err());
        assertTrue(o.err().contains(expected), "message for '" + line + "' should mention '" + expected + "':\n" + o.err());
    }

    @Test
    void versionAndHelp() {
        Outcome v = run("version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("kiln ") && v.out().contains("java " + System.getProperty("java.version")), v.out());
        Outcome h = run("--help");
        assertEquals(0, h.code());
        for (String command : new String[] {"tutorial", "example", "version"}) {
            assertTrue(h.out().contains(command), h.out());
        }
        Outcome e = run("example", "--help");
        for (String example : new String[] {"regularization", "from-scratch", "cnn"}) {
            assertTrue(e.out().contains(example), e.out());
        }
        Outcome t = run("tutorial", "--help");
        for (String option : new String[] {"--experiment", "--seeds", "--epochs-scale", "--out", "--format", "--quiet"}) {
            assertTrue(t.out().contains(option), t.out());
        }
    }
}
