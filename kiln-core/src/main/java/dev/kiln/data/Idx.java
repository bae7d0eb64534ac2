package dev.kiln.data;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed (detected from the
 * first two bytes).
 *
 * <p>Format: two zero bytes, a type byte (0x08 unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32,
 * 0x0D float32, 0x0E float64), the number of dimensions, each dimension as a big-endian int32, then the
 * values big-endian in row-major order. A header is never trusted for an allocation: the payload buffer
 * grows only as bytes actually arrive, so a truncated file or a lying header fails with a clear message
 * instead of allocating what the header claims.
 *
 * <pre>{@code
 * Idx.Array images = Idx.read(Path.of("train-images-idx3-ubyte.gz"));
 * Tensor x = images.toTensor(DType.FLOAT32);   // (60000, 28, 28), values 0..255
 * }</pre>
 */
public final class Idx {
    private Idx() {}

    /** Largest payload accepted, in bytes (arrays are indexed by int). */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /** The element types of IDX. */
    public enum Type {
        UBYTE(0x08, 1), BYTE(0x09, 1), SHORT(0x0B, 2), INT(0x0C, 4), FLOAT(0x0D, 4), DOUBLE(0x0E, 8);

        final int code;
        final int bytes;

        Type(int code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        static Type of(int code, String source) {
            for (Type t : values()) if (t.code == code) return t;
            throw new IllegalArgumentException("Idx: " + source + ": unknown element type 0x"
                    + Integer.toHexString(code) + " (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)");
        }
    }

    /**
     * The contents of an IDX file: element type, shape and the raw big-endian payload.
     *
     * @param type element type
     * @param shape dimensions, outermost first
     * @param data payload, {@code prod(shape) * type size} bytes, big-endian
     */
    public record Array(Type type, int[] shape, byte[] data) {
        /** Number of elements. */
        public int size() {
            return data.length / type.bytes;
        }

        /** Element {@code i} (row-major) as a double; unsigned bytes read as 0..255. */
        public double get(int i) {
            switch (type) {
                case UBYTE: return data[i] & 0xff;
                case BYTE: return data[i];
                case SHORT: return (short) (((data[2 * i] & 0xff) << 8) | (data[2 * i + 1] & 0xff));
                case INT: return intAt(4 * i);
                case FLOAT: return Float.intBitsToFloat(intAt(4 * i));
                default: return Double.longBitsToDouble(((long) intAt(8 * i) << 32) | (intAt(8 * i + 4) & 0xffffffffL));
            }
        }

        private int intAt(int k) {
            return ((data[k] & 0xff) << 24) | ((data[k + 1] & 0xff) << 16) | ((data[k + 2] & 0xff) << 8)
                    | (data[k + 3] & 0xff);
        }

        /** All elements as ints (for labels); fails for float types. */
        public int[] toIntArray() {
            if (type == Type.FLOAT || type == Type.DOUBLE) {
                throw new IllegalStateException("Idx: toIntArray on a " + type + " array");
            }
            int[] out = new int[size()];
            for (int i = 0; i < out.length; i++) out[i] = (int) get(i);
            return out;
        }

        /** All elements as floats (unsigned bytes as 0..255). */
        public float[] toFloatArray() {
            float[] out = new float[size()];
            if (type == Type.UBYTE) {
                for (int i = 0; i < out.length; i++) out[i] = data[i] & 0xff;
            } else {
                for (int i = 0; i < out.length; i++) out[i] = (float) get(i);
            }
            return out;
        }

        /** All elements as doubles. */
        public double[] toDoubleArray() {
            double[] out = new double[size()];
            for (int i = 0; i < out.length; i++) out[i] = get(i);
            return out;
        }

