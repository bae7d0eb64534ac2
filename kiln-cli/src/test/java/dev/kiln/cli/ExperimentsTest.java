package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExperimentsTest {
    /** The study's table (spec), row by row: the catalogue must carry exactly these settings and figures. */
    @ParameterizedTest
    @CsvSource({
        "regression-mse, REGRESSION, mean_squared_error, linear, 25, 1, 100, SGD_MOMENTUM, mse, 0.000, 0.001",
        "regression-msle, REGRESSION, mean_squared_logarithmic_error, linear, 25, 1, 100, SGD_MOMENTUM, mse, 0.165, 0.184",
        "regression-mae, REGRESSION, mean_absolute_error, linear, 25, 1, 100, SGD_MOMENTUM, mse, 0.002, 0.002",
        "binary-bce, CIRCLES, binary_crossentropy, sigmoid, 50, 1, 200, SGD_MOMENTUM, accuracy, 0.836, 0.852",
        "binary-hinge, CIRCLES_SIGNED, hinge, tanh, 50, 1, 200, SGD_MOMENTUM, accuracy, 0.792, 0.740",
        "binary-squared-hinge, CIRCLES_SIGNED, squared_hinge, tanh, 50, 1, 200, SGD_MOMENTUM, accuracy, 0.682, 0.646",
        "multiclass-cce, BLOBS_ONE_HOT, categorical_crossentropy, softmax, 50, 3, 100, SGD_MOMENTUM, accuracy, 0.840, 0.822",
        "multiclass-sparse-cce, BLOBS_INTEGER, sparse_categorical_crossentropy, softmax, 50, 3, 100, SGD_MOMENTUM, accuracy, 0.832, 0.818",
        "multiclass-kld, BLOBS_ONE_HOT, kullback_leibler_divergence, softmax, 50, 3, 100, SGD_MOMENTUM, accuracy, 0.822, 0.822",
        "adam-cce, BLOBS_ONE_HOT, categorical_crossentropy, softmax, 50, 3, 200, ADAM, accuracy, NaN, NaN",
        "adam-kld, BLOBS_ONE_HOT, kullback_leibler_divergence, softmax, 50, 3, 200, ADAM, accuracy, NaN, NaN",
    })
    void matchesTheStudy(String id, StudyData.Kind data, String loss, String activation, int hidden, int outputs,
            int epochs, Experiment.Optimizer optimizer, String metric, double kerasTrain, double kerasTest) {
        Experiment e = Experiments.get(id);
        assertEquals(data, e.data());
        assertEquals(loss, e.loss());
        assertEquals(activation, e.activation());
        assertEquals(hidden, e.hidden());
        assertEquals(outputs, e.outputs());
        assertEquals(epochs, e.epochs());
        assertEquals(optimizer, e.optimizer());
        assertEquals(metric, e.metric());
        assertEquals(kerasTrain, e.kerasTrain());
        assertEquals(kerasTest, e.kerasTest());
        assertTrue(e.story().length() > 80, "the report needs a paragraph for " + id);
    }

    @Test
    void elevenInTheStudysOrder() {
        assertEquals(11, Experiments.all().size());
        assertEquals("regression-mse", Experiments.ids().get(0));
        assertEquals("adam-kld", Experiments.ids().get(10));
    }

    @Test
    void selectKeepsOrderAndDropsRepeats() {
        List<Experiment> s = Experiments.select(List.of("multiclass-kld", "binary-bce", "binary-bce"));
        assertEquals(List.of("binary-bce", "multiclass-kld"), s.stream().map(Experiment::id).toList());
        assertEquals(11, Experiments.select(List.of()).size());
    }

    @Test
    void unknownIdNamesTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Experiments.get("binary-bse"));
        assertTrue(e.getMessage().contains("'binary-bse'") && e.getMessage().contains("binary-bce"), e.getMessage());
    }

    @Test
    void epochsScaleRoundsAndKeepsOne() {
        Experiment e = Experiments.get("binary-bce");
        assertEquals(10, e.epochs(0.05));
        assertEquals(1, e.epochs(0.0001));
        assertEquals(400, e.epochs(2));
    }
}
