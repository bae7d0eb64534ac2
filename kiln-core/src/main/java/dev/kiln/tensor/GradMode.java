package dev.kiln.tensor;

/**
 * Turns gradient recording off for a block, as PyTorch's {@code torch.no_grad()}:
 *
 * <pre>{@code
 * try (GradMode g = GradMode.off()) {
 *     Tensor y = model.call(x);   // no graph is built
 * }
 * }</pre>
 *
 * The setting is per thread and the previous one is restored on close, so blocks nest.
 */
public final class GradMode implements AutoCloseable {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});
    private final boolean previous;

    private GradMode(boolean enabled) {
        boolean[] cell = ENABLED.get();
        previous = cell[0];
        cell[0] = enabled;
    }

    /** Disables recording until {@link #close()}. */
    public static GradMode off() { return new GradMode(false); }

    /** Enables recording until {@link #close()} (inside an {@link #off()} block). */
    public static GradMode on() { return new GradMode(true); }

    /** Whether operations on this thread record the graph for {@link Tensor#backward()}. */
    public static boolean enabled() { return ENABLED.get()[0]; }

    @Override
    public void close() { ENABLED.get()[0] = previous; }
}
