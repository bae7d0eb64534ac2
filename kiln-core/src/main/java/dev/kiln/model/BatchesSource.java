package dev.kiln.model;

import dev.kiln.data.Batch;
import dev.kiln.data.BatchSource;
import dev.kiln.data.Batches;
import java.util.Iterator;

/** In-memory {@link Batches} seen as a {@link BatchSource}. */
final class BatchesSource implements BatchSource {
    private final Batches batches;

    BatchesSource(Batches batches) { this.batches = batches; }

    @Override
    public Iterator<Batch> epoch(int epoch) { return batches.epoch(epoch); }

    @Override
    public int batchesPerEpoch() { return batches.numBatches(); }

    @Override
    public int size() { return batches.size(); }
}
