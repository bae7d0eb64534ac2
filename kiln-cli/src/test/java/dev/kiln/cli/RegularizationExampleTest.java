package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.plot.Pictures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegularizationExampleTest {
    static RegularizationExample.Result result;

    @BeforeAll
    static void fit() {
        result = RegularizationExample.run(RegularizationExample.EPOCHS);
    }

    static RegularizationExample.Setting setting(String penalty, double strength) {
        return result.settings().stream().filter(s -> s.penalty().equals(penalty) && s.strength() == strength)
                .findFirst().orElseThrow();
    }

    @Test
    void tenInformativeFeatures() {
        int k = 0;
        for (boolean b : result.informative()) {
            k += b ? 1 : 0;
        }
        assertEquals(10, k);
        assertEquals(1 + 2 * RegularizationExample.STRENGTHS.length, result.settings().size());
    }

    @Test
    void withoutPenaltyTheFitIsNearlyExact() {
        RegularizationExample.Setting none = setting("none", 0);
        assertTrue(none.testMse() < 1e-3, "test MSE " + none.testMse());
        // Least squares: the irrelevant weights are tiny against the informative ones.
        assertTrue(RegularizationExample.meanAbs(none, result.informative(), false)
                < 0.01 * RegularizationExample.meanAbs(none, result.informative(), true));
    }

    @Test
    void l1SubtractsAConstantWhileL2Scales() {
        // At s = 0.01: L1 moves each informative weight toward 0 by about s/2 (gradient s·sign(w) against 2·x·residual);
        // L2 multiplies them by about 1/(1 + s) (gradient 2·s·w); both shrink, neither zeroes an informative weight.
        double s = 0.01;
        RegularizationExample.Setting none = setting("none", 0);
        RegularizationExample.Setting l1 = setting("L1", s);
        RegularizationExample.Setting l2 = setting("L2", s);
        for (int j = 0; j < 20; j++) {
            if (!result.informative()[j]) {
                continue;
            }
            double w = Math.abs(none.weights()[j]);
            assertEquals(w - s / 2, Math.abs(l1.weights()[j]), 0.002, "L1 weight " + j);
            assertEquals(w / (1 + s), Math.abs(l2.weights()[j]), 0.002, "L2 weight " + j);
        }
    }

    @Test
    void strongPenaltiesRaiseTheTestError() {
        assertTrue(setting("L1", 1).testMse() > setting("L1", 0.01).testMse());
        assertTrue(setting("L2", 1).testMse() > setting("L2", 0.01).testMse());
    }

    @Test
    void writesPicturesAndReport(@TempDir Path dir) throws Exception {
        RegularizationExample.write(result, dir);
        Pictures.assertPng(dir.resolve("weights.png"), 1000, 1500);
        Pictures.assertPng(dir.resolve("test-mse.png"), 800, 320);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| strength |") && md.contains("mean abs(w)"), md);
    }
}
