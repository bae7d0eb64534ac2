package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The whole study at full length, five seeds: the mean of each figure must land near the study's published
 * Keras figure (accuracy ±0.03, MSE ±0.01, the MSLE row's MSE ±0.06). For the hinge rows the Keras 3
 * accuracy must show the artifact (the spec's "about 0.41/0.40" and "about 0.35/0.36", ±0.05) and the share
 * of correct signs must be near the spec's "about 0.85/0.84" (±0.03).
 *
 * <p>Tagged "fidelity": 55 training runs, about 10 s on two cores.
 */
@Tag("fidelity")
class TutorialFidelityTest {
    static final int SEEDS = 5;

    @Test
    void fiveSeedMeansLandNearThePublishedFigures() {
        List<Summary> rows = Tutorial.run(new Tutorial.Options(List.of(), SEEDS, 1.0), StudyData.generate(),
                new Progress(System.err, true, false));
        System.out.print(ResultsTable.text(rows));
        List<Executable> checks = new ArrayList<>();
        for (Summary s : rows) {
            Experiment e = s.experiment();
            if (e.published()) {
                checks.add(near(e.id() + " train", s.train(), e.kerasTrain(), e.tolerance()));
                checks.add(near(e.id() + " test", s.test(), e.kerasTest(), e.tolerance()));
            } else {
                // The Adam runs have no published figure; the blobs overlap, so about 0.83 is what the data allow.
                checks.add(near(e.id() + " test", s.test(), 0.83, 0.03));
            }
            if (e.hinge()) {
                boolean squared = e.loss().equals("squared_hinge");
                checks.add(near(e.id() + " Keras 3 train", s.keras3Train(), squared ? 0.35 : 0.41, 0.05));
                checks.add(near(e.id() + " Keras 3 test", s.keras3Test(), squared ? 0.36 : 0.40, 0.05));
                checks.add(near(e.id() + " sign train", s.signTrain(), 0.85, 0.03));
                checks.add(near(e.id() + " sign test", s.signTest(), 0.84, 0.03));
            }
        }
        assertAll(checks);
    }

    static Executable near(String what, double actual, double expected, double tolerance) {
        return () -> assertTrue(Math.abs(actual - expected) <= tolerance, String.format(Locale.ROOT,
                "%s: %.4f, expected %.3f ± %.3f", what, actual, expected, tolerance));
    }
}
