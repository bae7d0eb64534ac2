package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.testing.Json;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AffineWarpTest {
    static Stream<Map<String, Object>> affineCases() {
        Map<String, Object> ref = Json.obj(Json.resource("/data/image-augment-reference.json"));
        return Json.arr(ref.get("affine")).stream().map(Json::obj);
    }

    private static double num(Map<String, Object> c, String key) { return ((Number) c.get(key)).doubleValue(); }

    /** Keras's matrix (rotation · shift · shear · zoom, centred, axes swapped) through scipy's affine_transform. */
    @ParameterizedTest
    @MethodSource("affineCases")
    void warpMatchesScipyWithKerasMatrix(Map<String, Object> c) {
        int h = (int) num(c, "h"), w = (int) num(c, "w"), ch = (int) num(c, "c");
        double[] x = Json.doubles(c.get("x")), expected = Json.doubles(c.get("y"));
        float[] in = new float[x.length], out = new float[x.length];
        for (int i = 0; i < x.length; i++) in[i] = (float) x[i];
        double[] m = AffineWarp.matrix(Math.toRadians(num(c, "theta")), num(c, "tRow"), num(c, "tCol"),
                Math.toRadians(num(c, "shear")), num(c, "zx"), num(c, "zy"), h, w);
        AffineWarp.FillMode mode = AffineWarp.FillMode.valueOf(((String) c.get("mode")).toUpperCase(Locale.ROOT));
        AffineWarp.warp(in, out, 0, h, w, ch, m, mode, num(c, "cval"), (int) num(c, "order"));
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], out[i], 1e-5, c.get("mode") + " order " + c.get("order") + " theta " + c.get("theta")
                    + " shear " + c.get("shear") + " " + h + "x" + w + ": value " + i);
        }
    }

    static Stream<Map<String, Object>> probeCases() {
        Map<String, Object> ref = Json.obj(Json.resource("/data/image-augment-reference.json"));
        return Json.arr(ref.get("probe")).stream().map(Json::obj);
    }

    /** scipy.ndimage.map_coordinates on one row (1, 2, 4, 8) at coordinates −3 … 7: every mode, both orders. */
    @ParameterizedTest
    @MethodSource("probeCases")
    void readsOutsideTheImageLikeScipy(Map<String, Object> c) {
        double[] row = Json.doubles(c.get("row")), coords = Json.doubles(c.get("coords")), values = Json.doubles(c.get("values"));
        float[] in = new float[row.length], out = new float[row.length];
        for (int i = 0; i < row.length; i++) in[i] = (float) row[i];
        AffineWarp.FillMode mode = AffineWarp.FillMode.valueOf(((String) c.get("mode")).toUpperCase(Locale.ROOT));
        for (int k = 0; k < coords.length; k++) {
            // every output pixel reads (0, coords[k])
            AffineWarp.warp(in, out, 0, 1, row.length, 1, new double[] {0, 0, 0, 0, 0, coords[k]}, mode, -1, (int) num(c, "order"));
            assertEquals(values[k], out[0], 1e-6, c.get("mode") + " order " + c.get("order") + " at " + coords[k]);
        }
    }

    @ParameterizedTest
    @CsvSource({"CONSTANT", "NEAREST", "REFLECT", "WRAP"})
    void identityMatrixCopies(AffineWarp.FillMode mode) {
        float[] in = {1, 2, 3, 4, 5, 6}, out = new float[6];
        AffineWarp.warp(in, out, 0, 2, 3, 1, AffineWarp.matrix(0, 0, 0, 0, 1, 1, 2, 3), mode, -1, 1);
        assertArrayEquals(in, out);
    }
}
