package org.budgethub.render;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * PDFBox 3 writes a compressed file's cross-reference stream without an entry for the stream itself
 * (ISO 32000-1 §7.5.8.3 wants one; qpdf --check warns "reported number of objects ... is not one plus
 * the highest object number"). This adds that entry to the last cross-reference stream of a file
 * PDFBox has just written, in place: everything before the stream keeps its bytes and offsets. The
 * stream is rewritten unfiltered, so the result does not depend on the zlib in use.
 */
final class XrefStreamEntry {

    private static final Pattern OBJECT = Pattern.compile("(\\d+) 0 obj\\s*<<(.*?)>>\\s*stream\\r?\\n", Pattern.DOTALL);
    private static final Pattern LENGTH = Pattern.compile("/Length (\\d+)(?!\\s+\\d+\\s+R)");
    private static final Pattern INDEX = Pattern.compile("/Index \\[([\\d\\s]*)\\]");
    private static final Pattern SIZE = Pattern.compile("/Size (\\d+)");
    private static final Pattern WIDTHS = Pattern.compile("/W \\[(\\d+) (\\d+) (\\d+)\\]");

    private XrefStreamEntry() {
    }

    /** The file with its cross-reference stream listing itself, or empty when the file is not laid out as expected. */
    static Optional<byte[]> add(byte[] pdf) {
        try {
            return addEntry(pdf);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> addEntry(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int startxref = text.lastIndexOf("startxref");
        if (startxref < 0) {
            return Optional.empty();
        }
        int offset = Integer.parseInt(text.substring(startxref + 9).trim().split("\\s+")[0]);
        Matcher object = OBJECT.matcher(text).region(offset, text.length());
        if (!object.lookingAt()) {
            return Optional.empty();
        }
        int number = Integer.parseInt(object.group(1));
        String dict = object.group(2);
        Matcher length = LENGTH.matcher(dict);
        Matcher index = INDEX.matcher(dict);
        Matcher widths = WIDTHS.matcher(dict);
        if (!dict.contains("/Type /XRef") || !length.find() || !index.find() || !widths.find() || dict.contains("/DecodeParms")
                || dict.contains("/Prev")) {
            return Optional.empty();
        }
        int[] w = {Integer.parseInt(widths.group(1)), Integer.parseInt(widths.group(2)), Integer.parseInt(widths.group(3))};
        if (w[0] != 1 || w[1] < 1 || w[1] > 4 || w[2] > 2) {
            return Optional.empty();
        }
        int dataStart = object.end();
        if (dataStart + Integer.parseInt(length.group(1)) > pdf.length) {
            return Optional.empty();
        }
        byte[] data = Arrays.copyOfRange(pdf, dataStart, dataStart + Integer.parseInt(length.group(1)));
        if (dict.contains("/Filter /FlateDecode")) {
            data = inflate(data).orElse(null);
        } else if (dict.contains("/Filter")) {
            return Optional.empty();
        }
        if (data == null) {
            return Optional.empty();
        }

        List<Integer> ranges = new ArrayList<>();
        for (String n : index.group(1).trim().split("\\s+")) {
            ranges.add(Integer.parseInt(n));
        }
        int entries = 0;
        for (int i = 1; i < ranges.size(); i += 2) {
            entries += ranges.get(i);
            if (ranges.get(i - 1) <= number && number < ranges.get(i - 1) + ranges.get(i)) {
                return Optional.of(pdf); // already listed
            }
        }
        if (ranges.size() % 2 != 0 || data.length != entries * (w[0] + w[1] + w[2])) {
            return Optional.empty();
        }
        int last = ranges.size() - 2;
        if (ranges.get(last) + ranges.get(last + 1) == number) {
            ranges.set(last + 1, ranges.get(last + 1) + 1);
        } else {
            ranges.add(number);
            ranges.add(1);
        }
        // The entries, the stream's own last; the offset field grows if the stream's offset needs more bytes.
        int row = w[0] + w[1] + w[2];
        long[][] rows = new long[entries + 1][3];
        for (int r = 0; r < entries; r++) {
            int at = r * row;
            for (int f = 0, pos = at; f < 3; pos += w[f], f++) {
                rows[r][f] = field(data, pos, w[f]);
            }
        }
        rows[entries] = new long[] {1, offset, 0};
        int offsetWidth = Math.max(w[1], bytesFor(offset));
        ByteArrayOutputStream table = new ByteArrayOutputStream((entries + 1) * (w[0] + offsetWidth + w[2]));
        for (long[] r : rows) {
            put(table, r[0], w[0]);
            put(table, r[1], offsetWidth);
            put(table, r[2], w[2]);
        }
        byte[] entriesBytes = table.toByteArray();

        String newDict = dict.replaceAll("\\s*/Filter /FlateDecode", "");
        newDict = LENGTH.matcher(newDict).replaceFirst("/Length " + entriesBytes.length);
        newDict = INDEX.matcher(newDict).replaceFirst(Matcher.quoteReplacement("/Index [" + join(ranges) + "]"));
        newDict = WIDTHS.matcher(newDict).replaceFirst("/W [" + w[0] + " " + offsetWidth + " " + w[2] + "]");
        Matcher size = SIZE.matcher(newDict);
        if (!size.find()) {
            return Optional.empty();
        }
        newDict = size.replaceFirst("/Size " + Math.max(Integer.parseInt(size.group(1)), number + 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 64);
        out.write(pdf, 0, offset);
        out.writeBytes((number + " 0 obj\n<<" + newDict + ">>\nstream\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(entriesBytes);
        out.writeBytes(("\r\nendstream\nendobj\nstartxref\n" + offset + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1));
        return Optional.of(out.toByteArray());
    }

    private static long field(byte[] data, int at, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = v << 8 | (data[at + i] & 0xFF);
        }
        return v;
    }

    private static void put(ByteArrayOutputStream out, long value, int width) {
        for (int b = width - 1; b >= 0; b--) {
            out.write((int) (value >>> (8 * b)) & 0xFF);
        }
    }

    private static int bytesFor(long value) {
        int n = 1;
        while (value >= 1L << (8 * n)) {
            n++;
        }
        return n;
    }

    private static Optional<byte[]> inflate(byte[] data) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return Optional.empty();
                }
                out.write(buffer, 0, n);
            }
            return Optional.of(out.toByteArray());
        } catch (DataFormatException e) {
            return Optional.empty();
        } finally {
            inflater.end();
        }
    }

    private static String join(List<Integer> numbers) {
        StringBuilder s = new StringBuilder();
        for (int n : numbers) {
            s.append(s.length() == 0 ? "" : " ").append(n);
        }
        return s.toString();
    }
}
