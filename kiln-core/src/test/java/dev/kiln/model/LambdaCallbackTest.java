package dev.kiln.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaCallbackTest {
    @Test
    void eventsArriveInKerasOrder() {
        List<String> events = new ArrayList<>();
        LambdaCallback cb = new LambdaCallback()
                .onTrainBegin(l -> events.add("train+"))
                .onEpochBegin((e, l) -> events.add("epoch" + e + "+"))
                .onTrainBatchBegin((b, l) -> events.add("b" + b + "+"))
                .onTrainBatchEnd((b, l) -> events.add("b" + b + "-"))
                .onEpochEnd((e, l) -> events.add("epoch" + e + "-" + l.keySet()))
                .onTrainEnd(l -> events.add("train-"));
        Sequential m = Fixtures.blobsModel(1);
        m.fit(Fixtures.trainX().slice(0, 40), Fixtures.trainY().slice(0, 40), Fit.epochs(2).batchSize(32).verbose(0).callbacks(cb));
        assertEquals(List.of("train+", "epoch0+", "b0+", "b0-", "b1+", "b1-", "epoch0-[loss, accuracy]",
                "epoch1+", "b0+", "b0-", "b1+", "b1-", "epoch1-[loss, accuracy]", "train-"), events);
        assertEquals(m, cb.model());
        assertFalse(new LambdaCallback().onEpochEnd((e, l) -> {}).wantsBatchEvents());
    }
}
