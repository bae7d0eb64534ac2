package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The normal quantile against scipy's {@code norm.ppf}. */
class NormalQuantileTest {

    @Test
    void matchesScipyToAFewUlp() {
        Map<String, Object> ref = dev.kiln.testing.Json.obj(LowRankMatrixTest.EXTRAS.get("norm_ppf"));
        double[] p = LowRankMatrixTest.strings(ref.get("p"));
        double[] want = LowRankMatrixTest.strings(ref.get("ppf"));
        double worst = 0;
        for (int i = 0; i < p.length; i++) {
            double got = NormalQuantile.ppf(p[i]);
            double rel = want[i] == 0 ? Math.abs(got) : Math.abs(got - want[i]) / Math.abs(want[i]);
            worst = Math.max(worst, rel);
            assertTrue(rel <= 1e-14, "ppf(" + p[i] + "): expected " + want[i] + " but was " + got);
        }
        System.out.println("NormalQuantileTest: largest relative difference from scipy " + worst);
        assertEquals(RobustScaler.NORMAL_IQR, NormalQuantile.ppf(0.75) - NormalQuantile.ppf(0.25), 4e-16);
    }

    @Test
    void refusesProbabilitiesOutsideTheOpenUnitInterval() {
        for (double p : new double[] {0, 1, -0.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NormalQuantile.ppf(p));
            assertTrue(e.getMessage().contains("(0, 1)") && e.getMessage().contains(String.valueOf(p)));
        }
    }
}
