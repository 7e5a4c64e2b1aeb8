package org.budgethub.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicReference;

import javax.xml.transform.TransformerException;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.layout.LayoutContext;
import com.openhtmltopdf.newtable.TableCellBox;
import com.openhtmltopdf.newtable.TableRowBox;
import com.openhtmltopdf.newtable.TableSectionBox;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.render.Box;
import com.openhtmltopdf.render.ContentLimitContainer;
import com.openhtmltopdf.render.PageBox;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.schema.XMPSchema;
import org.apache.xmpbox.xml.XmpSerializer;

import org.budgethub.model.Disclosure;

/**
 * The disclosure as an A4 PDF: the page of {@link HtmlRenderer} laid out by openhtmltopdf on
 * PDFBox, with a TrueType CJK font embedded (subset) under the CSS family {@code cjk}, so the text
 * can be extracted. Tagged PDF/UA-1 (structure tree, title shown, zh-CN, table header cells as TH
 * with their scope and spans), checked with veraPDF. Byte-for-byte deterministic: the dates are fixed to 1 January of the fiscal
 * year and the trailer /ID is derived from the page's HTML, so a re-run of an unchanged
 * disclosure gives an identical file.
 *
 * <p>The font is parsed once, when the renderer is made (of a .ttc collection only the face used,
 * the first), and every document embeds its subset of that one parsed font. Thread-safe: each call
 * has its own document; the shared {@link TrueTypeFont} is only read. That holds for fontbox 3.0.x
 * as openhtmltopdf 1.1.65 uses it: {@code TTFParser.parse} reads every table up front, so no table
 * is read lazily from the shared stream later; the reads that do seek it ({@code getTableBytes})
 * and the glyph reads ({@code GlyphTable.getGlyph}, whose small unguarded cache is kept only for
 * fonts of fewer than 5,000 glyphs, not CJK fonts) are synchronized by fontbox; the subsetter
 * reads the font through a fresh stream of its own ({@code getOriginalData}); and
 * {@code PDType0Font.load(doc, ttf, true)} neither closes the font nor registers it with the
 * document for closing (only the fonts PDFBox parses itself are).
 */
public final class PdfRenderer {

    static {
        // openhtmltopdf narrates every render at INFO on its own console handler: keep only its warnings.
        com.openhtmltopdf.util.XRLog.listRegisteredLoggers()
                .forEach(l -> com.openhtmltopdf.util.XRLog.setLevel(l, java.util.logging.Level.WARNING));
    }

    private static final String PRODUCER = "Budget Disclosure Hub (openhtmltopdf, PDFBox)";
    private static final String PDFUA_NAMESPACE = "http://www.aiim.org/pdfua/ns/id/";
    private static final TimeZone CHINA = TimeZone.getTimeZone("GMT+08:00");

    private final Path fontFile;
    private final TrueTypeFont font;
    /** openhtmltopdf's font metrics, by family, weight and style: this renderer has one font, so they hold for all its documents. */
    private final FSCacheEx<String, FSCacheValue> fontMetrics = new FSDefaultCacheStore();

    /**
     * Reads the font: a renderer is made once and renders many documents.
     *
     * @throws IllegalStateException when the font file does not exist, cannot be read as a TrueType
     *                               font, or has CFF outlines (which PDFBox cannot embed)
     */
    public PdfRenderer(Path fontFile) {
        if (fontFile == null || !Files.isRegularFile(fontFile)) {
            throw new IllegalStateException("CJK font file " + fontFile + " does not exist or is not a file ("
                    + CjkFont.PROPERTY + "); leave " + CjkFont.PROPERTY + " empty for the bundled Noto Sans SC");
        }
        this.fontFile = fontFile;
        try {
            this.font = loadFont(fontFile);
        } catch (IOException e) {
            throw new IllegalStateException("CJK font file " + fontFile + " cannot be read as a TrueType font (" + CjkFont.PROPERTY
                    + "): " + e.getMessage() + "; leave " + CjkFont.PROPERTY + " empty for the bundled Noto Sans SC", e);
        }
        if (font instanceof OpenTypeFont otf && otf.isPostScript()) {
            throw new IllegalStateException("Font " + fontFile + " has CFF outlines (like Noto CJK), which PDFBox cannot embed: "
                    + "set " + CjkFont.PROPERTY + " to a TrueType CJK font, or leave it empty for the bundled Noto Sans SC");
        }
    }

