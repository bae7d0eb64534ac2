package dev.kiln.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kiln version}: Kiln's version and the Java runtime it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print Kiln's version and the Java runtime.")
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Kiln's version from the jar's manifest, or "development" when run from classes. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT (development build)" : v;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().printf("kiln %s%njava %s (%s)%n", version(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
