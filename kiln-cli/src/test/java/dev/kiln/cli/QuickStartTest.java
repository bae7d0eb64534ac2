package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.data.Dataset;
import dev.kiln.data.Datasets;
import dev.kiln.model.Fit;
import dev.kiln.model.History;
import dev.kiln.model.Sequential;
import dev.kiln.nn.Dense;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The quick start of the README and of docs/tutorial.md, as written (a test checks both pages show it). */
class QuickStartTest {
    @Test
    void circlesWithBinaryCrossEntropy() {
        // --- the snippet, verbatim ---
        Dataset circles = Datasets.makeCircles(1000, 0.1, 1);          // scikit-learn's make_circles, bit-exact
        Tensor trainX = circles.x().slice(0, 500), testX = circles.x().slice(500, 1000);
        Tensor trainY = circles.y().slice(0, 500), testY = circles.y().slice(500, 1000);

        Sequential model = new Sequential();
        model.add(new Dense(50).inputDim(2).activation("relu").kernelInitializer("he_uniform"));
        model.add(new Dense(1).activation("sigmoid"));
        model.compile(new SGD(0.01).momentum(0.9), "binary_crossentropy", "accuracy");
        History history = model.fit(trainX, trainY, Fit.epochs(200).validationData(testX, testY).verbose(0));
        System.out.println(model.evaluate(testX, testY).get("accuracy"));   // about 0.85
        // --- end of the snippet ---
        double accuracy = model.evaluate(testX, testY).get("accuracy");
        assertEquals(0.852, accuracy, 0.03, "the study published 0.852");
        assertEquals(200, history.get("val_accuracy").length);
    }

    @Test
    void theDocShowsThisSnippet() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("docs"))) {
            root = root.getParent();
        }
        assertTrue(root != null, "docs/ not found");
        String source = Files.readString(root.resolve("kiln-cli/src/test/java/dev/kiln/cli/QuickStartTest.java"));
        for (String page : new String[] {"docs/tutorial.md", "README.md"}) {
            String doc = Files.readString(root.resolve(page));
            String snippet = doc.substring(doc.indexOf("```java") + 8, doc.indexOf("```", doc.indexOf("```java") + 8));
            assertTrue(snippet.lines().filter(l -> !l.startsWith("import ")).count() < 20, page + ": under 20 lines");
            for (String line : snippet.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                assertTrue(source.contains(line), page + ": the test runs the documented line: " + line);
            }
        }
    }
}
