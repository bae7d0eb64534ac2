package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    /**
     * The real dataset from Debian's dataset-fashion-mnist package (CI installs it). Skipped, not
     * failed, on a machine without it; CI sets kiln.requireFashionMnist=true to make its absence fail.
     */
    @Test
    void loadsTheInstalledDataset() {
        boolean required = Boolean.getBoolean("kiln.requireFashionMnist") || System.getenv("CI") != null;
        boolean present = Files.isRegularFile(FashionMnist.DEBIAN_DIR.resolve("train-images-idx3-ubyte.gz"));
        if (!present && required) throw new AssertionError("Fashion-MNIST is required here but absent");
        assumeTrue(present, "dataset-fashion-mnist is not installed");
        FashionMnist.Data d = Datasets.fashionMnist();
        assertEquals(Shape.of(60000, 28, 28), d.xTrain().shape());
        assertEquals(Shape.of(60000), d.yTrain().shape());
        assertEquals(Shape.of(10000, 28, 28), d.xTest().shape());
        assertEquals(Shape.of(10000), d.yTest().shape());
        assertEquals(DType.FLOAT32, d.xTrain().dtype());
        assertEquals(DType.INT32, d.yTrain().dtype());
        int[] counts = new int[10];
        for (double v : d.yTrain().toDoubleArray()) counts[(int) v]++;
        for (int c : counts) assertEquals(6000, c, "each class has 6000 training images");
        int[] testCounts = new int[10];
        for (double v : d.yTest().toDoubleArray()) testCounts[(int) v]++;
        for (int c : testCounts) assertEquals(1000, c, "each class has 1000 test images");
        float max = 0;
        float min = 255;
        for (float v : d.xTest().floatData()) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertEquals(0f, min);
        assertEquals(255f, max);
        // The first training image is an ankle boot (label 9) in the published dataset.
        assertEquals(9.0, d.yTrain().getDouble(0));
    }

    @Test
    void loadsFromADirectoryOfPlainOrGzipFiles(@TempDir Path dir) throws IOException {
        byte[] images = new byte[3 * 28 * 28];
        images[5] = (byte) 200;
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxTest.idx(0x08, new int[] {3, 28, 28}, images));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"),
                IdxTest.gzip(IdxTest.idx(0x08, new int[] {3}, new byte[] {0, 9, 4})));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTest.idx(0x08, new int[] {1, 28, 28}, new byte[784]));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxTest.idx(0x08, new int[] {1}, new byte[] {7}));
        FashionMnist.Data d = FashionMnist.load(dir);
        assertEquals(Shape.of(3, 28, 28), d.xTrain().shape());
        assertEquals(200.0, d.xTrain().getDouble(0, 0, 5));
        assertEquals(9.0, d.yTrain().getDouble(1));
        assertEquals(7.0, d.yTest().getDouble(0));
    }

    @Test
    void refusesMismatchedOrBadFiles(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxTest.idx(0x08, new int[] {2, 28, 28}, new byte[1568]));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxTest.idx(0x08, new int[] {3}, new byte[3]));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTest.idx(0x08, new int[] {1, 28, 28}, new byte[784]));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxTest.idx(0x08, new int[] {1}, new byte[] {12}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("expected 2 unsigned-byte labels"), e.getMessage());
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxTest.idx(0x08, new int[] {2}, new byte[2]));
        e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("label 12"), e.getMessage());
    }

    @Test
    void absentDatasetSaysWhatToInstall(@TempDir Path empty) throws IOException {
        Path partial = empty.resolve("partial");
        Files.createDirectories(partial);
        Files.write(partial.resolve("train-images-idx3-ubyte"), new byte[0]);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FashionMnist.load(java.util.List.of(empty, partial)));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains(partial.toString()),
                e.getMessage());
        assertTrue(e.getMessage().contains("never downloads"), e.getMessage());
        assertTrue(FashionMnist.searchPath().contains(FashionMnist.DEBIAN_DIR));
        assertTrue(FashionMnist.searchPath().contains(FashionMnist.cacheDir()));
    }
}
