package org.budgethub.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import org.budgethub.mapping.Money;
import org.budgethub.model.Cell;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureTable;
import org.budgethub.model.FigureTable;
import org.budgethub.support.SeedDisclosure;

class XlsxRendererIT {

    /** Rows above the data: title, 单位, then the template header of each table. */
    private static final Map<String, Integer> DATA_START = Map.of(
            "表一", 4, "表二", 4, "表三", 4, "表四", 5, "表五", 4, "表六", 4, "表七", 4, "表八", 3, "表九", 3);
    private static final Pattern PRINTED_AMOUNT = Pattern.compile("-?[0-9]{1,3}(,[0-9]{3})*\\.[0-9]{2}");

    private static Disclosure disclosure;
    private static byte[] bytes;
    private static XSSFWorkbook workbook;
    private static JsonNode golden;

    @BeforeAll
    static void render() throws Exception {
        disclosure = SeedDisclosure.disclosure();
        bytes = XlsxRenderer.render(disclosure);
        workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes));
        try (InputStream in = XlsxRendererIT.class.getResourceAsStream("/seed/seed-unit-2026.json")) {
            golden = new ObjectMapper().readTree(in);
        }
    }

    @AfterAll
    static void close() throws Exception {
        workbook.close();
    }

    @Test
    void oneSheetPerTableNamedByItsNumber() {
        List<String> names = new ArrayList<>();
        workbook.forEach(s -> names.add(s.getSheetName()));
        assertThat(names).containsExactly("表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九",
                "表十", "表十一", "表十二");
        assertThat(names).isEqualTo(disclosure.tables().stream().map(DisclosureTable::no).toList());
    }

    @Test
    void everySheetHasAMergedBoldCenteredTitleAndTheUnitRightAligned() {
        for (DisclosureTable t : disclosure.tables()) {
            XSSFSheet sheet = workbook.getSheet(t.no());
            XSSFCell title = sheet.getRow(0).getCell(0);
            assertThat(title.getStringCellValue()).as(t.no()).isEqualTo(t.no() + " " + t.title());
            assertThat(title.getCellStyle().getFont().getBold()).as(t.no()).isTrue();
            assertThat(title.getCellStyle().getAlignment()).as(t.no()).isEqualTo(HorizontalAlignment.CENTER);
            assertThat(title.getCellStyle().getFont().getFontName()).isEqualTo("宋体");
            int width = t instanceof FigureTable f ? f.rows().get(0).size() : 6;
            assertThat(sheet.getMergedRegions()).as(t.no()).contains(new CellRangeAddress(0, 0, 0, width - 1));

            XSSFRow unitRow = sheet.getRow(1);
            XSSFCell unit = null;
            for (int c = 0; c < unitRow.getLastCellNum(); c++) {
                if ("单位：万元".equals(unitRow.getCell(c).getStringCellValue())) {
                    unit = unitRow.getCell(c);
                }
            }
            assertThat(unit).as(t.no() + " 单位 row").isNotNull();
            assertThat(unit.getCellStyle().getAlignment()).isEqualTo(HorizontalAlignment.RIGHT);
        }
    }

    @Test
    void table1HasTheIncomeAndExpenditureHeaderOverItsColumns() {
        XSSFSheet sheet = workbook.getSheet("表一");
        assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(2, 2, 0, 1), new CellRangeAddress(2, 2, 2, 6));
        assertThat(text(sheet, 2, 0)).isEqualTo("收入");
        assertThat(text(sheet, 2, 2)).isEqualTo("支出");
        assertThat(texts(sheet, 3, 0, 7)).containsExactly("项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算");
        assertThat(sheet.getRow(3).getCell(0).getCellStyle().getFont().getBold()).isTrue();
    }

    @Test
    void table4HasTheVehicleColumnsUnderOneHeading() {
        XSSFSheet sheet = workbook.getSheet("表四");
        assertThat(sheet.getMergedRegions()).contains(
                new CellRangeAddress(2, 2, 0, 5),
                new CellRangeAddress(3, 4, 0, 0),
                new CellRangeAddress(3, 4, 1, 1),
                new CellRangeAddress(3, 3, 2, 4),
                new CellRangeAddress(3, 4, 5, 5));
        assertThat(text(sheet, 2, 0)).isEqualTo("2026 年预算数");
        assertThat(texts(sheet, 3, 0, 6)).containsExactly("合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费");
        assertThat(texts(sheet, 4, 2, 5)).containsExactly("小计", "公务用车购置费", "公务用车运行费");
    }

    @Test
    void tables2And7HaveTheirTwoRowHeaders() {
        XSSFSheet t2 = workbook.getSheet("表二");
        assertThat(t2.getMergedRegions()).contains(new CellRangeAddress(2, 2, 0, 1), new CellRangeAddress(2, 2, 2, 4));
        assertThat(texts(t2, 2, 0, 5)).containsExactly("功能分类科目", "", "2026 年预算数", "", "");
        assertThat(texts(t2, 3, 0, 5)).containsExactly("科目编码", "科目名称", "总计", "基本支出", "项目支出");
        XSSFSheet t7 = workbook.getSheet("表七");
        assertThat(t7.getMergedRegions()).contains(new CellRangeAddress(2, 2, 0, 1), new CellRangeAddress(2, 3, 2, 2),
                new CellRangeAddress(2, 3, 11, 11));
        assertThat(text(t7, 2, 3)).isEqualTo("一般公共预算拨款收入");
        assertThat(text(t7, 2, 11)).isEqualTo("其他收入");
    }

    /** 表五 and 表八 are headed as the seed document heads them, not like 表二. */
    @Test
    void tables5And8HaveTheSeedsHeaders() {
        XSSFSheet t5 = workbook.getSheet("表五");
        assertThat(t5.getMergedRegions()).contains(new CellRangeAddress(2, 3, 0, 0), new CellRangeAddress(2, 3, 1, 1),
                new CellRangeAddress(2, 2, 2, 4));
        assertThat(texts(t5, 2, 0, 5)).containsExactly("科目编码", "科目名称", "本年政府性基金预算财政拨款支出", "", "");
        assertThat(texts(t5, 3, 0, 5)).containsExactly("", "", "总计", "基本支出", "项目支出");
        XSSFSheet t8 = workbook.getSheet("表八");
        assertThat(texts(t8, 2, 0, 5)).containsExactly("科目编码", "科目名称", "总计", "基本支出", "项目支出");
        assertThat(t8.getMergedRegions()).noneMatch(r -> r.getFirstRow() == 2);
        assertThat(text(t8, 3, 0)).isEqualTo("合计");
    }

    /** The sheet's header rows are the page's: the same texts, row by row, for every figure table. */
    @Test
    void everyHeaderIsTheHtmlPagesHeader() throws Exception {
        Document dom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(HtmlRenderer.render(disclosure).getBytes(StandardCharsets.UTF_8)));
        NodeList heads = dom.getElementsByTagName("thead");
        int checked = 0;
        for (int i = 0; i < heads.getLength(); i++) {
            Element thead = (Element) heads.item(i);
            String no = ((Element) thead.getParentNode()).getElementsByTagName("span").item(0).getTextContent();
            List<List<String>> html = new ArrayList<>();
            NodeList rows = thead.getElementsByTagName("tr");
            for (int r = 0; r < rows.getLength(); r++) {
                List<String> cells = new ArrayList<>();
                NodeList ths = ((Element) rows.item(r)).getElementsByTagName("th");
                for (int c = 0; c < ths.getLength(); c++) {
                    cells.add(ths.item(c).getTextContent());
                }
                html.add(cells);
            }
            XSSFSheet sheet = workbook.getSheet(no);
            List<List<String>> xlsx = new ArrayList<>();
            for (int r = 2; r < DATA_START.get(no); r++) {
                xlsx.add(texts(sheet, r, 0, sheet.getRow(r).getLastCellNum()).stream().filter(t -> !t.isEmpty()).toList());
            }
            assertThat(xlsx).as(no).isEqualTo(html);
            checked++;
        }
        assertThat(checked).isEqualTo(9);
    }

    /** Printed, every page repeats the column headers; on screen they stay put while the rows scroll. */
    @Test
    void headerRowsArePrintTitlesAndStayFrozen() {
        for (Map.Entry<String, Integer> t : DATA_START.entrySet()) {
            XSSFSheet sheet = workbook.getSheet(t.getKey());
            int dataStart = t.getValue();
            assertThat(sheet.getRepeatingRows()).as(t.getKey() + " print titles").isEqualTo(new CellRangeAddress(2, dataStart - 1, -1, -1));
            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane).as(t.getKey() + " frozen pane").isNotNull();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat((int) pane.getHorizontalSplitPosition()).as(t.getKey() + " frozen rows").isEqualTo(dataStart);
            assertThat((int) pane.getVerticalSplitPosition()).isZero();
        }
    }

    /** Weights and targets that are plain numbers are numbers; 较好 and the like stay as written. */
    @Test
    void numericIndicatorWeightsAndValuesAreNumbers() {
        DataFormatter shown = new DataFormatter();
        int numbers = 0;
        int texts = 0;
        for (JsonNode table : golden.path("tables")) {
            if (!table.has("project")) {
                continue;
            }
            XSSFSheet sheet = workbook.getSheet(table.path("no").asText());
            JsonNode indicators = table.path("project").path("indicators");
            for (int i = 0; i < indicators.size(); i++) {
                XSSFRow row = sheet.getRow(8 + i);
                for (int c : new int[] {2, 5}) {
                    String expected = indicators.get(i).get(c - 1).asText();
                    XSSFCell cell = row.getCell(c);
                    String where = table.path("no").asText() + " indicator " + i + " col " + c;
                    assertThat(shown.formatCellValue(cell)).as(where).isEqualTo(expected);
                    if (expected.matches("[0-9]+")) {
                        assertThat(cell.getCellType()).as(where).isEqualTo(CellType.NUMERIC);
                        assertThat(cell.getNumericCellValue()).isEqualTo(Double.parseDouble(expected));
                        numbers++;
                    } else {
                        assertThat(cell.getCellType()).as(where).isEqualTo(CellType.STRING);
                        texts++;
                    }
                }
                assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.STRING);
                assertThat(row.getCell(4).getCellType()).isEqualTo(CellType.STRING);
            }
        }
        assertThat(numbers).isGreaterThan(20);
        assertThat(texts).as("定性 targets").isGreaterThanOrEqualTo(3);
    }

    @Test
    void onlyPlainNumbersAreTakenForNumbers() {
        assertThat(XlsxRenderer.number("30")).contains(new BigDecimal("30"));
        assertThat(XlsxRenderer.number("0.5")).contains(new BigDecimal("0.5"));
        assertThat(XlsxRenderer.number(" 95 ")).contains(new BigDecimal("95"));
        assertThat(XlsxRenderer.number("-3")).contains(new BigDecimal("-3"));
        for (String text : new String[] {"≥95", "95%", "较好", "007", "1,000", "1e3", "", "12345678901234567", "0.1234567", "3."}) {
            assertThat(XlsxRenderer.number(text)).as(text).isEmpty();
        }
        assertThat(XlsxRenderer.number(null)).isEmpty();
    }

    /** Every printed cell of the golden 表一–表九 is in the sheet: amounts as numbers in 万元, zero as blank. */
    @Test
    void everyGoldenCellIsThereAmountsAsFormattedNumbersAndZerosBlank() {
        int amounts = 0;
        int blanks = 0;
        for (JsonNode table : golden.path("tables")) {
            String no = table.path("no").asText();
            if (!DATA_START.containsKey(no)) {
                continue;
            }
            XSSFSheet sheet = workbook.getSheet(no);
            FigureTable model = (FigureTable) disclosure.tables().stream().filter(t -> t.no().equals(no)).findFirst().orElseThrow();
            int start = DATA_START.get(no);
            JsonNode rows = table.path("rows");
            for (int i = 0; i < rows.size(); i++) {
                XSSFRow row = sheet.getRow(start + i);
                assertThat((Object) row).as(no + " row " + i).isNotNull();
                for (int j = 0; j < rows.get(i).size(); j++) {
                    String expected = rows.get(i).get(j).asText();
                    XSSFCell cell = row.getCell(j);
                    String where = no + " row " + i + " col " + j;
                    if (PRINTED_AMOUNT.matcher(expected).matches()) {
                        assertThat(cell.getCellType()).as(where).isEqualTo(CellType.NUMERIC);
                        assertThat(cell.getNumericCellValue()).as(where)
                                .isEqualTo(new BigDecimal(expected.replace(",", "")).doubleValue());
                        assertThat(cell.getCellStyle().getDataFormatString()).as(where).isEqualTo("#,##0.00");
                        amounts++;
                    } else if (model.rows().get(i).get(j) instanceof Cell.Amount a) {
                        assertThat(expected).as(where).isEmpty();
                        assertThat(Money.toWan(a.yuan()).signum()).as(where).isZero();
                        assertThat(cell.getCellType()).as(where + " zero amount").isEqualTo(CellType.BLANK);
                        assertThat(cell.getCellStyle().getDataFormatString()).as(where).isEqualTo("#,##0.00");
                        blanks++;
                    } else {
                        assertThat(cell.getCellType()).as(where).isIn(CellType.STRING, CellType.BLANK);
                        assertThat(cell.getStringCellValue()).as(where).isEqualTo(expected);
                    }
                }
            }
            XSSFRow after = sheet.getRow(start + rows.size());
            if (table.path("note").isNull()) {
                assertThat((Object) after).as(no + " has nothing below its rows").isNull();
            } else {
                assertThat(after.getCell(0).getStringCellValue()).as(no + " note").isEqualTo(table.path("note").asText());
                assertThat(after.getCell(0).getCellStyle().getWrapText()).isTrue();
            }
        }
        assertThat(amounts).isGreaterThan(150);
        assertThat(blanks).isGreaterThan(100);
        // 表四's 公务用车购置费 is zero: blank, not 0.
        assertThat(workbook.getSheet("表四").getRow(5).getCell(3).getCellType()).isEqualTo(CellType.BLANK);
        assertThat(workbook.getSheet("表四").getRow(5).getCell(0).getNumericCellValue()).isEqualTo(7.0);
    }

    @Test
    void performanceTablesAreFormsWithTheirIndicators() {
        XSSFSheet sheet = workbook.getSheet("表十");
        JsonNode project = golden.path("tables").get(9).path("project");
        XSSFRow unitRow = sheet.getRow(1);
        assertThat(unitRow.getCell(0).getStringCellValue()).isEqualTo("编制单位：原重庆市江北区数字化城市运行和治理中心");
        assertThat(texts(sheet, 2, 0, 6)).containsExactly("项目名称", project.path("name").asText(), "", "", "业务主管部门",
                project.path("supervisor").asText());
        assertThat(text(sheet, 3, 0)).isEqualTo("当年预算");
        assertThat(sheet.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(183.0);
        assertThat(texts(sheet, 4, 0, 2)).containsExactly("项目概况", project.path("summary").asText());
        assertThat(texts(sheet, 5, 0, 2)).containsExactly("立项依据", project.path("basis").asText());
        assertThat(texts(sheet, 6, 0, 2)).containsExactly("当年绩效目标", project.path("goal").asText());
        assertThat(sheet.getRow(4).getCell(1).getCellStyle().getWrapText()).isTrue();
        assertThat(texts(sheet, 7, 0, 6)).containsExactly("绩效指标", "指标", "指标权重", "计量单位", "指标性质", "指标值");
        JsonNode indicators = project.path("indicators");
        for (int i = 0; i < indicators.size(); i++) {
            List<String> expected = new ArrayList<>();
            indicators.get(i).forEach(v -> expected.add(v.asText()));
            assertThat(shown(sheet, 8 + i, 1, 6)).as("indicator " + i).isEqualTo(expected);
        }
        assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(2, 2, 1, 3), new CellRangeAddress(4, 4, 1, 5),
                new CellRangeAddress(7, 7 + indicators.size(), 0, 0));
        assertThat(workbook.getSheet("表十一").getRow(3).getCell(1).getNumericCellValue()).isEqualTo(87.9);
    }

    @Test
    void longTextColumnsAreWideAndCellsUseACjkFont() {
        XSSFSheet sheet = workbook.getSheet("表二");
        assertThat(sheet.getColumnWidth(1)).isGreaterThan(sheet.getColumnWidth(0));
        assertThat(sheet.getColumnWidth(1) / 256).isGreaterThanOrEqualTo(30);
        assertThat(sheet.getRow(5).getCell(1).getCellStyle().getFont().getFontName()).isEqualTo("宋体");
        assertThat(sheet.getRow(5).getCell(2).getCellStyle().getFont().getFontName()).isEqualTo("宋体");
    }

    /** An amount column is 4 wider than its longest printed amount, at least 14, whatever the amount's size and sign. */
    @Test
    void amountColumnsFitTheirPrintedAmounts() {
        for (String yuan : List.of("0", "1", "-1", "12345678.90", "999899999.99", "-999899999.99", "999900000", "-999900000",
                "999999999.99", "-999999999.995", "1000000000", "-1000000000", "12345678901234.56", "-12345678901234.56")) {
            BigDecimal amount = new BigDecimal(yuan);
            assertThat(XlsxRenderer.amountWidth(amount)).as(yuan).isEqualTo(Math.max(14, Money.cell(amount).length() + 4));
        }
        assertThat(XlsxRenderer.amountWidth(new BigDecimal("-1000000000"))).isEqualTo(15);
    }

    @Test
    void theSameDisclosureGivesTheSameBytesWithFixedDates() throws Exception {
        assertThat(XlsxRenderer.render(disclosure)).isEqualTo(bytes);
        LocalDateTime newYear = LocalDateTime.of(2026, 1, 1, 0, 0);
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                assertThat(e.getTimeLocal()).as(e.getName()).isEqualTo(newYear);
                entries++;
            }
        }
        assertThat(entries).isGreaterThan(12);
        var core = workbook.getProperties().getCoreProperties();
        assertThat(core.getCreated().toInstant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(core.getModified().toInstant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * Texts XML 1.0 cannot hold as they are come back as written: control characters and a lone surrogate
     * as Excel's _xHHHH_, a literal _xHHHH_ with its _ escaped, a CR as a reference; and every part parses.
     */
    @Test
    void awkwardTextsComeBackAsWrittenAndEveryPartIsWellFormed() throws Exception {
        List<String> texts = List.of("a_x0041_b", "_x005F_", "_x12_ and _xZZZZ_ stay", "c\u0001d\u001Fe", "cr\rlf\n", "x\uFFFEy",
                "\uD800 lone", "😀 pair", "a & b <c> \"d\" 'e'", "  spaces at both ends  ", "tab\tin");
        List<Cell> row = texts.stream().map(Cell::text).toList();
        Disclosure d = new Disclosure(2026, "A&B", "名称 <x>", "title \u0001 & <more>", List.of(
                new FigureTable("表 & <一>", "t", List.of(row), null), new FigureTable("表 & <一>", "again", List.of(row), null),
                new FigureTable("x", "lower", List.of(row), null), new FigureTable("X", "upper: a name Excel takes for the same", List.of(row), null)),
                List.of(), List.of());
        byte[] xlsx = XlsxRenderer.render(d);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).containsExactly("表 & <一>", "表 & <一> (2)", "x", "X (2)");
            for (int c = 0; c < texts.size(); c++) {
                assertThat(wb.getSheetAt(0).getRow(2).getCell(c).getStringCellValue()).as(texts.get(c)).isEqualTo(texts.get(c));
            }
            assertThat(wb.getProperties().getCoreProperties().getTitle()).isEqualTo("title  & <more>");
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(zip.readAllBytes()));
            }
        }
    }

    /** The wide characters are those of the Unicode blocks the width estimate has always counted double, every code point. */
    @Test
    void wideCharactersAreThoseOfTheCjkBlocks() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
            boolean wide = b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS
                    || b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A
                    || b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                    || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                    || b == Character.UnicodeBlock.GENERAL_PUNCTUATION && (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019)
                    || b == Character.UnicodeBlock.CJK_COMPATIBILITY_IDEOGRAPHS
                    || b == Character.UnicodeBlock.HANGUL_SYLLABLES;
            if (XlsxRenderer.isWide(cp) != wide) {
                assertThat(XlsxRenderer.isWide(cp)).as("U+%04X", cp).isEqualTo(wide);
            }
        }
        assertThat(XlsxRenderer.displayWidth("科目a“b”😀")).isEqualTo(2 + 2 + 1 + 2 + 1 + 2 + 1);
        assertThat(XlsxRenderer.lines("", 10)).isEqualTo(1);
        assertThat(XlsxRenderer.lines("a\n\nb", 10)).isEqualTo(3);
        assertThat(XlsxRenderer.lines("一二三四五六七八九十", 11)).isEqualTo(2);
        assertThat(XlsxRenderer.lines("一二三四五\n", 11)).isEqualTo(2);
    }

    /** A long table number still gets a free sheet name: the suffix replaces its end rather than being cut off. */
    @Test
    void longSheetNamesStayUnique() {
        java.util.Set<String> used = new java.util.HashSet<>();
        String no = "表".repeat(40);
        assertThat(XlsxRenderer.sheetName(no, used)).isEqualTo("表".repeat(31));
        assertThat(XlsxRenderer.sheetName(no, used)).isEqualTo("表".repeat(27) + " (2)");
        assertThat(XlsxRenderer.sheetName(no, used)).isEqualTo("表".repeat(27) + " (3)");
        assertThat(XlsxRenderer.sheetName("a:b/c\\d*e?f[g]h'", used)).isEqualTo("a b c d e f g h ");
        assertThat(XlsxRenderer.sheetName("'q'", used)).isEqualTo(" q ");
    }

    private static List<String> shown(XSSFSheet sheet, int row, int from, int to) {
        DataFormatter formatter = new DataFormatter();
        List<String> out = new ArrayList<>();
        for (int c = from; c < to; c++) {
            out.add(formatter.formatCellValue(sheet.getRow(row).getCell(c)));
        }
        return out;
    }

    private static String text(XSSFSheet sheet, int row, int col) {
        XSSFCell cell = sheet.getRow(row).getCell(col);
        return cell == null ? "" : cell.getStringCellValue();
    }

    private static List<String> texts(XSSFSheet sheet, int row, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int c = from; c < to; c++) {
            out.add(text(sheet, row, c));
        }
        return out;
    }
}
