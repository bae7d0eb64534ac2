package dev.kiln.plot;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Checks shared by the plot tests: a PNG file that decodes, of a given size, that is not blank. */
public final class Pictures {
    private Pictures() {
    }

    /** Decodes the file and asserts its size is at least the given one and that it has several colours. */
    public static BufferedImage assertPng(Path file, int minWidth, int minHeight) throws IOException {
        assertTrue(Files.isRegularFile(file), "missing " + file);
        byte[] head = Files.readAllBytes(file);
        assertTrue(head.length > 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G',
                file + " is not a PNG");
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, file + " does not decode");
        assertTrue(img.getWidth() >= minWidth && img.getHeight() >= minHeight,
                file + " is " + img.getWidth() + "x" + img.getHeight() + ", expected at least " + minWidth + "x" + minHeight);
        assertTrue(distinctColours(img) >= 3, file + " looks blank");
        return img;
    }

    /** The number of distinct RGB values, counted up to 64. */
    public static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y) & 0xffffff);
                if (seen.size() >= 64) {
                    return 64;
                }
            }
        }
        return seen.size();
    }

    /** Whether some pixel in the rectangle has (about) the given colour. */
    public static boolean hasColour(BufferedImage img, java.awt.Color c, int x0, int y0, int x1, int y1) {
        for (int y = y0; y < Math.min(y1, img.getHeight()); y++) {
            for (int x = x0; x < Math.min(x1, img.getWidth()); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.abs(r - c.getRed()) + Math.abs(g - c.getGreen()) + Math.abs(b - c.getBlue()) < 12) {
                    return true;
                }
            }
        }
        return false;
    }
}
