package org.budgethub.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.budgethub.mapping.Money;
import org.budgethub.mapping.TableLayouts;
import org.budgethub.mapping.TableLayouts.HeaderCell;
import org.budgethub.mapping.TableLayouts.Layout;
import org.budgethub.model.Cell;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureTable;
import org.budgethub.model.FigureTable;
import org.budgethub.model.PerformanceTable;

/**
 * The disclosure's tables as an .xlsx workbook laid out like the official templates: one sheet per
 * table (表一, 表二, …), title, 单位：万元, the template's (multi-row, merged) header, the rows and the
 * note. Amounts are numeric cells in 万元, zero amounts blank, as a reader of the printed tables expects.
 * The header rows are print titles and stay frozen above the scrolling rows.
 * The same disclosure always gives the same bytes.
 *
 * <p>The SpreadsheetML parts are written directly, as text, into the zip: the workbook has a handful of
 * fixed styles and a few hundred cells, and building it through POI's object model took 12–15 times as
 * long (RenderBenchmark {@code -Dformats=XLSX-POI,XLSX}); about half of what is left is zlib's. The
 * workbook is the one POI built before, as read back ({@code XlsxRendererEquivalenceIT}).
 */
final class XlsxRenderer {

    public static final String AMOUNT_FORMAT = "#,##0.00";
    public static final String FONT = "宋体";
    public static final String UNIT_LABEL = "单位：" + Disclosure.UNIT;

    private static final int LINE_POINTS = 15;
    private static final int MIN_WIDTH = 8;
    private static final int MAX_WIDTH = 44;

    private XlsxRenderer() {
    }

    public static byte[] render(Disclosure d) {
        List<Sheet> sheets = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (DisclosureTable t : d.tables()) {
            String name = sheetName(t.no(), used);
            if (t instanceof FigureTable f) {
                sheets.add(figureSheet(name, f, d.fiscalYear()));
            } else if (t instanceof PerformanceTable p) {
                sheets.add(performanceSheet(name, p, d.agencyName()));
            }
        }
        return Parts.write(d, sheets);
    }

    // ---- figure tables ------------------------------------------------------------------------

    /** The header of the official template of table {@code no}, or none when the table is not one of them. */
    static Optional<Layout> header(String no, int year, int width) {
        // A table whose shape differs from its template gets no template header rather than a wrong one.
        return TableLayouts.of(no, year).filter(l -> l.width() == width);
    }

    private static Sheet figureSheet(String name, FigureTable t, int year) {
        int width = Math.max(1, t.rows().stream().mapToInt(List::size).max().orElse(0));
        Optional<Layout> header = header(t.no(), year, width);
        int[] widths = figureWidths(t, header, width);
        Sheet sheet = new Sheet(name, widths);
        titleRow(sheet, t.no() + " " + t.title());
        sheet.merged(sheet.row(), 0, width - 1, UNIT_LABEL, Style.UNIT);

        if (header.isPresent()) {
            Layout h = header.get();
            int top = sheet.rowCount();
            Row[] rows = new Row[h.headerRows()];
            for (int i = 0; i < h.headerRows(); i++) {
                rows[i] = sheet.row();
                rows[i].style(0, width - 1, Style.HEADER);
            }
            int[] lines = new int[h.headerRows()];
            for (HeaderCell hc : h.cells()) {
                rows[hc.row()].text(hc.col(), hc.text());
                if (hc.rowSpan() > 1 || hc.colSpan() > 1) {
                    sheet.merge(top + hc.row(), top + hc.row() + hc.rowSpan() - 1, hc.col(), hc.col() + hc.colSpan() - 1);
                }
                if (hc.rowSpan() == 1) {
                    lines[hc.row()] = Math.max(lines[hc.row()], lines(hc.text(), span(widths, hc.col(), hc.colSpan())));
                }
            }
            for (int i = 0; i < h.headerRows(); i++) {
                rows[i].height = height(lines[i]);
            }
            // Every printed page and every scrolled screen keeps the column headers in view.
            sheet.printTitles(top, top + h.headerRows() - 1);
            sheet.frozenRows = top + h.headerRows();
        }

        for (List<Cell> cells : t.rows()) {
            Row row = sheet.row();
            int lines = 1;
            for (int c = 0; c < width; c++) {
                Cell value = c < cells.size() ? cells.get(c) : Cell.EMPTY;
                if (value instanceof Cell.Amount a) {
                    row.style(c, c, Style.AMOUNT);
                    BigDecimal wan = Money.toWan(a.yuan());
                    if (wan.signum() != 0) {
                        row.number(c, wan);
                    }
                } else {
                    String text = ((Cell.Text) value).text();
                    row.style(c, c, Style.TEXT);
                    if (!text.isEmpty()) {
                        row.text(c, text);
                        lines = Math.max(lines, lines(text, widths[c]));
                    }
                }
            }
            row.height = height(lines);
        }

        if (t.note() != null && !t.note().isBlank()) {
            Row note = sheet.row();
            sheet.merged(note, 0, width - 1, t.note(), Style.NOTE);
            note.height = height(lines(t.note(), span(widths, 0, width)));
        }
        sheet.landscape = width > 7;
        return sheet;
    }

