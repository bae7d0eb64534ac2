package dev.kiln.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.data.Dataset;
import dev.kiln.data.Datasets;
import dev.kiln.nn.Dense;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.Tensor;
import java.util.List;

/** Small models and data shared by the model tests. */
final class Fixtures {
    private Fixtures() {}

    /** The study's blobs: 1000 rows, 2 features, 3 classes; first 500 train, last 500 test. */
    static final Dataset BLOBS = Datasets.makeBlobs(1000, 3, 2, 2.0, 2);
    static final Tensor BLOBS_ONE_HOT = Datasets.toCategorical(BLOBS.y(), 3);

    static Tensor trainX() { return BLOBS.x().slice(0, 500); }

    static Tensor trainY() { return BLOBS_ONE_HOT.slice(0, 500); }

    static Tensor testX() { return BLOBS.x().slice(500, 1000); }

    static Tensor testY() { return BLOBS_ONE_HOT.slice(500, 1000); }

    /** 2 → Dense(8, relu) → Dense(3, softmax), SGD(0.01, momentum 0.9), categorical cross-entropy, accuracy. */
    static Sequential blobsModel(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(8).inputDim(2).activation("relu").kernelInitializer("he_uniform"));
        m.add(new Dense(3).activation("softmax"));
        m.compile(new SGD(0.01).momentum(0.9), "categorical_crossentropy", "accuracy");
        return m;
    }

    /** Bitwise equality of two weight lists. */
    static void assertSameWeights(List<Tensor> expected, List<Tensor> actual) {
        assertEquals(expected.size(), actual.size(), "number of weights");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).shape(), actual.get(i).shape(), "shape of weight " + i);
            assertArrayEquals(expected.get(i).toFloatArray(), actual.get(i).toFloatArray(), "weight " + i);
        }
    }
}
