package dev.kiln.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one arrow direction of the architecture:
 * {@code kernel <- tensor <- nn | losses | optim | metrics | data <- model <- plot <- cli}.
 * A package may use only packages of a lower layer; packages of one layer never use each other.
 * (The style guide puts plot and cli in one column; the command line draws the tutorial's plots, so
 * here cli sits above plot.) Every reference counts, imports and fully qualified names alike.
 */
class LayeringTest {
    private static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("kernel", 0), Map.entry("tensor", 1),
            Map.entry("nn", 2), Map.entry("losses", 2), Map.entry("optim", 2), Map.entry("metrics", 2), Map.entry("data", 2),
            Map.entry("model", 3), Map.entry("plot", 4), Map.entry("cli", 5));
    private static final Pattern PACKAGE = Pattern.compile("^package dev\\.kiln\\.(\\w+)", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("dev\\.kiln\\.(\\w+)\\.");

    @Test
    void packagesOnlyUseLowerLayers() throws IOException {
        Path root = repositoryRoot();
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (String module : List.of("kiln-core", "kiln-cli")) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) continue;
            try (Stream<Path> paths = Files.walk(src)) {
                for (Path p : (Iterable<Path>) paths.filter(x -> x.toString().endsWith(".java"))::iterator) {
                    files++;
                    String text = stripComments(Files.readString(p));
                    Matcher pm = PACKAGE.matcher(text);
                    if (!pm.find()) continue;
                    String own = pm.group(1);
                    Integer ownLayer = LAYER.get(own);
                    if (ownLayer == null) { violations.add(p + ": package dev.kiln." + own + " has no place in the layering"); continue; }
                    Matcher rm = REFERENCE.matcher(text.substring(pm.end()));
                    while (rm.find()) {
                        String used = rm.group(1);
                        if (used.equals(own)) continue;
                        Integer usedLayer = LAYER.get(used);
                        if (usedLayer == null || usedLayer >= ownLayer) {
                            violations.add(root.relativize(p) + ": dev.kiln." + own + " uses dev.kiln." + used);
                        }
                    }
                }
            }
        }
        assertTrue(files > 0, "no sources found under " + root);
        if (!violations.isEmpty()) fail("layering violations:\n" + String.join("\n", violations));
    }

    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }

    private static Path repositoryRoot() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("kiln-core"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the repository root above " + Paths.get("").toAbsolutePath());
        return p;
    }
}
