package dev.kiln.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CSVLoggerTest {
    @TempDir
    Path dir;

    @Test
    void oneSortedHeaderThenARowPerEpochAndAppend() throws Exception {
        Path file = dir.resolve("log.csv");
        Sequential m = Fixtures.blobsModel(1);
        History h = m.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(3).validationSplit(0.2).verbose(0).callbacks(new CSVLogger(file)));
        List<String> lines = Files.readAllLines(file);
        assertEquals("epoch,accuracy,loss,val_accuracy,val_loss", lines.get(0));
        assertEquals(4, lines.size());
        String[] row = lines.get(3).split(",");
        assertEquals("2", row[0]);
        assertEquals(h.get("loss")[2], Double.parseDouble(row[2]));
        assertEquals(h.get("val_accuracy")[2], Double.parseDouble(row[3]));
        m.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(2).validationSplit(0.2).verbose(0).callbacks(new CSVLogger(file).append(true)));
        lines = Files.readAllLines(file);
        assertEquals(6, lines.size());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("epoch")).count());
        m.fit(Fixtures.trainX(), Fixtures.trainY(), Fit.epochs(1).verbose(0).callbacks(new CSVLogger(file).separator(";")));
        assertEquals(List.of("epoch;accuracy;loss"), Files.readAllLines(file).subList(0, 1));
        assertEquals(2, Files.readAllLines(file).size());
    }
}
