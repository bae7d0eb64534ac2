package dev.kiln.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.data.Dataset;
import dev.kiln.data.Datasets;
import dev.kiln.data.StandardScaler;
import dev.kiln.losses.Loss;
import dev.kiln.losses.Reduction;
import dev.kiln.metrics.Keras2BinaryAccuracy;
import dev.kiln.metrics.SignAccuracy;
import dev.kiln.nn.Dense;
import dev.kiln.nn.Initializers;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The source documents' programs, with the data generators of the study (first 500 rows train, last 500 test). */
class EndToEndTest {

    @Test
    void regressionWithMeanSquaredError() {
        Dataset d = Datasets.makeRegression(1000, 20, 0.1, 1);
        Tensor x = new StandardScaler().fitTransform(d.x());
        Tensor y = new StandardScaler().fitTransform(d.y().reshape(1000, 1));
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(25).inputDim(20).activation("relu").kernelInitializer("he_uniform"));
        model.add(new Dense(1).activation("linear"));
        model.compile(new SGD(0.01).momentum(0.9), "mean_squared_error");
        History h = model.fit(x.slice(0, 500), y.slice(0, 500), Fit.epochs(30).validationData(x.slice(500, 1000), y.slice(500, 1000)).verbose(0));
        double[] loss = h.get("loss");
        assertTrue(loss[29] < loss[0] / 20, "loss falls: " + loss[0] + " -> " + loss[29]);
        assertTrue(h.last("val_loss") < 0.05, "test MSE " + h.last("val_loss"));
    }

    @Test
    void circlesWithBinaryCrossentropy() {
        Dataset d = Datasets.makeCircles(1000, 0.1, 1);
        Tensor y = d.y().reshape(1000, 1);
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(50).inputDim(2).activation("relu").kernelInitializer("he_uniform"));
        model.add(new Dense(1).activation("sigmoid"));
        model.compile(new SGD(0.01).momentum(0.9), "binary_crossentropy", "accuracy");
        History h = model.fit(d.x().slice(0, 500), y.slice(0, 500), Fit.epochs(200).validationData(d.x().slice(500, 1000), y.slice(500, 1000)).verbose(0));
        assertEquals("BinaryAccuracy", model.metrics().get(0).getClass().getSimpleName());
        assertTrue(h.last("accuracy") > 0.78 && h.last("val_accuracy") > 0.78,
                "the study reports 0.836 / 0.852: " + h.last("accuracy") + " / " + h.last("val_accuracy"));
        assertTrue(h.last("loss") < h.get("loss")[0]);
    }

    @Test
    void circlesWithHingeOnMinusOnePlusOneLabels() {
        Dataset d = Datasets.makeCircles(1000, 0.1, 1);
        Tensor y = d.y().mul(2.0).sub(1.0).reshape(1000, 1);   // 0 → -1, as the study
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(50).inputDim(2).activation("relu").kernelInitializer("he_uniform"));
        model.add(new Dense(1).activation("tanh"));
        model.compile(new SGD(0.01).momentum(0.9), "hinge", "accuracy", new Keras2BinaryAccuracy(), new SignAccuracy());
        History h = model.fit(d.x().slice(0, 500), y.slice(0, 500), Fit.epochs(200).validationData(d.x().slice(500, 1000), y.slice(500, 1000)).verbose(0));
        double keras3 = h.last("val_accuracy"), keras2 = h.last("val_keras2_binary_accuracy"), sign = h.last("val_sign_accuracy");
        assertTrue(sign > 0.75, "share of correct signs: " + sign);
        assertTrue(keras2 > 0.55 && keras2 <= sign, "Keras 2's rounded accuracy: " + keras2);
        assertTrue(keras3 < 0.55, "Keras 3's accuracy never counts a -1 label: " + keras3);
        assertTrue(h.last("loss") < h.get("loss")[0]);
    }

    /** The sources' from-scratch network as a Sequential: sigmoid, no bias, sum of squared errors, plain SGD, full batch. */
    @Test
    void fromScratchNetwork() {
        Tensor x = Tensor.of(new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}});
        Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(4).inputDim(3).activation("sigmoid").useBias(false).kernelInitializer(Initializers.randomUniform(-1, 1)));
        model.add(new Dense(1).activation("sigmoid").useBias(false).kernelInitializer(Initializers.randomUniform(-1, 1)));
        Loss sse = Loss.of("sum_of_squares", (t, p) -> p.sub(t).square()).reduction(Reduction.SUM);
        model.compile(new SGD(1.0), sse);
        History h = model.fit(x, y, Fit.epochs(1500).batchSize(4).shuffle(false).verbose(0));
        double[] loss = h.get("loss");
        for (int i = 1; i < loss.length; i++) assertTrue(loss[i] <= loss[i - 1], "the loss rises at iteration " + i);
        assertTrue(loss[1499] < 0.02, "final loss " + loss[1499]);
        double[] p = model.predict(x).toDoubleArray();
        double[] target = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) assertEquals(target[i], p[i], 0.1, "prediction " + i);
    }
}
