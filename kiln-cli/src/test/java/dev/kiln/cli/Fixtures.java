package dev.kiln.cli;

import java.util.ArrayList;
import java.util.List;

/** Hand-made runs for the formatting tests (no training involved). */
final class Fixtures {
    private Fixtures() {
    }

    static RunResult run(String id, long seed, double train, double test) {
        Experiment e = Experiments.get(id);
        double[] c = {0.7, 0.5, 0.4};
        RunResult.Curves curves = new RunResult.Curves(e.loss(), c, c, e.metric(), c, c);
        boolean h = e.hinge();
        return new RunResult(e, seed, curves, train, test, h ? 0.41 : Double.NaN, h ? 0.40 : Double.NaN,
                h ? 0.85 : Double.NaN, h ? 0.84 : Double.NaN, 0.05 * seed, 0.04 * seed);
    }

    /** One summary per experiment of the catalogue, over the given number of seeds. */
    static List<Summary> summaries(int seeds) {
        List<Summary> out = new ArrayList<>();
        for (String id : Experiments.ids()) {
            List<RunResult> runs = new ArrayList<>();
            for (int s = 1; s <= seeds; s++) {
                runs.add(run(id, s, 0.80 + 0.01 * s, 0.79 + 0.01 * s));
            }
            out.add(Summary.of(runs));
        }
        return out;
    }
}
