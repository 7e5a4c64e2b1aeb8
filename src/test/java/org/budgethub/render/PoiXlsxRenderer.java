package org.budgethub.render;

import static org.budgethub.render.XlsxRenderer.AMOUNT_FORMAT;
import static org.budgethub.render.XlsxRenderer.FONT;
import static org.budgethub.render.XlsxRenderer.FORM_WIDTH;
import static org.budgethub.render.XlsxRenderer.UNIT_LABEL;
import static org.budgethub.render.XlsxRenderer.figureWidths;
import static org.budgethub.render.XlsxRenderer.fixedTime;
import static org.budgethub.render.XlsxRenderer.header;
import static org.budgethub.render.XlsxRenderer.lines;
import static org.budgethub.render.XlsxRenderer.number;
import static org.budgethub.render.XlsxRenderer.performanceWidths;
import static org.budgethub.render.XlsxRenderer.span;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.budgethub.mapping.Money;
import org.budgethub.mapping.TableLayouts;
import org.budgethub.model.Cell;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureTable;
import org.budgethub.model.FigureTable;
import org.budgethub.model.PerformanceTable;

/**
 * The workbook as {@link XlsxRenderer} built it with Apache POI (XSSF) before it wrote the parts itself:
 * the reference {@code XlsxRendererEquivalenceIT} compares the new writer with, read back with POI.
 * Test scope only; kept as it was, apart from the layout helpers it shares with {@link XlsxRenderer}.
 */
final class PoiXlsxRenderer {

    private static final short LINE_POINTS = 15;

    private PoiXlsxRenderer() {
    }

