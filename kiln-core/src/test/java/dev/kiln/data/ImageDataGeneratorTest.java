package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.Tensor;
import dev.kiln.testing.Json;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageDataGeneratorTest {
    /** 3×3 one-channel image 1..9, row-major. */
    private static final float[] IMG = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    private static float[] warp(ImageDataGenerator g, ImageDataGenerator.Params p) {
        float[] out = new float[9];
        g.transform(IMG, out, 0, 3, 3, 1, p);
        return out;
    }

    @Test
    void geometricTransformsMoveWholePixels() {
        ImageDataGenerator g = new ImageDataGenerator().fillMode("constant").cval(-1);
        assertArrayEquals(IMG, warp(g, new ImageDataGenerator.Params(0, 0, 0, 1, 1, false, false)));
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, warp(g, new ImageDataGenerator.Params(0, 0, 0, 1, 1, true, false)));
        assertArrayEquals(new float[] {7, 8, 9, 4, 5, 6, 1, 2, 3}, warp(g, new ImageDataGenerator.Params(0, 0, 0, 1, 1, false, true)));
        // output (r, c) reads input (r + tx, c + ty): a shift of +1 row shows the next row, then the fill value
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, -1, -1, -1}, warp(g, new ImageDataGenerator.Params(0, 1, 0, 1, 1, false, false)));
        assertArrayEquals(new float[] {-1, 1, 2, -1, 4, 5, -1, 7, 8}, warp(g, new ImageDataGenerator.Params(0, 0, -1, 1, 1, false, false)));
        // θ = 90°: Keras's matrix acts on (x, y) = (col, row), so output (r, c) reads input (row, col) = (c, 2 − r)
        float[] rot = warp(g, new ImageDataGenerator.Params(Math.PI / 2, 0, 0, 1, 1, false, false));
        assertArrayEquals(new float[] {3, 6, 9, 2, 5, 8, 1, 4, 7}, rot, 1e-5f);
        // zoom 2 about the centre reads the centre pixel for the centre, half-way points elsewhere
        float[] zoom = warp(g, new ImageDataGenerator.Params(0, 0, 0, 0.5, 0.5, false, false));
        assertEquals(5f, zoom[4], 1e-6f);
        assertEquals(3f, zoom[0], 1e-6f); // reads (0.5, 0.5): mean of 1, 2, 4, 5
    }

    @Test
    void fillModesFollowScipysConventions() {
        ImageDataGenerator.Params shift2 = new ImageDataGenerator.Params(0, 0, 2, 1, 1, false, false); // reads columns c + 2
        assertArrayEquals(new float[] {3, 3, 3, 6, 6, 6, 9, 9, 9}, warp(new ImageDataGenerator().fillMode("nearest"), shift2));
        assertArrayEquals(new float[] {3, 3, 2, 6, 6, 5, 9, 9, 8}, warp(new ImageDataGenerator().fillMode("reflect"), shift2));
        // scipy's "wrap" has period n − 1 (the first and last columns coincide): columns 2, 3, 4 read 2, 1, 0
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, warp(new ImageDataGenerator().fillMode("wrap"), shift2));
        assertArrayEquals(new float[] {3, 0, 0, 6, 0, 0, 9, 0, 0}, warp(new ImageDataGenerator().fillMode("constant"), shift2));
    }

    @Test
    void featurewiseStatisticsPerChannel() {
        Tensor x = Tensor.randomUniform(1, 0, 10, 50, 4, 5, 2);
        ImageDataGenerator g = new ImageDataGenerator().featurewiseCenter(true).featurewiseStdNormalization(true).fit(x);
        double[] v = x.toDoubleArray();
        for (int ch = 0; ch < 2; ch++) {
            double s = 0, ss = 0;
            int n = 0;
            for (int i = ch; i < v.length; i += 2) { s += v[i]; ss += v[i] * v[i]; n++; }
            double m = s / n;
            assertEquals(m, g.mean()[ch], 1e-9);
            assertEquals(Math.sqrt(ss / n - m * m), g.std()[ch], 1e-6);
        }
        Tensor z = g.standardize(x);
        assertEquals(0, z.mean().item(), 1e-4);
        assertEquals(1, z.square().mean().item(), 1e-3);
    }

    @Test
    void samplewiseStandardisationAndRescale() {
        Tensor x = Tensor.randomUniform(2, 0, 255, 3, 4, 4, 1);
        Tensor z = new ImageDataGenerator().rescale(1 / 255.0).samplewiseCenter(true).samplewiseStdNormalization(true).standardize(x);
        for (int b = 0; b < 3; b++) {
            Tensor s = z.slice(b, b + 1);
            assertEquals(0, s.mean().item(), 1e-5);
            assertEquals(1, s.square().mean().item(), 1e-4);
        }
    }

    @Test
    void flowIsASeededBatchSource() {
        Tensor x = Tensor.randomUniform(3, 0, 1, 10, 6, 6, 1);
        Tensor y = Tensor.arange(10);
        ImageDataGenerator g = new ImageDataGenerator().rotationRange(20).widthShiftRange(0.2).heightShiftRange(0.2)
                .zoomRange(0.1).horizontalFlip(true);
        BatchSource flow = g.flow(x, y, 4, true, 7);
        assertEquals(3, flow.batchesPerEpoch());
        assertEquals(10, flow.size());
        Set<Integer> seen = new HashSet<>();
        float[] first = null;
        for (Iterator<Batch> it = flow.epoch(0); it.hasNext(); ) {
            Batch b = it.next();
            assertEquals(b.x().shape().dim(0), b.y().shape().dim(0));
            for (int label : b.y().toIntArray()) seen.add(label);
            if (first == null) first = b.x().toFloatArray();
        }
        assertEquals(10, seen.size());
        assertArrayEquals(first, g.flow(x, y, 4, true, 7).epoch(0).next().x().toFloatArray(), "same seed, same epoch: same batch");
        assertNotEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(flow.epoch(1).next().x().toFloatArray()));
        // the drawn parameters stay in their ranges
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            ImageDataGenerator.Params p = g.draw(r, 6, 6);
            assertTrue(Math.abs(Math.toDegrees(p.theta())) <= 20 && Math.abs(p.tx()) <= 1.2 && Math.abs(p.ty()) <= 1.2);
            assertTrue(p.zx() >= 0.9 && p.zx() <= 1.1 && p.zy() >= 0.9 && p.zy() <= 1.1);
        }
    }

    @Test
    void mistakes() {
        Tensor x = Tensor.zeros(2, 3, 3, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ImageDataGenerator().featurewiseCenter(true).flow(x, null, 2, true, 1));
        assertTrue(e.getMessage().contains("call fit(xTrain) first"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> new ImageDataGenerator().fillMode("mirror"));
        assertEquals("ImageDataGenerator: fillMode must be 'constant', 'nearest', 'reflect' or 'wrap', got 'mirror'", a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> new ImageDataGenerator().standardize(Tensor.zeros(2, 9)));
        assertEquals("ImageDataGenerator.standardize: expected images (N, H, W, C) or (N, H, W), got shape (2, 9)", a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> new ImageDataGenerator().rotationRange(-5));
        assertEquals("ImageDataGenerator: rotationRange must be >= 0, got -5.0", a.getMessage());
    }

    // ------------------------------------------------------------------ reference values (tools/data/gen_image_augment_reference.py)

    private static List<Map<String, Object>> reference(String section) {
        Map<String, Object> ref = Json.obj(Json.resource("/data/image-augment-reference.json"));
        return Json.arr(ref.get(section)).stream().map(Json::obj).toList();
    }

    private static double num(Map<String, Object> c, String key) { return ((Number) c.get(key)).doubleValue(); }

    private static float[] floats(Object o) {
        double[] d = Json.doubles(o);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    private static void close(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
    }

    @Test
    void zcaMatchesKerasSvdRoute() {
        for (Map<String, Object> c : reference("zca")) {
            int n = (int) num(c, "n"), h = (int) num(c, "h"), w = (int) num(c, "w"), ch = (int) num(c, "c");
            String what = "zca n=" + n + " " + h + "x" + w + "x" + ch + " eps=" + c.get("epsilon");
            Tensor x = Tensor.wrap(Json.doubles(c.get("x")), n, h, w, ch);
            ImageDataGenerator g = new ImageDataGenerator().zcaWhitening(true).zcaEpsilon(num(c, "epsilon"));
            if (num(c, "rescale") != 1) g.rescale(num(c, "rescale"));
            g.fit(x);
            double[] m = Json.doubles(c.get("mean"));
            for (int k = 0; k < ch; k++) assertEquals(m[k], g.mean()[k], 1e-6, what + " mean");
            double[] expected = Json.doubles(c.get("matrix")), actual = g.zcaWhiteningMatrix();
            for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-6 * Math.max(1, Math.abs(expected[i])), what + " W[" + i + "]");
            Tensor white = g.standardize(Tensor.wrap(Json.doubles(c.get("xTest")), 4, h, w, ch));
            close(Json.doubles(c.get("white")), white.toFloatArray(), 1e-4, what + " white");
        }
    }

    @Test
    void whitenedTrainingDataHasIdentityCovariance() {
        Map<String, Object> c = reference("zca").get(0);
        int n = (int) num(c, "n"), d = 18;
        Tensor x = Tensor.wrap(Json.doubles(c.get("x")), n, 3, 3, 2);
        double[] z = new ImageDataGenerator().zcaWhitening(true).fit(x).standardize(x).toDoubleArray();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double cov = 0;
                for (int k = 0; k < n; k++) cov += z[k * d + i] * z[k * d + j];
                assertEquals(i == j ? 1 : 0, cov / n, 1e-4, "cov[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void covarianceIsTheSameInBlocks() {
        float[] v = Tensor.randomUniform(3, -2, 5, 23, 2, 2, 3).toFloatArray();
        double[] mean = {0.5, -0.25, 1};
        double[] whole = ImageDataGenerator.covariance(v, 23, 12, 0.5, mean, 23);
        for (int rows : new int[] {1, 4, 22}) assertArrayEquals(whole, ImageDataGenerator.covariance(v, 23, 12, 0.5, mean, rows), 1e-12, "blocks of " + rows);
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                double s = 0;
                for (int k = 0; k < 23; k++) s += (v[k * 12 + i] * 0.5 - mean[i % 3]) * (v[k * 12 + j] * 0.5 - mean[j % 3]);
                assertEquals(s / 23, whole[i * 12 + j], 1e-12);
            }
        }
    }

    @Test
    void channelShiftClipsToTheImagesRange() {
        for (Map<String, Object> c : reference("channel_shift")) {
            int h = (int) num(c, "h"), w = (int) num(c, "w"), ch = (int) num(c, "c");
            float[] in = floats(c.get("x")), out = new float[in.length];
            new ImageDataGenerator().transform(in, out, 0, h, w, ch, new ImageDataGenerator.Params(0, 0, 0, 0, 1, 1, false, false, num(c, "delta"), 1));
            close(Json.doubles(c.get("y")), out, 1e-6, "channel shift " + c.get("delta"));
        }
    }

    @Test
    void brightnessIsKerasWithoutItsEightBitRounding() {
        for (Map<String, Object> c : reference("brightness")) {
            int h = (int) num(c, "h"), w = (int) num(c, "w"), ch = (int) num(c, "c");
            float[] in = floats(c.get("x")), out = new float[in.length];
            double b = num(c, "factor");
            new ImageDataGenerator().transform(in, out, 0, h, w, ch, new ImageDataGenerator.Params(0, 0, 0, 0, 1, 1, false, false, 0, b));
            float scale = 0;
            for (float v : in) scale = Math.max(scale, Math.abs(v));
            double[] y = Json.doubles(c.get("y"));
            // float32 inputs: a few ulps of the image's largest magnitude
            for (int i = 0; i < y.length; i++) assertEquals(y[i], out[i], 4 * Math.ulp(scale), "brightness " + b + " [" + i + "]");
            // Keras's PIL route truncates to 8 bits: at most one grey level (of the image's 0..255 scale) below
            double[] keras = Json.doubles(c.get("keras"));
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
            for (float v : in) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            double level = lo >= 0 && hi <= 255 ? 1 : (hi - lo) / 255;
            for (int i = 0; i < out.length; i++) {
                double gap = out[i] - keras[i];
                assertTrue(gap > -1e-3 * level && gap < (1 + b) * level + 1e-3, "brightness " + b + " vs Keras at " + i + ": " + out[i] + " vs " + keras[i]);
            }
        }
    }

    @Test
    void wholeTransformMatchesKerasOrder() {
        ImageDataGenerator g = new ImageDataGenerator().fillMode("reflect");
        for (Map<String, Object> c : reference("pipeline")) {
            int h = (int) num(c, "h"), w = (int) num(c, "w"), ch = (int) num(c, "c");
            float[] in = floats(c.get("x")), out = new float[in.length];
            ImageDataGenerator.Params p = new ImageDataGenerator.Params(Math.toRadians(num(c, "theta")), num(c, "tRow"), num(c, "tCol"),
                    Math.toRadians(num(c, "shear")), num(c, "zx"), num(c, "zy"), (Boolean) c.get("flipH"), (Boolean) c.get("flipV"),
                    num(c, "channelShift"), num(c, "brightness"));
            g.transform(in, out, 0, h, w, ch, p);
            close(Json.doubles(c.get("y")), out, 2e-6, "pipeline " + p);
        }
    }

    @Test
    void newParametersAreDrawnInTheirRanges() {
        ImageDataGenerator g = new ImageDataGenerator().shearRange(20).channelShiftRange(3).brightnessRange(0.5, 1.5);
        SplittableRandom r = new SplittableRandom(5);
        double minShear = 0, maxShear = 0;
        for (int i = 0; i < 500; i++) {
            ImageDataGenerator.Params p = g.draw(r, 8, 8);
            double shear = Math.toDegrees(p.shear());
            minShear = Math.min(minShear, shear);
            maxShear = Math.max(maxShear, shear);
            assertTrue(Math.abs(p.channelShift()) <= 3 && p.brightness() >= 0.5 && p.brightness() <= 1.5, p.toString());
            assertEquals(0, p.theta());
        }
        assertTrue(minShear < -18 && maxShear > 18, minShear + " .. " + maxShear);
        // the stream order: θ, row shift, column shift, shear, zx, zy, flips, channel shift, brightness
        ImageDataGenerator all = new ImageDataGenerator().rotationRange(10).heightShiftRange(0.1).widthShiftRange(0.2).shearRange(5)
                .zoomRange(0.1).horizontalFlip(true).verticalFlip(true).channelShiftRange(2).brightnessRange(0.9, 1.1);
        SplittableRandom u = new SplittableRandom(9);
        double[] d = new double[10];
        for (int i = 0; i < 10; i++) d[i] = u.nextDouble();
        ImageDataGenerator.Params p = all.draw(new SplittableRandom(9), 10, 20);
        assertEquals(Math.toRadians(-10 + 20 * d[0]), p.theta(), 1e-12);
        assertEquals((-0.1 + 0.2 * d[1]) * 10, p.tx(), 1e-12);
        assertEquals((-0.2 + 0.4 * d[2]) * 20, p.ty(), 1e-12);
        assertEquals(Math.toRadians(-5 + 10 * d[3]), p.shear(), 1e-12);
        assertEquals(0.9 + 0.2 * d[4], p.zx(), 1e-12);
        assertEquals(0.9 + 0.2 * d[5], p.zy(), 1e-12);
        assertEquals(d[6] < 0.5, p.flipH());
        assertEquals(d[7] < 0.5, p.flipV());
        assertEquals(-2 + 4 * d[8], p.channelShift(), 1e-12);
        assertEquals(0.9 + 0.2 * d[9], p.brightness(), 1e-12);
    }

    @Test
    void stdNormalisationImpliesCentring() {
        Tensor x = Tensor.randomUniform(4, 5, 9, 20, 3, 3, 1);
        Tensor z = new ImageDataGenerator().featurewiseStdNormalization(true).fit(x).standardize(x);
        assertEquals(0, z.mean().item(), 1e-4);
        assertEquals(1, z.square().mean().item(), 1e-3);
        Tensor s = new ImageDataGenerator().samplewiseStdNormalization(true).standardize(x);
        for (int b = 0; b < 20; b++) assertEquals(0, s.slice(b, b + 1).mean().item(), 1e-4);
        // zcaWhitening overrides featurewise std normalisation, as Keras: the result is the same with or without it
        Tensor a = new ImageDataGenerator().zcaWhitening(true).fit(x).standardize(x);
        Tensor c = new ImageDataGenerator().zcaWhitening(true).featurewiseStdNormalization(true).fit(x).standardize(x);
        assertArrayEquals(a.toFloatArray(), c.toFloatArray());
    }

    @Test
    void channelsFirstIsChannelsLastTransposed() {
        Tensor last = Tensor.randomUniform(6, 0, 255, 5, 6, 7, 3);
        Tensor first = last.permute(0, 3, 1, 2);
        ImageDataGenerator gl = new ImageDataGenerator().featurewiseCenter(true).rotationRange(30).shearRange(10).zoomRange(0.2)
                .channelShiftRange(10).horizontalFlip(true).fillMode("reflect");
        ImageDataGenerator gf = new ImageDataGenerator().featurewiseCenter(true).rotationRange(30).shearRange(10).zoomRange(0.2)
                .channelShiftRange(10).horizontalFlip(true).fillMode("reflect").dataFormat("channels_first");
        gl.fit(last);
        gf.fit(first);
        assertArrayEquals(gl.mean(), gf.mean(), 1e-9);
        Tensor a = gl.augment(last, 3), b = gf.augment(first, 3);
        assertArrayEquals(new int[] {5, 3, 6, 7}, b.shape().toArray());
        assertArrayEquals(a.toFloatArray(), b.permute(0, 2, 3, 1).toFloatArray());
    }

    @Test
    void validationSplitTakesTheFirstSamples() {
        Tensor x = Tensor.randomUniform(8, 0, 1, 10, 4, 4, 1);
        Tensor y = Tensor.of(new double[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1});
        ImageDataGenerator g = new ImageDataGenerator().validationSplit(0.3);
        BatchSource val = g.flow(x, y, 10, false, 1, "validation", false), train = g.flow(x, y, 10, false, 1, "training", false);
        assertEquals(3, val.size());
        assertEquals(7, train.size());
        assertArrayEquals(x.slice(0, 3).toFloatArray(), val.epoch(0).next().x().toFloatArray());
        assertArrayEquals(x.slice(3, 10).toFloatArray(), train.epoch(0).next().x().toFloatArray());
        Tensor sorted = Tensor.of(new double[] {0, 0, 0, 1, 1, 1, 1, 1, 1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.flow(x, sorted, 4, true, 1, "training", false));
        assertTrue(e.getMessage().contains("holds the values [0.0] of y but the training part [1.0]"), e.getMessage());
        assertEquals(7, g.flow(x, sorted, 4, true, 1, "training", true).size());
        e = assertThrows(IllegalArgumentException.class, () -> g.flow(x, y, 4, true, 1, "test", false));
        assertEquals("ImageDataGenerator.flow: subset must be 'training' or 'validation', got 'test'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ImageDataGenerator().flow(x, y, 4, true, 1, "validation", false));
        assertTrue(e.getMessage().startsWith("ImageDataGenerator.flow: subset 'validation' is empty"), e.getMessage());
    }

    @Test
    void fitOnAugmentedRoundsUsesTransformedCopies() {
        Tensor x = Tensor.randomUniform(2, 0, 10, 6, 5, 5, 1);
        ImageDataGenerator g = new ImageDataGenerator().featurewiseCenter(true).channelShiftRange(4);
        g.fit(x, 3, 11);
        double expected = 0;
        for (int r = 0; r < 3; r++) expected += new ImageDataGenerator().channelShiftRange(4).augment(x, 11 + r).mean().item() / 3;
        assertEquals(expected, g.mean()[0], 1e-5);
        assertNotEquals(x.mean().item(), g.mean()[0], 1e-3);
    }

    @Test
    void newArgumentMistakes() {
        Tensor x = Tensor.zeros(2, 3, 3, 1);
        String[][] cases = {
            {"shearRange", "ImageDataGenerator: shearRange must be >= 0, got -1.0"},
            {"channelShiftRange", "ImageDataGenerator: channelShiftRange must be >= 0, got -2.0"},
            {"brightnessDecreasing", "ImageDataGenerator: brightnessRange must be two factors with 0 <= low <= high, got [1.2, 0.8]"},
            {"brightnessNegative", "ImageDataGenerator: brightnessRange must be two factors with 0 <= low <= high, got [-0.5, 1.0]"},
            {"brightnessThree", "ImageDataGenerator: brightnessRange must be two numbers [low, high], got [0.5, 1.0, 1.5]"},
            {"zcaEpsilon", "ImageDataGenerator: zcaEpsilon must be > 0, got 0.0"},
            {"interpolationOrder", "ImageDataGenerator: interpolationOrder must be 0 or 1 (spline orders 2 to 5 are not implemented), got 3"},
            {"dataFormat", "ImageDataGenerator: dataFormat must be 'channels_last' or 'channels_first', got 'NHWC'"},
            {"validationSplit", "ImageDataGenerator: validationSplit must be 0 or strictly between 0 and 1, got 1.0"},
            {"cval", "ImageDataGenerator: cval must be finite, got NaN"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                ImageDataGenerator g = new ImageDataGenerator();
                switch (c[0]) {
                    case "shearRange" -> g.shearRange(-1);
                    case "channelShiftRange" -> g.channelShiftRange(-2);
                    case "brightnessDecreasing" -> g.brightnessRange(1.2, 0.8);
                    case "brightnessNegative" -> g.brightnessRange(-0.5, 1.0);
                    case "brightnessThree" -> g.brightnessRange(new double[] {0.5, 1.0, 1.5});
                    case "zcaEpsilon" -> g.zcaEpsilon(0);
                    case "interpolationOrder" -> g.interpolationOrder(3);
                    case "dataFormat" -> g.dataFormat("NHWC");
                    case "validationSplit" -> g.validationSplit(1.0);
                    default -> g.cval(Double.NaN);
                }
            }, c[0]);
            assertEquals(c[1], e.getMessage());
        }
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> new ImageDataGenerator().zcaWhitening(true).standardize(x));
        assertEquals("ImageDataGenerator: featurewise standardisation needs statistics: call fit(xTrain) first", s.getMessage());
        // statistics from a fit made before zcaWhitening was switched on hold no whitening matrix
        ImageDataGenerator late = new ImageDataGenerator().fit(Tensor.randomUniform(1, 0, 1, 4, 3, 3, 1)).zcaWhitening(true);
        s = assertThrows(IllegalStateException.class, () -> late.flow(x, null, 2, true, 1));
        assertEquals("ImageDataGenerator: zcaWhitening needs the whitening matrix: call fit(xTrain) after zcaWhitening(true)", s.getMessage());
        ImageDataGenerator fitted = new ImageDataGenerator().zcaWhitening(true).fit(Tensor.randomUniform(1, 0, 1, 12, 3, 3, 1));
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> fitted.standardize(Tensor.zeros(2, 2, 2, 1)));
        assertEquals("ImageDataGenerator: zcaWhitening was fitted on 3x3x1 images, got 2x2x1", a.getMessage());
    }
}
