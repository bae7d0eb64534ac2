package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.plot.Pictures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial end to end with few epochs: every output file and field is there and well formed. */
class TutorialTest {
    @TempDir
    Path dir;

    @Test
    void quickRunWritesEveryOutput() throws Exception {
        Path out = dir.resolve("out");
        MainTest.Outcome o = MainTest.run("tutorial", "--epochs-scale", "0.05", "--out", out.toString(), "--quiet",
                "--format", "json");
        assertEquals(0, o.code(), o.err());
        String json = Files.readString(out.resolve("results.json"));
        assertEquals(json, o.out(), "--format json prints results.json");
        List<Map<String, Object>> rows = ResultsJsonTest.experiments(json);
        assertEquals(Experiments.ids(), rows.stream().map(r -> r.get("id")).toList());
        for (Map<String, Object> r : rows) {
            Experiment e = Experiments.get((String) r.get("id"));
            assertEquals(ResultsJsonTest.expectedKeys(e, 1), r.keySet(), e.id());
            assertEquals(e.loss(), r.get("loss"));
            assertEquals(e.activation(), r.get("activation"));
            assertEquals(e.metric(), r.get("metric"));
            assertEquals(1.0, r.get("seeds"));
            for (String k : r.keySet()) {
                if (k.equals("train") || k.equals("test") || k.startsWith("keras3_") || k.startsWith("sign_")) {
                    double v = (Double) r.get(k);
                    assertTrue(e.regression() ? v >= 0 && Double.isFinite(v) : v >= 0 && v <= 1, e.id() + " " + k + " = " + v);
                }
            }
            assertTrue((Double) r.get("train_seconds") > 0, e.id());
            assertEquals(e.published() ? e.kerasTrain() : null, r.get("keras_train"));
            Pictures.assertPng(out.resolve(e.id() + ".png"), 800, 640);
        }
        Pictures.assertPng(out.resolve("datasets.png"), 1440, 480);
        String html = Files.readString(out.resolve("report.html"));
        for (String id : Experiments.ids()) {
            assertTrue(html.contains("<img src=\"" + id + ".png\""), id);
        }
        assertTrue(html.contains("Keras 3"), "the report explains the hinge-accuracy artifact");
    }

    @Test
    void severalSeedsAndTheTextTable() throws Exception {
        Path out = dir.resolve("two");
        MainTest.Outcome o = MainTest.run("tutorial", "--epochs-scale", "0.05", "--seeds", "2", "--experiment",
                "binary-hinge", "--experiment", "regression-mse", "--out", out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        List<Map<String, Object>> rows = ResultsJsonTest.experiments(Files.readString(out.resolve("results.json")));
        assertEquals(List.of("regression-mse", "binary-hinge"), rows.stream().map(r -> r.get("id")).toList());
        for (Map<String, Object> r : rows) {
            assertEquals(ResultsJsonTest.expectedKeys(Experiments.get((String) r.get("id")), 2), r.keySet());
            assertTrue((Double) r.get("train_std") >= 0);
        }
        assertTrue(o.out().startsWith("id "), o.out());
        assertTrue(o.out().contains(" ± "), o.out());
        assertTrue(o.out().contains("* binary-hinge: Keras 2 accuracy"), o.out());
        Pictures.assertPng(out.resolve("binary-hinge.png"), 800, 640);
        assertTrue(Files.notExists(out.resolve("binary-bce.png")), "only the selected experiments are plotted");
    }

    @Test
    void sameSeedSameFigures() {
        StudyData data = StudyData.generate();
        Progress quiet = new Progress(System.err, true, false);
        Tutorial.Options o = new Tutorial.Options(List.of("multiclass-cce"), 1, 0.1);
        Summary a = Tutorial.run(o, data, quiet).get(0);
        Summary b = Tutorial.run(o, data, quiet).get(0);
        assertEquals(a.train(), b.train());
        assertEquals(a.test(), b.test());
    }
}