    /** Column widths in characters from what the columns hold; a header may wrap, data should not. */
    static int[] figureWidths(FigureTable t, Optional<Layout> header, int width) {
        int[] widths = new int[width];
        for (int c = 0; c < width; c++) {
            widths[c] = MIN_WIDTH;
        }
        for (List<Cell> row : t.rows()) {
            for (int c = 0; c < row.size() && c < width; c++) {
                int w = row.get(c) instanceof Cell.Amount a
                        ? amountWidth(a.yuan())
                        : displayWidth(((Cell.Text) row.get(c)).text()) + 2;
                widths[c] = Math.max(widths[c], w);
            }
        }
        header.ifPresent(h -> h.cells().stream().filter(hc -> hc.colSpan() == 1)
                .forEach(hc -> widths[hc.col()] = Math.max(widths[hc.col()], Math.min(displayWidth(hc.text()), 16) + 2)));
        for (int c = 0; c < width; c++) {
            widths[c] = Math.min(widths[c], MAX_WIDTH);
        }
        return widths;
    }

    /** Below this many yuan (99,990 万元, either sign) an amount prints in at most 10 characters ({@code -99,990.00}). */
    private static final BigDecimal SHORT_AMOUNT_YUAN = new BigDecimal("999900000");

    /**
     * The column width an amount needs: 4 more than its printed length, at least 14. Only amounts
     * of 99,990 万元 and more are printed to find out: formatting every amount (a new DecimalFormat each)
     * took about 4 % of the workbook's time, and no shorter amount can need more than 14.
     */
    static int amountWidth(BigDecimal yuan) {
        if (yuan.abs().compareTo(SHORT_AMOUNT_YUAN) < 0) {
            return 14;
        }
        return Math.max(14, Money.cell(yuan).length() + 4);
    }

    // ---- performance tables -------------------------------------------------------------------

    static final int FORM_WIDTH = 6;

    /** The 一般性项目绩效目标表 form of the seed: labels left, values merged across, then the indicators. */
    private static Sheet performanceSheet(String name, PerformanceTable p, String agencyName) {
        int[] widths = performanceWidths(p);
        Sheet sheet = new Sheet(name, widths);
        titleRow(sheet, p.no() + " " + p.title());

        Row unit = sheet.row();
        String prepared = "编制单位：" + (agencyName == null ? "" : agencyName);
        sheet.merged(unit, 0, 3, prepared, Style.PLAIN);
        sheet.merged(unit, 4, 5, UNIT_LABEL, Style.UNIT);
        unit.height = height(lines(prepared, span(widths, 0, 4)));

        Row nameRow = sheet.row();
        label(nameRow, 0, "项目名称");
        sheet.merged(nameRow, 1, 3, p.name(), Style.TEXT);
        label(nameRow, 4, "业务主管部门");
        nameRow.style(5, 5, Style.TEXT);
        nameRow.text(5, p.supervisor());
        nameRow.height = height(Math.max(lines(p.name(), span(widths, 1, 3)), lines(p.supervisor(), widths[5])));

        Row budgetRow = sheet.row();
        label(budgetRow, 0, "当年预算");
        sheet.merged(budgetRow, 1, 5, "", Style.BUDGET);
        BigDecimal wan = p.budgetYuan() == null ? BigDecimal.ZERO : Money.toWan(p.budgetYuan());
        if (wan.signum() != 0) {
            budgetRow.number(1, wan);
        }
        budgetRow.height = height(1);

        formRow(sheet, "项目概况", p.summary());
        formRow(sheet, "立项依据", p.basis());
        formRow(sheet, "当年绩效目标", p.goal());

        int first = sheet.rowCount();
        Row head = sheet.row();
        label(head, 0, "绩效指标");
        String[] columns = {"指标", "指标权重", "计量单位", "指标性质", "指标值"};
        for (int c = 0; c < columns.length; c++) {
            label(head, c + 1, columns[c]);
        }
        head.height = height(1);
        for (List<String> indicator : p.indicators()) {
            Row row = sheet.row();
            row.style(0, 0, Style.LABEL);
            int lines = 1;
            for (int c = 1; c < FORM_WIDTH; c++) {
                String text = c - 1 < indicator.size() && indicator.get(c - 1) != null ? indicator.get(c - 1) : "";
                row.style(c, c, c == 1 ? Style.TEXT : Style.CENTERED);
                Optional<BigDecimal> number = c == 2 || c == 5 ? number(text) : Optional.empty();
                if (number.isPresent()) {
                    // A weight or target that is a plain number is stored as one, so it can be summed and compared.
                    row.number(c, number.get().doubleValue());
                } else if (!text.isEmpty()) {
                    row.text(c, text);
                    lines = Math.max(lines, lines(text, widths[c]));
                }
            }
            row.height = height(lines);
        }
        int last = sheet.rowCount() - 1;
        if (last > first) {
            sheet.merge(first, last, 0, 0);
        }
        return sheet;
    }

