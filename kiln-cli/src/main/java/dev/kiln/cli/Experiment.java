package dev.kiln.cli;

/**
 * One experiment of the loss-choice study: which data, which network, which loss, and the figures the
 * study published for it.
 *
 * <p>The network is always {@code inputs → Dense(hidden, relu, he_uniform) → Dense(outputs, activation)},
 * trained with batch size 32, shuffling every epoch, and the test half as validation data.
 *
 * @param id short name used on the command line ({@code --experiment binary-bce})
 * @param data the dataset and label encoding
 * @param loss the loss as Keras names it in the study ({@code "binary_crossentropy"})
 * @param activation the output layer's activation
 * @param hidden units of the hidden layer
 * @param outputs units of the output layer
 * @param epochs training epochs
 * @param optimizer {@code SGD(0.01, momentum 0.9)} or {@code Adam(0.001)}
 * @param metric the figure reported: {@code "mse"} or {@code "accuracy"}
 * @param kerasTrain the study's published train figure, or NaN if it published none
 * @param kerasTest the study's published test figure, or NaN
 * @param tolerance how far the mean over five seeds may land from the published figure
 * @param story what the learning curves show, for the report
 */
public record Experiment(String id, StudyData.Kind data, String loss, String activation, int hidden, int outputs,
        int epochs, Optimizer optimizer, String metric, double kerasTrain, double kerasTest, double tolerance,
        String story) {

    /** The optimizers of the two studies. */
    public enum Optimizer {
        /** {@code SGD(learning_rate=0.01, momentum=0.9)}, the loss study's. */
        SGD_MOMENTUM("SGD(0.01, momentum 0.9)"),
        /** {@code Adam(learning_rate=0.001)}, the learning-rate study's. */
        ADAM("Adam(0.001)");

        private final String label;

        Optimizer(String label) {
            this.label = label;
        }

        /** How the optimizer is shown in tables. */
        public String label() {
            return label;
        }
    }

    /** Whether the study's figure is the Keras 2 rounding accuracy of a ±1-label hinge loss. */
    public boolean hinge() {
        return data == StudyData.Kind.CIRCLES_SIGNED;
    }

    /** Whether the study published a figure for this experiment. */
    public boolean published() {
        return !Double.isNaN(kerasTrain);
    }

    /** Whether the figure is an error (lower is better) rather than an accuracy. */
    public boolean regression() {
        return data == StudyData.Kind.REGRESSION;
    }

    /** The epochs to run with the given scale, at least one. */
    public int epochs(double scale) {
        return Math.max(1, (int) Math.round(epochs * scale));
    }
}
