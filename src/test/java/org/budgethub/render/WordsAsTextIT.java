package org.budgethub.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.model.Disclosure;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.PackageFile;
import org.budgethub.narrative.NarrativeRenderer;
import org.budgethub.support.SeedDisclosure;

/**
 * Words are text in every output (issue 21): a reason holding markup and an ampersand, and notes
 * starting with =, +, - and @, through the real renderers of a package. The page escapes them, the PDF
 * prints them as typed (poppler's pdftotext reads them back), the workbook and the CSV hold no formula
 * made of them, and disclosure.json carries them as JSON text.
 */
class WordsAsTextIT {

    private static final String MARKUP = "<script>alert(1)</script> & <b>加粗</b>";
    private static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://x\",\"点此\")", "+1+2", "-3+4", "@SUM(A1)");

    @Test
    void markupAndFormulaLikeWordsArePrintedAsTypedAndRunNowhere() throws Exception {
        NarrativeInput seed = SeedDisclosure.narrative();
        Map<String, String> reasons = new HashMap<>(seed.reasons());
        reasons.put("basic", MARKUP);
        NarrativeInput words = new NarrativeInput(seed.agency(), seed.year(), seed.duties(), seed.composition(), reasons, FORMULAS,
                seed.contactName(), seed.contactPhone());
        Disclosure d = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates"))).build(SeedDisclosure.extract(), words);
        PdfRenderer pdf = new PdfRenderer(CjkFont.find(System.getProperty(CjkFont.PROPERTY)));
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (PackageFile f : new PackageAssembler(pdf, PackageAssemblerIT.METADATA).contentFiles(d, SeedDisclosure.extract())) {
            files.put(f.name(), f.content());
        }

        String html = new String(files.get(PackageLayout.HTML), StandardCharsets.UTF_8);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;加粗&lt;/b&gt;").doesNotContain("<script>")
                .doesNotContain("<b>加粗");
        assertThat(html).contains("=HYPERLINK(&quot;http://x&quot;,&quot;点此&quot;)");
        assertThat(HtmlRenderer.narrative(d)).contains("&lt;script&gt;");

        Path pdfFile = Files.createTempFile("words-as-text", ".pdf");
        Files.write(pdfFile, files.get(PackageLayout.PDF));
        String printed = pdftotext(pdfFile).replaceAll("\\s+", "");
        assertThat(printed).contains("<script>alert(1)</script>&<b>加粗</b>").contains("=HYPERLINK(\"http://x\",\"点此\")").contains("@SUM(A1)");

        Map<String, String> workbook = unzip(files.get(PackageLayout.XLSX));
        workbook.forEach((name, xml) -> {
            assertThat(xml).as(name).doesNotContain("<script>").doesNotContain("HYPERLINK").doesNotContain("@SUM");
            if (name.startsWith("xl/worksheets/")) {
                assertThat(xml).as("no formula made of the words in " + name).doesNotContainPattern("<f>[^<]*(HYPERLINK|SUM|1\\+2|3\\+4)");
            }
        });

        String csv = new String(files.get(PackageLayout.CSV), StandardCharsets.UTF_8);
        assertThat(csv.lines()).noneMatch(line -> line.startsWith("=") || line.startsWith("+") || line.startsWith("@"))
                .noneMatch(line -> line.contains("HYPERLINK") || line.contains("<script>"));

        String json = new String(files.get(PackageLayout.DISCLOSURE_JSON), StandardCharsets.UTF_8);
        assertThat(json).contains("<script>alert(1)</script> & <b>加粗</b>").contains("=HYPERLINK(\\\"http://x\\\",\\\"点此\\\")");
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String pdftotext(Path file) throws IOException, InterruptedException {
        Path tool = Path.of("/usr/bin/pdftotext");
        Process p;
        try {
            p = new ProcessBuilder(Files.isExecutable(tool) ? tool.toString() : "pdftotext", "-enc", "UTF-8", file.toString(), "-").start();
        } catch (IOException e) {
            throw new AssertionError("pdftotext is needed to read the PDF back: install Debian's poppler-utils", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
