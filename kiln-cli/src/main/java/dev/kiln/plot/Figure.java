package dev.kiln.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Composes rendered panels into one picture and writes it as PNG.
 *
 * <p>Panels are laid out row by row on a white background; a grid of {@code columns} columns whose cell is
 * the largest panel's size. Files are written atomically (temporary file, then rename), so a reader never
 * sees half a picture.
 *
 * <pre>{@code
 * BufferedImage both = Figure.grid(1, loss.render(), accuracy.render());
 * Figure.save(both, Path.of("out/curves.png"));
 * }</pre>
 */
public final class Figure {
    static {
        // Plots are always drawn off-screen; without this AWT may look for a display and fail on servers.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Figure() {
    }

    /**
     * Lays panels out in a grid of the given number of columns (row-major order).
     *
     * @throws IllegalArgumentException if columns &lt; 1 or no panel is given
     */
    public static BufferedImage grid(int columns, List<BufferedImage> panels) {
        if (columns < 1) {
            throw new IllegalArgumentException("Figure.grid: columns (" + columns + ") must be >= 1");
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("Figure.grid: expected at least one panel, got none");
        }
        int cellW = 0;
        int cellH = 0;
        for (BufferedImage p : panels) {
            cellW = Math.max(cellW, p.getWidth());
            cellH = Math.max(cellH, p.getHeight());
        }
        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * cellW, rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(panels.get(i), (i % cols) * cellW, (i / cols) * cellH, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** {@link #grid(int, List)} for panels given inline. */
    public static BufferedImage grid(int columns, BufferedImage... panels) {
        return grid(columns, List.of(panels));
    }

    /**
     * Writes the picture as PNG, creating parent directories; atomic where the file system allows.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path save(BufferedImage image, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".kiln-plot-", ".png.tmp");
            // createTempFile makes the file private (0600); the result is an ordinary output file (0644)
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                    PngEncoder.write(image, out);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Figure.save: cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
