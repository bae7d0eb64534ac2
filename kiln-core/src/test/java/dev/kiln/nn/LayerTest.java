package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The base class's behaviour: names, shape checks, weights bookkeeping, losses, trainable flag. */
class LayerTest {
    @Test
    void kerasStyleUniqueNames() {
        Layer.resetNames();
        assertEquals("dense", new Dense(1).name());
        assertEquals("dense_1", new Dense(1).name());
        assertEquals("activation", new Activation("relu").name());
        assertEquals("dense_2", new Dense(1).name());
        assertEquals("batch_normalization", Layer.snakeCase("BatchNormalization"));
        assertEquals("p_re_lu", Layer.snakeCase("PReLU"));
        assertEquals("conv2d", Layer.snakeCase("Conv2D"));
        assertEquals("max_pooling2d", Layer.snakeCase("MaxPooling2D"));
        assertEquals("custom", new Dense(1).name("custom").name());
        assertThrows(IllegalArgumentException.class, () -> new Dense(1).name(""));
    }

    @Test
    void regularizationLossesAreKerasPenalties() {
        Dense d = new Dense(2).kernelInitializer(Initializers.constant(-0.5)).biasInitializer(Initializers.constant(2.0))
                .kernelRegularizer(new L1(0.1)).biasRegularizer(new L2(0.01)).activityRegularizer(new L2(1.0));
        d.build(Shape.of(-1, 3), new SplittableRandom(1));
        assertEquals(2, d.regularizationLosses().size(), "no activity loss before a call");
        Tensor x = Tensor.of(new double[][] {{1, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}});
        Tensor y = d.call(x, true);   // rows: [1.5, 1.5], then [2, 2] three times
        List<Tensor> losses = d.regularizationLosses();
        assertEquals(3, losses.size());
        assertEquals(0.1 * 6 * 0.5, losses.get(0).item(), 1e-6);
        assertEquals(0.01 * 2 * 4, losses.get(1).item(), 1e-6);
        // Keras 3 divides the activity penalty by the batch size (4)
        assertEquals((2 * 2.25 + 6 * 4.0) / 4, losses.get(2).item(), 1e-6);
        assertEquals(Shape.of(4, 2), y.shape());
    }

    @Test
    void trainableFlagMovesWeights() {
        Dense d = new Dense(2).kernelRegularizer(new L2());
        d.build(Shape.of(-1, 3), new SplittableRandom(1));
        assertEquals(2, d.trainableWeights().size());
        d.trainable(false);
        assertEquals(0, d.trainableWeights().size());
        assertEquals(2, d.nonTrainableWeights().size());
        assertEquals(0, d.regularizationLosses().size(), "frozen weights are not regularized (Keras)");
        assertEquals(2, d.weights().size());
    }

    @Test
    void callBuildsOnFirstUseAndChecksLaterShapes() {
        Dense d = new Dense(3);
        Tensor y = d.call(Tensor.ones(2, 4), false);
        assertTrue(d.built());
        assertEquals(Shape.of(2, 3), y.shape());
        assertEquals(Shape.of(-1, 4), d.builtInputShape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.call(Tensor.ones(2, 5), false));
        assertTrue(e.getMessage().endsWith("expected input of shape (*, 4), received (2, 5)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.call(Tensor.ones(2, 2, 4), false));
    }

    @Test
    void failedBuildLeavesTheLayerUnbuilt() {
        Dense d = new Dense(2).biasInitializer((shape, dtype, rng) -> Tensor.zeros(3));   // wrong shape for the bias
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.build(Shape.of(-1, 4), new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("weight 'bias'"), e.getMessage());
        assertTrue(!d.built());
        assertEquals(0, d.weights().size(), "the kernel made before the failure is gone");
    }

    @Test
    void dtypeMustBeSetBeforeBuilding() {
        Dense d = new Dense(1).dtype(DType.FLOAT64);
        d.build(Shape.of(-1, 2), new SplittableRandom(1));
        assertEquals(DType.FLOAT64, d.kernel().dtype());
        assertThrows(IllegalStateException.class, () -> d.dtype(DType.FLOAT32));
        // autocast, as Keras: float32 data into a float64 layer and float64 data into a float32 one
        assertEquals(DType.FLOAT64, d.call(Tensor.ones(3, 2), false).dtype());
        Dense f32 = new Dense(1);
        Tensor x64 = Tensor.ones(DType.FLOAT64, 3, 2).requiresGrad(true);
        Tensor y = f32.call(x64, true);
        assertEquals(DType.FLOAT32, y.dtype());
        y.sum().backward();
        assertEquals(DType.FLOAT64, x64.grad().dtype(), "the cast passes the gradient back");
        assertThrows(IllegalArgumentException.class, () -> new Dense(1).dtype(DType.INT32));
    }

    /**
     * Completeness: every concrete layer class of the package is known to Layers.fromConfig without being
     * initialized first (a saved model loads in a fresh JVM), and has its own FooTest.
     */
    @Test
    void everyLayerIsLoadableAndTested() throws Exception {
        java.nio.file.Path dir = java.nio.file.Paths.get(Layer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("dev/kiln/nn");
        int layers = 0;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".class") || file.contains("$")) continue;
                Class<?> c = Class.forName("dev.kiln.nn." + file.substring(0, file.length() - 6), false, Layer.class.getClassLoader());
                if (!Layer.class.isAssignableFrom(c) || java.lang.reflect.Modifier.isAbstract(c.getModifiers())) continue;
                layers++;
                assertTrue(Layers.BUILT_IN.contains(c.getSimpleName()), c.getSimpleName() + " is missing from Layers' built-in list");
                String test = c.getSimpleName().equals("Activation") ? "ActivationsTest" : c.getSimpleName() + "Test";
                assertTrue(LayerTest.class.getClassLoader().getResource("dev/kiln/nn/" + test + ".class") != null, c.getSimpleName() + " has no " + test);
            }
        }
        assertEquals(Layers.BUILT_IN.size(), layers, "the built-in list names only existing layers");
    }
}
