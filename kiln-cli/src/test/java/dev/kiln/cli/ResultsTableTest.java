package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
    @Test
    void textTableHasEveryRowAlignedAndTheHingeNote() {
        String t = ResultsTable.text(Fixtures.summaries(1));
        List<String> lines = t.lines().toList();
        assertTrue(lines.get(0).startsWith("id") && lines.get(0).contains("Keras train") && lines.get(0).contains("seconds"));
        assertTrue(lines.get(1).matches("-+"));
        int width = lines.get(0).length();
        for (int i = 2; i < 13; i++) {
            assertEquals(width, lines.get(i).length(), "row " + i + " aligned: " + lines.get(i));
        }
        assertTrue(lines.get(6).startsWith("binary-hinge") && lines.get(6).contains("accuracy*"));
        assertTrue(t.contains("* binary-hinge: Keras 2 accuracy") && t.contains("0.410 / 0.400")
                && t.contains("0.850 / 0.840"), t);
        assertTrue(t.contains("training time, all 11 experiments: 0.55 s"), t);
        assertTrue(lines.get(11).contains(" - "), "adam rows show no published figure: " + lines.get(11));
    }

    @Test
    void meanAndStdWithSeveralSeeds() {
        String t = ResultsTable.text(Fixtures.summaries(3));
        assertTrue(t.contains("0.820 ± 0.010"), t);
        assertTrue(t.contains("(mean per seed, 3 seeds)"), t);
    }

    @Test
    void markdownIsATable() {
        String md = ResultsTable.markdown(Fixtures.summaries(1));
        List<String> lines = md.lines().toList();
        assertTrue(lines.get(0).startsWith("| id | loss |"));
        assertTrue(lines.get(1).startsWith("|---|"));
        assertEquals(13, lines.stream().filter(l -> l.startsWith("|")).count());
        assertEquals(10, lines.get(2).chars().filter(c -> c == '|').count());
    }
}
