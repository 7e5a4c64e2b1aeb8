package org.budgethub.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

import org.budgethub.model.Cell;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureTable;
import org.budgethub.model.FigureTable;
import org.budgethub.support.PackageCheckers;
import org.budgethub.support.SeedDisclosure;

/**
 * The seed PDF read back with poppler's pdftotext (Debian poppler-utils), as a reader's tools
 * would: every figure of 表一–表九 must be extractable text, and a re-render must not change a byte.
 */
class PdfRendererIT {

    private static final int DPI = 144;

    private static final List<String> FIGURE_TABLES = List.of("表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九");

    @TempDir
    static Path dir;

    private static JsonNode golden;
    private static PdfRenderer renderer;
    private static byte[] pdf;
    private static String text;

    @BeforeAll
    static void render() throws Exception {
        try (InputStream in = PdfRendererIT.class.getResourceAsStream("/seed/seed-unit-2026.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        renderer = new PdfRenderer(CjkFont.find(System.getProperty(CjkFont.PROPERTY)));
        pdf = renderer.render(SeedDisclosure.disclosure());
        Path file = dir.resolve("seed.pdf");
        Files.write(file, pdf);
        text = pdftotext(file);
    }

    @Test
    void aPageKeptWithAVersionIsLaidOutAsTheBuildLaidItOutAndTakesTheAttestationsLineUnderTheTitle() throws Exception {
        Disclosure seed = SeedDisclosure.disclosure();
        HtmlRenderer.Page page = HtmlRenderer.page(seed);
        // What an approval has: the stored page and disclosure.json, not the model.
        JsonNode json = new ObjectMapper().readTree(DisclosureJson.write(seed));
        List<String> tables = new ArrayList<>();
        json.path("tables").forEach(t -> tables.add(t.path("no").asText()));
        PdfRenderer.Document document = PdfRenderer.Document.of(json.path("fiscalYear").asInt(), json.path("agency").path("code").asText(),
                json.path("title").asText(), json.path("agency").path("name").asText(), tables);
        assertThat(document).isEqualTo(PdfRenderer.Document.of(seed));

        assertThat(renderer.render(document, HtmlRenderer.pdfCopy(page.html()))).as("byte for byte the build's PDF").isEqualTo(pdf);

        byte[] printed = renderer.render(document, HtmlRenderer.pdfCopy(HtmlRenderer.withAttestations(page.html(), "保密审查：已审查\u3000签发人：张三")));
        Path file = dir.resolve("printed.pdf");
        Files.write(file, printed);
        List<String> lines = pdftotext(file).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        int line = 0;
        while (line < lines.size() && !lines.get(line).startsWith("保密审查：")) {
            line++;
        }
        assertThat(lines.subList(0, Math.min(line, lines.size()))).as("the title (on one or more lines), then the line")
                .satisfies(before -> assertThat(String.join("", before).replaceAll("\\s", "")).isEqualTo(seed.title().replaceAll("\\s", "")));
        assertThat(lines.get(line)).matches("保密审查：已审查[\\s\u3000]*签发人：张三");
        int title = line - 1;
        // Everything else as it was (page numbers aside: the line may move a page break of the 说明; the tables start on pages of their own).
        java.util.function.Function<String, List<String>> content = t -> t.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.matches("\\d+ / \\d+")).toList();
        List<String> without = new ArrayList<>(content.apply(pdftotext(file)));
        without.remove(title + 1);
        assertThat(without).as("everything else as it was").isEqualTo(content.apply(text));
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

    /** veraPDF, the PDF Association's validator, in this JVM: the seed PDF conforms to PDF/UA-1. */
    @Test
    void conformsToPdfUa1ForVeraPdf() throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFUA_1);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFUA_1, false)) {
            ValidationResult result = validator.validate(parser);
            List<String> failed = result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + " " + a.getMessage())
                    .distinct().limit(20).toList();
            assertThat(failed).as("failed PDF/UA-1 rules").isEmpty();
            assertThat(result.getPDFAFlavour()).isEqualTo(PDFAFlavour.PDFUA_1);
            assertThat(result.isCompliant()).isTrue();
        }
    }

    @Test
    void qpdfFindsNothingToWarnAbout() {
        PackageCheckers.Result qpdf = PackageCheckers.qpdfCheck(dir.resolve("seed.pdf"));
        assertThat(qpdf.stdout() + qpdf.stderr()).doesNotContainIgnoringCase("warning")
                .contains("No syntax or stream encoding errors found");
        assertThat(qpdf.exitCode()).as(qpdf.stdout() + qpdf.stderr()).isZero();
    }

    /** What a screen reader reads: the title shown, Chinese, and tables whose header cells are headers of their rows or columns. */
    @Test
    void isTaggedWithTitleLanguageAndTableHeaders() throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            assertThat(catalog.getMarkInfo().isMarked()).isTrue();
            assertThat(catalog.getViewerPreferences().displayDocTitle()).isTrue();
            assertThat(catalog.getLanguage()).isEqualTo("zh-CN");
            String xmp = new String(catalog.getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).contains("http://www.aiim.org/pdfua/ns/id/").containsPattern("pdfuaid:part[^0-9]{1,20}1")
                    .contains(golden.path("title").asText());

            Map<String, Integer> types = new HashMap<>();
            List<PDStructureElement> headers = new ArrayList<>();
            collect(catalog.getStructureTreeRoot().getKids(), types, headers);
            assertThat(types).containsEntry("Table", 12).containsEntry("Caption", 12).containsEntry("THead", 12)
                    .containsEntry("H1", 1).containsEntry("H2", golden.path("narrative").size());
            assertThat(types.get("TH")).isGreaterThan(200);
            Map<String, Integer> scopes = new HashMap<>();
            int spanning = 0;
            for (PDStructureElement th : headers) {
                COSDictionary table = tableAttributes(th);
                assertThat(table).as("TH attributes").isNotNull();
                scopes.merge(table.getNameAsString(COSName.getPDFName("Scope")), 1, Integer::sum);
                spanning += table.getInt(COSName.getPDFName("RowSpan"), 1) > 1 || table.getInt(COSName.getPDFName("ColSpan"), 1) > 1 ? 1 : 0;
            }
            assertThat(scopes.keySet()).containsOnly("Column", "Row");
            assertThat(spanning).as("header cells spanning rows or columns").isGreaterThan(20);
        }
    }

    /**
     * A table longer than a page repeats its header on every page, and there its two-row header cells
     * keep their borders as on the first page. Looked at in the rendered pages: the line between two
     * such cells (合计 | 因公出国（境）费 of 表四, 事业单位经营收入 | 其他收入 of 表七), which only they
     * draw, is there on every page of the table.
     */
    @Test
    void repeatedHeadersKeepTheBordersOfTheirSpanningCells() throws IOException {
        Disclosure seed = SeedDisclosure.disclosure();
        List<DisclosureTable> tables = new ArrayList<>();
        for (DisclosureTable t : seed.tables()) {
            if (t instanceof FigureTable f && (f.no().equals("表四") || f.no().equals("表七"))) {
                List<List<Cell>> rows = new ArrayList<>();
                for (int i = 0; i < (f.no().equals("表四") ? 70 : 4); i++) {
                    rows.addAll(f.rows());
                }
                tables.add(new FigureTable(f.no(), f.title(), rows, f.note()));
            }
        }
        Disclosure longTables = new Disclosure(seed.fiscalYear(), seed.agencyCode(), seed.agencyName(), seed.title(), tables,
                List.of(), List.of(), seed.units());
        try (PDDocument doc = Loader.loadPDF(renderer.render(longTables))) {
            PDFRenderer raster = new PDFRenderer(doc);
            int table4Pages = 0;
            int table7Pages = 0;
            for (int page = 0; page < doc.getNumberOfPages(); page++) {
                Map<String, List<TextPosition>> labels = labels(doc, page, List.of("合计", "因公出国（境）费", "事业单位", "其他收入"));
                BufferedImage image = raster.renderImageWithDPI(page, DPI, ImageType.GRAY);
                if (labels.containsKey("因公出国（境）费")) {
                    table4Pages++;
                    assertThat(lineBetween(image, labels.get("合计"), labels.get("因公出国（境）费")))
                            .as("line between 合计 and 因公出国（境）费 on page %d", page + 1).isTrue();
                }
                if (labels.containsKey("其他收入")) {
                    table7Pages++;
                    assertThat(lineBetween(image, labels.get("事业单位"), labels.get("其他收入")))
                            .as("line between 事业单位经营收入 and 其他收入 on page %d", page + 1).isTrue();
                }
            }
            assertThat(table4Pages).as("pages of 表四").isGreaterThanOrEqualTo(2);
            assertThat(table7Pages).as("pages of 表七").isGreaterThanOrEqualTo(2);
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

    /** The package hands the renderer the page it built for disclosure.html: the PDF is the one the renderer makes alone. */
    @Test
    void thePagePassedInGivesThePdfTheRendererMakesAlone() {
        Disclosure seed = SeedDisclosure.disclosure();
        assertThat(Arrays.equals(renderer.render(seed, HtmlRenderer.page(seed)), pdf)).isTrue();
    }

    /**
     * One renderer reads its font once and every document embeds a subset of it, on whichever threads
     * render at once: no document may get anything of another (glyphs, subset names, metrics). Each is
     * byte for byte what a renderer that never rendered anything else makes of it.
     */
    @Test
    void documentsRenderedTogetherAreEachWhatAFreshRendererMakes() throws Exception {
        Disclosure seed = SeedDisclosure.disclosure();
        Disclosure wordsOnly = new Disclosure(seed.fiscalYear(), seed.agencyCode(), seed.agencyName(), seed.title(), List.of(),
                seed.narrative(), seed.findings());
        Disclosure oneTable = new Disclosure(seed.fiscalYear(), seed.agencyCode(), seed.agencyName(), "表四 单独成册",
                seed.tables().stream().filter(t -> t.no().equals("表四")).toList(), List.of(), List.of());
        Disclosure renamed = new Disclosure(seed.fiscalYear(), "999001", "另一单位（测试）", seed.title() + "（第二稿）", seed.tables(),
                seed.narrative(), seed.findings());
        List<Disclosure> documents = List.of(seed, wordsOnly, oneTable, renamed);
        List<byte[]> alone = new ArrayList<>();
        for (Disclosure d : documents) {
            alone.add(new PdfRenderer(renderer.fontFile()).render(d));
        }
        assertThat(alone.get(0)).isEqualTo(pdf);

        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> together = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (Disclosure d : documents) {
                    together.add(threads.submit(() -> renderer.render(d)));
                }
            }
            for (int i = 0; i < together.size(); i++) {
                assertThat(Arrays.equals(together.get(i).get(5, TimeUnit.MINUTES), alone.get(i % documents.size())))
                        .as("document %d rendered with the others is what a fresh renderer makes", i % documents.size()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * An operator's {@code hub.render.font} may be a collection such as wqy-zenhei.ttc: the renderer
     * reads and embeds its first face, and only it (run where Debian's fonts-wqy-zenhei is installed).
     */
    @Test
    void ofAFontCollectionTheFirstFaceIsTheOneEmbedded() throws IOException {
        Path font = Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(font), "no font collection installed");
        List<String> faces = new ArrayList<>();
        org.apache.fontbox.ttf.TrueTypeCollection.processAllFontHeaders(font.toFile(), h -> faces.add(h.getName()));
        assertThat(PdfRenderer.loadFont(font).getName()).isEqualTo(faces.get(0));
        try (PDDocument doc = Loader.loadPDF(new PdfRenderer(CjkFont.find(font.toString())).render(SeedDisclosure.disclosure()))) {
            PDPage first = doc.getPage(0);
            List<String> embedded = new ArrayList<>();
            for (COSName name : first.getResources().getFontNames()) {
                embedded.add(first.getResources().getFont(name).getName());
            }
            // A subset's name is its tag and the face's PostScript name: ABCDEF+WenQuanYiZenHei.
            assertThat(embedded).isNotEmpty().allMatch(n -> n.matches("[A-Z]{6}\\+" + java.util.regex.Pattern.quote(faces.get(0))));
        }
    }

    /** A file that is no TrueType font is refused when the renderer is made (the hub then does not start), not at the first PDF. */
    @Test
    void aFileThatIsNoFontIsRefusedWhenTheRendererIsMade() throws IOException {
        Path notFont = Files.writeString(dir.resolve("not-a-font.ttf"), "not a font at all");
        assertThatThrownBy(() -> new PdfRenderer(notFont)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not-a-font.ttf").hasMessageContaining("bundled Noto Sans SC");
        Path notCollection = Files.write(dir.resolve("not-a-collection.ttc"), "ttcf\0\1\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> new PdfRenderer(notCollection)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not-a-collection.ttc");
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

    /** Unless an operator names a font, the one bundled from Maven Central: the same on every machine, no system font read. */
    @Test
    void theBundledNotoSansScIsTheDefaultAndAConfiguredFontWins() throws IOException {
        assertThat(CjkFont.find(null)).isEqualTo(CjkFont.find(" ")).isEqualTo(CjkFont.bundled());
        assertThat(CjkFont.bundled()).isRegularFile().hasFileName("NotoSansSC-Regular.ttf");
        assertThat(CjkFont.class.getClassLoader().getResource(CjkFont.BUNDLED_LICENCE)).as("the font's OFL licence ships with it").isNotNull();
        Path configured = Files.writeString(dir.resolve("configured.ttf"), "x");
        assertThat(CjkFont.find(configured.toString())).isEqualTo(configured);
    }

    /** The embedded font is the bundled one when nothing is configured (the test JVM sets no hub.render.font). */
    @Test
    void theSeedEmbedsNotoSansSc() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(renderer.fontFile().equals(CjkFont.bundled()), "a font is configured");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> embedded = new ArrayList<>();
            for (COSName name : doc.getPage(0).getResources().getFontNames()) {
                embedded.add(doc.getPage(0).getResources().getFont(name).getName());
            }
            assertThat(embedded).isNotEmpty().allMatch(n -> n.matches("[A-Z]{6}\\+NotoSansSC-Regular"));
        }
    }

    /**
     * PDFBox 3.0.7 wrote a ToUnicode map of Noto Sans SC that gave about 15 % of the hanzi back as
     * Kangxi radicals (一 as U+2F00 ⼀): they look alike but no search or screen reader finds them.
     */
    @Test
    void theExtractedTextHasNoRadicalsForHanziAndNamesTheAgency() {
        List<String> radicals = text.codePoints().filter(c -> c >= 0x2E80 && c <= 0x2FDF).distinct()
                .mapToObj(c -> String.format("U+%04X %s", c, Character.toString(c))).toList();
        assertThat(radicals).as("CJK/Kangxi radicals in the text pdftotext reads").isEmpty();
        assertThat(text.replaceAll("\\s+", "")).contains(SeedDisclosure.disclosure().agencyName().replaceAll("\\s+", ""));
    }

    private static void collect(List<Object> kids, Map<String, Integer> types, List<PDStructureElement> headers) {
        for (Object kid : kids) {
            if (kid instanceof PDStructureElement e) {
                types.merge(e.getStructureType(), 1, Integer::sum);
                if ("TH".equals(e.getStructureType())) {
                    headers.add(e);
                }
                collect(e.getKids(), types, headers);
            }
        }
    }

    private static COSDictionary tableAttributes(PDStructureElement th) {
        var attributes = th.getAttributes();
        for (int i = 0; i < attributes.size(); i++) {
            COSDictionary a = attributes.getObject(i).getCOSObject();
            if ("Table".equals(a.getNameAsString(COSName.O))) {
                return a;
            }
        }
        return null;
    }

    /** The glyphs of each label that stands alone on {@code page} (0-based) as its own text run. */
    private static Map<String, List<TextPosition>> labels(PDDocument doc, int page, List<String> wanted) throws IOException {
        Map<String, List<TextPosition>> found = new HashMap<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                if (wanted.contains(text.trim()) && !found.containsKey(text.trim())) {
                    found.put(text.trim(), List.copyOf(positions));
                }
            }
        };
        stripper.setStartPage(page + 1);
        stripper.setEndPage(page + 1);
        stripper.getText(doc);
        return found;
    }

    /** Whether a dark line crosses the gap between two labels side by side, at the right one's middle height. */
    private static boolean lineBetween(BufferedImage image, List<TextPosition> left, List<TextPosition> right) {
        assertThat(left).as("left label").isNotNull();
        double scale = DPI / 72.0;
        TextPosition end = left.get(left.size() - 1);
        TextPosition start = right.get(0);
        int y = (int) Math.round((start.getYDirAdj() - start.getHeightDir() / 2) * scale);
        int from = (int) Math.ceil((end.getXDirAdj() + end.getWidthDirAdj() + 1) * scale);
        int to = (int) Math.floor((start.getXDirAdj() - 1) * scale);
        assertThat(to).as("a gap between the labels").isGreaterThan(from);
        for (int x = from; x <= to; x++) {
            if (image.getRaster().getSample(x, y, 0) < 160) {
                return true;
            }
        }
        return false;
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
