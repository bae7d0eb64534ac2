package dev.kiln.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureTest {
    @TempDir
    Path dir;

    static BufferedImage filled(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    @Test
    void gridPlacesPanelsRowByRow() throws Exception {
        BufferedImage out = Figure.grid(2, filled(10, 20, Color.RED), filled(10, 20, Color.GREEN), filled(10, 20, Color.BLUE));
        assertEquals(20, out.getWidth());
        assertEquals(40, out.getHeight());
        assertEquals(Color.RED.getRGB(), out.getRGB(5, 5));
        assertEquals(Color.GREEN.getRGB(), out.getRGB(15, 5));
        assertEquals(Color.BLUE.getRGB(), out.getRGB(5, 25));
        assertEquals(Color.WHITE.getRGB(), out.getRGB(15, 25));
        Path f = Figure.save(out, dir.resolve("sub/dir/g.png"));
        BufferedImage back = ImageIO.read(f.toFile());
        assertEquals(Color.BLUE.getRGB(), back.getRGB(5, 25));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void refusesEmptyOrBadColumns() {
        assertThrows(IllegalArgumentException.class, () -> Figure.grid(1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Figure.grid(0, filled(1, 1, Color.RED)));
    }
}