    /** The form's column widths in characters: the indicator and the supervisor columns widen for their texts. */
    static int[] performanceWidths(PerformanceTable p) {
        int[] widths = {16, 16, 12, 12, 14, 16};
        for (List<String> indicator : p.indicators()) {
            if (!indicator.isEmpty()) {
                widths[1] = Math.max(widths[1], Math.min(displayWidth(indicator.get(0)) + 2, 36));
            }
            if (indicator.size() > 4) {
                widths[5] = Math.max(widths[5], Math.min(displayWidth(indicator.get(4)) + 2, 30));
            }
        }
        widths[5] = Math.max(widths[5], Math.min(displayWidth(p.supervisor()) + 2, 30));
        return widths;
    }

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,6})?");

    /**
     * The value of a plain decimal number ("30", "0.5", "5000"); anything else ("≥95", "较好", "007", a
     * number a double cannot hold exactly as printed) stays text.
     */
    static Optional<BigDecimal> number(String text) {
        String t = text == null ? "" : text.trim();
        if (!PLAIN_NUMBER.matcher(t).matches()) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(t);
        return new BigDecimal(Double.toString(value.doubleValue())).compareTo(value) == 0 ? Optional.of(value) : Optional.empty();
    }

    private static void formRow(Sheet sheet, String label, String text) {
        Row row = sheet.row();
        label(row, 0, label);
        String value = text == null ? "" : text;
        sheet.merged(row, 1, FORM_WIDTH - 1, value, Style.TEXT);
        row.height = height(lines(value, span(sheet.widths, 1, FORM_WIDTH - 1)));
    }

    private static void label(Row row, int col, String text) {
        row.style(col, col, Style.LABEL);
        row.text(col, text);
    }

    // ---- shared layout ------------------------------------------------------------------------

    /** The title row, merged over the table and centered. */
    private static void titleRow(Sheet sheet, String title) {
        int width = sheet.widths.length;
        Row row = sheet.row();
        sheet.merged(row, 0, width - 1, title, Style.TITLE);
        row.height = Math.max(24, 22 * lines(title, (int) (span(sheet.widths, 0, width) / 1.5)));
    }

    static int span(int[] widths, int from, int count) {
        int total = 0;
        for (int c = from; c < from + count && c < widths.length; c++) {
            total += widths[c];
        }
        return total;
    }

    /** Lines a wrapped text needs in a column {@code chars} wide: nothing measures the font, so estimate. */
    static int lines(String text, int chars) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        int usable = Math.max(1, chars - 1);
        int total = 0;
        for (int start = 0; start <= text.length(); ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            total += Math.max(1, (displayWidth(text, start, end) + usable - 1) / usable);
            start = end + 1;
        }
        return total;
    }

    /** A row's height in points for that many lines of 11 pt text. */
    static int height(int lines) {
        return Math.max(1, lines) * LINE_POINTS + 3;
    }

    /** Width in Excel character units: CJK and full-width characters take two. */
    static int displayWidth(String text) {
        return text == null ? 0 : displayWidth(text, 0, text.length());
    }

    private static int displayWidth(String text, int from, int to) {
        int width = 0;
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            width += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    /**
     * Whether {@code cp} is in one of the blocks of CJK ideographs and symbols, full-width forms or Hangul
     * syllables, or is a curly quote: the ranges of those {@link Character.UnicodeBlock}s, compared directly
     * because looking up a character's block (a search of all blocks) took a fifth of the workbook's time.
     */
    static boolean isWide(int cp) {
        return cp >= 0x3000 && cp <= 0x303F // CJK symbols and punctuation
                || cp >= 0x3400 && cp <= 0x4DBF // CJK unified ideographs extension A
                || cp >= 0x4E00 && cp <= 0x9FFF // CJK unified ideographs
                || cp >= 0xAC00 && cp <= 0xD7AF // Hangul syllables
                || cp >= 0xF900 && cp <= 0xFAFF // CJK compatibility ideographs
                || cp >= 0xFF00 && cp <= 0xFFEF // halfwidth and fullwidth forms
                || cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D;
    }

    /** The sheet's name: the table's number made safe, " (2)", " (3)" … added when taken (Excel compares names ignoring case). */
    static String sheetName(String no, Set<String> used) {
        String base = safeSheetName(no == null || no.isBlank() ? "表" : no);
        String name = base;
        for (int i = 2; !used.add(name.toLowerCase(Locale.ROOT)); i++) {
            String suffix = " (" + i + ")";
            // Shortened to leave room for the suffix: cut to 31 after it, a long name would never become free.
            name = safeSheetName(base.substring(0, Math.min(base.length(), MAX_SHEET_NAME - suffix.length())) + suffix);
        }
        return name;
    }

    private static final int MAX_SHEET_NAME = 31;

    /**
     * A name Excel accepts for a sheet, as POI's {@code WorkbookUtil.createSafeSheetName} made it: at most
     * 31 characters, each of {@code \0 \3 : / \ * ? [ ]} and a ' first or last replaced by a space.
     */
    static String safeSheetName(String proposal) {
        char[] name = proposal.substring(0, Math.min(MAX_SHEET_NAME, proposal.length())).toCharArray();
        for (int i = 0; i < name.length; i++) {
            switch (name[i]) {
                case '\u0000', '\u0003', ':', '/', '\\', '*', '?', '[', ']' -> name[i] = ' ';
                case '\'' -> {
                    if (i == 0 || i == name.length - 1) {
                        name[i] = ' ';
                    }
                }
                default -> {
                }
            }
        }
        return new String(name);
    }

    // ---- determinism --------------------------------------------------------------------------

    /** 1 January of the fiscal year, the time every date of the file is pinned to. */
    static LocalDateTime fixedTime(int fiscalYear) {
        // ZIP (DOS) times start in 1980.
        return LocalDateTime.of(Math.max(1980, fiscalYear), 1, 1, 0, 0);
    }

    // ---- the workbook as laid out -------------------------------------------------------------

    /** The workbook's cell styles; a style's index in styles.xml ({@code s} of a cell) is {@link #xf()}. */
    enum Style {
        TITLE(FONT_TITLE, "center", false, true),
        UNIT(FONT_BASE, "right", false, false),
        PLAIN(FONT_BASE, "left", false, true),
        HEADER(FONT_BOLD, "center", true, true),
        TEXT(FONT_BASE, "left", true, true),
        CENTERED(FONT_BASE, "center", true, true),
        AMOUNT(FONT_BASE, "right", true, false),
        BUDGET(FONT_BASE, "left", true, false),
        NOTE(FONT_BASE, "left", false, true),
        LABEL(FONT_BOLD, "center", true, true);

        final int font;
        final String align;
        final boolean bordered;
        final boolean wrap;

        Style(int font, String align, boolean bordered, boolean wrap) {
            this.font = font;
            this.align = align;
            this.bordered = bordered;
            this.wrap = wrap;
        }

        /** After Excel's default style, which is index 0. */
        int xf() {
            return ordinal() + 1;
        }
    }

    // The fonts of styles.xml: all 宋体, the first also the workbook's default so that unstyled cells render CJK text properly.
    private static final int FONT_BASE = 0;
    private static final int FONT_BOLD = 1;
    private static final int FONT_TITLE = 2;
    /** Excel's built-in number format 4 is {@value #AMOUNT_FORMAT}. */
    private static final int AMOUNT_FORMAT_ID = 4;

    /** A worksheet as laid out: rows of styled cells, merges, column widths, frozen rows, print titles and orientation. */
    private static final class Sheet {
        final String name;
        /** Column widths in characters; also the sheet's width in columns. */
        final int[] widths;
        final List<Row> rows = new ArrayList<>();
        /** First row, last row, first column, last column of each merged region, in the order they were merged. */
        final List<int[]> merges = new ArrayList<>();
        /** Rows frozen above the scrolling ones; 0 for none. */
        int frozenRows;
        int titleFirst = -1;
        int titleLast = -1;
        boolean landscape;

        Sheet(String name, int[] widths) {
            this.name = name;
            this.widths = widths;
        }

        /** The next row, below the last one. */
        Row row() {
            Row row = new Row(rows.size(), widths.length);
            rows.add(row);
            return row;
        }

        int rowCount() {
            return rows.size();
        }

        void merge(int firstRow, int lastRow, int firstCol, int lastCol) {
            merges.add(new int[] {firstRow, lastRow, firstCol, lastCol});
        }

        /** Writes {@code text} into columns first..last of {@code row}, merged when more than one, every cell styled. */
        void merged(Row row, int first, int last, String text, Style style) {
            row.style(first, last, style);
            if (text != null && !text.isEmpty()) {
                row.text(first, text);
            }
            if (last > first) {
                merge(row.index, row.index, first, last);
            }
        }

        /** Rows first..last repeat at the top of every printed page. */
        void printTitles(int first, int last) {
            titleFirst = first;
            titleLast = last;
        }
    }

    /** One row: per column a style (null: no cell) and a shared-string text or a number as written in the XML, or neither (blank). */
    private static final class Row {
        final int index;
        final Style[] styles;
        final String[] texts;
        final String[] numbers;
        /** In points; 0 keeps the sheet's default height. */
        int height;

        Row(int index, int width) {
            this.index = index;
            styles = new Style[width];
            texts = new String[width];
            numbers = new String[width];
        }

        void style(int first, int last, Style style) {
            Arrays.fill(styles, first, last + 1, style);
        }

        /** A string cell, even for "" (as a POI cell set to ""); null leaves it blank. */
        void text(int col, String text) {
            texts[col] = text;
            numbers[col] = null;
        }

        /** An amount in 万元: already rounded to 2 decimals, its plain digits are the exact value to write. */
        void number(int col, BigDecimal wan) {
            numbers[col] = wan.toPlainString();
            texts[col] = null;
        }

        void number(int col, double value) {
            numbers[col] = Double.toString(value);
            texts[col] = null;
        }
    }

    // ---- the package --------------------------------------------------------------------------

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    private static final String CREATOR = "Budget Disclosure Hub";

    private static final byte[] ROOT_RELS = utf8(DECLARATION + "<Relationships xmlns=\"" + PACKAGE_RELS_NS + "\">"
            + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"" + REL_NS + "/extended-properties\" Target=\"docProps/app.xml\"/>"
            + "<Relationship Id=\"rId3\" Type=\"" + PACKAGE_RELS_NS + "/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
            + "</Relationships>");

    private static final byte[] APP = utf8(DECLARATION
            + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
            + "<Application>" + CREATOR + "</Application></Properties>");

    private static final byte[] STYLES = utf8(styles());

    /** Three 宋体 fonts, no fill, a thin border all round, and the {@link Style}s as cellXfs after the default. */
    private static String styles() {
        StringBuilder x = new StringBuilder(DECLARATION).append("<styleSheet xmlns=\"").append(MAIN_NS).append("\">")
                .append("<fonts count=\"3\">")
                // As POI's default font was: Excel's default font, renamed.
                .append("<font><sz val=\"11\"/><color indexed=\"8\"/><name val=\"").append(FONT)
                .append("\"/><family val=\"2\"/><scheme val=\"minor\"/></font>")
                .append("<font><b/><sz val=\"11\"/><name val=\"").append(FONT).append("\"/></font>")
                .append("<font><b/><sz val=\"16\"/><name val=\"").append(FONT).append("\"/></font></fonts>")
                .append("<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>")
                .append("<fill><patternFill patternType=\"gray125\"/></fill></fills>")
                .append("<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>")
                .append("<border><left style=\"thin\"/><right style=\"thin\"/><top style=\"thin\"/><bottom style=\"thin\"/><diagonal/></border>")
                .append("</borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
                .append("<cellXfs count=\"").append(Style.values().length + 1).append("\">")
                .append("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>");
        for (Style s : Style.values()) {
            boolean amount = s == Style.AMOUNT;
            x.append("<xf numFmtId=\"").append(amount ? AMOUNT_FORMAT_ID : 0).append("\" fontId=\"").append(s.font)
                    .append("\" fillId=\"0\" borderId=\"").append(s.bordered ? 1 : 0).append("\" xfId=\"0\" applyFont=\"1\"")
                    .append(amount ? " applyNumberFormat=\"1\"" : "").append(s.bordered ? " applyBorder=\"1\"" : "")
                    .append(" applyAlignment=\"1\"><alignment horizontal=\"").append(s.align).append("\" vertical=\"center\"")
                    .append(s.wrap ? " wrapText=\"1\"" : "").append("/></xf>");
        }
        return x.append("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
                .append("</styleSheet>").toString();
    }

    /** The zip of the parts, every entry at one fixed local time (so the default time zone does not matter). */
    private static final class Parts {
        private final ZipOutputStream zip;
        private final LocalDateTime time;

        private Parts(ZipOutputStream zip, LocalDateTime time) {
            this.zip = zip;
            this.time = time;
        }

        static byte[] write(Disclosure d, List<Sheet> sheets) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
            try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
                // The parts are small and mostly markup: the fastest level compresses them nearly as well.
                zip.setLevel(Deflater.BEST_SPEED);
                Parts parts = new Parts(zip, fixedTime(d.fiscalYear()));
                parts.put("[Content_Types].xml", contentTypes(sheets.size()));
                parts.put("_rels/.rels", ROOT_RELS);
                parts.put("docProps/app.xml", APP);
                parts.put("docProps/core.xml", core(d));
                parts.put("xl/workbook.xml", workbook(sheets));
                parts.put("xl/_rels/workbook.xml.rels", workbookRels(sheets.size()));
                parts.put("xl/styles.xml", STYLES);
                SharedStrings strings = new SharedStrings();
                StringBuilder xml = new StringBuilder(16 * 1024);
                for (int i = 0; i < sheets.size(); i++) {
                    xml.setLength(0);
                    worksheet(xml, sheets.get(i), strings, i == 0);
                    parts.put("xl/worksheets/sheet" + (i + 1) + ".xml", xml);
                }
                parts.put("xl/sharedStrings.xml", strings.xml());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        private void put(String name, CharSequence xml) throws IOException {
            put(name, utf8(xml.toString()));
        }

        private void put(String name, byte[] content) throws IOException {
            ZipEntry entry = new ZipEntry(name);
            entry.setTimeLocal(time);
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }
    }

    private static String contentTypes(int sheets) {
        String office = "application/vnd.openxmlformats-officedocument.";
        StringBuilder x = new StringBuilder(DECLARATION)
                .append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
                .append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
                .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
                .append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"").append(office).append("spreadsheetml.sheet.main+xml\"/>")
                .append("<Override PartName=\"/xl/styles.xml\" ContentType=\"").append(office).append("spreadsheetml.styles+xml\"/>")
                .append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"").append(office)
                .append("spreadsheetml.sharedStrings+xml\"/>");
        for (int i = 1; i <= sheets; i++) {
            x.append("<Override PartName=\"/xl/worksheets/sheet").append(i).append(".xml\" ContentType=\"").append(SHEET_TYPE).append("\"/>");
        }
        return x.append("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>")
                .append("<Override PartName=\"/docProps/app.xml\" ContentType=\"").append(office).append("extended-properties+xml\"/>")
                .append("</Types>").toString();
    }

    private static String core(Disclosure d) {
        String fixed = fixedTime(d.fiscalYear()).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z";
        StringBuilder x = new StringBuilder(DECLARATION)
                .append("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\"")
                .append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
        if (d.title() != null) {
            Xml.escape(x.append("<dc:title>"), d.title()).append("</dc:title>");
        }
        Xml.escape(x.append("<dc:subject>"), d.agencyCode() + " " + d.fiscalYear()).append("</dc:subject>")
                .append("<dc:creator>").append(CREATOR).append("</dc:creator>")
                .append("<cp:lastModifiedBy>").append(CREATOR).append("</cp:lastModifiedBy>")
                .append("<dcterms:created xsi:type=\"dcterms:W3CDTF\">").append(fixed).append("</dcterms:created>")
                .append("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">").append(fixed).append("</dcterms:modified>");
        return x.append("</cp:coreProperties>").toString();
    }

    /** The sheets in order, the first one active, and each sheet's print titles as Excel names them. */
    private static String workbook(List<Sheet> sheets) {
        StringBuilder x = new StringBuilder(DECLARATION).append("<workbook xmlns=\"").append(MAIN_NS).append("\" xmlns:r=\"")
                .append(REL_NS).append("\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
        for (int i = 0; i < sheets.size(); i++) {
            Xml.escape(x.append("<sheet name=\""), sheets.get(i).name).append("\" sheetId=\"").append(i + 1)
                    .append("\" r:id=\"rId").append(i + 1).append("\"/>");
        }
        x.append("</sheets>");
        boolean any = false;
        for (int i = 0; i < sheets.size(); i++) {
            Sheet s = sheets.get(i);
            if (s.titleFirst < 0) {
                continue;
            }
            if (!any) {
                x.append("<definedNames>");
                any = true;
            }
            x.append("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"").append(i).append("\">");
            Xml.escape(x, formulaSheetName(s.name)).append("!$").append(s.titleFirst + 1).append(":$").append(s.titleLast + 1)
                    .append("</definedName>");
        }
        if (any) {
            x.append("</definedNames>");
        }
        return x.append("</workbook>").toString();
    }

    /**
     * The sheet's name as a formula writes it: quoted unless it is letters, digits, _ and . only, not starting with a digit
     * and not all ASCII (an ASCII name might read as a cell reference or TRUE; quoting is always allowed).
     */
    static String formulaSheetName(String name) {
        boolean plain = !name.isEmpty() && !Character.isDigit(name.charAt(0));
        boolean ascii = true;
        for (int i = 0; i < name.length() && plain; i++) {
            char ch = name.charAt(i);
            plain = Character.isLetterOrDigit(ch) || ch == '_' || ch == '.';
            ascii &= ch < 0x80;
        }
        return plain && !ascii ? name : "'" + name.replace("'", "''") + "'";
    }

    private static String workbookRels(int sheets) {
        StringBuilder x = new StringBuilder(DECLARATION).append("<Relationships xmlns=\"").append(PACKAGE_RELS_NS).append("\">");
        for (int i = 1; i <= sheets; i++) {
            x.append("<Relationship Id=\"rId").append(i).append("\" Type=\"").append(REL_NS)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(i).append(".xml\"/>");
        }
        x.append("<Relationship Id=\"rId").append(sheets + 1).append("\" Type=\"").append(REL_NS).append("/styles\" Target=\"styles.xml\"/>");
        x.append("<Relationship Id=\"rId").append(sheets + 2).append("\" Type=\"").append(REL_NS)
                .append("/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        return x.append("</Relationships>").toString();
    }

    /** Appends the worksheet part of {@code s}, its texts taken into {@code strings}. */
    private static void worksheet(StringBuilder x, Sheet s, SharedStrings strings, boolean selected) {
        int width = s.widths.length;
        x.append(DECLARATION).append("<worksheet xmlns=\"").append(MAIN_NS).append("\" xmlns:r=\"").append(REL_NS).append("\">")
                .append("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><dimension ref=\"A1");
        if (width > 1 || s.rows.size() > 1) {
            x.append(':').append(column(width - 1)).append(s.rows.size());
        }
        x.append("\"/><sheetViews><sheetView workbookViewId=\"0\"").append(selected ? " tabSelected=\"1\"" : "");
        if (s.frozenRows > 0) {
            x.append("><pane ySplit=\"").append(s.frozenRows).append("\" topLeftCell=\"A").append(s.frozenRows + 1)
                    .append("\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/></sheetView>");
        } else {
            x.append("/>");
        }
        x.append("</sheetViews><sheetFormatPr defaultRowHeight=\"").append(LINE_POINTS).append("\"/><cols>");
        for (int c = 0; c < width; c++) {
            x.append("<col min=\"").append(c + 1).append("\" max=\"").append(c + 1).append("\" width=\"").append(s.widths[c])
                    .append("\" customWidth=\"1\"/>");
        }
        x.append("</cols><sheetData>");
        for (Row row : s.rows) {
            int r = row.index + 1;
            x.append("<row r=\"").append(r).append('"');
            if (row.height > 0) {
                x.append(" ht=\"").append(row.height).append("\" customHeight=\"1\"");
            }
            x.append('>');
            for (int c = 0; c < width; c++) {
                if (row.styles[c] == null) {
                    continue;
                }
                x.append("<c r=\"").append(column(c)).append(r).append("\" s=\"").append(row.styles[c].xf()).append('"');
                if (row.texts[c] != null) {
                    x.append(" t=\"s\"><v>").append(strings.index(row.texts[c])).append("</v></c>");
                } else if (row.numbers[c] != null) {
                    x.append("><v>").append(row.numbers[c]).append("</v></c>");
                } else {
                    x.append("/>");
                }
            }
            x.append("</row>");
        }
        x.append("</sheetData>");
        if (!s.merges.isEmpty()) {
            x.append("<mergeCells count=\"").append(s.merges.size()).append("\">");
            for (int[] m : s.merges) {
                x.append("<mergeCell ref=\"").append(column(m[2])).append(m[0] + 1).append(':').append(column(m[3])).append(m[1] + 1)
                        .append("\"/>");
            }
            x.append("</mergeCells>");
        }
        // A4, fitted to one page wide, centred: what the templates print.
        x.append("<printOptions horizontalCentered=\"1\"/>")
                .append("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>")
                .append("<pageSetup paperSize=\"9\" orientation=\"").append(s.landscape ? "landscape" : "portrait")
                .append("\" fitToWidth=\"1\" fitToHeight=\"0\"/></worksheet>");
    }

    private static final String[] COLUMNS = new String[64];

    static {
        for (int c = 0; c < COLUMNS.length; c++) {
            COLUMNS[c] = columnName(c);
        }
    }

    /** The letters of column {@code c} (0 is A, 26 is AA). */
    static String column(int c) {
        return c < COLUMNS.length ? COLUMNS[c] : columnName(c);
    }

    private static String columnName(int c) {
        StringBuilder name = new StringBuilder();
        for (int n = c + 1; n > 0; n = (n - 1) / 26) {
            name.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return name.toString();
    }

    /** The shared string table: each distinct text once, in the order first used. */
    private static final class SharedStrings {
        private final Map<String, Integer> indexes = new HashMap<>();
        private final StringBuilder items = new StringBuilder(8 * 1024);
        private int references;

        int index(String text) {
            references++;
            Integer index = indexes.get(text);
            if (index == null) {
                index = indexes.size();
                indexes.put(text, index);
                items.append("<si>");
                Xml.cellText(items, text);
                items.append("</si>");
            }
            return index;
        }

        String xml() {
            return new StringBuilder(DECLARATION.length() + items.length() + 200).append(DECLARATION).append("<sst xmlns=\"")
                    .append(MAIN_NS).append("\" count=\"").append(references).append("\" uniqueCount=\"").append(indexes.size())
                    .append("\">").append(items).append("</sst>").toString();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Text as XML 1.0 holds it. */
    static final class Xml {

        private Xml() {
        }

        /** Markup escaped, for element text and attribute values; characters XML 1.0 cannot hold are left out. */
        static StringBuilder escape(StringBuilder out, String text) {
            return append(out, text, false);
        }

        /**
         * A cell's text as a {@code <t>} element, in Excel's convention: a character XML 1.0 cannot hold (a
         * control character, a lone surrogate, U+FFFE) is written {@code _xHHHH_}, and so the {@code _} of a
         * literal {@code _xHHHH_} is written {@code _x005F_}; a CR is a character reference, or parsing would make it a LF.
         * Spaces at either end are marked to be kept, as Excel would otherwise trim them.
         */
        static StringBuilder cellText(StringBuilder out, String text) {
            boolean keepSpaces = !text.isEmpty()
                    && (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1)));
            out.append(keepSpaces ? "<t xml:space=\"preserve\">" : "<t>");
            return append(out, text, true).append("</t>");
        }

        private static StringBuilder append(StringBuilder out, String text, boolean cell) {
            int n = text.length();
            int start = 0;
            for (int i = 0; i < n; i++) {
                char ch = text.charAt(i);
                String replacement;
                if (ch >= 0x20 && ch < 0xD800) {
                    replacement = switch (ch) {
                        case '&' -> "&amp;";
                        case '<' -> "&lt;";
                        case '>' -> "&gt;";
                        case '"' -> "&quot;";
                        case '_' -> cell && looksEscaped(text, i) ? "_x005F_" : null;
                        default -> null;
                    };
                } else if (ch == '\n' || ch == '\t') {
                    replacement = null;
                } else if (ch == '\r') {
                    replacement = "&#13;";
                } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                } else if (ch >= 0xE000 && ch <= 0xFFFD) {
                    replacement = null;
                } else {
                    replacement = cell ? String.format(Locale.ROOT, "_x%04X_", (int) ch) : "";
                }
                if (replacement != null) {
                    out.append(text, start, i).append(replacement);
                    start = i + 1;
                }
            }
            return out.append(text, start, n);
        }

        /** Whether {@code text} holds {@code _xHHHH_} at {@code i}, which a reader would decode. */
        private static boolean looksEscaped(String text, int i) {
            if (i + 6 >= text.length() || text.charAt(i + 1) != 'x' || text.charAt(i + 6) != '_') {
                return false;
            }
            for (int k = i + 2; k < i + 6; k++) {
                char h = text.charAt(k);
                if (!(h >= '0' && h <= '9' || h >= 'A' && h <= 'F' || h >= 'a' && h <= 'f')) {
                    return false;
                }
            }
            return true;
        }
    }
}
