package dev.kiln.model;

import static dev.kiln.model.Fixtures.assertSameWeights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void saveBestOnlyWritesImprovingEpochsWithFormattedNames() throws Exception {
        Sequential m = Fixtures.blobsModel(1);
        ModelCheckpoint ckpt = new ModelCheckpoint(dir.resolve("ckpt-{epoch:02d}-{val_loss:.1f}.kiln")).saveBestOnly(true);
        m.fit(Fixtures.trainX().slice(0, 64), Fixtures.trainY().slice(0, 64),
                Fit.epochs(4).verbose(0).callbacks(new Scripted("val_loss", 3, 2, 2.5, 1), ckpt));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("ckpt-01-3.0.kiln", "ckpt-02-2.0.kiln", "ckpt-04-1.0.kiln"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(1.0, ckpt.best());
        assertSameWeights(m.getWeights(), Sequential.load(ckpt.lastSaved()).getWeights());
    }

    @Test
    void everyEpochOverwritesAPlainPath() {
        Sequential m = Fixtures.blobsModel(1);
        Path file = dir.resolve("last.kiln");
        m.fit(Fixtures.trainX().slice(0, 64), Fixtures.trainY().slice(0, 64), Fit.epochs(2).verbose(0).callbacks(new ModelCheckpoint(file)));
        assertSameWeights(m.getWeights(), Sequential.load(file).getWeights());
    }

    @Test
    void formatting() {
        assertEquals("m-07-0.25.kiln", ModelCheckpoint.format("m-{epoch:02d}-{loss:.2f}.kiln", 6, Map.of("loss", 0.25)));
        assertTrue(ModelCheckpoint.format("{epoch}", 0, Map.of()).equals("1"));
        assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.format("{nope}", 0, Map.of()));
    }
}
