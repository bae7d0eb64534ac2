package dev.kiln.model;

import dev.kiln.nn.InputLayer;
import dev.kiln.nn.Layer;
import dev.kiln.tensor.Shape;
import java.util.Locale;

/**
 * Keras's {@code model.summary()} table: a row per layer with its name and class, output shape and
 * parameter count, then the totals, in Keras's 65-column layout.
 */
final class Summary {
    static final int LINE = 65;
    private static final int[] COLUMNS = {29, 55, 65};

    private Summary() {}

    static String of(Sequential model) {
        if (model.inputShape() != null && !model.layers().isEmpty()) model.build();
        StringBuilder b = new StringBuilder();
        b.append("Model: \"").append(model.name()).append("\"\n");
        b.append("_".repeat(LINE)).append('\n');
        b.append(row("Layer (type)", "Output Shape", "Param #"));
        b.append("=".repeat(LINE)).append('\n');
        Shape s = model.inputShape();
        long trainable = 0, nonTrainable = 0;
        // Keras lists no row for the input layer: it only declares the shape.
        int last = model.layers().size() - 1;
        while (last > 0 && model.layers().get(last) instanceof InputLayer) last--;
        for (int i = 0; i < model.layers().size(); i++) {
            Layer l = model.layers().get(i);
            s = s == null ? null : l.outputShape(s);
            if (l instanceof InputLayer) continue;
            long params = l.built() ? l.countParams() : 0;
            for (var w : l.trainableWeights()) trainable += w.size();
            for (var w : l.nonTrainableWeights()) nonTrainable += w.size();
            b.append(row(l.name() + " (" + l.getClass().getSimpleName() + ")", s == null ? "?" : s.toString(),
                    l.built() ? Long.toString(params) : "0 (unbuilt)"));
            b.append(i == last ? "=".repeat(LINE) : "_".repeat(LINE)).append('\n');
        }
        if (model.layers().isEmpty()) b.append("=".repeat(LINE)).append('\n');
        b.append("Total params: ").append(String.format(Locale.ROOT, "%,d", trainable + nonTrainable)).append('\n');
        b.append("Trainable params: ").append(String.format(Locale.ROOT, "%,d", trainable)).append('\n');
        b.append("Non-trainable params: ").append(String.format(Locale.ROOT, "%,d", nonTrainable)).append('\n');
        b.append("_".repeat(LINE)).append('\n');
        return b.toString();
    }

    private static String row(String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            int start = line.length();
            String f = fields[i];
            int room = COLUMNS[i] - start;
            // Keras truncates a field to its column and pads it with spaces.
            line.append(f.length() > room - 1 && i < fields.length - 1 ? f.substring(0, Math.max(0, room - 1)) : f);
            while (line.length() < COLUMNS[i]) line.append(' ');
        }
        return line.toString().replaceAll("\\s+$", "") + "\n";
    }
}
