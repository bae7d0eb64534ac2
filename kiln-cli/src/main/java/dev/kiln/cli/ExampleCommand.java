package dev.kiln.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code kiln example NAME}: the runnable examples of the guide. */
@Command(name = "example", mixinStandardHelpOptions = true, description = "Run an example from the guide.",
        subcommands = {ExampleCommand.Regularization.class, ExampleCommand.FromScratch.class, ExampleCommand.Cnn.class})
final class ExampleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing example: expected one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /** {@code kiln example regularization}. */
    @Command(name = "regularization", mixinStandardHelpOptions = true,
            description = "Dense(1) on make_regression(1000, 20, 10 informative): no penalty, L1 and L2 over a sweep "
                    + "of strengths; plots of the 20 weights and of test MSE against strength; report.")
    static final class Regularization implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "regularization-out",
                description = "Directory for the plots and report.md (default: ${DEFAULT-VALUE}/).")
        Path out;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + RegularizationExample.EPOCHS,
                description = "Training epochs per setting (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Override
        public Integer call() {
            if (epochs < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--epochs (" + epochs + ") must be >= 1");
            }
            RegularizationExample.Result r = RegularizationExample.run(epochs);
            RegularizationExample.write(r, out);
            spec.commandLine().getOut().print(RegularizationExample.summary(r));
            spec.commandLine().getOut().printf("report: %s%n", out.resolve("report.md"));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code kiln example from-scratch}. */
    @Command(name = "from-scratch", mixinStandardHelpOptions = true,
            description = "The 2-layer sigmoid network of the sources, trained 1500 iterations with tensors and "
                    + "autodiff only, then the same network with Sequential.")
    static final class FromScratch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(FromScratchExample.report(FromScratchExample.withTensors(),
                    FromScratchExample.withSequential()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code kiln example cnn}: the sources' CNN on Fashion-MNIST; its options go to {@link CnnExample#run}. */
    @Command(name = "cnn",
            description = {"The sources' CNN on Fashion-MNIST (Conv2D, MaxPooling2D, SGD nesterov), with and without "
                + "augmentation; learning curves and CSV histories.",
                "Options: --epochs N (10), --augment off|on|both (both), --subset N (all), --seed S (42), --out DIR "
                + "(cnn-results), --quiet."})
    static final class Cnn implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            try {
                CnnExample.run(args.toArray(new String[0]));
            } catch (IllegalArgumentException e) {
                // CnnExample names its own option errors "example cnn: ..."; anything else is a failure, not usage.
                if (e.getMessage() != null && e.getMessage().startsWith("example cnn:")) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
                throw e;
            }
            return 0;
        }
    }
}
