package dev.kiln.data;

import java.util.Iterator;

/**
 * A source of training batches that {@code Sequential.fit} can draw from epoch after epoch: in-memory
 * batches, augmenting generators, files. Epochs are numbered from 0; a source may use the number to
 * seed its order or augmentation, so a resumed run sees the same batches.
 *
 * <pre>{@code
 * BatchSource source = ...;                  // e.g. an augmenting image generator's flow
 * History h = model.fit(source, Fit.epochs(10));
 * }</pre>
 */
public interface BatchSource {
    /** The batches of epoch {@code epoch} (0-based), {@link #batchesPerEpoch()} of them. */
    Iterator<Batch> epoch(int epoch);

    /** Number of batches each epoch yields (the progress bar's target). */
    int batchesPerEpoch();

    /** Number of samples each epoch covers. */
    int size();
}
