package dev.kiln.nn;

import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Locale;

/**
 * Where the channel axis of an image batch is: {@code channels_last} (batch, height, width, channels),
 * Keras's default, or {@code channels_first} (batch, channels, height, width). Image layers compute in
 * channels-last and transpose a channels-first input in and out.
 *
 * <pre>{@code
 * new Conv2D(4, 5).dataFormat("channels_first").inputShape(1, 28, 28);
 * }</pre>
 */
public enum DataFormat {
    CHANNELS_LAST("channels_last"), CHANNELS_FIRST("channels_first");

    private final String keras;

    DataFormat(String keras) { this.keras = keras; }

    /** Keras's spelling, as in a layer config. */
    public String keras() { return keras; }

    /** "channels_last" or "channels_first" (case-insensitive); {@code owner} names the layer in the error. */
    public static DataFormat of(String name, String owner) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        for (DataFormat f : values()) if (f.keras.equals(n)) return f;
        throw new IllegalArgumentException(owner + ": dataFormat must be 'channels_last' or 'channels_first', got '" + name + "'");
    }

    /** The batch in channels-last order (a transpose for channels-first, else the same tensor). */
    Tensor toLast(Tensor x) { return this == CHANNELS_LAST ? x : x.transpose(0, 2, 3, 1); }

    /** The inverse of {@link #toLast}. */
    Tensor fromLast(Tensor x) { return this == CHANNELS_LAST ? x : x.transpose(0, 3, 1, 2); }

    /** A rank-4 shape in channels-last order. */
    Shape toLast(Shape s) { return this == CHANNELS_LAST ? s : Shape.of(s.dim(0), s.dim(2), s.dim(3), s.dim(1)); }

    /** A channels-last rank-4 shape in this format. */
    Shape fromLast(Shape s) { return this == CHANNELS_LAST ? s : Shape.of(s.dim(0), s.dim(3), s.dim(1), s.dim(2)); }

    /** Checks that an input shape is an image batch (rank 4), naming the layer and the expected layout. */
    Shape checkImages(Shape in, String owner) {
        if (in.rank() != 4) {
            String layout = this == CHANNELS_LAST ? "(batch, height, width, channels)" : "(batch, channels, height, width)";
            throw new IllegalArgumentException(owner + ": expected input of rank 4 " + layout + " (" + keras + "), received " + in);
        }
        return toLast(in);
    }
}
