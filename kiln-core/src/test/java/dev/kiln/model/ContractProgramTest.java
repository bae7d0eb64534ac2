package dev.kiln.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.data.Dataset;
import dev.kiln.data.Datasets;
import dev.kiln.nn.Dense;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The program, as written, on the study's blobs. */
class ContractProgramTest {
    @Test
    void blobsProgramLearnsAndReportsKerasKeys() {
        Dataset d = Datasets.makeBlobs(1000, 3, 2, 2.0, 2);
        Tensor y = Datasets.toCategorical(d.y(), 3);
        Tensor trainX = d.x().slice(0, 500), testX = d.x().slice(500, 1000);
        Tensor trainY = y.slice(0, 500), testY = y.slice(500, 1000);

        Sequential model = new Sequential();
        model.add(new Dense(50).inputDim(2).activation("relu").kernelInitializer("he_uniform"));
        model.add(new Dense(3).activation("softmax"));
        model.compile(new SGD(0.01).momentum(0.9), "categorical_crossentropy", "accuracy");
        History history = model.fit(trainX, trainY, Fit.epochs(100).validationData(testX, testY).verbose(0));
        double[] valLoss = history.get("val_loss");
        Evaluation e = model.evaluate(testX, testY);      // e.loss(), e.get("accuracy")
        Tensor probabilities = model.predict(testX);
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String table;
        try {
            table = model.summary();
        } finally {
            System.setOut(old);
        }

        assertEquals(java.util.List.of("loss", "accuracy", "val_loss", "val_accuracy"), java.util.List.copyOf(history.keys()));
        assertEquals(100, valLoss.length);
        assertTrue(valLoss[99] < valLoss[0], "validation loss falls: " + valLoss[0] + " -> " + valLoss[99]);
        assertTrue(e.get("accuracy") > 0.7, "accuracy clearly above chance (1/3): " + e.get("accuracy"));
        assertEquals(valLoss[99], e.loss(), 1e-5, "evaluate agrees with the last epoch's validation");
        assertEquals(history.last("val_accuracy"), e.get("accuracy"), 1e-12);
        assertEquals(java.util.List.of(500, 3), java.util.List.of(probabilities.shape().dim(0), probabilities.shape().dim(1)));
        double[] p = probabilities.toDoubleArray();
        for (int i = 0; i < 500; i++) assertEquals(1.0, p[3 * i] + p[3 * i + 1] + p[3 * i + 2], 1e-5);
        assertEquals(table, buf.toString(StandardCharsets.UTF_8));
        assertTrue(table.contains("(None, 50)") && table.contains("150") && table.contains("153") && table.contains("Total params: 303"), table);
    }
}
