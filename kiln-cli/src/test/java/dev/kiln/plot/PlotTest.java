package dev.kiln.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlotTest {
    @Test
    void decimalsWritesTickLabelsLikeItsPattern() {
        Function<Double, String> three = Plot.decimals(3);
        assertEquals("0", three.apply(0.0));
        assertEquals("1", three.apply(1.0));
        assertEquals("0.123", three.apply(0.12345));
        assertEquals("-1.5", three.apply(-1.5));
        assertEquals("0.05", three.apply(0.05));
        assertEquals("12", three.apply(12.0001));
        assertEquals("0", three.apply(-0.0001), "a value that rounds to zero has no sign");
        assertEquals("-2.88", Plot.decimals(2).apply(-2.8812));
        assertEquals("90", Plot.decimals(0).apply(90.0));
        assertEquals("NaN", three.apply(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Plot.decimals(10));
    }

    @Test
    void decimalsAgreesWithDecimalFormatAwayFromTies() {
        DecimalFormat format = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        Function<Double, String> three = Plot.decimals(3);
        SplittableRandom rnd = new SplittableRandom(5);
        int compared = 0;
        for (int i = 0; i < 20_000; i++) {
            double v = (rnd.nextDouble() * 2 - 1) * Math.pow(10, rnd.nextInt(-4, 6));
            double scaled = Math.abs(v) * 1000;
            if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) continue;   // a near-tie rounds either way
            String expected = format.format(v);
            if (expected.equals("-0")) expected = "0";
            assertEquals(expected, three.apply(v), "value " + v);
            compared++;
        }
        assertEquals(true, compared > 19_000, "compared " + compared);
    }
}
