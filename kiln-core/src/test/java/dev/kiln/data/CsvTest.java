package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvTest {
    static final String IRIS = "sepal_length,sepal_width,petal_length,species\n"
            + "5.1,3.5,1.4,setosa\n"
            + "7.0,3.2,4.7,versicolor\n"
            + "\n"
            + "6.3, 3.3 ,6.0,virginica\n"
            + "4.9,3.0,1.4,setosa\n";

    @Test
    void readsFeaturesAndLabelEncodedTarget(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("iris.csv");
        Files.writeString(file, IRIS);
        Csv.Table t = Csv.builder().target("species").read(file);
        assertEquals(Shape.of(4, 3), t.x().shape());
        assertEquals(DType.FLOAT64, t.x().dtype());
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 7.0, 3.2, 4.7, 6.3, 3.3, 6.0, 4.9, 3.0, 1.4}, t.x().toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 2, 0}, t.y().toDoubleArray());
        assertEquals(List.of("setosa", "versicolor", "virginica"), t.targetClasses());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length"), t.featureNames());
        assertEquals("species", t.targetName());
        assertArrayEquals(t.x().toDoubleArray(), Csv.builder().columns(0, 1, 2).read(file).x().toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.readCsv(file));
        assertTrue(e.getMessage().contains("cannot parse 'setosa'") && e.getMessage().contains("column 'species'"),
                e.getMessage());
    }

    @Test
    void selectsColumnsByNameOrIndexWithNumericTarget() {
        String text = "a;b;c;y\n1;2;3;0.5\n4;5;6;1.5\n";
        Csv.Table byName = Csv.builder().delimiter(';').columns("c", "a").target("y").read(text, "t.csv");
        assertArrayEquals(new double[] {3, 1, 6, 4}, byName.x().toDoubleArray());
        assertArrayEquals(new double[] {0.5, 1.5}, byName.y().toDoubleArray());
        assertEquals(List.of(), byName.targetClasses());
        Csv.Table byIndex = Csv.builder().delimiter(';').columns(1).target(3).read(text, "t.csv");
        assertArrayEquals(new double[] {2, 5}, byIndex.x().toDoubleArray());
        Csv.Table noHeader = Csv.builder().header(false).read("1,2\n3,4\n", "t.csv");
        assertEquals(List.of("0", "1"), noHeader.featureNames());
        assertNull(noHeader.y());
        Csv.Table quoted = Csv.builder().target("name").read("x,name\n1,\"Smith, J\"\n2,\"O\"\"Neil\"\n", "q.csv");
        assertEquals(List.of("O\"Neil", "Smith, J"), quoted.targetClasses());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                bad("empty field", () -> Csv.builder().read("a,b\n1,2\n3,\n", "m.csv"), "missing value", "row 1",
                        "line 3", "column 'b'"),
                bad("NA", () -> Csv.builder().read("a,b\n1,NA\n", "m.csv"), "missing value", "row 0", "column 'b'"),
                bad("missing target", () -> Csv.builder().target("b").read("a,b\n1,2\n3, \n", "m.csv"), "missing value",
                        "row 1", "column 'b'"),
                bad("text in a feature", () -> Csv.builder().read("a,b\n1,x\n", "m.csv"), "cannot parse 'x'",
                        "column 'b'"),
                bad("ragged row", () -> Csv.builder().read("a,b\n1,2,3\n", "m.csv"), "line 2", "expected 2 fields",
                        "got 3"),
                bad("unknown column", () -> Csv.builder().columns("z").read("a,b\n1,2\n", "m.csv"), "no feature column",
                        "'z'", "[a, b]"),
                bad("unknown target", () -> Csv.builder().target("z").read("a,b\n1,2\n", "m.csv"), "no target column"),
                bad("index out of range", () -> Csv.builder().columns(5).read("a,b\n1,2\n", "m.csv"), "index 5"),
                bad("header only", () -> Csv.builder().read("a,b\n", "m.csv"), "no data rows"),
                bad("unterminated quote", () -> Csv.builder().read("a\n\"1\n", "m.csv"), "unterminated quote"));
    }

    private static Arguments bad(String label, Supplier<Csv.Table> call, String... parts) {
        return Arguments.of(label, call, (Object) parts);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFilesFailNamingRowAndColumn(String label, Supplier<Csv.Table> call, String[] parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::get);
        for (String p : parts) assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' lacks '" + p + "'");
        assertTrue(e.getMessage().contains("m.csv"), e.getMessage());
    }
}
