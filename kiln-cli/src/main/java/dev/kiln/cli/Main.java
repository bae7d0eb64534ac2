package dev.kiln.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Kiln's command line: {@code kiln tutorial}, {@code kiln example regularization|from-scratch},
 * {@code kiln version}.
 *
 * <p>Exit codes: 0 success, 1 failure while running, 2 usage error (unknown option, bad value), with a
 * message naming the option and what was expected.
 *
 * <pre>{@code
 * int code = Main.run("tutorial", "--experiment", "binary-bce", "--quiet");
 * }</pre>
 */
@Command(name = "kiln", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Kiln: Keras-style deep learning for Java.",
        subcommands = {TutorialCommand.class, ExampleCommand.class, VersionCommand.class})
public final class Main implements Runnable {
    /** Exit code of a usage error. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line with standard output and error; returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("kiln " + cmd.getCommandName() + ": " + e);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                cmd.getErr().println("  caused by: " + c);
            }
            cmd.getErr().flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        // "kiln" alone: a command is required.
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: expected one of tutorial, example, version (see kiln --help)");
    }

    /** The version picocli prints for --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"kiln " + VersionCommand.version()};
        }
    }
}
