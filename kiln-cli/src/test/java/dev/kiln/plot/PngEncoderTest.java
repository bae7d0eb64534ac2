package dev.kiln.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {
    /**
     * Every pixel decodes back (ImageIO's reader as the reference), for odd sizes and random colours. The
     * packed-int types are read from their pixel array, the others through getRGB; a sub-image's raster
     * starts inside its parent's array.
     */
    @Test
    void roundTripsThroughImageIo() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        for (int[] size : new int[][] {{1, 1}, {3, 2}, {257, 131}}) {
            for (int type : new int[] {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR, -1}) {
                BufferedImage img = type == -1
                        ? new BufferedImage(size[0] + 5, size[1] + 3, BufferedImage.TYPE_INT_RGB).getSubimage(3, 2, size[0], size[1])
                        : new BufferedImage(size[0], size[1], type);
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
                        assertEquals(img.getRGB(x, y) & 0xffffff, back.getRGB(x, y) & 0xffffff, "type " + type + " pixel " + x + "," + y);
                    }
                }
            }
        }
    }
}
