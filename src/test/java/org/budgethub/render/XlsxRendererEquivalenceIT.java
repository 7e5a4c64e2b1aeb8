package org.budgethub.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFPrintSetup;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.mapping.Consolidation;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Cell;
import org.budgethub.model.Disclosure;
import org.budgethub.model.FigureTable;
import org.budgethub.model.PerformanceTable;
import org.budgethub.narrative.NarrativeRenderer;
import org.budgethub.support.SeedDisclosure;

/**
 * The workbook XlsxRenderer writes part by part is the one the POI renderer built ({@link PoiXlsxRenderer}):
 * both read back with POI, sheet by sheet, cell by cell, for the seed, the demo's units and departments
 * and a disclosure of awkward shapes and texts.
 */
class XlsxRendererEquivalenceIT {

    private static final DisclosureBuilder BUILDER = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates")));
    private static final List<String> DEMO_UNITS = List.of("101001", "101031", "102001", "103005", "104002");

    private static final Map<String, Disclosure> DISCLOSURES = new LinkedHashMap<>();

    @BeforeAll
    static void disclosures() {
        DISCLOSURES.put("seed 101023", SeedDisclosure.disclosure());
        DataSource demo = SeedDisclosure.demoDatabase("xlsx-equivalence", "demo/finance-demo-agencies.sql",
                "demo/finance-demo-department.sql");
        Map<String, AgencyExtract> units = new LinkedHashMap<>();
        for (String code : DEMO_UNITS) {
            units.put(code, SeedDisclosure.load(demo, code, 2026));
            DISCLOSURES.put("unit " + code, BUILDER.build(units.get(code), null));
        }
        DISCLOSURES.put("department 101", BUILDER.build(DepartmentExtract.of101(), null));
        DISCLOSURES.put("department 102", BUILDER.build(Consolidation.of("102", 2026, List.of(units.get("102001"))), null));
        DISCLOSURES.put("awkward", awkward());
    }

    @Test
    void everyDisclosureGivesThePoiRenderersWorkbook() throws Exception {
        for (Map.Entry<String, Disclosure> d : DISCLOSURES.entrySet()) {
            assertSameWorkbook(PoiXlsxRenderer.render(d.getValue()), XlsxRenderer.render(d.getValue()), d.getKey());
        }
    }

    /** The comparison is not blind: a zero written as 0, a merge too few, a narrower column or a lost print title all fail it. */
    @Test
    void theComparisonCatchesWhatAReaderWouldSee() throws Exception {
        byte[] reference = PoiXlsxRenderer.render(SeedDisclosure.disclosure());
        List<Consumer<XSSFWorkbook>> changes = List.of(
                wb -> wb.getSheet("表四").getRow(5).getCell(3).setCellValue(0.0),
                wb -> wb.getSheet("表一").removeMergedRegion(2),
                wb -> wb.getSheet("表二").setColumnWidth(1, wb.getSheet("表二").getColumnWidth(1) - 256),
                wb -> wb.getSheet("表三").getRow(5).setHeightInPoints(33),
                wb -> wb.getSheet("表五").setRepeatingRows(null),
                wb -> wb.getSheet("表六").createFreezePane(0, 0),
                wb -> wb.getSheet("表七").getRow(4).getCell(1).setCellValue("x"),
                wb -> wb.getSheet("表八").getRow(3).getCell(2).getCellStyle().setWrapText(true),
                wb -> wb.getSheet("表十").getPrintSetup().setLandscape(true),
                wb -> wb.setSheetName(11, "表 12"));
        for (int i = 0; i < changes.size(); i++) {
            byte[] changed = changed(reference, changes.get(i));
            assertThatThrownBy(() -> assertSameWorkbook(reference, changed, "seed")).as("change " + i).isInstanceOf(AssertionError.class);
        }
        assertSameWorkbook(reference, changed(reference, wb -> { }), "seed, unchanged");
    }

