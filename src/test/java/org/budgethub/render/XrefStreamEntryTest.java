package org.budgethub.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

class XrefStreamEntryTest {

    private static final Pattern TAIL = Pattern.compile(
            "(\\d+) 0 obj\\s*<<.*?/Size (\\d+).*?/Index \\[([\\d ]+)\\].*?>>\\s*stream", Pattern.DOTALL);

    @Test
    void theCrossReferenceStreamOfAFilePdfBoxWroteListsItselfAfterwards() throws Exception {
        byte[] written = pdfBoxFile(CompressParameters.DEFAULT_COMPRESSION);
        assertThat(listsItself(written)).as("PDFBox's own output (the reason for the fix)").isFalse();

        byte[] fixed = XrefStreamEntry.add(written).orElseThrow();
        assertThat(listsItself(fixed)).isTrue();
        int offset = startxref(written);
        assertThat(Arrays.copyOf(fixed, offset)).as("everything before the stream is untouched")
                .isEqualTo(Arrays.copyOf(written, offset));
        assertThat(startxref(fixed)).isEqualTo(offset);
        try (PDDocument doc = Loader.loadPDF(fixed)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(3);
        }
        assertThat(XrefStreamEntry.add(fixed)).as("a second pass changes nothing").contains(fixed);
    }

    @Test
    void aFileWithAClassicXrefTableIsNotTouched() throws Exception {
        assertThat(XrefStreamEntry.add(pdfBoxFile(CompressParameters.NO_COMPRESSION))).isEmpty();
        assertThat(XrefStreamEntry.add("not a pdf".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    private static byte[] pdfBoxFile(CompressParameters compression) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < 3; i++) {
                doc.addPage(new PDPage(PDRectangle.A4));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out, compression);
            return out.toByteArray();
        }
    }

    private static int startxref(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        return Integer.parseInt(text.substring(text.lastIndexOf("startxref") + 9).trim().split("\\s+")[0]);
    }

    private static boolean listsItself(byte[] pdf) {
        Matcher m = TAIL.matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        assertThat(m.find(startxref(pdf))).as("an xref stream at startxref").isTrue();
        int self = Integer.parseInt(m.group(1));
        String[] index = m.group(3).trim().split(" ");
        assertThat(Integer.parseInt(m.group(2))).as("/Size").isEqualTo(self + 1);
        for (int i = 0; i + 1 < index.length; i += 2) {
            int first = Integer.parseInt(index[i]);
            if (first <= self && self < first + Integer.parseInt(index[i + 1])) {
                return true;
            }
        }
        return false;
    }
}
