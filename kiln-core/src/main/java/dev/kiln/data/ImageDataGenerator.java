package dev.kiln.data;

import dev.kiln.kernel.MatMul;
import dev.kiln.kernel.Parallelism;
import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.Iterator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Image augmentation and standardisation in the manner of Keras's {@code ImageDataGenerator}, as a
 * seeded {@link BatchSource} for {@code fit}.
 *
 * <p>Each sample of a batch is first transformed at random, then standardised (Keras's order):
 * <ul>
 * <li>random transform, drawn per sample in this order: rotation θ ~ U(±rotationRange)°, row shift
 *     U(±heightShiftRange)·H, column shift U(±widthShiftRange)·W (a range ≥ 1 is in pixels), shear
 *     φ ~ U(±shearRange)°, zoom zx (columns) then zy (rows) ~ U(zoomRange), horizontal then vertical flip
 *     (probability ½ each), channel shift δ ~ U(±channelShiftRange), brightness factor b ~ U(brightnessRange);
 *     a draw happens only when its option is on. The geometry is one affine map about the image centre,
 *     Keras's rotation · shift · shear · zoom, sampled by scipy's rules ({@link #fillMode}, {@link #interpolationOrder});
 *     then x ← clip(x + δ, min x, max x), the brightness factor, the flips;</li>
 * <li>standardise: x·rescale, samplewise x − mean(x) and x / (std(x) + 1e-6), featurewise x − mean_c and
 *     x / (std_c + 1e-6) with the statistics of {@link #fit}, then ZCA whitening x ← W·x.</li>
 * </ul>
 * Images are channels-last (N, H, W, C) by default, (N, C, H, W) with {@code dataFormat("channels_first")},
 * or (N, H, W) for one channel. A flow's epoch e draws its order as {@link Batches} does and its transforms
 * from {@code (seed, e)}, so runs are reproducible. docs/cnn.md states every formula and where Kiln and Keras differ.
 *
 * <pre>{@code
 * ImageDataGenerator gen = new ImageDataGenerator().featurewiseCenter(true).featurewiseStdNormalization(true)
 *         .rotationRange(20).widthShiftRange(0.2).heightShiftRange(0.2).shearRange(10).horizontalFlip(true);
 * gen.fit(xTrain);
 * model.fit(gen.flow(xTrain, yTrain, 100, true, 42), Fit.epochs(10).validationData(gen.standardize(xVal), yVal));
 * }</pre>
 */
public final class ImageDataGenerator {
    /** Added to standard deviations before dividing, as Keras. */
    public static final double EPSILON = 1e-6;
    /** Keras's default {@code zca_epsilon}. */
    public static final double DEFAULT_ZCA_EPSILON = 1e-6;

    private boolean featurewiseCenter, featurewiseStd, samplewiseCenter, samplewiseStd, zcaWhitening;
    private double zcaEpsilon = DEFAULT_ZCA_EPSILON;
    private double rotationRange, widthShift, heightShift, shearRange, zoomLow = 1, zoomHigh = 1, channelShift, rescale;
    private double brightnessLow = Double.NaN, brightnessHigh = Double.NaN;
    private boolean horizontalFlip, verticalFlip, channelsFirst;
    private AffineWarp.FillMode fillMode = AffineWarp.FillMode.NEAREST;
    private double cval, validationSplit;
    private int interpolationOrder = 1;
    private double[] mean, std, zca;
    private int[] zcaImage; // (h, w, c) that the whitening matrix was fitted on

    /**
     * Subtracts the per-channel mean of {@link #fit}'s data, x ← x − mean_c; default false.
     * {@code new ImageDataGenerator().featurewiseCenter(true).fit(xTrain)}
     */
    public ImageDataGenerator featurewiseCenter(boolean on) { featurewiseCenter = on; return this; }

    /**
     * Divides by the per-channel std of {@link #fit}'s data, x ← x / (std_c + 1e-6); implies featurewiseCenter,
     * as Keras; default false. {@code new ImageDataGenerator().featurewiseStdNormalization(true).fit(xTrain)}
     */
    public ImageDataGenerator featurewiseStdNormalization(boolean on) { featurewiseStd = on; return this; }

    /** Subtracts each sample's own mean over all its values, x ← x − mean(x); default false. {@code gen.samplewiseCenter(true)} */
    public ImageDataGenerator samplewiseCenter(boolean on) { samplewiseCenter = on; return this; }

    /**
     * Divides each sample by its own std, x ← x / (std(x) + 1e-6); implies samplewiseCenter, as Keras; default false.
     * {@code gen.samplewiseStdNormalization(true)}
     */
    public ImageDataGenerator samplewiseStdNormalization(boolean on) { samplewiseStd = on; return this; }

    /**
     * ZCA whitening with the matrix of {@link #fit}: x ← W·x over the flattened centred sample, default false.
     * Implies featurewiseCenter and overrides featurewiseStdNormalization (off), as Keras does.
     * W = Σ_{k<r} u_k u_kᵀ / (√λ_k + ε/√n) with (λ_k, u_k) the largest r = min(n, d) eigenpairs of XᵀX/n
     * (X the n×d centred training data): Keras's {@code svd(Xᵀ)} route, whose singular values are √(nλ).
     * <pre>{@code
     * ImageDataGenerator gen = new ImageDataGenerator().zcaWhitening(true).fit(xTrain);
     * Tensor white = gen.standardize(xTest);
     * }</pre>
     */
    public ImageDataGenerator zcaWhitening(boolean on) { zcaWhitening = on; return this; }

    /**
     * The ε of ZCA whitening, in W = Σ u_k u_kᵀ / (√λ_k + ε/√n) (see {@link #zcaWhitening}), > 0; default 1e-6.
     * Takes effect at the next {@link #fit}. {@code gen.zcaWhitening(true).zcaEpsilon(1e-2).fit(xTrain)}
     */
    public ImageDataGenerator zcaEpsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) throw new IllegalArgumentException("ImageDataGenerator: zcaEpsilon must be > 0, got " + epsilon);
        zcaEpsilon = epsilon;
        return this;
    }

    /** Maximum rotation in degrees (θ ~ U(−r, r)); default 0. {@code gen.rotationRange(20)} */
    public ImageDataGenerator rotationRange(double degrees) { rotationRange = nonNegative("rotationRange", degrees); return this; }

    /** Maximum column shift, U(±r)·W pixels (r ≥ 1: U(±r) pixels, as Keras); default 0. {@code gen.widthShiftRange(0.1)} */
    public ImageDataGenerator widthShiftRange(double range) { widthShift = nonNegative("widthShiftRange", range); return this; }

    /** Maximum row shift, U(±r)·H pixels (r ≥ 1: U(±r) pixels, as Keras); default 0. {@code gen.heightShiftRange(0.1)} */
    public ImageDataGenerator heightShiftRange(double range) { heightShift = nonNegative("heightShiftRange", range); return this; }

    /**
     * Maximum shear angle in degrees, φ ~ U(−r, r), counter-clockwise as Keras; default 0. The shear matrix
     * (x, y) ↦ (x − sin φ·y, cos φ·y) enters Keras's product rotation · shift · shear · zoom. {@code gen.shearRange(15)}
     */
    public ImageDataGenerator shearRange(double degrees) { shearRange = nonNegative("shearRange", degrees); return this; }

    /** Zoom factors zx, zy ~ U(1 − z, 1 + z), 0 ≤ z < 1; default 0 (none). {@code gen.zoomRange(0.1)} */
    public ImageDataGenerator zoomRange(double z) {
        if (!(z >= 0 && z < 1)) throw new IllegalArgumentException("ImageDataGenerator: zoomRange must be in [0, 1) (factors 1 ± z), got " + z);
        return zoomRange(1 - z, 1 + z);
    }

    /**
     * Zoom factors zx (columns), zy (rows) ~ U(low, high); the output reads the input at z·(p − c), so a factor
     * above 1 shows more of the image, smaller (as Keras); default [1, 1]. {@code gen.zoomRange(0.8, 1.2)}
     */
    public ImageDataGenerator zoomRange(double low, double high) {
        if (!(low > 0) || !(high >= low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("ImageDataGenerator: zoomRange must satisfy 0 < low <= high, got [" + low + ", " + high + "]");
        }
        zoomLow = low;
        zoomHigh = high;
        return this;
    }

    /**
     * Adds one δ ~ U(−r, r) per image to every channel, clipped to the image's own [min, max] (Keras's
     * {@code apply_channel_shift}): x ← clip(x + δ, min x, max x); default 0. {@code gen.channelShiftRange(30)}
     */
    public ImageDataGenerator channelShiftRange(double range) { channelShift = nonNegative("channelShiftRange", range); return this; }

    /**
     * Multiplies each image by b ~ U(low, high); default none. For an image within [0, 255]: x ← min(b·x, 255);
     * otherwise (m, M its min and max) x ← m + min(b·(x − m), M − m). That is Keras's PIL route without its
     * 8-bit rounding (Keras truncates each value to an integer first, which turns [0, 1] images into 0/1).
     * <pre>{@code
     * ImageDataGenerator gen = new ImageDataGenerator().brightnessRange(0.8, 1.2);
     * }</pre>
     */
    public ImageDataGenerator brightnessRange(double low, double high) {
        if (!(low >= 0) || !(high >= low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("ImageDataGenerator: brightnessRange must be two factors with 0 <= low <= high, got [" + low + ", " + high + "]");
        }
        brightnessLow = low;
        brightnessHigh = high;
        return this;
    }

    /** Keras's list form {@code brightness_range=[low, high]}: exactly two numbers, as {@link #brightnessRange(double, double)}. {@code gen.brightnessRange(new double[] {0.8, 1.2})} */
    public ImageDataGenerator brightnessRange(double... range) {
        if (range == null || range.length != 2) {
            throw new IllegalArgumentException("ImageDataGenerator: brightnessRange must be two numbers [low, high], got "
                    + (range == null ? "null" : java.util.Arrays.toString(range)));
        }
        return brightnessRange(range[0], range[1]);
    }

    /** Flips each image left-right with probability ½, x[r][c] ← x[r][W − 1 − c]; default false. {@code gen.horizontalFlip(true)} */
    public ImageDataGenerator horizontalFlip(boolean on) { horizontalFlip = on; return this; }

    /** Flips each image upside down with probability ½, x[r][c] ← x[H − 1 − r][c]; default false. {@code gen.verticalFlip(true)} */
    public ImageDataGenerator verticalFlip(boolean on) { verticalFlip = on; return this; }

    /**
     * What the warp reads outside the image, as scipy.ndimage: "constant" (cval), "nearest" (the default, the
     * edge), "reflect" (d c b a | a b c d | d c b a) or "wrap" (period n − 1). {@code gen.fillMode("constant").cval(0)}
     */
    public ImageDataGenerator fillMode(String mode) {
        try {
            fillMode = AffineWarp.FillMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("ImageDataGenerator: fillMode must be 'constant', 'nearest', 'reflect' or 'wrap', got '" + mode + "'");
        }
        return this;
    }

    /** The value read outside the image with fillMode("constant"); default 0. {@code gen.fillMode("constant").cval(255)} */
    public ImageDataGenerator cval(double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("ImageDataGenerator: cval must be finite, got " + value);
        cval = value;
        return this;
    }

    /**
     * Spline order of the resampling: 0 (nearest sample) or 1 (bilinear, the default, Keras's
     * {@code interpolation_order=1}). Keras's orders 2–5 (scipy's B-splines) are not implemented.
     * {@code gen.interpolationOrder(0)}
     */
    public ImageDataGenerator interpolationOrder(int order) {
        if (order != 0 && order != 1) {
            throw new IllegalArgumentException("ImageDataGenerator: interpolationOrder must be 0 or 1 (spline orders 2 to 5 are not implemented), got " + order);
        }
        interpolationOrder = order;
        return this;
    }

    /** Multiplies every value first, x ← x·f (e.g. 1/255); 0 (default) means none, as Keras's None. {@code gen.rescale(1 / 255.0)} */
    public ImageDataGenerator rescale(double factor) {
        if (!Double.isFinite(factor)) throw new IllegalArgumentException("ImageDataGenerator: rescale must be finite, got " + factor);
        rescale = factor;
        return this;
    }

    /** "channels_last" (default, (N, H, W, C)) or "channels_first" ((N, C, H, W)). {@code gen.dataFormat("channels_first")} */
    public ImageDataGenerator dataFormat(String format) {
        if ("channels_last".equals(format)) channelsFirst = false;
        else if ("channels_first".equals(format)) channelsFirst = true;
        else throw new IllegalArgumentException("ImageDataGenerator: dataFormat must be 'channels_last' or 'channels_first', got '" + format + "'");
        return this;
    }

    /**
     * Fraction held out for {@code flow(..., subset)}: "validation" takes the first ⌊n·split⌋ samples,
     * "training" the rest (Keras's order, unlike {@code fit}'s validationSplit); 0 (default) or in (0, 1).
     * {@code gen.validationSplit(0.2).flow(x, y, 32, true, 1, "training", false)}
     */
    public ImageDataGenerator validationSplit(double split) {
        if (!(split == 0 || (split > 0 && split < 1))) {
            throw new IllegalArgumentException("ImageDataGenerator: validationSplit must be 0 or strictly between 0 and 1, got " + split);
        }
        validationSplit = split;
        return this;
    }

    private static double nonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("ImageDataGenerator: " + what + " must be >= 0, got " + v);
        return v;
    }

    // Keras's implications, applied when used so the setters can come in any order
    private boolean centerFeatures() { return featurewiseCenter || featurewiseStd || zcaWhitening; }

    private boolean scaleFeatures() { return featurewiseStd && !zcaWhitening; }

    private boolean centerSamples() { return samplewiseCenter || samplewiseStd; }

    // ------------------------------------------------------------------ statistics

    /**
     * Computes the statistics of featurewise standardisation and ZCA whitening from x (times rescale, as
     * Keras): mean_c and std_c per channel over all samples and pixels and, with zcaWhitening, the whitening
     * matrix of the centred data (see {@link #zcaWhitening}; an O(d³) eigendecomposition, d = H·W·C).
     * <pre>{@code
     * ImageDataGenerator gen = new ImageDataGenerator().featurewiseCenter(true).fit(xTrain);
     * }</pre>
     */
    public ImageDataGenerator fit(Tensor x) { return fitOn(x, "fit", layoutToChannelsLast(x)); }

    /**
     * Keras's {@code fit(x, augment=True, rounds, seed)}: the statistics of {@code rounds} randomly transformed
     * copies of x (transforms drawn as {@link #augment} does from seed, seed + 1, ...; rounds ≥ 1).
     * {@code gen.featurewiseCenter(true).rotationRange(10).fit(xTrain, 3, 42)}
     */
    public ImageDataGenerator fit(Tensor x, int rounds, long seed) {
        if (rounds < 1) throw new IllegalArgumentException("ImageDataGenerator.fit: rounds must be >= 1, got " + rounds);
        int[] s = imageShape("fit", x);
        float[] v = layoutToChannelsLast(x);
        float[] all = new float[v.length * rounds];
        for (int r = 0; r < rounds; r++) System.arraycopy(randomTransforms(v, s, seed + r), 0, all, r * v.length, v.length);
        int[] shape = x.shape().toArray();
        shape[0] *= rounds;
        return fitOn(Tensor.wrap(all, shape), "fit", all);
    }

    private ImageDataGenerator fitOn(Tensor x, String op, float[] v) {
        int[] s = imageShape(op, x);
        int n = s[0], c = s[3], d = s[1] * s[2] * c;
        double scale = rescale == 0 ? 1 : rescale;
        double[] m = new double[c], sd = new double[c];
        long count = (long) n * s[1] * s[2];
        for (int i = 0; i < v.length; i++) m[i % c] += v[i] * scale;
        for (int ch = 0; ch < c; ch++) m[ch] /= count;
        for (int i = 0; i < v.length; i++) {
            double dv = v[i] * scale - m[i % c];
            sd[i % c] += dv * dv;
        }
        for (int ch = 0; ch < c; ch++) sd[ch] = Math.sqrt(sd[ch] / count);
        double[] w = null;
        if (zcaWhitening) w = zcaMatrix(covariance(v, n, d, scale, m, Math.max(1, (1 << 20) / d)), n, d, zcaEpsilon);
        mean = m;
        std = sd;
        zca = w;
        zcaImage = w == null ? null : new int[] {s[1], s[2], c};
        return this;
    }

    /** XᵀX/n of the centred data X = v·scale − mean_c, accumulated over blocks of rows so X is never held in double. */
    static double[] covariance(float[] v, int n, int d, double scale, double[] mean, int blockRows) {
        int c = mean.length, rows = Math.min(n, blockRows);
        double[] sigma = new double[d * d], block = new double[rows * d];
        for (int b0 = 0; b0 < n; b0 += rows) {
            int b1 = Math.min(n, b0 + rows), len = (b1 - b0) * d;
            for (int i = 0; i < len; i++) block[i] = v[b0 * d + i] * scale - mean[i % c];
            MatMul.dgemm(true, false, d, d, b1 - b0, block, 0, d, block, 0, d, sigma, 0, d, b0 > 0);
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) sigma[i * d + j] = sigma[j * d + i] = (sigma[i * d + j] + sigma[j * d + i]) / (2.0 * n);
            sigma[i * d + i] /= n;
        }
        return sigma;
    }

    /** W = U_r diag(1/(√λ + ε/√n)) U_rᵀ from the eigenpairs of sigma = XᵀX/n, r = min(n, d). */
    static double[] zcaMatrix(double[] sigma, int n, int d, double epsilon) {
        SymmetricEigen e = SymmetricEigen.of(sigma, d);
        double[] lambda = e.values(), u = e.vectorRows();
        int r = Math.min(n, d);
        double[] scaled = new double[r * d]; // row k = u_k / (√λ_k + ε/√n)
        for (int k = 0; k < r; k++) {
            double f = 1 / (Math.sqrt(Math.max(lambda[k], 0)) + epsilon / Math.sqrt(n));
            for (int i = 0; i < d; i++) scaled[k * d + i] = u[k * d + i] * f;
        }
        double[] w = new double[d * d];
        MatMul.dgemm(true, false, d, d, r, scaled, 0, d, u, 0, d, w, 0, d, false);
        return w;
    }

    /** The per-channel mean from {@link #fit}, mean_c = Σ x·rescale / (N·H·W), or null before it. {@code gen.fit(x).mean()} */
    public double[] mean() { return mean == null ? null : mean.clone(); }

    /** The per-channel standard deviation from {@link #fit} (population, divisor N·H·W), or null before it. {@code gen.fit(x).std()} */
    public double[] std() { return std == null ? null : std.clone(); }

    /** The d×d ZCA matrix W of {@link #zcaWhitening} from {@link #fit} (row-major, d = H·W·C channels-last), or null. {@code gen.zcaWhitening(true).fit(x).zcaWhiteningMatrix()} */
    public double[] zcaWhiteningMatrix() { return zca == null ? null : zca.clone(); }

    /** {n, h, w, c} in channels-last terms. */
    private int[] imageShape(String op, Tensor x) {
        if (x == null) throw new IllegalArgumentException("ImageDataGenerator." + op + ": x must not be null");
        int[] s = x.shape().toArray();
        if (s.length == 3) return new int[] {s[0], s[1], s[2], 1};
        if (s.length != 4) {
            throw new IllegalArgumentException("ImageDataGenerator." + op + ": expected images " + (channelsFirst ? "(N, C, H, W)" : "(N, H, W, C)")
                    + " or (N, H, W), got shape " + x.shape());
        }
        return channelsFirst ? new int[] {s[0], s[2], s[3], s[1]} : s;
    }

    private float[] layoutToChannelsLast(Tensor x) {
        return channelsFirst && x.rank() == 4 ? x.permute(0, 2, 3, 1).toFloatArray() : x.toFloatArray();
    }

    private Tensor channelsLastToLayout(float[] v, int[] s, Tensor like) {
        Tensor t = Tensor.wrap(v, s[0], s[1], s[2], s[3]);
        t = channelsFirst && like.rank() == 4 ? t.permute(0, 3, 1, 2) : t.reshape(like.shape().toArray());
        return t.astype(like.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32);
    }

    // ------------------------------------------------------------------ standardisation

    /**
     * Standardises a batch without randomness: x·rescale, samplewise, featurewise, ZCA (see the class comment);
     * for validation and test data. {@code Tensor xv = gen.standardize(xVal);}
     */
    public Tensor standardize(Tensor x) {
        int[] s = imageShape("standardize", x);
        checkFitted(s);
        float[] v = layoutToChannelsLast(x);
        int sample = s[1] * s[2] * s[3];
        Parallelism.parallelFor(s[0], (b0, b1) -> {
            double[] scratch = zcaWhitening ? new double[sample] : null;
            for (int b = b0; b < b1; b++) standardizeSample(v, b * sample, sample, s[3], scratch);
        });
        return channelsLastToLayout(v, s, x);
    }

    private void checkFitted(int[] s) {
        if ((centerFeatures() || scaleFeatures()) && mean == null) {
            throw new IllegalStateException("ImageDataGenerator: featurewise standardisation needs statistics: call fit(xTrain) first");
        }
        if (mean != null && mean.length != s[3]) {
            throw new IllegalArgumentException("ImageDataGenerator: fitted on images with " + mean.length + " channels, got " + s[3]);
        }
        if (zcaWhitening) {
            if (zca == null) {
                throw new IllegalStateException("ImageDataGenerator: zcaWhitening needs the whitening matrix: call fit(xTrain) after zcaWhitening(true)");
            }
            if (zcaImage[0] != s[1] || zcaImage[1] != s[2] || zcaImage[2] != s[3]) {
                throw new IllegalArgumentException("ImageDataGenerator: zcaWhitening was fitted on " + zcaImage[0] + "x" + zcaImage[1] + "x" + zcaImage[2]
                        + " images, got " + s[1] + "x" + s[2] + "x" + s[3]);
            }
        }
    }

    private void standardizeSample(float[] v, int off, int len, int c, double[] scratch) {
        if (rescale != 0) for (int i = off; i < off + len; i++) v[i] *= (float) rescale;
        if (centerSamples()) {
            double m = 0;
            for (int i = off; i < off + len; i++) m += v[i];
            m /= len;
            for (int i = off; i < off + len; i++) v[i] -= (float) m;
            if (samplewiseStd) {
                double ss = 0;
                for (int i = off; i < off + len; i++) ss += (double) v[i] * v[i];
                float inv = (float) (1 / (Math.sqrt(ss / len) + EPSILON));
                for (int i = off; i < off + len; i++) v[i] *= inv;
            }
        }
        if (centerFeatures()) for (int i = off; i < off + len; i++) v[i] -= (float) mean[(i - off) % c];
        if (scaleFeatures()) for (int i = off; i < off + len; i++) v[i] /= (float) (std[(i - off) % c] + EPSILON);
        if (zcaWhitening) {
            for (int j = 0; j < len; j++) scratch[j] = v[off + j];
            for (int i = 0; i < len; i++) {
                double acc = 0;
                for (int j = 0, row = i * len; j < len; j++) acc += zca[row + j] * scratch[j];
                v[off + i] = (float) acc;
            }
        }
    }

    // ------------------------------------------------------------------ random transforms

    /** One sample's random parameters: rotation and shear (radians), shifts (pixels), zooms, flips, channel shift, brightness. */
    record Params(double theta, double tx, double ty, double shear, double zx, double zy, boolean flipH, boolean flipV,
                  double channelShift, double brightness) {
        /** Geometry and flips only. */
        Params(double theta, double tx, double ty, double zx, double zy, boolean flipH, boolean flipV) {
            this(theta, tx, ty, 0, zx, zy, flipH, flipV, 0, 1);
        }
    }

    /** Draws one sample's parameters, consuming the generator in the documented order. */
    Params draw(SplittableRandom r, int h, int w) {
        double theta = rotationRange > 0 ? Math.toRadians(uniform(r, -rotationRange, rotationRange)) : 0;
        double tx = heightShift > 0 ? uniform(r, -heightShift, heightShift) : 0;
        if (heightShift < 1) tx *= h;
        double ty = widthShift > 0 ? uniform(r, -widthShift, widthShift) : 0;
        if (widthShift < 1) ty *= w;
        double shear = shearRange > 0 ? Math.toRadians(uniform(r, -shearRange, shearRange)) : 0;
        double zx = 1, zy = 1;
        if (zoomLow != 1 || zoomHigh != 1) {
            zx = uniform(r, zoomLow, zoomHigh);
            zy = uniform(r, zoomLow, zoomHigh);
        }
        boolean fh = horizontalFlip && r.nextDouble() < 0.5;
        boolean fv = verticalFlip && r.nextDouble() < 0.5;
        double shift = channelShift > 0 ? uniform(r, -channelShift, channelShift) : 0;
        double bright = Double.isNaN(brightnessLow) ? 1 : uniform(r, brightnessLow, brightnessHigh);
        return new Params(theta, tx, ty, shear, zx, zy, fh, fv, shift, bright);
    }

    private static double uniform(SplittableRandom r, double lo, double hi) { return lo + (hi - lo) * r.nextDouble(); }

    /**
     * Random transform then standardisation of a batch, with parameters drawn from {@code seed}: sample i
     * takes the i-th draw of {@code new SplittableRandom(seed)}, in the order listed in the class comment.
     * <pre>{@code
     * Tensor batch = new ImageDataGenerator().rotationRange(15).augment(x, 7);
     * }</pre>
     */
    public Tensor augment(Tensor x, long seed) {
        int[] s = imageShape("augment", x);
        checkFitted(s);
        float[] out = randomTransforms(layoutToChannelsLast(x), s, seed);
        int sample = s[1] * s[2] * s[3];
        Parallelism.parallelFor(s[0], (b0, b1) -> {
            double[] scratch = zcaWhitening ? new double[sample] : null;
            for (int b = b0; b < b1; b++) standardizeSample(out, b * sample, sample, s[3], scratch);
        });
        return channelsLastToLayout(out, s, x);
    }

    private float[] randomTransforms(float[] in, int[] s, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Params[] ps = new Params[s[0]];
        for (int b = 0; b < s[0]; b++) ps[b] = draw(r, s[1], s[2]);
        float[] out = new float[in.length];
        int sample = s[1] * s[2] * s[3];
        Parallelism.parallelFor(s[0], (b0, b1) -> {
            for (int b = b0; b < b1; b++) transform(in, out, b * sample, s[1], s[2], s[3], ps[b]);
        });
        return out;
    }

    /** Transforms one HWC image at offset {@code off} of {@code in} into {@code out}: warp, channel shift, brightness, flips. */
    void transform(float[] in, float[] out, int off, int h, int w, int c, Params p) {
        int len = h * w * c;
        if (p.theta != 0 || p.tx != 0 || p.ty != 0 || p.shear != 0 || p.zx != 1 || p.zy != 1) {
            double[] m = AffineWarp.matrix(p.theta, p.tx, p.ty, p.shear, p.zx, p.zy, h, w);
            AffineWarp.warp(in, out, off, h, w, c, m, fillMode, cval, interpolationOrder);
        } else {
            System.arraycopy(in, off, out, off, len);
        }
        if (p.channelShift != 0 || p.brightness != 1) {
            float mn = Float.POSITIVE_INFINITY, mx = Float.NEGATIVE_INFINITY;
            for (int i = off; i < off + len; i++) {
                mn = Math.min(mn, out[i]);
                mx = Math.max(mx, out[i]);
            }
            if (p.channelShift != 0) {
                for (int i = off; i < off + len; i++) out[i] = (float) Math.min(Math.max(out[i] + p.channelShift, mn), mx);
            }
            if (p.brightness != 1) brighten(out, off, len, p.brightness, mn, mx);
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

    /** Keras's brightness shift without 8-bit rounding; mn, mx the image's range (a channel shift keeps it). */
    private static void brighten(float[] v, int off, int len, double b, float mn, float mx) {
        if (mn >= 0 && mx <= 255) {
            // PIL blends with black and clips to the 8-bit range
            for (int i = off; i < off + len; i++) v[i] = (float) Math.min(b * v[i], 255);
        } else {
            // Keras maps [mn, mx] onto [0, 255], brightens with the clip at 255, and maps back
            for (int i = off; i < off + len; i++) v[i] = (float) (mn + Math.min(b * (v[i] - mn), (double) mx - mn));
        }
    }

    private static void swap(float[] v, int i, int j, int n) {
        for (int k = 0; k < n; k++) {
            float t = v[i + k];
            v[i + k] = v[j + k];
            v[j + k] = t;
        }
    }

    // ------------------------------------------------------------------ flow

    /**
     * Batches of (augmented, standardised x, y) for {@code fit}: order as {@link Batches#of} with this
     * shuffle and seed; epoch e's transforms drawn from (seed, e).
     * <pre>{@code
     * model.fit(gen.flow(xTrain, yTrain, 32, true, 42), Fit.epochs(10));
     * }</pre>
     */
    public Flow flow(Tensor x, Tensor y, int batchSize, boolean shuffle, long seed) {
        int[] s = imageShape("flow", x);
        checkFitted(s);
        return new Flow(Batches.of(x, y, null, batchSize, shuffle, seed), seed);
    }

    /**
     * A flow over one subset of {@link #validationSplit}: "validation" the first ⌊n·split⌋ samples, "training"
     * the rest, both augmented (as Keras). Fails, as Keras does, if the two parts of y hold different sets of
     * values (sorted labels: shuffle first), unless {@code ignoreClassSplit}.
     * <pre>{@code
     * ImageDataGenerator gen = new ImageDataGenerator().validationSplit(0.2).horizontalFlip(true);
     * model.fit(gen.flow(x, y, 32, true, 1, "training", false), Fit.epochs(5));
     * BatchSource val = gen.flow(x, y, 32, false, 1, "validation", false); // augmented, as Keras's
     * }</pre>
     */
    public Flow flow(Tensor x, Tensor y, int batchSize, boolean shuffle, long seed, String subset, boolean ignoreClassSplit) {
        boolean validation = "validation".equals(subset);
        if (!validation && !"training".equals(subset)) {
            throw new IllegalArgumentException("ImageDataGenerator.flow: subset must be 'training' or 'validation', got '" + subset + "'");
        }
        int n = Split.rowsOf("ImageDataGenerator.flow", x, y);
        int split = (int) (n * validationSplit);
        if (validation && split == 0) {
            throw new IllegalArgumentException("ImageDataGenerator.flow: subset 'validation' is empty: validationSplit is "
                    + validationSplit + " of " + n + " samples; set validationSplit(s) with s in (0, 1)");
        }
        if (y != null && !ignoreClassSplit && split > 0) {
            TreeSet<Double> first = distinct(y.slice(0, split)), rest = distinct(y.slice(split, n));
            if (!first.equals(rest)) {
                throw new IllegalArgumentException("ImageDataGenerator.flow: the validation part (first " + split + " samples) holds the values "
                        + first + " of y but the training part " + rest + "; shuffle sorted data first, or pass ignoreClassSplit = true");
            }
        }
        int a = validation ? 0 : split, b = validation ? split : n;
        return flow(x.slice(a, b), y == null ? null : y.slice(a, b), batchSize, shuffle, seed);
    }

    private static TreeSet<Double> distinct(Tensor t) {
        TreeSet<Double> set = new TreeSet<>();
        for (double v : t.toDoubleArray()) set.add(v);
        return set;
    }

    /** A {@link BatchSource} of augmented batches. */
    public final class Flow implements BatchSource {
        private final Batches batches;
        private final long seed;

        private Flow(Batches batches, long seed) {
            this.batches = batches;
            this.seed = seed;
        }

        /** Epoch {@code epoch}'s batches; batch j's transforms use the j-th long of SplittableRandom(seed·φ + epoch). */
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

        /** ceil(n / batchSize). */
        @Override public int batchesPerEpoch() { return batches.batchesPerEpoch(); }

        /** The number of samples. */
        @Override public int size() { return batches.size(); }
    }
}
