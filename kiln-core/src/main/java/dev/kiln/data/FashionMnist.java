package dev.kiln.data;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads Fashion-MNIST from local files; never downloads. {@link #load()} looks, in order, in the
 * directory named by the system property {@code kiln.datasets} (then the environment variable
 * {@code KILN_DATASETS}) plus {@code /fashion-mnist}, in {@code ~/.kiln/datasets/fashion-mnist}, in
 * Keras's cache {@code ~/.keras/datasets/fashion-mnist}, and where Debian's
 * {@code dataset-fashion-mnist} package installs it, {@code /usr/share/datasets/fashion-mnist}.
 * Each file may be gzip-compressed ({@code .gz}) or plain.
 *
 * <pre>{@code
 * FashionMnist.Data d = FashionMnist.load();
 * Tensor x = d.xTrain().div(255.0);   // (60000, 28, 28)
 * }</pre>
 */
public final class FashionMnist {
    private FashionMnist() {}

    /** The Debian package holding the files. */
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    /** Where that package puts them. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The four IDX files, without the optional {@code .gz}. */
    static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte"};
    /** The class names of labels 0-9. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /**
     * Fashion-MNIST as Keras's {@code fashion_mnist.load_data()} returns it: images FLOAT32 of shape
     * (n, 28, 28) with values 0..255, labels INT32 of shape (n,) with values 0..9.
     */
    public record Data(Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest) {}

    /** The directories {@link #load()} searches, in order. */
    public static List<Path> searchPath() {
        List<Path> dirs = new ArrayList<>();
        String prop = System.getProperty("kiln.datasets");
        if (prop != null && !prop.isEmpty()) dirs.add(Path.of(prop, "fashion-mnist"));
        String env = System.getenv("KILN_DATASETS");
        if (env != null && !env.isEmpty()) dirs.add(Path.of(env, "fashion-mnist"));
        dirs.add(cacheDir());
        dirs.add(Path.of(System.getProperty("user.home"), ".keras", "datasets", "fashion-mnist"));
        dirs.add(DEBIAN_DIR);
        return dirs;
    }

    /** Kiln's own cache directory for the files, {@code ~/.kiln/datasets/fashion-mnist}. */
    public static Path cacheDir() {
        return Path.of(System.getProperty("user.home"), ".kiln", "datasets", "fashion-mnist");
    }

    /**
     * Loads from the first directory of {@link #searchPath()} holding all four files.
     *
     * @throws IllegalStateException naming the directories searched and what to install when absent
     */
    public static Data load() {
        return load(searchPath());
    }

    /** Loads from the first of {@code dirs} holding all four files. */
    static Data load(List<Path> dirs) {
        for (Path dir : dirs) {
            if (find(dir, FILES[0]) != null && find(dir, FILES[1]) != null && find(dir, FILES[2]) != null
                    && find(dir, FILES[3]) != null) {
                return load(dir);
            }
        }
        throw new IllegalStateException("Fashion-MNIST not found: no directory holds " + String.join(", ", FILES)
                + " (each optionally .gz). Looked in " + dirs + ". Install it with "
                + "'sudo apt-get install " + DEBIAN_PACKAGE + "' (Debian/Ubuntu), or copy the four files from "
                + "https://github.com/zalandoresearch/fashion-mnist into " + cacheDir()
                + ". Kiln never downloads at run time.");
    }

    /** Loads the four files from {@code dir}, checking shapes (n, 28, 28) / (n,) and labels 0..9. */
    public static Data load(Path dir) {
        Tensor[] parts = new Tensor[4];
        for (int k = 0; k < 2; k++) {
            Path imagesFile = require(dir, FILES[2 * k]);
            Path labelsFile = require(dir, FILES[2 * k + 1]);
            Idx.Array images = Idx.read(imagesFile);
            Idx.Array labels = Idx.read(labelsFile);
            int[] s = images.shape();
            if (images.type() != Idx.Type.UBYTE || s.length != 3 || s[1] != 28 || s[2] != 28) {
                throw new IllegalArgumentException("FashionMnist: " + imagesFile + " holds " + images
                        + ", expected unsigned bytes of shape (n, 28, 28)");
            }
            if (labels.type() != Idx.Type.UBYTE || labels.shape().length != 1 || labels.shape()[0] != s[0]) {
                throw new IllegalArgumentException("FashionMnist: " + labelsFile + " holds " + labels
                        + ", expected " + s[0] + " unsigned-byte labels");
            }
            int[] y = labels.toIntArray();
            for (int i = 0; i < y.length; i++) {
                if (y[i] > 9) {
                    throw new IllegalArgumentException("FashionMnist: " + labelsFile + ": label " + y[i] + " at index "
                            + i + " is outside 0..9");
                }
            }
            parts[2 * k] = images.toTensor(DType.FLOAT32);
            parts[2 * k + 1] = Tensor.of(y);
        }
        return new Data(parts[0], parts[1], parts[2], parts[3]);
    }

    private static Path require(Path dir, String name) {
        Path p = find(dir, name);
        if (p == null) {
            throw new IllegalStateException("FashionMnist: " + dir + " has no " + name + " or " + name + ".gz");
        }
        return p;
    }

    private static Path find(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) return gz;
        Path plain = dir.resolve(name);
        return Files.isRegularFile(plain) ? plain : null;
    }
}
