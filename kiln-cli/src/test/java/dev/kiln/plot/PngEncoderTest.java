package dev.kiln.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {
    /** Every pixel decodes back (ImageIO's reader as the reference), for odd sizes and random colours. */
    @Test
    void roundTripsThroughImageIo() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        for (int[] size : new int[][] {{1, 1}, {3, 2}, {257, 131}}) {
            BufferedImage img = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    img.setRGB(x, y, r.nextInt());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PngEncoder.write(img, out);
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
            assertEquals(size[0], back.getWidth());
            assertEquals(size[1], back.getHeight());
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    assertEquals(img.getRGB(x, y) & 0xffffff, back.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
                }
            }
        }
    }
}