    /** A disclosure the templates do not make: odd table numbers and shapes, texts XML has to escape, empty and huge figures. */
    private static Disclosure awkward() {
        Cell t1 = Cell.text("  leading and trailing spaces  ");
        Cell t2 = Cell.text("a & b < c > d \"quoted\" 'single'");
        Cell t3 = Cell.text("two\nlines\tand a tab, 😀 and 𠀀");
        Cell t4 = Cell.text("一个很长很长的科目名称，比最宽的列还要宽得多，所以在列里换行显示，行也更高一些才能放得下");
        FigureTable table1 = new FigureTable("表一", "财政拨款收支总表", List.of(
                List.of(t1, amount("15878799.00"), t2, amount("0"), amount("49.99"), amount("-50"), amount("12345678901234.56")),
                List.of(t3, amount("-999999999.995"), t4, amount("1"), amount("10000"), amount("-12345678.90"), Cell.EMPTY),
                List.of(Cell.text("short row"))), "注：a note & <more>\nover two lines");
        FigureTable unknown = new FigureTable("附表:1/2*?[x]", "a table no template heads", List.of(
                List.of(Cell.text("only"), amount("100")), List.of(amount("1e9"), Cell.text("x"))), "  ");
        FigureTable wrongWidth = new FigureTable("表二", "not five columns wide", List.of(List.of(Cell.text("a"), Cell.text("b"))), null);
        FigureTable noRows = new FigureTable("表二", "again, and empty", List.of(), "");
        FigureTable longName = new FigureTable("'a table number longer than thirty-one characters'", "t", List.of(List.of(t2)), null);
        PerformanceTable noBudget = new PerformanceTable("表十", "项目支出绩效目标表", "P1", "a & b", "", null, null, "basis\nover lines",
                "", List.of(List.of("产出指标 & more", "30", "个", "≥", "5000"), List.of("质量", "0.5", "%", "定性", "≥95"),
                List.of("x", "007"), List.of("y", "12345678901234567", "", "", "1e3"), List.of()));
        PerformanceTable noIndicators = new PerformanceTable("表十", "again", "P2", "n", "s", new BigDecimal("-1234567.89"), "s", "b",
                "g", List.of());
        return new Disclosure(1979, "X&1", null, "Title <with> & \"quotes\"", List.of(table1, unknown, wrongWidth, noRows, longName,
                noBudget, noIndicators), List.of(), List.of());
    }

    private static Cell amount(String yuan) {
        return Cell.amount(new BigDecimal(yuan));
    }

    private static byte[] changed(byte[] workbook, Consumer<XSSFWorkbook> change) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            change.accept(wb);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    // ---- the comparison -------------------------------------------------------------------------

    static void assertSameWorkbook(byte[] expected, byte[] actual, String what) throws IOException {
        try (XSSFWorkbook e = new XSSFWorkbook(new ByteArrayInputStream(expected));
             XSSFWorkbook a = new XSSFWorkbook(new ByteArrayInputStream(actual))) {
            assertThat(names(a)).as(what + " sheets").isEqualTo(names(e));
            for (int i = 0; i < e.getNumberOfSheets(); i++) {
                assertSameSheet(e.getSheetAt(i), a.getSheetAt(i), what + " " + e.getSheetName(i));
            }
            var ep = e.getProperties().getCoreProperties();
            var ap = a.getProperties().getCoreProperties();
            assertThat(List.of(String.valueOf(ap.getTitle()), String.valueOf(ap.getSubject()), ap.getCreator(),
                    ap.getUnderlyingProperties().getLastModifiedByProperty().orElse(""), ap.getCreated(), ap.getModified()))
                    .as(what + " core properties").isEqualTo(List.of(String.valueOf(ep.getTitle()), String.valueOf(ep.getSubject()),
                            ep.getCreator(), ep.getUnderlyingProperties().getLastModifiedByProperty().orElse(""), ep.getCreated(),
                            ep.getModified()));
        }
    }

    private static List<String> names(XSSFWorkbook wb) {
        List<String> names = new ArrayList<>();
        wb.forEach(s -> names.add(s.getSheetName()));
        return names;
    }

