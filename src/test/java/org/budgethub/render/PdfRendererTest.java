package org.budgethub.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.budgethub.model.Disclosure;
import org.budgethub.support.SeedDisclosure;

/**
 * The seed PDF read back with poppler's pdftotext (Debian poppler-utils), as a reader's tools
 * would: every figure of 表一–表九 must be extractable text, and a re-render must not change a byte.
 */
class PdfRendererTest {

    private static final List<String> FIGURE_TABLES = List.of("表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九");

    @TempDir
    static Path dir;

    private static JsonNode golden;
    private static PdfRenderer renderer;
    private static byte[] pdf;
    private static String text;

    @BeforeAll
    static void render() throws Exception {
        try (InputStream in = PdfRendererTest.class.getResourceAsStream("/seed/seed-unit-2026.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        renderer = new PdfRenderer(CjkFont.find(System.getProperty(CjkFont.PROPERTY)));
        pdf = renderer.render(SeedDisclosure.disclosure());
        Path file = dir.resolve("seed.pdf");
        Files.write(file, pdf);
        text = pdftotext(file);
    }

    @Test
    void everyTableFigureOfTheGoldenDisclosureIsExtractable() {
        Map<String, Integer> expected = new HashMap<>();
        for (JsonNode t : golden.path("tables")) {
            if (FIGURE_TABLES.contains(t.path("no").asText())) {
                t.path("rows").forEach(r -> r.forEach(c -> {
                    if (c.asText().matches("[\\d,]+\\.\\d\\d")) {
                        expected.merge(c.asText(), 1, Integer::sum);
                    }
                }));
            }
        }
        assertThat(expected).containsKeys("1,587.88", "482.32", "105.55", "1,000.00", "0.50");
        Map<String, Integer> found = new HashMap<>();
        for (String token : text.split("\\s+")) {
            found.merge(token, 1, Integer::sum);
        }
        // Whole tokens, as often as the tables print them: "5.00" must not pass by hiding in "105.00".
        expected.forEach((figure, times) -> assertThat(found.getOrDefault(figure, 0))
                .as("occurrences of %s in the PDF text", figure).isGreaterThanOrEqualTo(times));
    }

    @Test
    void titleTableCaptionsAndChineseLabelsAreExtractable() {
        String squashed = text.replaceAll("\\s+", "");
        assertThat(squashed).contains(golden.path("title").asText().replaceAll("\\s+", ""));
        for (JsonNode t : golden.path("tables")) {
            assertThat(squashed).contains(t.path("no").asText()).contains(t.path("title").asText().replaceAll("\\s+", ""));
        }
        assertThat(squashed).contains("单位：万元", "一般公共服务支出", "公务用车购置及运行费", "区政府网络专线、机柜租赁和短信服务",
                "单位预算公开联系人：陈群");
    }

    @Test
    void isA4WithTheCjkFontEmbeddedAndFixedMetadata() throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(10);
            int portrait = 0;
            for (PDPage page : doc.getPages()) {
                // A4, portrait or (the twelve-column tables) landscape.
                float shortSide = Math.min(page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
                float longSide = Math.max(page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
                assertThat(shortSide).isCloseTo(595.3f, Offset.offset(1f));
                assertThat(longSide).isCloseTo(841.9f, Offset.offset(1f));
                portrait += page.getMediaBox().getWidth() < page.getMediaBox().getHeight() ? 1 : 0;
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
            assertThat(portrait).isGreaterThan(doc.getNumberOfPages() / 2);
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo(golden.path("title").asText());
            assertThat(doc.getDocumentInformation().getCreationDate().toInstant())
                    .isEqualTo(java.time.Instant.parse("2025-12-31T16:00:00Z"));
            assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("zh-CN");
            assertThat(doc.getDocument().getDocumentID()).isNotNull();
        }
    }

    @Test
    void rendersAreByteIdentical() throws InterruptedException {
        Thread.sleep(1100); // PDF dates have one-second resolution: a clock-stamped date would now differ
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        byte[] again;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            Locale.setDefault(Locale.US);
            again = renderer.render(SeedDisclosure.disclosure());
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }
        assertThat(again.length).isEqualTo(pdf.length);
        assertThat(Arrays.equals(again, pdf)).as("second render is byte-identical").isTrue();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void aDifferentDisclosureGetsADifferentId() {
        Disclosure seed = SeedDisclosure.disclosure();
        Disclosure other = new Disclosure(seed.fiscalYear(), seed.agencyCode(), seed.agencyName(), seed.title() + "（修订）",
                seed.tables(), seed.narrative(), seed.findings());
        try (PDDocument a = Loader.loadPDF(pdf); PDDocument b = Loader.loadPDF(renderer.render(other))) {
            assertThat(b.getDocument().getDocumentID().toString()).isNotEqualTo(a.getDocument().getDocumentID().toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMissingConfiguredFontIsAClearError() {
        assertThatThrownBy(() -> CjkFont.find("/nonexistent/fonts/wqy-zenhei.ttc"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/fonts/wqy-zenhei.ttc")
                .hasMessageContaining(CjkFont.PROPERTY);
        assertThatThrownBy(() -> new PdfRenderer(Path.of("/nonexistent/fonts/x.ttf")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/fonts/x.ttf");
    }

    @Test
    void noInstalledFontNamesWhatToInstall() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-fonts"));
        assertThatThrownBy(() -> CjkFont.find(null, List.of(empty.resolve("wqy-zenhei.ttc")), List.of(empty)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No TrueType CJK font found")
                .hasMessageContaining("apt-get install fonts-wqy-zenhei")
                .hasMessageContaining("hub.render.font");
    }

    @Test
    void searchSkipsNotoCjkAndPrefersTheListedFonts() throws IOException {
        Path fonts = Files.createDirectories(dir.resolve("fonts/opentype/noto"));
        Files.writeString(fonts.resolve("NotoSansCJK-Regular.ttc"), "x");
        Path wqy = Files.createDirectories(dir.resolve("fonts/truetype/zz")).resolve("wqy-microhei.ttc");
        Files.writeString(wqy, "x");
        Files.writeString(dir.resolve("fonts/truetype/zz/DejaVuSans.ttf"), "x");
        assertThat(CjkFont.find(" ", List.of(dir.resolve("missing.ttc")), List.of(dir.resolve("fonts")))).isEqualTo(wqy);
        Path preferred = Files.writeString(dir.resolve("preferred.ttf"), "x");
        assertThat(CjkFont.find(null, List.of(preferred), List.of(dir.resolve("fonts")))).isEqualTo(preferred);
        assertThat(CjkFont.find(preferred.toString())).isEqualTo(preferred);
    }

    private static String pdftotext(Path file) throws IOException, InterruptedException {
        Path tool = Path.of("/usr/bin/pdftotext");
        String command = Files.isExecutable(tool) ? tool.toString() : "pdftotext";
        Process p;
        try {
            p = new ProcessBuilder(command, "-layout", "-enc", "UTF-8", file.toString(), "-").redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError("pdftotext is needed to read the PDF back: install Debian's poppler-utils", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