        /** A tensor of this shape: FLOAT32 (no extra copy), FLOAT64, or INT32 (integer types only). */
        public Tensor toTensor(DType dtype) {
            switch (dtype) {
                case FLOAT32: return Tensor.wrap(toFloatArray(), shape.clone());
                case INT32: {
                    int[] v = toIntArray();
                    double[] d = new double[v.length];
                    for (int i = 0; i < v.length; i++) d[i] = v[i];
                    return Tensor.fromFlat(d, DType.INT32, shape.clone());
                }
                default: return Tensor.fromFlat(toDoubleArray(), DType.FLOAT64, shape.clone());
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Array && ((Array) o).type == type && Arrays.equals(((Array) o).shape, shape)
                    && Arrays.equals(((Array) o).data, data);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Idx.Array[" + type + " " + Arrays.toString(shape) + "]";
        }
    }

    /**
     * Reads an IDX file, gunzipping it when it starts with the gzip magic.
     *
     * @throws IllegalArgumentException if the file is not valid IDX (message names the file and the fault)
     * @throws UncheckedIOException if it cannot be read
     */
    public static Array read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Idx: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads IDX from a stream (plain or gzip); {@code source} names it in error messages. */
    public static Array read(InputStream raw, String source) throws IOException {
        BufferedInputStream b = new BufferedInputStream(raw, 1 << 16);
        b.mark(2);
        int m0 = b.read();
        int m1 = b.read();
        b.reset();
        InputStream in = (m0 == 0x1f && m1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(b, 1 << 16), 1 << 16) : b;
        byte[] head = readHeader(in, 4, source, "magic number");
        if (head[0] != 0 || head[1] != 0) {
            throw new IllegalArgumentException("Idx: " + source + ": not an IDX file (magic starts with 0x"
                    + String.format("%02x%02x", head[0], head[1]) + ", expected 0x0000)");
        }
        Type type = Type.of(head[2] & 0xff, source);
        int rank = head[3] & 0xff;
        if (rank == 0) throw new IllegalArgumentException("Idx: " + source + ": zero dimensions in the header");
        ByteBuffer dims = ByteBuffer.wrap(readHeader(in, 4 * rank, source, rank + " dimension sizes"));
        int[] shape = new int[rank];
        long bytes = type.bytes;
        for (int i = 0; i < rank; i++) {
            shape[i] = dims.getInt();
            if (shape[i] < 0) {
                throw new IllegalArgumentException("Idx: " + source + ": dimension " + i + " is negative ("
                        + Integer.toUnsignedString(shape[i]) + " as unsigned); header is corrupt");
            }
            bytes *= shape[i];
            if (bytes > MAX_BYTES) {
                throw new IllegalArgumentException("Idx: " + source + ": header declares shape "
                        + Arrays.toString(Arrays.copyOf(shape, i + 1)) + "... of more than " + MAX_BYTES
                        + " bytes; header is corrupt or the file is too large");
            }
        }
        byte[] data = readPayload(in, (int) bytes, source, shape);
        if (in.read() != -1) {
            throw new IllegalArgumentException("Idx: " + source + ": data continues after the " + bytes
                    + " bytes the header declares for shape " + Arrays.toString(shape));
        }
        return new Array(type, shape, data);
    }

    private static byte[] readHeader(InputStream in, int n, String source, String what) throws IOException {
        byte[] out = new byte[n];
        int got = in.readNBytes(out, 0, n);
        if (got < n) {
            throw new IllegalArgumentException("Idx: " + source + ": file ends inside the header (" + what + ")");
        }
        return out;
    }

    /** Reads {@code expected} bytes, growing the buffer only as data arrives. */
    private static byte[] readPayload(InputStream in, int expected, String source, int[] shape) throws IOException {
        byte[] buf = new byte[Math.min(expected, 1 << 20)];
        int got = 0;
        while (got < expected) {
            if (got == buf.length) buf = Arrays.copyOf(buf, (int) Math.min(expected, 2L * buf.length));
            int r;
            try {
                r = in.read(buf, got, buf.length - got);
            } catch (EOFException e) {
                r = -1;
            }
            if (r < 0) {
                throw new IllegalArgumentException("Idx: " + source + ": truncated: header declares shape "
                        + Arrays.toString(shape) + " (" + expected + " bytes of data) but the file holds " + got);
            }
            got += r;
        }
        return buf;
    }
}
