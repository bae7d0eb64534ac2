package dev.kiln.tensor;

/**
 * The element types of a {@link Tensor}. FLOAT32 is the default, as in Keras; FLOAT64 serves gradient
 * checks and users who need it; INT32 holds integer labels and indices (arithmetic on it yields FLOAT32,
 * as Keras casts labels to the compute dtype).
 */
public enum DType {
    FLOAT32("float32"), FLOAT64("float64"), INT32("int32");

    private final String pythonName;

    DType(String pythonName) { this.pythonName = pythonName; }

    /** numpy's name for the type, e.g. {@code "float32"}. */
    public String pythonName() { return pythonName; }

    public boolean isFloating() { return this != INT32; }

    /** The type of a binary operation's result: FLOAT64 if either is FLOAT64, else FLOAT32. */
    static DType promote(DType a, DType b) {
        return (a == FLOAT64 || b == FLOAT64) ? FLOAT64 : FLOAT32;
    }

    @Override
    public String toString() { return pythonName; }
}
