package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** IDX files written by the test: every element type, gzip or plain, and broken files. */
class IdxTest {

    /** An IDX header for the type code and dimensions, followed by {@code payload}. */
    static byte[] idx(int type, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.put(payload);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    static Idx.Array read(byte[] bytes) throws IOException {
        return Idx.read(new ByteArrayInputStream(bytes), "test.idx");
    }

    @Test
    void readsEveryElementTypeBigEndianPlainAndGzip() throws IOException {
        int[] dims = {2, 3};
        double[] values = {0, 1, 2, 127, 100, 5};
        ByteBuffer ub = ByteBuffer.allocate(6);
        ByteBuffer sh = ByteBuffer.allocate(12);
        ByteBuffer in = ByteBuffer.allocate(24);
        ByteBuffer fl = ByteBuffer.allocate(24);
        ByteBuffer db = ByteBuffer.allocate(48);
        for (double v : values) {
            ub.put((byte) v);
            sh.putShort((short) -v);
            in.putInt((int) v * 1000);
            fl.putFloat((float) (v / 4));
            db.putDouble(v / 3);
        }
        Object[][] cases = {
            {0x08, ub.array(), values},
            {0x0B, sh.array(), Arrays.stream(values).map(v -> 0.0 - v).toArray()},
            {0x0C, in.array(), Arrays.stream(values).map(v -> v * 1000).toArray()},
            {0x0D, fl.array(), Arrays.stream(values).map(v -> (float) (v / 4)).toArray()},
            {0x0E, db.array(), Arrays.stream(values).map(v -> v / 3).toArray()},
        };
        for (Object[] c : cases) {
            byte[] file = idx((Integer) c[0], dims, (byte[]) c[1]);
            for (byte[] bytes : new byte[][] {file, gzip(file)}) {
                Idx.Array a = read(bytes);
                assertArrayEquals(dims, a.shape());
                assertArrayEquals((double[]) c[2], a.toDoubleArray(), "type 0x" + Integer.toHexString((Integer) c[0]));
            }
        }
        Idx.Array ubytes = read(idx(0x08, new int[] {3}, new byte[] {(byte) 255, (byte) 128, 9}));
        assertArrayEquals(new int[] {255, 128, 9}, ubytes.toIntArray());
        Idx.Array sbytes = read(idx(0x09, new int[] {2}, new byte[] {(byte) 255, 9}));
        assertArrayEquals(new int[] {-1, 9}, sbytes.toIntArray());
    }

    @Test
    void convertsToTensors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("images-idx3-ubyte.gz");
        Files.write(file, gzip(idx(0x08, new int[] {2, 2, 2}, new byte[] {0, 1, 2, 3, 4, 5, 6, (byte) 255})));
        Idx.Array a = Datasets.readIdx(file);
        Tensor f = a.toTensor(DType.FLOAT32);
        assertEquals(Shape.of(2, 2, 2), f.shape());
        assertEquals(DType.FLOAT32, f.dtype());
        assertEquals(255.0, f.getDouble(1, 1, 1));
        assertEquals(DType.INT32, a.toTensor(DType.INT32).dtype());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 255}, a.toTensor(DType.FLOAT64).toDoubleArray());
    }

    static Stream<Arguments> brokenFiles() {
        byte[] good = idx(0x08, new int[] {2, 3}, new byte[6]);
        byte[] lyingHuge = idx(0x08, new int[] {60000, 28, 28}, new byte[10]);
        byte[] overflow = idx(0x0E, new int[] {65536, 65536}, new byte[8]);
        byte[] negative = idx(0x08, new int[] {-1}, new byte[1]);
        return Stream.of(
                broken("truncated payload", Arrays.copyOf(good, good.length - 2), "truncated", "holds 4"),
                broken("header claims 47 MB, file has 10 bytes", lyingHuge, "truncated", "47040000 bytes"),
                broken("header claims 32 GiB", overflow, "more than", "corrupt"),
                broken("negative dimension", negative, "negative", "corrupt"),
                broken("extra data", Arrays.copyOf(good, good.length + 3), "continues after", "6 bytes"),
                broken("bad magic", new byte[] {1, 2, 8, 1, 0, 0, 0, 0}, "not an IDX file", "0x0102"),
                broken("unknown type", idx(0x07, new int[] {1}, new byte[1]), "unknown element type 0x7"),
                broken("ends in header", Arrays.copyOf(good, 6), "ends inside the header"),
                broken("empty", new byte[0], "ends inside the header"),
                broken("zero dimensions", new byte[] {0, 0, 8, 0}, "zero dimensions"));
    }

    private static Arguments broken(String label, byte[] bytes, String... parts) {
        return Arguments.of(label, bytes, (Object) parts);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFilesFailClearlyPlainAndGzip(String label, byte[] bytes, String... parts) throws IOException {
        for (byte[] b : new byte[][] {bytes, gzip(bytes)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(b));
            for (String p : parts) {
                assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' lacks '" + p + "'");
            }
            assertTrue(e.getMessage().contains("test.idx"), e.getMessage());
        }
    }

    @Test
    void lyingHeaderAllocatesOnlyWhatArrives() throws IOException {
        // 2 GiB declared, 1 KiB present: must fail fast with the truncation message, not OutOfMemoryError.
        byte[] bytes = idx(0x08, new int[] {2047, 1024, 1024}, new byte[1024]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(gzip(bytes)));
        assertTrue(e.getMessage().contains("holds 1024"), e.getMessage());
    }
}
