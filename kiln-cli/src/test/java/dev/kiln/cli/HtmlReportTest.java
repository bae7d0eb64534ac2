package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlReportTest {
    @Test
    void tablePicturesAndOneParagraphPerExperiment() {
        String html = HtmlReport.write(Fixtures.summaries(1));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.endsWith("</html>\n"));
        assertTrue(html.contains("<img src=\"datasets.png\""));
        for (String id : Experiments.ids()) {
            assertTrue(html.contains("<img src=\"" + id + ".png\""), id);
            assertTrue(html.contains("<h3 id=\"" + id + "\">"), id);
        }
        assertEquals(12, html.split("<tr>", -1).length - 1, "header and 11 rows");
        assertTrue(html.contains("Why the hinge rows' accuracy is low"));
        assertTrue(html.contains("Keras 3 accuracy 0.410 / 0.400; correct signs 0.850 / 0.840"), html);
    }

    @Test
    void escapesText() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", HtmlReport.escape("a <b> & \"c\""));
    }
}
