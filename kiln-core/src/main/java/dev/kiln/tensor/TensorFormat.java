package dev.kiln.tensor;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * numpy-like printing: {@code tensor([[1. , 2.5], [3. , 4. ]])}, one row per line, elements right-aligned
 * to a common width, summarised with {@code ...} beyond 1000 elements (3 items at each edge), and the
 * dtype named when it is not the default float32.
 */
final class TensorFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;
    private static final String PREFIX = "tensor(";

    private TensorFormat() {}

    static String format(Tensor t) {
        boolean summarise = t.size() > THRESHOLD;
        boolean scientific = useScientific(t);
        // numpy aligns the decimal points: integer parts right-aligned, fractions left-aligned
        int left = 0, right = 0;
        for (int i = 0; i < t.size(); i++) {
            String s = element(t, t.getFlat(i), scientific);
            int dot = s.indexOf('.');
            if (dot < 0 || scientific) { left = Math.max(left, s.length()); continue; }
            left = Math.max(left, dot);
            right = Math.max(right, s.length() - dot - 1);
        }
        int[] layout = {left, right};
        StringBuilder b = new StringBuilder(PREFIX);
        if (t.rank() == 0) {
            b.append(element(t, t.getFlat(0), scientific));
        } else {
            appendAxis(b, t, 0, 0, layout, scientific, summarise, PREFIX.length() + 1);
        }
        if (t.dtype != DType.FLOAT32) b.append(", dtype=").append(t.dtype.pythonName());
        return b.append(')').toString();
    }

    private static void appendAxis(StringBuilder b, Tensor t, int axis, int offset, int[] layout, boolean sci,
                                   boolean summarise, int indent) {
        int n = t.shape.dim(axis);
        int stride = 1;
        for (int i = axis + 1; i < t.rank(); i++) stride *= t.shape.dim(i);
        b.append('[');
        boolean last = axis == t.rank() - 1;
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                b.append(last ? "..., " : "...,\n" + " ".repeat(indent));
                i = n - EDGE;
            }
            if (last) {
                b.append(pad(element(t, t.getFlat(offset + i), sci), layout, sci));
            } else {
                appendAxis(b, t, axis + 1, offset + i * stride, layout, sci, summarise, indent + 1);
            }
            if (i < n - 1) {
                if (last) b.append(", ");
                else b.append(",").append("\n".repeat(t.rank() - axis - 1)).append(" ".repeat(indent));
            }
        }
        b.append(']');
    }

    private static String pad(String s, int[] layout, boolean sci) {
        int dot = s.indexOf('.');
        if (dot < 0 || sci) return " ".repeat(Math.max(0, layout[0] - s.length())) + s;
        int frac = s.length() - dot - 1;
        return " ".repeat(Math.max(0, layout[0] - dot)) + s + " ".repeat(Math.max(0, layout[1] - frac));
    }

    private static boolean useScientific(Tensor t) {
        if (!t.dtype.isFloating()) return false;
        double max = 0, min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < t.size(); i++) {
            double a = Math.abs(t.getFlat(i));
            if (!Double.isFinite(a) || a == 0) continue;
            max = Math.max(max, a);
            min = Math.min(min, a);
        }
        return max >= 1e8 || (min < 1e-4 && min != Double.POSITIVE_INFINITY) || (max > 0 && max / min > 1e3 && min < 1e-4);
    }

    private static String element(Tensor t, double v, boolean sci) {
        if (!t.dtype.isFloating()) return Long.toString((long) v);
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (sci) {
            String s = String.format(Locale.ROOT, "%.8e", v);
            int e = s.indexOf('e');
            String mant = s.substring(0, e).replaceAll("0+$", "");
            return mant + s.substring(e);
        }
        double shortest = t.dtype == DType.FLOAT32 ? Double.parseDouble(Float.toString((float) v)) : v;
        BigDecimal bd = new BigDecimal(Double.toString(shortest)).setScale(8, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
        String s = bd.scale() <= 0 ? bd.toBigInteger().toString() + "." : bd.toPlainString();
        return s.equals("-0.") ? "-0." : s;
    }
}
