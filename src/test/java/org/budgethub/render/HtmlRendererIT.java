package org.budgethub.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import org.budgethub.model.Cell;
import org.budgethub.model.Disclosure;
import org.budgethub.model.FigureTable;
import org.budgethub.model.NarrativeSection;
import org.budgethub.model.PerformanceTable;
import org.budgethub.support.SeedDisclosure;

/** The HTML page of the seed disclosure, read back as XML, against the golden JSON. */
class HtmlRendererIT {

    private static final List<String> FIGURE_TABLES = List.of("表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九");

    private static JsonNode golden;
    private static String html;
    private static Document dom;

    @BeforeAll
    static void render() throws Exception {
        try (InputStream in = HtmlRendererIT.class.getResourceAsStream("/seed/seed-unit-2026.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        html = HtmlRenderer.render(SeedDisclosure.disclosure());
        dom = parse(html);
    }

    @Test
    void isWellFormedXhtmlInChineseWithTheTitle() {
        Element root = dom.getDocumentElement();
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(root.getTagName()).isEqualTo("html");
        assertThat(root.getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(html).contains("<meta charset=\"utf-8\"/>");
        assertThat(text(first(root, "title"))).isEqualTo(golden.path("title").asText());
        assertThat(text(first(root, "h1"))).isEqualTo(golden.path("title").asText());
    }

    @Test
    void narrativeHasOneHeadingPerSectionAndOneParagraphPerParagraph() {
        List<String> headings = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        // The model, not the golden file: the contract compares narrative text without white space.
        for (NarrativeSection s : SeedDisclosure.disclosure().narrative()) {
            headings.add(s.heading());
            paragraphs.addAll(s.paragraphs());
        }
        assertThat(headings).hasSize(golden.path("narrative").size());
        Element article = (Element) dom.getElementsByTagName("article").item(0);
        assertThat(texts(article.getElementsByTagName("h2"))).containsExactlyElementsOf(headings);
        assertThat(texts(article.getElementsByTagName("p"))).containsExactlyElementsOf(paragraphs);
    }

    @Test
    void everyFigureTableHasItsCaptionAndExactlyTheGoldenRows() {
        for (String no : FIGURE_TABLES) {
            JsonNode expected = goldenTable(no);
            Element table = table(no);
            String caption = text(first(table, "caption"));
            assertThat(caption).as(no).contains(no).contains(expected.path("title").asText()).contains("单位：万元");

            List<List<String>> rows = new ArrayList<>();
            for (Element tr : elements(first(table, "tbody").getElementsByTagName("tr"))) {
                rows.add(cells(tr).stream().map(HtmlRendererIT::text).toList());
            }
            List<List<String>> expectedRows = new ArrayList<>();
            expected.path("rows").forEach(r -> {
                List<String> row = new ArrayList<>();
                r.forEach(c -> row.add(c.asText()));
                expectedRows.add(row);
            });
            assertThat(rows).as(no).isEqualTo(expectedRows);
        }
    }

    @Test
    void headerCellsHaveScopesAndFiguresAreRightAligned() {
        for (String no : FIGURE_TABLES) {
            Element table = table(no);
            List<Element> head = elements(first(table, "thead").getElementsByTagName("th"));
            assertThat(head).as(no).isNotEmpty().allSatisfy(th -> assertThat(th.getAttribute("scope")).isEqualTo("col"));
            for (Element tr : elements(first(table, "tbody").getElementsByTagName("tr"))) {
                Element firstCell = cells(tr).get(0);
                boolean label = !text(firstCell).isEmpty() && !no.equals("表四");
                if (label) {
                    assertThat(firstCell.getTagName()).as(no + " " + text(firstCell)).isEqualTo("th");
                    assertThat(firstCell.getAttribute("scope")).isEqualTo("row");
                }
                for (Element c : cells(tr)) {
                    if (text(c).matches("[\\d,]+\\.\\d\\d")) {
                        assertThat(c.getAttribute("class")).as(no + " " + text(c)).isEqualTo("num");
                    }
                }
            }
        }
        assertThat(html).contains("td.num { text-align: right;");
    }

    @Test
    void multiRowHeadersFollowTheSeedDocument() {
        List<Element> t1 = headerRows("表一");
        assertThat(t1).hasSize(2);
        assertThat(headerCells(t1.get(0))).containsExactly("收入|2|1", "支出|5|1");
        assertThat(headerCells(t1.get(1))).containsExactly("项目|1|1", "预算数|1|1", "项目|1|1", "合计|1|1",
                "一般公共预算|1|1", "政府性基金预算|1|1", "国有资本经营预算|1|1");

        assertThat(headerCells(headerRows("表二").get(0))).containsExactly("功能分类科目|2|1", "2026 年预算数|3|1");

        List<Element> t4 = headerRows("表四");
        assertThat(t4).hasSize(3);
        assertThat(headerCells(t4.get(1))).containsExactly("合计|1|2", "因公出国（境）费|1|2", "公务用车购置及运行费|3|1", "公务接待费|1|2");
        assertThat(headerCells(t4.get(2))).containsExactly("小计|1|1", "公务用车购置费|1|1", "公务用车运行费|1|1");

        List<Element> t7 = headerRows("表七");
        assertThat(headerCells(t7.get(0))).startsWith("科目|2|1", "总计|1|2", "一般公共预算拨款收入|1|2").hasSize(11);
        assertThat(headerCells(t7.get(1))).containsExactly("科目编码|1|1", "科目名称|1|1");
        assertThat(headerCells(headerRows("表九").get(0))).hasSize(12).startsWith("项目编号|1|1", "项目|1|1", "总计|1|1");
    }

    @Test
    void notesFollowTheirTable() {
        for (String no : FIGURE_TABLES) {
            JsonNode note = goldenTable(no).path("note");
            // Below the table's scrolling box, so that on a phone the note wraps instead of scrolling with the table.
            Node next = nextElement(table(no).getParentNode());
            if (note.isNull()) {
                assertThat(next).as(no).isNull();
            } else {
                assertThat(next).as(no).isNotNull();
                assertThat(((Element) next).getAttribute("class")).isEqualTo("note");
                assertThat(text(next)).isEqualTo(note.asText());
            }
        }
    }

    @Test
    void performanceTablesAreLaidOutLikeTheSeed() {
        int seen = 0;
        for (JsonNode t : golden.path("tables")) {
            if (!t.has("project")) {
                continue;
            }
            seen++;
            JsonNode p = t.path("project");
            Element table = table(t.path("no").asText());
            assertThat(text(first(table, "caption"))).contains(t.path("no").asText()).contains(t.path("title").asText())
                    .contains("单位：万元").contains("编制单位：" + golden.path("agency").path("name").asText());
            List<Element> rows = elements(table.getElementsByTagName("tr"));
            assertThat(rowTexts(rows.get(0))).containsExactly("项目名称", p.path("name").asText(), "业务主管部门", p.path("supervisor").asText());
            assertThat(rowTexts(rows.get(1))).containsExactly("当年预算", p.path("budget").asText());
            assertThat(rowTexts(rows.get(2))).containsExactly("项目概况", p.path("summary").asText());
            assertThat(rowTexts(rows.get(3))).containsExactly("立项依据", p.path("basis").asText());
            assertThat(rowTexts(rows.get(4))).containsExactly("当年绩效目标", p.path("goal").asText());
            assertThat(rowTexts(rows.get(5))).containsExactly("绩效指标", "指标", "指标权重", "计量单位", "指标性质", "指标值");
            assertThat(cells(rows.get(5)).get(0).getAttribute("rowspan")).isEqualTo(String.valueOf(p.path("indicators").size() + 1));
            for (int i = 0; i < p.path("indicators").size(); i++) {
                List<String> expected = new ArrayList<>();
                p.path("indicators").get(i).forEach(v -> expected.add(v.asText()));
                assertThat(rowTexts(rows.get(6 + i))).isEqualTo(expected);
                assertThat(cells(rows.get(6 + i)).get(0).getAttribute("scope")).isEqualTo("row");
            }
            assertThat(rows).hasSize(6 + p.path("indicators").size());
        }
        assertThat(seen).isEqualTo(3);
    }

    @Test
    void aPhoneGetsTheDeviceWidthAndScreenRulesLeaveThePrintLayoutAlone() {
        assertThat(html).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
        String css = text(first(dom.getDocumentElement(), "style"));
        int screen = css.indexOf("@media screen");
        assertThat(screen).as("screen rules").isPositive();
        // Everything before the screen block is what print (and the PDF) uses: A4, landscape sections 267 mm wide.
        String print = css.substring(0, screen);
        assertThat(print).contains("size: A4").contains("section.wide { page: wide; width: 267mm; }").doesNotContain("@media");
        String screenCss = css.substring(screen);
        assertThat(screenCss).contains("section.wide { width: auto; }").contains(".table-box { overflow-x: auto; }")
                .contains("max-width").doesNotContain("mm");
    }

    @Test
    void everyTableScrollsInItsOwnNamedFocusableBox() {
        List<Element> tables = elements(dom.getElementsByTagName("table"));
        assertThat(tables).hasSize(golden.path("tables").size());
        List<String> ids = new ArrayList<>();
        for (Element t : tables) {
            Element box = (Element) t.getParentNode();
            String caption = first(t, "caption").getAttribute("id");
            assertThat(box.getTagName()).isEqualTo("div");
            assertThat(box.getAttribute("class")).isEqualTo("table-box");
            assertThat(box.getAttribute("role")).isEqualTo("region");
            assertThat(box.getAttribute("tabindex")).as("keyboards can scroll it").isEqualTo("0");
            assertThat(caption).isNotEmpty();
            assertThat(box.getAttribute("aria-labelledby")).isEqualTo(caption);
            assertThat(elements(box.getElementsByTagName("table"))).containsExactly(t);
            ids.add(caption);
            ids.add(t.getAttribute("id"));
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void thePdfsCopyNamesItsSubjectAndLeavesOutTheScreenRules() throws Exception {
        Disclosure seed = SeedDisclosure.disclosure();
        String pdf = HtmlRenderer.renderForPdf(seed);
        String description = golden.path("title").asText() + "，附表一至表十二";
        assertThat(HtmlRenderer.description(seed)).isEqualTo(description);
        assertThat(pdf).contains("<meta name=\"subject\" content=\"" + description + "\"/>").doesNotContain("@media");
        assertThat(html).contains("<meta name=\"description\" content=\"" + description + "\"/>")
                .doesNotContain("name=\"subject\"");
        // The same page otherwise: the PDF lays out what the website shows.
        assertThat(text(parse(pdf).getElementsByTagName("main").item(0))).isEqualTo(text(dom.getElementsByTagName("main").item(0)));
    }

    /** The package builds the page once for disclosure.html and the PDF: each copy is exactly what its own call gives. */
    @Test
    void onePageWalkGivesBothCopies() {
        Disclosure seed = SeedDisclosure.disclosure();
        HtmlRenderer.Page page = HtmlRenderer.page(seed);
        assertThat(page.html()).isEqualTo(html);
        assertThat(page.pdfHtml()).isEqualTo(HtmlRenderer.renderForPdf(seed)).isNotEqualTo(page.html());
    }

    @Test
    void printCssKeepsTablesTogether() {
        assertThat(html).contains("size: A4").contains("thead { display: table-header-group; }")
                .contains("tr { page-break-inside: avoid; }").contains("font-family: 'cjk', 'WenQuanYi Zen Hei'");
    }

    @Test
    void isDeterministic() {
        assertThat(HtmlRenderer.render(SeedDisclosure.disclosure())).isEqualTo(html);
    }

    @Test
    void escapeHelper() {
        assertThat(HtmlRenderer.escape("<script>alert('x')</script> & \"Co\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;");
        assertThat(HtmlRenderer.escape("plain 文本")).isEqualTo("plain 文本");
        assertThat(HtmlRenderer.escape(null)).isEmpty();
        assertThat(HtmlRenderer.escape("a\u0001b\tc")).isEqualTo("ab\tc");
    }

    @Test
    void everyValueIsEscaped() throws Exception {
        String evil = "<script>alert('x')</script> & Co";
        Disclosure d = new Disclosure(2026, "999", evil, evil + " 说明",
                List.of(new FigureTable("表一", "财政拨款收支总表<b>",
                                List.of(List.of(Cell.text(evil), Cell.amount(new BigDecimal("15878800")), Cell.text("A&B"),
                                        Cell.EMPTY, Cell.EMPTY, Cell.EMPTY, Cell.EMPTY)), "备注 <i>&"),
                        new PerformanceTable("表二", "绩效 & 目标", "P1", evil, "主管 <部门>", new BigDecimal("1830000"),
                                "概况 &amp;", "依据 \"x\"", "目标 </td>", List.of(List.of(evil, "30", "天", "≥", "<363>")))),
                List.of(new NarrativeSection("一、<h2>", List.of("段落 & <p>"))),
                List.of());
        String out = HtmlRenderer.render(d);
        assertThat(out).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("<i>").doesNotContain("<部门>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co");
        Document parsed = parse(out);
        assertThat(text(parsed.getElementsByTagName("title").item(0))).isEqualTo(evil + " 说明");
        List<String> texts = new ArrayList<>();
        for (Element c : elements(parsed.getElementsByTagName("td"))) {
            texts.add(text(c));
        }
        for (Element c : elements(parsed.getElementsByTagName("th"))) {
            texts.add(text(c));
        }
        assertThat(texts).contains(evil, "1,587.88", "A&B", "主管 <部门>", "概况 &amp;", "依据 \"x\"", "目标 </td>", "<363>");
        assertThat(texts(parsed.getElementsByTagName("p"))).contains("段落 & <p>", "备注 <i>&");
        assertThat(texts(parsed.getElementsByTagName("h2"))).containsExactly("一、<h2>");
    }

    // --- helpers

    private static Document parse(String xhtml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode goldenTable(String no) {
        for (JsonNode t : golden.path("tables")) {
            if (t.path("no").asText().equals(no)) {
                return t;
            }
        }
        throw new AssertionError("golden has no " + no);
    }

    private static Element table(String no) {
        for (Element t : elements(dom.getElementsByTagName("table"))) {
            Element no1 = first(first(t, "caption"), "span");
            if (text(no1).equals(no)) {
                return t;
            }
        }
        throw new AssertionError("no table captioned " + no);
    }

    private static List<Element> headerRows(String no) {
        return elements(first(table(no), "thead").getElementsByTagName("tr"));
    }

    private static List<String> headerCells(Element tr) {
        return cells(tr).stream().map(th -> text(th) + "|" + orOne(th.getAttribute("colspan")) + "|" + orOne(th.getAttribute("rowspan")))
                .toList();
    }

    private static String orOne(String attribute) {
        return attribute.isEmpty() ? "1" : attribute;
    }

    private static List<String> rowTexts(Element tr) {
        return cells(tr).stream().map(HtmlRendererIT::text).toList();
    }

    private static List<Element> cells(Element tr) {
        List<Element> out = new ArrayList<>();
        for (Node n = tr.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (e.getTagName().equals("td") || e.getTagName().equals("th"))) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element first(Element parent, String tag) {
        Node n = parent.getElementsByTagName(tag).item(0);
        assertThat(n).as("<" + tag + "> in <" + parent.getTagName() + ">").isNotNull();
        return (Element) n;
    }

    private static Node nextElement(Node n) {
        for (Node s = n.getNextSibling(); s != null; s = s.getNextSibling()) {
            if (s instanceof Element) {
                return s;
            }
        }
        return null;
    }

    private static List<Element> elements(NodeList list) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static List<String> texts(NodeList list) {
        return elements(list).stream().map(HtmlRendererIT::text).toList();
    }

    private static String text(Node n) {
        return n.getTextContent();
    }
}
