package dev.kiln.data;

import dev.kiln.kernel.Parallelism;
import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.Iterator;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Image augmentation and standardisation in the manner of Keras's {@code ImageDataGenerator}, as a
 * seeded {@link BatchSource} for {@code fit}.
 *
 * <p>Each sample of a batch is first transformed at random, then standardised (Keras's order):
 * <ul>
 * <li>random transform: rotation θ ~ U(±rotationRange) degrees, shifts U(±heightShiftRange)·H rows and
 *     U(±widthShiftRange)·W columns, zoom factors U(zoomRange) per axis, each flip with probability ½;
 *     output pixel p reads input {@code c + R(θ)·(S + Z·(p − c))} (c the image centre, R rows/cols, Keras's
 *     matrix product rotation · shift · zoom), bilinearly interpolated; outside the image the fill mode
 *     decides: "constant" (cval), "nearest" (the edge, the default), "reflect" (d c b a | a b c d | d c b a), "wrap";</li>
 * <li>standardise: x·rescale, then samplewise x − mean(x) and x / (std(x) + 1e-6) over the sample, then
 *     featurewise x − mean_c and x / (std_c + 1e-6) per channel with the statistics of {@link #fit}.</li>
 * </ul>
 * Images are channels-last (N, H, W, C), or (N, H, W) for one channel. A flow's epoch e draws its order as
 * {@link Batches} does and its transforms from {@code (seed, e)}, so runs are reproducible.
 *
 * <pre>{@code
 * ImageDataGenerator gen = new ImageDataGenerator().featurewiseCenter(true).featurewiseStdNormalization(true)
 *         .rotationRange(20).widthShiftRange(0.2).heightShiftRange(0.2).horizontalFlip(true);
 * gen.fit(xTrain);
 * model.fit(gen.flow(xTrain, yTrain, 100, true, 42), Fit.epochs(10).validationData(gen.standardize(xVal), yVal));
 * }</pre>
 */
public final class ImageDataGenerator {
    /** Added to standard deviations before dividing, as Keras. */
    public static final double EPSILON = 1e-6;

    private boolean featurewiseCenter, featurewiseStd, samplewiseCenter, samplewiseStd;
    private double rotationRange, widthShift, heightShift, zoomLow = 1, zoomHigh = 1, rescale;
    private boolean horizontalFlip, verticalFlip;
    private FillMode fillMode = FillMode.NEAREST;
    private double cval;
    private double[] mean, std;

    /** What a transformed image reads outside the input. */
    enum FillMode { CONSTANT, NEAREST, REFLECT, WRAP }

    public ImageDataGenerator featurewiseCenter(boolean on) { featurewiseCenter = on; return this; }

    public ImageDataGenerator featurewiseStdNormalization(boolean on) { featurewiseStd = on; return this; }

    public ImageDataGenerator samplewiseCenter(boolean on) { samplewiseCenter = on; return this; }

    public ImageDataGenerator samplewiseStdNormalization(boolean on) { samplewiseStd = on; return this; }

    /** Maximum rotation in degrees (θ ~ U(−r, r)); default 0. */
    public ImageDataGenerator rotationRange(double degrees) { rotationRange = nonNegative("rotationRange", degrees); return this; }

    /** Maximum horizontal shift as a fraction of the width (values ≥ 1 are pixels, as Keras); default 0. */
    public ImageDataGenerator widthShiftRange(double range) { widthShift = nonNegative("widthShiftRange", range); return this; }

    /** Maximum vertical shift as a fraction of the height (values ≥ 1 are pixels); default 0. */
    public ImageDataGenerator heightShiftRange(double range) { heightShift = nonNegative("heightShiftRange", range); return this; }

    /** Zoom factors drawn from [1 − z, 1 + z] for each axis; default 0 (none). */
    public ImageDataGenerator zoomRange(double z) { return zoomRange(1 - z, 1 + z); }

    /** Zoom factors drawn from [low, high] for each axis (a factor above 1 shows less of the image, as Keras). */
    public ImageDataGenerator zoomRange(double low, double high) {
        if (!(low > 0) || !(high >= low)) throw new IllegalArgumentException("ImageDataGenerator: zoomRange must satisfy 0 < low <= high, got [" + low + ", " + high + "]");
        zoomLow = low;
        zoomHigh = high;
        return this;
    }

    public ImageDataGenerator horizontalFlip(boolean on) { horizontalFlip = on; return this; }

    public ImageDataGenerator verticalFlip(boolean on) { verticalFlip = on; return this; }

    /** "constant", "nearest" (default), "reflect" or "wrap". */
    public ImageDataGenerator fillMode(String mode) {
        try {
            fillMode = FillMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("ImageDataGenerator: fillMode must be 'constant', 'nearest', 'reflect' or 'wrap', got '" + mode + "'");
        }
        return this;
    }

    /** The value read outside the image with fillMode("constant"); default 0. */
    public ImageDataGenerator cval(double value) { cval = value; return this; }

    /** Multiplies every value first (e.g. 1/255); 0 (default) means none. */
    public ImageDataGenerator rescale(double factor) { rescale = factor; return this; }

    private static double nonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("ImageDataGenerator: " + what + " must be >= 0, got " + v);
        return v;
    }

    // ------------------------------------------------------------------ statistics

    /** Computes the per-channel mean and standard deviation of x (times rescale) for featurewise standardisation. */
    public ImageDataGenerator fit(Tensor x) {
        int[] s = imageShape("fit", x);
        int n = s[0], c = s[3], pix = s[1] * s[2];
        double[] v = x.toDoubleArray();
        double scale = rescale == 0 ? 1 : rescale;
        double[] m = new double[c], sd = new double[c];
        long count = (long) n * pix;
        for (int i = 0; i < v.length; i++) m[i % c] += v[i] * scale;
        for (int ch = 0; ch < c; ch++) m[ch] /= count;
        for (int i = 0; i < v.length; i++) {
            double d = v[i] * scale - m[i % c];
            sd[i % c] += d * d;
        }
        for (int ch = 0; ch < c; ch++) sd[ch] = Math.sqrt(sd[ch] / count);
        mean = m;
        std = sd;
        return this;
    }

    /** The per-channel mean from {@link #fit}, or null. */
    public double[] mean() { return mean == null ? null : mean.clone(); }

    /** The per-channel standard deviation from {@link #fit}, or null. */
    public double[] std() { return std == null ? null : std.clone(); }

    private int[] imageShape(String op, Tensor x) {
        int[] s = x.shape().toArray();
        if (s.length == 3) return new int[] {s[0], s[1], s[2], 1};
        if (s.length != 4) {
            throw new IllegalArgumentException("ImageDataGenerator." + op + ": expected images (N, H, W, C) or (N, H, W), got shape " + x.shape());
        }
        return s;
    }

    // ------------------------------------------------------------------ transforms

    /** Standardises a batch (rescale, samplewise, featurewise), without randomness; for validation and test data. */
    public Tensor standardize(Tensor x) {
        int[] s = imageShape("standardize", x);
        checkFitted(s[3]);
        float[] v = x.toFloatArray();
        int sample = s[1] * s[2] * s[3];
        Parallelism.parallelFor(s[0], (b0, b1) -> {
            for (int b = b0; b < b1; b++) standardizeSample(v, b * sample, sample, s[3]);
        });
        return Tensor.wrap(v, x.shape().toArray()).astype(x.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32);
    }

    private void checkFitted(int channels) {
        if ((featurewiseCenter || featurewiseStd) && mean == null) {
            throw new IllegalStateException("ImageDataGenerator: featurewise standardisation needs statistics: call fit(xTrain) first");
        }
        if (mean != null && mean.length != channels) {
            throw new IllegalArgumentException("ImageDataGenerator: fitted on images with " + mean.length + " channels, got " + channels);
        }
    }

    private void standardizeSample(float[] v, int off, int len, int c) {
        if (rescale != 0) for (int i = off; i < off + len; i++) v[i] *= (float) rescale;
        if (samplewiseCenter || samplewiseStd) {
            double m = 0;
            for (int i = off; i < off + len; i++) m += v[i];
            m /= len;
            if (samplewiseCenter) {
                for (int i = off; i < off + len; i++) v[i] -= (float) m;
                m = 0;
            }
            if (samplewiseStd) {
                double ss = 0;
                for (int i = off; i < off + len; i++) ss += (v[i] - m) * (v[i] - m);
                float inv = (float) (1 / (Math.sqrt(ss / len) + EPSILON));
                for (int i = off; i < off + len; i++) v[i] *= inv;
            }
        }
        if (featurewiseCenter) for (int i = off; i < off + len; i++) v[i] -= (float) mean[(i - off) % c];
        if (featurewiseStd) for (int i = off; i < off + len; i++) v[i] /= (float) (std[(i - off) % c] + EPSILON);
    }

    /** One sample's random parameters: rotation (radians), shifts (pixels), zooms, flips. */
    record Params(double theta, double tx, double ty, double zx, double zy, boolean flipH, boolean flipV) {}

    /** Draws one sample's parameters, consuming the generator in a fixed order. */
    Params draw(SplittableRandom r, int h, int w) {
        double theta = rotationRange > 0 ? Math.toRadians(uniform(r, -rotationRange, rotationRange)) : 0;
        double tx = heightShift > 0 ? uniform(r, -heightShift, heightShift) : 0;
        if (heightShift < 1) tx *= h;
        double ty = widthShift > 0 ? uniform(r, -widthShift, widthShift) : 0;
        if (widthShift < 1) ty *= w;
        double zx = 1, zy = 1;
        if (zoomLow != 1 || zoomHigh != 1) {
            zx = uniform(r, zoomLow, zoomHigh);
            zy = uniform(r, zoomLow, zoomHigh);
        }
        boolean fh = horizontalFlip && r.nextDouble() < 0.5;
        boolean fv = verticalFlip && r.nextDouble() < 0.5;
        return new Params(theta, tx, ty, zx, zy, fh, fv);
    }

    private static double uniform(SplittableRandom r, double lo, double hi) { return lo + (hi - lo) * r.nextDouble(); }

    /** Random transform then standardisation of a batch, with parameters drawn from {@code seed}. */
    public Tensor augment(Tensor x, long seed) {
        int[] s = imageShape("augment", x);
        checkFitted(s[3]);
        SplittableRandom r = new SplittableRandom(seed);
        Params[] ps = new Params[s[0]];
        for (int b = 0; b < s[0]; b++) ps[b] = draw(r, s[1], s[2]);
        float[] in = x.toFloatArray(), out = new float[in.length];
        int sample = s[1] * s[2] * s[3];
        Parallelism.parallelFor(s[0], (b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                transform(in, out, b * sample, s[1], s[2], s[3], ps[b]);
                standardizeSample(out, b * sample, sample, s[3]);
            }
        });
        return Tensor.wrap(out, x.shape().toArray()).astype(x.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32);
    }

    /** Warps one HWC image at offset {@code off} of {@code in} into {@code out}. */
    void transform(float[] in, float[] out, int off, int h, int w, int c, Params p) {
        boolean affine = p.theta != 0 || p.tx != 0 || p.ty != 0 || p.zx != 1 || p.zy != 1;
        // in = A·(out − centre) + centre + R·t, with A = R(θ)·Z, the product Keras forms (rotation · shift · zoom)
        double cos = Math.cos(p.theta), sin = Math.sin(p.theta);
        double a00 = cos * p.zx, a01 = -sin * p.zy, a10 = sin * p.zx, a11 = cos * p.zy;
        double cr = (h - 1) / 2.0, cc = (w - 1) / 2.0;
        double br = cos * p.tx - sin * p.ty, bc = sin * p.tx + cos * p.ty;
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                int o = off + (r * w + col) * c;
                if (!affine) {
                    System.arraycopy(in, o, out, o, c);
                    continue;
                }
                double dr = r - cr, dc = col - cc;
                double sr = a00 * dr + a01 * dc + cr + br, sc = a10 * dr + a11 * dc + cc + bc;
                int r0 = (int) Math.floor(sr), c0 = (int) Math.floor(sc);
                double fr = sr - r0, fc = sc - c0;
                for (int ch = 0; ch < c; ch++) {
                    double v = (1 - fr) * ((1 - fc) * pixel(in, off, h, w, c, r0, c0, ch) + fc * pixel(in, off, h, w, c, r0, c0 + 1, ch))
                            + fr * ((1 - fc) * pixel(in, off, h, w, c, r0 + 1, c0, ch) + fc * pixel(in, off, h, w, c, r0 + 1, c0 + 1, ch));
                    out[o + ch] = (float) v;
                }
            }
        }
        if (p.flipH) {
            for (int r = 0; r < h; r++) {
                for (int a = 0, b = w - 1; a < b; a++, b--) swap(out, off + (r * w + a) * c, off + (r * w + b) * c, c);
            }
        }
        if (p.flipV) {
            for (int a = 0, b = h - 1; a < b; a++, b--) {
                for (int col = 0; col < w; col++) swap(out, off + (a * w + col) * c, off + (b * w + col) * c, c);
            }
        }
    }

    private static void swap(float[] v, int i, int j, int n) {
        for (int k = 0; k < n; k++) {
            float t = v[i + k];
            v[i + k] = v[j + k];
            v[j + k] = t;
        }
    }

    /** The input value at integer (r, col), with the fill mode outside the image. */
    private double pixel(float[] in, int off, int h, int w, int c, int r, int col, int ch) {
        if (r < 0 || r >= h || col < 0 || col >= w) {
            switch (fillMode) {
                case CONSTANT: return cval;
                case NEAREST: r = Math.min(Math.max(r, 0), h - 1); col = Math.min(Math.max(col, 0), w - 1); break;
                case REFLECT: r = reflect(r, h); col = reflect(col, w); break;
                default: r = Math.floorMod(r, h); col = Math.floorMod(col, w); break;
            }
        }
        return in[off + (r * w + col) * c + ch];
    }

    /** Half-sample symmetric reflection (scipy's "reflect"): −1 → 0, −2 → 1, n → n − 1. */
    private static int reflect(int i, int n) {
        int period = 2 * n, m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }

    // ------------------------------------------------------------------ flow

    /**
     * Batches of (augmented, standardised x, y) for {@code fit}: order as {@link Batches#of} with this
     * shuffle and seed; epoch e's transforms drawn from (seed, e).
     */
    public Flow flow(Tensor x, Tensor y, int batchSize, boolean shuffle, long seed) {
        int[] s = imageShape("flow", x);
        checkFitted(s[3]);
        return new Flow(Batches.of(x, y, null, batchSize, shuffle, seed), seed);
    }

    /** A {@link BatchSource} of augmented batches. */
    public final class Flow implements BatchSource {
        private final Batches batches;
        private final long seed;

        private Flow(Batches batches, long seed) {
            this.batches = batches;
            this.seed = seed;
        }

        @Override
        public Iterator<Batch> epoch(int epoch) {
            Iterator<Batch> it = batches.epoch(epoch);
            SplittableRandom seeds = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
            return new Iterator<>() {
                @Override public boolean hasNext() { return it.hasNext(); }

                @Override public Batch next() {
                    Batch b = it.next();
                    return new Batch(augment(b.x(), seeds.nextLong()), b.y(), b.sampleWeight());
                }
            };
        }

        @Override public int batchesPerEpoch() { return batches.batchesPerEpoch(); }

        @Override public int size() { return batches.size(); }
    }
}
