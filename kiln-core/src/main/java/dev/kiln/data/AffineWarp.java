package dev.kiln.data;

/**
 * The geometric part of {@link ImageDataGenerator}'s random transform: one affine map of a channels-last
 * image, sampled with scipy.ndimage's conventions (what Keras's {@code apply_affine_transform} calls).
 *
 * <p>Output pixel (r, c) reads the input at (row, col) = M·(r, c, 1), M a 2×3 matrix in (row, col)
 * coordinates. Each coordinate is first mapped into the image by the fill mode, exactly as
 * {@code scipy.ndimage.affine_transform} does (mode names as Keras passes them to scipy):
 * <ul>
 * <li>constant: a coordinate outside [0, n − 1] reads {@code cval} (no blending with cval at the border);</li>
 * <li>nearest: the coordinate is clamped to [0, n − 1];</li>
 * <li>reflect: half-sample symmetric, period 2n (d c b a | a b c d | d c b a);</li>
 * <li>wrap: scipy's "wrap", period n − 1: the first and last samples coincide (scipy ≥ 1.6).</li>
 * </ul>
 * then interpolated with order 0 (the nearest sample, {@code floor(x + 0.5)}) or order 1 (bilinear).
 * One deliberate difference: a coordinate within 1e-9 of the edge is taken as on the edge (see {@link #snap}).
 */
final class AffineWarp {
    /** What a transformed image reads outside the input. */
    enum FillMode { CONSTANT, NEAREST, REFLECT, WRAP }

    /** Distance from the edge below which a coordinate counts as on the edge. */
    static final double EDGE = 1e-9;

    private AffineWarp() {}

    /**
     * The (row, col) matrix of Keras's transform {@code rotation · shift · shear · zoom} about the image centre.
     *
     * <p>Keras builds its matrix for (x, y) = (col, row): R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]],
     * shear S(φ) = [[1, −sin φ], [0, cos φ]], zoom Z = diag(zx, zy), shift (tCol, tRow). Its product's
     * linear part is [[zx cos θ, −zy sin(θ + φ)], [zx sin θ, zy cos(θ + φ)]], its shift R(θ)·(tCol, tRow);
     * here it is written for (row, col) about the centre ((h − 1)/2, (w − 1)/2).
     *
     * @return {m00, m01, m02, m10, m11, m12}: input row = m00·r + m01·c + m02, input col = m10·r + m11·c + m12
     */
    static double[] matrix(double theta, double tRow, double tCol, double shear, double zx, double zy, int h, int w) {
        double cos = Math.cos(theta), sin = Math.sin(theta);
        double cs = Math.cos(theta + shear), ss = Math.sin(theta + shear);
        double lxx = zx * cos, lxy = -zy * ss, lyx = zx * sin, lyy = zy * cs; // (x, y) = (col, row)
        double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0;
        double sx = cos * tCol - sin * tRow, sy = sin * tCol + cos * tRow;
        return new double[] {
            lyy, lyx, cy - lyy * cy - lyx * cx + sy,
            lxy, lxx, cx - lxy * cy - lxx * cx + sx,
        };
    }

    /** Warps the HWC image at {@code off} of {@code in} into the same place of {@code out}. */
    static void warp(float[] in, float[] out, int off, int h, int w, int c, double[] m, FillMode mode, double cval, int order) {
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                int o = off + (r * w + col) * c;
                double sr = snap(m[0] * r + m[1] * col + m[2], h), sc = snap(m[3] * r + m[4] * col + m[5], w);
                if (mode == FillMode.CONSTANT && (sr < 0 || sr > h - 1 || sc < 0 || sc > w - 1)) {
                    for (int ch = 0; ch < c; ch++) out[o + ch] = (float) cval;
                    continue;
                }
                sr = mapCoordinate(sr, h, mode);
                sc = mapCoordinate(sc, w, mode);
                if (order == 0) {
                    int ir = clamp((int) Math.floor(sr + 0.5), h), ic = clamp((int) Math.floor(sc + 0.5), w);
                    System.arraycopy(in, off + (ir * w + ic) * c, out, o, c);
                    continue;
                }
                int r0 = (int) Math.floor(sr), c0 = (int) Math.floor(sc);
                double fr = sr - r0, fc = sc - c0;
                // after mapping, a reflected coordinate may lie in (−1, 0) or (n − 1, n): its outer neighbour is the edge
                int r1 = clamp(r0 + 1, h), c1 = clamp(c0 + 1, w);
                r0 = clamp(r0, h);
                c0 = clamp(c0, w);
                int p00 = off + (r0 * w + c0) * c, p01 = off + (r0 * w + c1) * c;
                int p10 = off + (r1 * w + c0) * c, p11 = off + (r1 * w + c1) * c;
                for (int ch = 0; ch < c; ch++) {
                    double v = (1 - fr) * ((1 - fc) * in[p00 + ch] + fc * in[p01 + ch])
                            + fr * ((1 - fc) * in[p10 + ch] + fc * in[p11 + ch]);
                    out[o + ch] = (float) v;
                }
            }
        }
    }

    /**
     * A coordinate within 1e-9 of the image's edge is on it: a rotation by exactly 90° yields −1e-16 for an
     * edge pixel, which scipy would read as outside (cval, or the far side with "wrap") by rounding alone.
     */
    private static double snap(double x, int n) {
        if (x < 0 && x > -EDGE) return 0;
        if (x > n - 1 && x < n - 1 + EDGE) return n - 1;
        return x;
    }

    private static int clamp(int i, int n) { return i < 0 ? 0 : (i >= n ? n - 1 : i); }

    /** scipy.ndimage's mapping of a coordinate outside [0, n − 1] back into the image, per fill mode. */
    static double mapCoordinate(double x, int n, FillMode mode) {
        if (x >= 0 && x <= n - 1) return x;
        if (n == 1) return 0;
        switch (mode) {
            case NEAREST:
            case CONSTANT:
                return x < 0 ? 0 : n - 1;
            case REFLECT: {
                double period = 2.0 * n, m = x - period * Math.floor(x / period);
                return m >= n ? period - 1 - m : m;
            }
            default: { // scipy's "wrap": period n − 1, so a coordinate of −(n − 1) lands on n − 1, not 0
                double period = n - 1;
                if (x < 0) return x + period * (Math.floor(-x / period) + 1);
                return x - period * Math.floor(x / period);
            }
        }
    }
}
