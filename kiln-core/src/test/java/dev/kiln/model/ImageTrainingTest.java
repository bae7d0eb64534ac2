package dev.kiln.model;

import static dev.kiln.model.Fixtures.assertSameWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.data.ImageDataGenerator;
import dev.kiln.nn.Conv2D;
import dev.kiln.nn.Dense;
import dev.kiln.nn.Flatten;
import dev.kiln.nn.MaxPooling2D;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.Tensor;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small convolutional model trained from an augmenting image flow, then saved and loaded. */
class ImageTrainingTest {
    @TempDir
    Path dir;

    /** 8×8 images, bright in the top half (class 0) or in the bottom half (class 1), with noise. */
    static Tensor[] images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * 64];
        double[] y = new double[n * 2];
        for (int i = 0; i < n; i++) {
            int cls = r.nextInt(2);
            y[2 * i + cls] = 1;
            for (int p = 0; p < 64; p++) x[i * 64 + p] = ((p / 8 < 4) == (cls == 0) ? 1.0 : 0.0) + 0.3 * r.nextGaussian();
        }
        return new Tensor[] {Tensor.of(x).reshape(n, 8, 8, 1), Tensor.of(y).reshape(n, 2)};
    }

    @Test
    void convolutionalModelLearnsFromAFlowAndRoundTrips() {
        Tensor[] train = images(256, 1), test = images(128, 2);
        Sequential m = new Sequential().seed(3);
        m.add(new Conv2D(4, 3).inputShape(8, 8, 1).activation("relu"));
        m.add(new MaxPooling2D(2));
        m.add(new Flatten());
        m.add(new Dense(2).activation("softmax"));
        m.compile(new SGD(0.05).momentum(0.9), "categorical_crossentropy", "accuracy");
        ImageDataGenerator gen = new ImageDataGenerator().horizontalFlip(true);
        History h = m.fit(gen.flow(train[0], train[1], 32, true, 5), Fit.epochs(8).validationData(test[0], test[1]).verbose(0));
        assertEquals(8 * 8, m.optimizer().iterations());
        assertTrue(h.last("val_accuracy") > 0.9, "top/bottom halves are easy: " + h.last("val_accuracy"));
        Path file = dir.resolve("cnn.kiln");
        m.save(file);
        Sequential l = Sequential.load(file);
        assertSameWeights(m.getWeights(), l.getWeights());
        assertArrayEquals(m.predict(test[0]).toFloatArray(), l.predict(test[0]).toFloatArray());
        assertTrue(Summary.of(l).contains("(None, 6, 6, 4)") && Summary.of(l).contains("(None, 36)"), Summary.of(l));
    }
}
