// The stuck runs of the study's multiclass-kld row, measured (docs/tutorial.md, "Stuck runs on the blobs").
// Runs against the CLI jar, as a single-file program (JDK 17+):
//   java -cp kiln-cli/target/kiln.jar tools/kld_stuck/StuckRuns.java rate 1 301     stuck seeds among 1..300
//   java -cp kiln-cli/target/kiln.jar tools/kld_stuck/StuckRuns.java start 2 > s2.txt  seed 2's initial weights and its 100 epoch orders
// keras_same_start.py then trains real Keras from such a file (same weights, same batches).
import dev.kiln.cli.StudyData;
import dev.kiln.data.Batches;
import dev.kiln.model.Fit;
import dev.kiln.model.Sequential;
import dev.kiln.nn.Dense;
import dev.kiln.optim.SGD;
import dev.kiln.tensor.Tensor;
import java.util.SplittableRandom;

public class StuckRuns {
    static final int EPOCHS = 100;

    /** The study's network for this experiment, as ExperimentRunner builds it. */
    static Sequential network(long seed) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(50).inputDim(2).activation("relu").kernelInitializer("he_uniform"));
        m.add(new Dense(3).activation("softmax"));
        return m;
    }

    public static void main(String[] args) {
        StudyData.Split s = StudyData.generate().split(StudyData.Kind.BLOBS_ONE_HOT);
        if (args[0].equals("rate")) {
            int from = Integer.parseInt(args[1]), to = Integer.parseInt(args[2]), stuck = 0;
            StringBuilder which = new StringBuilder();
            for (long seed = from; seed < to; seed++) {
                Sequential m = network(seed);
                m.compile(new SGD(0.01).momentum(0.9), "kullback_leibler_divergence", "accuracy");
                m.fit(s.trainX(), s.trainY(), Fit.epochs(EPOCHS).batchSize(32).verbose(0));
                double test = m.evaluate(s.testX(), s.testY()).get("accuracy");
                if (test < 0.7) {
                    stuck++;
                    which.append(String.format(" %d (%.3f)", seed, test));
                }
            }
            System.out.printf("stuck: %d of %d seeds (%d..%d):%s%n", stuck, to - from, from, to - 1, which);
        } else if (args[0].equals("start")) {
            long seed = Long.parseLong(args[1]);
            StringBuilder sb = new StringBuilder("weights");
            for (Tensor w : network(seed).build().getWeights()) for (double v : w.toDoubleArray()) sb.append(' ').append((float) v);
            System.out.println(sb);
            // the row orders fit draws: Sequential's shuffle seed, then one permutation per epoch
            long shuffleSeed = new SplittableRandom(seed ^ 0x5DEECE66DL).nextLong() & 0xFFFFFFFFL;
            Batches b = Batches.of(s.trainX(), s.trainY(), null, 32, true, shuffleSeed);
            for (int e = 0; e < EPOCHS; e++) {
                StringBuilder o = new StringBuilder("order");
                for (int i : b.order(e)) o.append(' ').append(i);
                System.out.println(o);
            }
        } else {
            throw new IllegalArgumentException("usage: StuckRuns rate FROM TO | StuckRuns start SEED");
        }
    }
}