    static byte[] render(Disclosure d) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles styles = new Styles(wb);
            Set<String> used = new HashSet<>();
            for (DisclosureTable t : d.tables()) {
                XSSFSheet sheet = wb.createSheet(sheetName(t.no(), used));
                if (t instanceof FigureTable f) {
                    figureSheet(sheet, styles, f, d.fiscalYear());
                } else if (t instanceof PerformanceTable p) {
                    performanceSheet(sheet, styles, p, d.agencyName());
                }
            }
            properties(wb, d);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return fixZipTimes(out.toByteArray(), fixedTime(d.fiscalYear()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- figure tables ------------------------------------------------------------------------

    private static void figureSheet(XSSFSheet sheet, Styles s, FigureTable t, int year) {
        int width = Math.max(1, t.rows().stream().mapToInt(List::size).max().orElse(0));
        Optional<TableLayouts.Layout> header = header(t.no(), year, width);
        int[] widths = figureWidths(t, header, width);
        for (int c = 0; c < width; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        int r = titleRows(sheet, s, t.no() + " " + t.title(), width, widths);
        XSSFRow unit = sheet.createRow(r);
        merged(sheet, unit, 0, width - 1, UNIT_LABEL, s.unit);
        r++;

        if (header.isPresent()) {
            TableLayouts.Layout h = header.get();
            XSSFRow[] rows = new XSSFRow[h.headerRows()];
            for (int i = 0; i < h.headerRows(); i++) {
                rows[i] = sheet.createRow(r + i);
                for (int c = 0; c < width; c++) {
                    rows[i].createCell(c).setCellStyle(s.header);
                }
            }
            int[] lines = new int[h.headerRows()];
            for (TableLayouts.HeaderCell hc : h.cells()) {
                rows[hc.row()].getCell(hc.col()).setCellValue(hc.text());
                if (hc.rowSpan() > 1 || hc.colSpan() > 1) {
                    sheet.addMergedRegion(new CellRangeAddress(r + hc.row(), r + hc.row() + hc.rowSpan() - 1,
                            hc.col(), hc.col() + hc.colSpan() - 1));
                }
                if (hc.rowSpan() == 1) {
                    lines[hc.row()] = Math.max(lines[hc.row()], lines(hc.text(), span(widths, hc.col(), hc.colSpan())));
                }
            }
            for (int i = 0; i < h.headerRows(); i++) {
                rows[i].setHeightInPoints(height(lines[i]));
            }
            // Every printed page and every scrolled screen keeps the column headers in view.
            sheet.setRepeatingRows(new CellRangeAddress(r, r + h.headerRows() - 1, -1, -1));
            r += h.headerRows();
            sheet.createFreezePane(0, r);
        }

        for (List<Cell> cells : t.rows()) {
            XSSFRow row = sheet.createRow(r++);
            int lines = 1;
            for (int c = 0; c < width; c++) {
                XSSFCell cell = row.createCell(c);
                Cell value = c < cells.size() ? cells.get(c) : Cell.EMPTY;
                if (value instanceof Cell.Amount a) {
                    cell.setCellStyle(s.amount);
                    BigDecimal wan = Money.toWan(a.yuan());
                    if (wan.signum() != 0) {
                        cell.setCellValue(wan.doubleValue());
                    }
                } else {
                    String text = ((Cell.Text) value).text();
                    cell.setCellStyle(s.text);
                    if (!text.isEmpty()) {
                        cell.setCellValue(text);
                        lines = Math.max(lines, lines(text, widths[c]));
                    }
                }
            }
            row.setHeightInPoints(height(lines));
        }

        if (t.note() != null && !t.note().isBlank()) {
            XSSFRow note = sheet.createRow(r);
            merged(sheet, note, 0, width - 1, t.note(), s.note);
            note.setHeightInPoints(height(lines(t.note(), span(widths, 0, width))));
        }
        print(sheet, width);
    }

    // ---- performance tables -------------------------------------------------------------------

    /** The 一般性项目绩效目标表 form of the seed: labels left, values merged across, then the indicators. */
    private static void performanceSheet(XSSFSheet sheet, Styles s, PerformanceTable p, String agencyName) {
        int[] widths = performanceWidths(p);
        for (int c = 0; c < FORM_WIDTH; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        int r = titleRows(sheet, s, p.no() + " " + p.title(), FORM_WIDTH, widths);

        XSSFRow unit = sheet.createRow(r++);
        String prepared = "编制单位：" + (agencyName == null ? "" : agencyName);
        merged(sheet, unit, 0, 3, prepared, s.plain);
        merged(sheet, unit, 4, 5, UNIT_LABEL, s.unit);
        unit.setHeightInPoints(height(lines(prepared, span(widths, 0, 4))));

        XSSFRow nameRow = sheet.createRow(r++);
        label(nameRow, 0, "项目名称", s);
        merged(sheet, nameRow, 1, 3, p.name(), s.text);
        label(nameRow, 4, "业务主管部门", s);
        nameRow.createCell(5).setCellStyle(s.text);
        nameRow.getCell(5).setCellValue(p.supervisor());
        nameRow.setHeightInPoints(height(Math.max(lines(p.name(), span(widths, 1, 3)), lines(p.supervisor(), widths[5]))));

        XSSFRow budgetRow = sheet.createRow(r++);
        label(budgetRow, 0, "当年预算", s);
        merged(sheet, budgetRow, 1, 5, "", s.budget);
        BigDecimal wan = p.budgetYuan() == null ? BigDecimal.ZERO : Money.toWan(p.budgetYuan());
        if (wan.signum() != 0) {
            budgetRow.getCell(1).setCellValue(wan.doubleValue());
        }
        budgetRow.setHeightInPoints(height(1));

        r = formRow(sheet, s, r, "项目概况", p.summary(), widths);
        r = formRow(sheet, s, r, "立项依据", p.basis(), widths);
        r = formRow(sheet, s, r, "当年绩效目标", p.goal(), widths);

        int first = r;
        XSSFRow head = sheet.createRow(r++);
        label(head, 0, "绩效指标", s);
        String[] columns = {"指标", "指标权重", "计量单位", "指标性质", "指标值"};
        for (int c = 0; c < columns.length; c++) {
            label(head, c + 1, columns[c], s);
        }
        head.setHeightInPoints(height(1));
        for (List<String> indicator : p.indicators()) {
            XSSFRow row = sheet.createRow(r++);
            row.createCell(0).setCellStyle(s.label);
            int lines = 1;
            for (int c = 1; c < FORM_WIDTH; c++) {
                XSSFCell cell = row.createCell(c);
                String text = c - 1 < indicator.size() && indicator.get(c - 1) != null ? indicator.get(c - 1) : "";
                cell.setCellStyle(c == 1 ? s.text : s.centered);
                Optional<BigDecimal> number = c == 2 || c == 5 ? number(text) : Optional.empty();
                if (number.isPresent()) {
                    // A weight or target that is a plain number is stored as one, so it can be summed and compared.
                    cell.setCellValue(number.get().doubleValue());
                } else if (!text.isEmpty()) {
                    cell.setCellValue(text);
                    lines = Math.max(lines, lines(text, widths[c]));
                }
            }
            row.setHeightInPoints(height(lines));
        }
        if (r - 1 > first) {
            sheet.addMergedRegion(new CellRangeAddress(first, r - 1, 0, 0));
        }
        print(sheet, FORM_WIDTH);
    }

    private static int formRow(XSSFSheet sheet, Styles s, int r, String label, String text, int[] widths) {
        XSSFRow row = sheet.createRow(r);
        label(row, 0, label, s);
        String value = text == null ? "" : text;
        merged(sheet, row, 1, FORM_WIDTH - 1, value, s.text);
        row.setHeightInPoints(height(lines(value, span(widths, 1, FORM_WIDTH - 1))));
        return r + 1;
    }

    private static void label(XSSFRow row, int col, String text, Styles s) {
        XSSFCell cell = row.createCell(col);
        cell.setCellStyle(s.label);
        cell.setCellValue(text);
    }

    // ---- shared layout ------------------------------------------------------------------------

    /** The title row, merged over the table and centered; returns the next row index. */
    private static int titleRows(XSSFSheet sheet, Styles s, String title, int width, int[] widths) {
        XSSFRow row = sheet.createRow(0);
        merged(sheet, row, 0, width - 1, title, s.title);
        row.setHeightInPoints(Math.max(24, 22 * lines(title, (int) (span(widths, 0, width) / 1.5))));
        return 1;
    }

    /** Writes {@code text} into columns first..last of {@code row}, merged when more than one, every cell styled. */
    private static void merged(XSSFSheet sheet, XSSFRow row, int first, int last, String text, XSSFCellStyle style) {
        for (int c = first; c <= last; c++) {
            row.createCell(c).setCellStyle(style);
        }
        if (text != null && !text.isEmpty()) {
            row.getCell(first).setCellValue(text);
        }
        if (last > first) {
            sheet.addMergedRegion(new CellRangeAddress(row.getRowNum(), row.getRowNum(), first, last));
        }
    }

    private static void print(XSSFSheet sheet, int width) {
        sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
        sheet.getPrintSetup().setLandscape(width > 7);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        sheet.setHorizontallyCenter(true);
    }

    private static float height(int lines) {
        return Math.max(1, lines) * LINE_POINTS + 3;
    }

    private static String sheetName(String no, Set<String> used) {
        String base = WorkbookUtil.createSafeSheetName(no == null || no.isBlank() ? "表" : no);
        String name = base;
        for (int i = 2; !used.add(name); i++) {
            name = WorkbookUtil.createSafeSheetName(base + " (" + i + ")");
        }
        return name;
    }

    // ---- determinism --------------------------------------------------------------------------

    private static void properties(XSSFWorkbook wb, Disclosure d) {
        POIXMLProperties.CoreProperties core = wb.getProperties().getCoreProperties();
        Date fixed = Date.from(fixedTime(d.fiscalYear()).toInstant(ZoneOffset.UTC));
        core.setCreated(Optional.of(fixed));
        core.setModified(Optional.of(fixed));
        core.setCreator("Budget Disclosure Hub");
        core.setLastModifiedByUser("Budget Disclosure Hub");
        core.setTitle(d.title());
        core.setSubjectProperty(d.agencyCode() + " " + d.fiscalYear());
    }

    /**
     * POI stamps the current time on every zip entry; copy the entries, in order, with one fixed
     * local time (setTimeLocal, so the default time zone does not matter and no extra field is added).
     */
    static byte[] fixZipTimes(byte[] zip, LocalDateTime time) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(time);
                z.putNextEntry(copy);
                in.transferTo(z);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    // ---- styles -------------------------------------------------------------------------------

    /** The few cell styles of a workbook, created once: styles are a workbook-wide, limited resource. */
    private static final class Styles {
        final XSSFCellStyle title;
        final XSSFCellStyle unit;
        final XSSFCellStyle plain;
        final XSSFCellStyle header;
        final XSSFCellStyle text;
        final XSSFCellStyle centered;
        final XSSFCellStyle amount;
        final XSSFCellStyle budget;
        final XSSFCellStyle note;
        final XSSFCellStyle label;

        Styles(XSSFWorkbook wb) {
            // The default font too, so that unstyled cells render CJK text properly.
            XSSFFont base = wb.getFontAt(0);
            base.setFontName(FONT);
            base.setFontHeightInPoints((short) 11);
            XSSFFont bold = font(wb, 11, true);
            XSSFFont titleFont = font(wb, 16, true);

            title = style(wb, titleFont, HorizontalAlignment.CENTER, false, true);
            unit = style(wb, base, HorizontalAlignment.RIGHT, false, false);
            plain = style(wb, base, HorizontalAlignment.LEFT, false, true);
            header = style(wb, bold, HorizontalAlignment.CENTER, true, true);
            text = style(wb, base, HorizontalAlignment.LEFT, true, true);
            centered = style(wb, base, HorizontalAlignment.CENTER, true, true);
            amount = style(wb, base, HorizontalAlignment.RIGHT, true, false);
            amount.setDataFormat(wb.createDataFormat().getFormat(AMOUNT_FORMAT));
            budget = style(wb, base, HorizontalAlignment.LEFT, true, false);
            note = style(wb, base, HorizontalAlignment.LEFT, false, true);
            label = style(wb, bold, HorizontalAlignment.CENTER, true, true);
        }

        private static XSSFFont font(XSSFWorkbook wb, int points, boolean bold) {
            XSSFFont f = wb.createFont();
            f.setFontName(FONT);
            f.setFontHeightInPoints((short) points);
            f.setBold(bold);
            return f;
        }

        private static XSSFCellStyle style(XSSFWorkbook wb, XSSFFont font, HorizontalAlignment align,
                                           boolean bordered, boolean wrap) {
            XSSFCellStyle s = wb.createCellStyle();
            s.setFont(font);
            s.setAlignment(align);
            s.setVerticalAlignment(VerticalAlignment.CENTER);
            s.setWrapText(wrap);
            if (bordered) {
                s.setBorderTop(BorderStyle.THIN);
                s.setBorderBottom(BorderStyle.THIN);
                s.setBorderLeft(BorderStyle.THIN);
                s.setBorderRight(BorderStyle.THIN);
            }
            return s;
        }
    }
}
