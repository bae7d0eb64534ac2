package dev.kiln.data;

import static dev.kiln.data.Vectors.assertBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RandomStateTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, 4294967295L})
    void next32MatchesGenrandInt32(long seed) {
        long[] expected = Vectors.longs("genrand_int32_seed" + seed);
        RandomState rs = new RandomState(seed);
        long[] actual = new long[expected.length];
        for (int i = 0; i < actual.length; i++) actual[i] = Integer.toUnsignedLong(rs.next32());
        assertArrayEquals(expected, actual);
    }

    static Stream<Arguments> doubleVectors() {
        return Stream.of(
                Arguments.of("random_sample_seed1", (Function<RandomState, double[]>) rs -> rs.randomSample(10)),
                Arguments.of("standard_normal_seed1", (Function<RandomState, double[]>) rs -> rs.standardNormal(10)),
                Arguments.of("standard_normal_odd_seed1", (Function<RandomState, double[]>) rs -> rs.standardNormal(3)),
                Arguments.of("uniform_m5_5_seed1", (Function<RandomState, double[]>) rs -> rs.uniform(-5, 5, 5)),
                Arguments.of("normal_3_2p5_seed1", (Function<RandomState, double[]>) rs -> rs.normal(3, 2.5, 5)),
                Arguments.of("randint_0_10_seed1", (Function<RandomState, double[]>) rs -> Vectors.asDoubles(rs.randint(0, 10, 10))),
                Arguments.of("randint_m3_7_seed1", (Function<RandomState, double[]>) rs -> Vectors.asDoubles(rs.randint(-3, 7, 10))),
                Arguments.of("randint_scalar_0_10_x5_seed1", (Function<RandomState, double[]>) rs -> {
                    double[] out = new double[5];
                    for (int i = 0; i < 5; i++) out[i] = rs.randint(0, 10);
                    return out;
                }),
                Arguments.of("permutation_10_seed1", (Function<RandomState, double[]>) rs ->
                        Arrays.stream(rs.permutation(10)).asDoubleStream().toArray()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doubleVectors")
    void matchesNumpyBitForBit(String vector, Function<RandomState, double[]> draw) {
        assertBits(Vectors.doubles(vector), draw.apply(new RandomState(1)), vector);
    }

    @Test
    void randintOver32BitsUsesHighHalfFirst() {
        assertArrayEquals(Vectors.longs("randint_0_2pow40_seed1"), new RandomState(1).randint(0, 1L << 40, 5));
    }

    @Test
    void gaussianCacheSurvivesUniformDraws() {
        RandomState rs = new RandomState(1);
        assertBits(Vectors.doubles("mixed_seed1/normal3"), rs.standardNormal(3), "normal3");
        assertBits(Vectors.doubles("mixed_seed1/uniform2"), rs.randomSample(2), "uniform2");
        assertBits(Vectors.doubles("mixed_seed1/normal2"), rs.standardNormal(2), "normal2");
    }

    @Test
    void reseedingClearsTheCacheAndRestartsTheStream() {
        RandomState rs = new RandomState(1);
        rs.standardNormal(3);
        rs.seed(1);
        assertBits(Vectors.doubles("standard_normal_seed1"), rs.standardNormal(10), "after seed(1)");
    }

    @Test
    void singleValueRangeDrawsNothing() {
        RandomState a = new RandomState(5);
        assertEquals(7, a.randint(7, 8));
        assertEquals(new RandomState(5).next32(), a.next32());
    }

    @Test
    void fullRangesUseUnmaskedDraws() {
        RandomState a = new RandomState(3);
        RandomState b = new RandomState(3);
        assertEquals(Integer.toUnsignedLong(b.next32()), a.randint(0, 1L << 32));
        assertEquals(Long.MIN_VALUE + b.next64(), a.randint(Long.MIN_VALUE, Long.MAX_VALUE) , "2^64-1 range wraps");
    }

    @Test
    void shuffleMovesRowsLikePermutation() {
        double[][] rows = new double[10][];
        for (int i = 0; i < 10; i++) rows[i] = new double[] {2 * i, 2 * i + 1};
        new RandomState(1).shuffle(rows);
        double[] flat = Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
        assertBits(Vectors.doubles("utils_shuffle_10_seed1/X"), flat, "shuffled rows");
        double[] d = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        new RandomState(1).shuffle(d);
        assertBits(Vectors.doubles("permutation_10_seed1"), d, "shuffled doubles");
        long[] l = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        new RandomState(1).shuffle(l);
        assertArrayEquals(Vectors.longs("permutation_10_seed1"), l);
    }

    @Test
    void uniformAndNormalAreInRangeOverManyDraws() {
        RandomState rs = new RandomState(7);
        double sum = 0;
        double sumSq = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double u = rs.randomSample();
            assertTrue(u >= 0 && u < 1);
            double g = rs.standardNormal();
            sum += g;
            sumSq += g * g;
        }
        assertEquals(0.0, sum / n, 0.01);
        assertEquals(1.0, sumSq / n, 0.01);
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertMessage(() -> new RandomState(-1), "seed", "-1");
        assertMessage(() -> new RandomState(1L << 32), "seed", "4294967296");
        assertMessage(() -> new RandomState(1).randint(3, 3), "low", "high=3");
        assertMessage(() -> new RandomState(1).normal(0, -1), "scale", "-1");
        assertMessage(() -> new RandomState(1).uniform(-Double.MAX_VALUE, Double.MAX_VALUE), "high - low", "finite");
        assertMessage(() -> new RandomState(1).permutation(-2), "size", "-2");
    }

    static void assertMessage(Runnable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void badCallLeavesStateUntouched() {
        RandomState a = new RandomState(9);
        assertThrows(IllegalArgumentException.class, () -> a.randint(5, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> a.seed(-5));
        assertEquals(new RandomState(9).next32(), a.next32());
    }
}
