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
 * <p>One failure mode is accounted for explicitly, for the KL-divergence row only, because it is Keras's
 * own: with a softmax output the probability form of kl_divergence clips predictions at 1e-7, which stops
 * the gradient of samples the network got confidently wrong; on the blobs (inputs up to |14|) an unlucky
 * start can push a whole class there in the first epoch, and the run stays stuck near 0.55 accuracy. Kiln's
 * loss values match Keras's step by step from the same weights (docs/tutorial.md, "Fidelity"), so such a
 * run is a property of the recipe, not a bug. The two cross-entropies no longer meet it: like Keras on
 * TensorFlow (the study's backend) they compute from the softmax's logits, and their rows must meet the
 * tolerance outright. The KLD row, whose mean misses the tolerance, passes only if exactly one of its five
 * runs is such a stuck run (final training loss above 2, accuracy below 0.6) and the other four land within
 * the tolerance. Every seed's figures are printed.
 *
 * <p>Tagged "fidelity": 55 training runs, 20 to 65 s on two shared cores.
 */
@Tag("fidelity")
class TutorialFidelityTest {
    static final int SEEDS = 5;

    @Test
    void fiveSeedMeansLandNearThePublishedFigures() {
        StudyData data = StudyData.generate();
        Progress quiet = new Progress(System.err, true, false);
        List<Executable> checks = new ArrayList<>();
        List<Summary> rows = new ArrayList<>();
        for (Experiment e : Experiments.all()) {
            List<RunResult> runs = new ArrayList<>();
            for (long seed = 1; seed <= SEEDS; seed++) {
                RunResult r = ExperimentRunner.run(e, data.split(e.data()), seed, 1.0, quiet);
                System.out.printf(Locale.ROOT, "%-22s seed %d  train %.4f  test %.4f  final loss %.4f%n", e.id(), seed,
                        r.train(), r.test(), last(r.curves().loss()));
                runs.add(r);
            }
            Summary s = Summary.of(runs);
            rows.add(s);
            if (e.published()) {
                checks.add(row(e, runs, s.train(), e.kerasTrain(), true));
                checks.add(row(e, runs, s.test(), e.kerasTest(), false));
            } else {
                // The Adam runs have no published figure; the SGD rows on the same data publish 0.818 to 0.822.
                checks.add(row(e, runs, s.test(), 0.82, false));
            }
            if (e.hinge()) {
                boolean squared = e.loss().equals("squared_hinge");
                checks.add(near(e.id() + " Keras 3 train", s.keras3Train(), squared ? 0.35 : 0.41, 0.05));
                checks.add(near(e.id() + " Keras 3 test", s.keras3Test(), squared ? 0.36 : 0.40, 0.05));
                checks.add(near(e.id() + " sign train", s.signTrain(), 0.85, 0.03));
                checks.add(near(e.id() + " sign test", s.signTest(), 0.84, 0.03));
            }
        }
        System.out.print(ResultsTable.text(rows));
        assertAll(checks);
    }

    /** The mean within tolerance, or (KLD only) exactly one stuck run with the other seeds within tolerance. */
    static Executable row(Experiment e, List<RunResult> runs, double mean, double expected, boolean train) {
        String what = e.id() + (train ? " train" : " test");
        double tol = e.tolerance();
        return () -> {
            if (Math.abs(mean - expected) <= tol) {
                return;
            }
            assertTrue(e.loss().equals("kullback_leibler_divergence"), String.format(Locale.ROOT,
                    "%s: mean %.4f, expected %.3f ± %.3f", what, mean, expected, tol));
            List<RunResult> others = runs.stream().filter(r -> !stuck(e, r)).toList();
            assertTrue(runs.size() - others.size() == 1, String.format(Locale.ROOT,
                    "%s: mean %.4f, expected %.3f ± %.3f (%d stuck runs)", what, mean, expected, tol,
                    runs.size() - others.size()));
            double m = others.stream().mapToDouble(r -> train ? r.train() : r.test()).average().orElseThrow();
            assertTrue(Math.abs(m - expected) <= tol, String.format(Locale.ROOT,
                    "%s: mean of the %d runs that were not stuck %.4f, expected %.3f ± %.3f", what, others.size(), m,
                    expected, tol));
        };
    }

    /** A run that ended on the saturation plateau: final training loss above 2 and accuracy below 0.6. */
    static boolean stuck(Experiment e, RunResult r) {
        return !e.regression() && last(r.curves().loss()) > 2 && r.train() < 0.6;
    }

    static double last(double[] v) {
        return v[v.length - 1];
    }

    static Executable near(String what, double actual, double expected, double tolerance) {
        return () -> assertTrue(Math.abs(actual - expected) <= tolerance, String.format(Locale.ROOT,
                "%s: %.4f, expected %.3f ± %.3f", what, actual, expected, tolerance));
    }
}