    public Path fontFile() {
        return fontFile;
    }

    /**
     * What the PDF says of itself besides its pages (title, author, subject, dates from the year), so
     * the same document is made from a disclosure or from a page kept with a version.
     */
    public record Document(int year, String code, String title, String author, String subject) {

        public static Document of(Disclosure d) {
            return new Document(d.fiscalYear(), d.agencyCode(), d.title(), d.agencyName(), HtmlRenderer.description(d));
        }

        /** From the title and the table numbers of a disclosure.json. */
        public static Document of(int year, String code, String title, String author, List<String> tableNos) {
            return new Document(year, code, title, author, HtmlRenderer.description(title, tableNos));
        }
    }

    public byte[] render(Disclosure d) {
        return render(Document.of(d), HtmlRenderer.renderForPdf(d));
    }

    /** The PDF of {@code d} from the page {@link HtmlRenderer#page} built for it, so the package walks the model once. */
    public byte[] render(Disclosure d, HtmlRenderer.Page page) {
        return render(Document.of(d), page.pdfHtml());
    }

    /**
     * The PDF of a page laid out for it ({@link HtmlRenderer#pdfCopy}): the same bytes as {@link #render(Disclosure)}
     * gives for the disclosure the page and {@code document} were made from.
     */
    public byte[] render(Document d, String html) {
        try (PDDocument doc = new PDDocument()) {
            // PDFBox subsets the font when it saves the document; the parsed font stays open for the next one.
            PDType0Font pdFont = PDType0Font.load(doc, font, true);
            PDFontSupplier supplier = new PDFontSupplier(pdFont);
            PdfRendererBuilder builder = new PdfRendererBuilder()
                    .usePDDocument(doc)
                    .useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, fontMetrics)
                    // Tagged PDF/UA-1: structure tree from the page's elements, page furniture as artifacts.
                    .usePdfUaAccessibility(true)
                    .withProducer(PRODUCER)
                    .useDefaultPageSize(210, 297, BaseRendererBuilder.PageSizeUnits.MM)
                    .withHtmlContent(html, null)
                    // One regular face: openhtmltopdf uses it for bold text too (the nearest weight of the family).
                    .useFont(supplier, HtmlRenderer.FONT_FAMILY);
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.layout();
                keepRepeatedHeaderCellsPainted(renderer.getRootBox());
                renderer.createPDFKeepOpen();
                fixVariableParts(doc, d, html);
                // PDF/UA-1 is defined on ISO 32000-1, that is PDF 1.7: in the header and the catalog.
                doc.getDocument().setVersion(1.7f);
                doc.setVersion(1.7f);
                // PDFBox 3.0.8 lists the cross-reference stream in itself (ISO 32000-1 §7.5.8.3): qpdf --check is clean.
                return save(doc, CompressParameters.DEFAULT_COMPRESSION);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering of " + d.code() + "/" + d.year() + " failed", e);
        }
    }

    /**
     * openhtmltopdf 1.1.65 clips a rowspan cell of a repeated {@code <thead>} to nothing on every
     * continuation page, so its borders vanish there (openhtmltopdf issue #214, fixed upstream after
     * 1.1.65). The clip applies only to a row whose content limits start on an earlier page; a header
     * row needs its limits only for layout, which is done by now, so it gets limits that start on no page.
     */
    private static void keepRepeatedHeaderCellsPainted(Box box) {
        if (box instanceof TableSectionBox section && section.isHeader()) {
            for (Box row : section.getChildren()) {
                if (row instanceof TableRowBox r && r.getChildren().stream()
                        .anyMatch(cell -> cell instanceof TableCellBox c && c.getStyle().getRowSpan() > 1)) {
                    r.setContentLimitContainer(new HeaderRowLimits());
                }
            }
            return;
        }
        for (int i = 0; i < box.getChildCount(); i++) {
            keepRepeatedHeaderCellsPainted(box.getChild(i));
        }
    }

    /** With NO_COMPRESSION PDFBox writes a classic xref table: nothing to fix, but a file about three times larger. */
    private static byte[] save(PDDocument doc, CompressParameters compression) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try {
            doc.save(out, compression);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Content limits that begin on no page and span none: the painter never treats the row as continued. */
    private static final class HeaderRowLimits extends ContentLimitContainer {

        HeaderRowLimits() {
            super(null, 0);
        }

        @Override
        public PageBox getPage(LayoutContext c, int absY) {
            PageBox none = new PageBox();
            none.setPageNo(Integer.MAX_VALUE);
            return none;
        }
    }

    /** Replaces everything openhtmltopdf or PDFBox would take from the clock or a random source. */
    private static void fixVariableParts(PDDocument doc, Document d, String html) throws IOException {
        Calendar fixed = new GregorianCalendar(CHINA, Locale.ROOT);
        fixed.clear();
        fixed.set(d.year(), Calendar.JANUARY, 1, 0, 0, 0);

        PDDocumentInformation info = new PDDocumentInformation();
        info.setTitle(d.title());
        info.setAuthor(d.author());
        info.setSubject(d.subject());
        info.setProducer(PRODUCER);
        info.setCreator(PRODUCER);
        info.setCreationDate(fixed);
        info.setModificationDate(fixed);
        doc.setDocumentInformation(info);

        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        catalog.setLanguage("zh-CN");
        PDViewerPreferences prefs = catalog.getViewerPreferences();
        if (prefs == null) {
            prefs = new PDViewerPreferences(new COSDictionary());
        }
        prefs.setDisplayDocTitle(true);
        catalog.setViewerPreferences(prefs);
        catalog.setMetadata(new PDMetadata(doc, new ByteArrayInputStream(xmp(d, fixed))));

        // Without an /ID PDFBox writes one from the clock; derive it from the content instead.
        byte[] id = Arrays.copyOf(sha256(html), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        doc.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static byte[] xmp(Document d, Calendar fixed) throws IOException {
        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setTitle(d.title());
        dc.setDescription(d.subject());
        dc.addCreator(d.author());
        dc.addLanguage("zh-CN");
        dc.setFormat("application/pdf");
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setCreatorTool(PRODUCER);
        basic.setCreateDate(fixed);
        basic.setModifyDate(fixed);
        basic.setMetadataDate(fixed);
        AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
        pdf.setProducer(PRODUCER);
        // PDF/UA-1 (ISO 14289-1 §5): the identification schema, part 1.
        XMPSchema ua = new XMPSchema(xmp, PDFUA_NAMESPACE, "pdfuaid");
        ua.setIntegerPropertyValueAsSimple("part", 1);
        xmp.addSchema(ua);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, out, true);
        } catch (TransformerException e) {
            throw new IOException("XMP metadata", e);
        }
        return out.toByteArray();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A TrueType font from a .ttf, or the first font of a .ttc collection: only that face is parsed
     * (wqy-zenhei.ttc holds three; parsing them all cost twice as much). The file is read into memory
     * whole and closed; the font keeps its bytes, which the subsetter reads when a document is saved.
     */
    static TrueTypeFont loadFont(Path file) throws IOException {
        if (!isCollection(file)) {
            return new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
        }
        TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
        AtomicReference<TrueTypeFont> first = new AtomicReference<>();
        try {
            // processAllFonts parses one face after the other: stop it once the first is parsed.
            collection.processAllFonts(face -> {
                first.set(face);
                throw new FirstFaceRead();
            });
        } catch (FirstFaceRead read) {
            // the one face wanted
        }
        if (first.get() == null) {
            throw new IOException("Font collection " + file + " holds no font");
        }
        // The collection is not closed: its bytes, read whole into memory, are the face's; the file itself is closed.
        return first.get();
    }

    /** Ends {@link TrueTypeCollection#processAllFonts} after the first face. */
    private static final class FirstFaceRead extends IOException {

        FirstFaceRead() {
            super("first face read");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static boolean isCollection(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(4), "ttcf".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