    private static void assertSameSheet(XSSFSheet e, XSSFSheet a, String where) {
        assertThat(merges(a)).as(where + " merged regions").isEqualTo(merges(e));
        assertThat(String.valueOf(a.getRepeatingRows())).as(where + " print titles").isEqualTo(String.valueOf(e.getRepeatingRows()));
        assertThat(String.valueOf(a.getRepeatingColumns())).as(where + " print title columns")
                .isEqualTo(String.valueOf(e.getRepeatingColumns()));
        assertThat(pane(a.getPaneInformation())).as(where + " frozen pane").isEqualTo(pane(e.getPaneInformation()));
        assertThat(print(a)).as(where + " page setup").isEqualTo(print(e));
        assertThat(a.getDefaultRowHeightInPoints()).as(where + " default row height").isEqualTo(e.getDefaultRowHeightInPoints());
        assertThat(a.getLastRowNum()).as(where + " last row").isEqualTo(e.getLastRowNum());
        int columns = 0;
        DataFormatter shown = new DataFormatter(Locale.ROOT);
        for (int r = 0; r <= e.getLastRowNum(); r++) {
            XSSFRow er = e.getRow(r);
            XSSFRow ar = a.getRow(r);
            assertThat(ar == null).as(where + " row " + r + " missing").isEqualTo(er == null);
            if (er == null) {
                continue;
            }
            assertThat(ar.getHeightInPoints()).as(where + " row " + r + " height").isEqualTo(er.getHeightInPoints());
            assertThat(ar.getLastCellNum()).as(where + " row " + r + " last cell").isEqualTo(er.getLastCellNum());
            columns = Math.max(columns, er.getLastCellNum());
            for (int c = 0; c < er.getLastCellNum(); c++) {
                XSSFCell ec = er.getCell(c);
                XSSFCell ac = ar.getCell(c);
                String at = where + " " + new CellRangeAddress(r, r, c, c).formatAsString();
                assertThat(ac == null).as(at + " missing").isEqualTo(ec == null);
                if (ec == null) {
                    continue;
                }
                assertThat(ac.getCellType()).as(at + " type").isEqualTo(ec.getCellType());
                if (ec.getCellType() == CellType.NUMERIC) {
                    assertThat(ac.getNumericCellValue()).as(at + " value").isEqualTo(ec.getNumericCellValue());
                } else {
                    assertThat(ac.getStringCellValue()).as(at + " value").isEqualTo(ec.getStringCellValue());
                }
                assertThat(shown.formatCellValue(ac)).as(at + " as shown").isEqualTo(shown.formatCellValue(ec));
                assertThat(style(ac.getCellStyle())).as(at + " style").isEqualTo(style(ec.getCellStyle()));
            }
        }
        for (int c = 0; c < columns + 2; c++) {
            assertThat(a.getColumnWidth(c)).as(where + " column " + c + " width").isEqualTo(e.getColumnWidth(c));
        }
    }

    private static List<String> merges(XSSFSheet sheet) {
        return sheet.getMergedRegions().stream().map(CellRangeAddress::formatAsString).sorted().toList();
    }

    private static String pane(PaneInformation p) {
        return p == null ? "none" : "freeze " + p.isFreezePane() + " rows " + p.getHorizontalSplitPosition() + " cols "
                + p.getVerticalSplitPosition() + " top " + p.getHorizontalSplitTopRow() + " left " + p.getVerticalSplitLeftColumn();
    }

    private static List<Object> print(XSSFSheet sheet) {
        XSSFPrintSetup p = sheet.getPrintSetup();
        return List.of(p.getPaperSize(), p.getLandscape(), p.getFitWidth(), p.getFitHeight(), sheet.getFitToPage(),
                sheet.getHorizontallyCenter(), sheet.getVerticallyCenter());
    }

    /** What a reader sees of a style: number format, font, alignment, wrapping, borders and fill. */
    private static List<Object> style(XSSFCellStyle s) {
        XSSFFont f = s.getFont();
        return List.of(s.getDataFormatString(), f.getFontName(), f.getFontHeightInPoints(), f.getBold(), f.getItalic(),
                f.getUnderline(), f.getStrikeout(), String.valueOf(f.getXSSFColor() == null ? null : f.getXSSFColor().getARGBHex()),
                s.getAlignment(), s.getVerticalAlignment(), s.getWrapText(), s.getIndention(), s.getRotation(),
                s.getBorderTop(), s.getBorderBottom(), s.getBorderLeft(), s.getBorderRight(), s.getFillPattern(), s.getHidden(),
                s.getLocked(), s.getShrinkToFit());
    }
}
