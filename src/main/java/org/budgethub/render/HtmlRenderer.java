package org.budgethub.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.budgethub.mapping.Money;
import org.budgethub.mapping.TableLayouts;
import org.budgethub.mapping.TableLayouts.HeaderCell;
import org.budgethub.mapping.TableLayouts.Layout;
import org.budgethub.model.Cell;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureTable;
import org.budgethub.model.FigureTable;
import org.budgethub.model.NarrativeSection;
import org.budgethub.model.PerformanceTable;

/**
 * The disclosure as one accessible HTML5 page: the 说明, then every table with its caption, column
 * headers as in the seed document and its note. The output is well-formed XHTML (the PDF renderer
 * parses it as XML) and deterministic: the same disclosure gives the same string. On a screen it
 * follows the window, down to a phone's, each table scrolling sideways in its own box; printed (and
 * in the PDF) it keeps its A4 layout.
 */
public final class HtmlRenderer {

    /** CSS family name under which the PDF renderer registers its embedded CJK font. */
    public static final String FONT_FAMILY = "cjk";

    private static final int WIDE_COLUMNS = 7;

    private static final String UNIT_LINE = "单位：" + Disclosure.UNIT;

    private static final String CSS = """
            @page { size: A4; margin: 18mm 15mm 18mm 15mm;
              @bottom-center { content: counter(page) " / " counter(pages); font-family: 'cjk', sans-serif; font-size: 9pt; } }
            html { font-family: 'cjk', 'WenQuanYi Zen Hei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC',
              'Microsoft YaHei', 'PingFang SC', 'SimSun', sans-serif; font-size: 11pt; line-height: 1.6; color: #000; }
            body { margin: 0; }
            h1 { font-size: 17pt; text-align: center; margin: 0 0 12pt 0; }
            h2 { font-size: 13pt; margin: 12pt 0 6pt 0; page-break-after: avoid; }
            p { text-indent: 2em; margin: 0 0 6pt 0; text-align: justify; }
            @page wide { size: A4 landscape; }
            section.table { page-break-before: always; }
            /* openhtmltopdf lays blocks out at the default page width: give landscape sections theirs (297mm - margins). */
            section.wide { page: wide; width: 267mm; }
            table { width: 100%; border-collapse: collapse; -fs-table-paginate: paginate; font-size: 9.5pt; line-height: 1.35; }
            caption { margin-bottom: 4pt; }
            caption .no { display: block; text-align: left; font-weight: bold; }
            caption .title { display: block; text-align: center; font-size: 13pt; font-weight: bold; }
            caption .unit { display: block; text-align: right; }
            thead { display: table-header-group; }
            tr { page-break-inside: avoid; }
            th, td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: middle; }
            thead th { text-align: center; font-weight: bold; }
            tbody th { text-align: left; font-weight: normal; }
            table.figures tbody th { white-space: nowrap; }
            td.num { text-align: right; white-space: nowrap; }
            table.performance tbody th { text-align: center; }
            table.performance td { text-align: left; }
            p.note { text-indent: 0; font-size: 9.5pt; margin-top: 4pt; }
            """;

    /**
     * On screens the page flows to the window and a table wider than it scrolls inside its own box;
     * printing keeps the A4 layout above. Left out of the PDF's copy: openhtmltopdf lays out for print
     * and would only warn about media queries it cannot parse.
     */
    private static final String SCREEN_CSS = """
            @media screen {
              html { font-size: 100%; line-height: 1.7; }
              body { max-width: 64rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; }
              h1 { font-size: 1.5rem; line-height: 1.4; }
              h2 { font-size: 1.2rem; }
              section.table { margin-top: 2.5rem; }
              section.wide { width: auto; }
              .table-box { overflow-x: auto; }
              .table-box:focus { outline: 2px solid #1a5fb4; outline-offset: 2px; }
              table { font-size: 0.875rem; }
              section.wide table { min-width: 60rem; }
              caption .title { font-size: 1.125rem; }
              th, td { border-width: 1px; padding: 0.25rem 0.4rem; }
              p.note { font-size: 0.875rem; }
            }
            @media screen and (max-width: 40rem) {
              body { padding: 0.75rem 0.75rem 1.5rem; }
              h1 { font-size: 1.3rem; text-align: left; }
              p { text-align: left; }
              caption .title, caption .unit { text-align: left; }
            }
            """;

    private HtmlRenderer() {
    }

    public static String render(Disclosure d) {
        return head(d, false) + body(d);
    }

    /** The page as the PDF renderer lays it out: openhtmltopdf takes the PDF's subject from {@code <meta name="subject">}. */
    static String renderForPdf(Disclosure d) {
        return head(d, true) + body(d);
    }

    /**
     * The page for the website and the PDF's copy of it, from one walk of the model: they differ
     * only in their heads (see {@link #renderForPdf}), so the body is built once for both.
     */
    public static Page page(Disclosure d) {
        String body = body(d);
        return new Page(head(d, false) + body, head(d, true) + body);
    }

    /** One disclosure's page twice: {@code html} is disclosure.html, {@code pdfHtml} what the PDF renderer lays out. */
    public record Page(String html, String pdfHtml) {
    }

    /** One sentence saying what the document holds: the page's description and the PDF's subject. */
    static String description(Disclosure d) {
        List<DisclosureTable> tables = d.tables();
        String what = tables.isEmpty() ? "" : "，附" + tables.get(0).no()
                + (tables.size() > 1 ? "至" + tables.get(tables.size() - 1).no() : "");
        return (d.title() == null ? "" : d.title()) + what;
    }

    /** Up to and including {@code <body>}: the PDF's copy names its subject and leaves out the screen rules. */
    private static String head(Disclosure d, boolean pdf) {
        StringBuilder out = new StringBuilder(CSS.length() + SCREEN_CSS.length() + 1024);
        out.append("<!DOCTYPE html>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\" xml:lang=\"zh-CN\">\n")
                .append("<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<meta name=\"description\" content=\"").append(escape(description(d))).append("\"/>\n");
        if (pdf) {
            out.append("<meta name=\"subject\" content=\"").append(escape(description(d))).append("\"/>\n");
        }
        out.append("<title>").append(escape(d.title())).append("</title>\n")
                .append("<style>\n").append(CSS).append(pdf ? "" : SCREEN_CSS).append("</style>\n")
                .append("</head>\n<body>\n");
        return out.toString();
    }

    /** After {@code <body>}: the same for the website and the PDF. */
    private static String body(Disclosure d) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<main>\n");
        narrative(out, d);
        int index = 0;
        for (DisclosureTable t : d.tables()) {
            String id = "t" + ++index;
            boolean wide = t instanceof FigureTable f && f.rows().stream().mapToInt(List::size).max().orElse(0) > WIDE_COLUMNS;
            // Twelve columns do not fit a portrait page legibly: such tables get an A4 landscape page.
            out.append(wide ? "<section class=\"table wide\">\n" : "<section class=\"table\">\n");
            if (t instanceof FigureTable f) {
                figureTable(out, f, d.fiscalYear(), id);
            } else if (t instanceof PerformanceTable p) {
                performanceTable(out, p, d.agencyName(), id);
            }
            out.append("</section>\n");
        }
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    /**
     * The 说明 exactly as the page publishes it: {@code <article class="narrative">} with the title and
     * every section, each text escaped (the authoring API's preview shows this).
     */
    public static String narrative(Disclosure d) {
        StringBuilder out = new StringBuilder(16 * 1024);
        narrative(out, d);
        return out.toString();
    }

    private static void narrative(StringBuilder out, Disclosure d) {
        out.append("<article class=\"narrative\">\n<h1>").append(escape(d.title())).append("</h1>\n");
        for (NarrativeSection s : d.narrative()) {
            out.append("<section>\n");
            if (s.heading() != null && !s.heading().isEmpty()) {
                out.append("<h2>").append(escape(s.heading())).append("</h2>\n");
            }
            for (String p : s.paragraphs()) {
                out.append("<p>").append(escape(p)).append("</p>\n");
            }
            out.append("</section>\n");
        }
        out.append("</article>\n");
    }

    /** Escapes text for element content and double- or single-quoted attributes (XML-safe: no named HTML entities). */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            // Control characters other than tab and line breaks are not allowed in XML at all.
            if (r == null && c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                r = "";
            }
            if (r != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                out.append(r != null ? r : String.valueOf(c));
            }
        }
        return out == null ? s : out.toString();
    }

    /** Opens the box a table scrolls in on a narrow screen: a named, focusable region, so keyboards can scroll it too. */
    private static void openTableBox(StringBuilder out, String id) {
        out.append("<div class=\"table-box\" role=\"region\" tabindex=\"0\" aria-labelledby=\"").append(id).append("-caption\">\n");
    }

    private static void figureTable(StringBuilder out, FigureTable t, int year, String id) {
        int width = t.rows().stream().mapToInt(List::size).max().orElse(0);
        Optional<Layout> layout = TableLayouts.of(t.no(), year);
        // a layout this renderer does not know: better no headers than wrong ones
        List<List<HeaderCell>> header = layout.filter(l -> l.width() == width).map(Layout::headerGrid).orElse(List.of());
        boolean twoSided = layout.filter(l -> l.rowKind() == TableLayouts.Rows.TWO_SIDED).isPresent();
        openTableBox(out, id);
        out.append("<table class=\"figures\" id=\"").append(id).append("\">\n");
        caption(out, id, t.no(), t.title(), null);
        List<String> widths = header.isEmpty() ? List.of() : columnWidths(width);
        if (!widths.isEmpty()) {
            out.append("<colgroup>");
            widths.forEach(w -> out.append("<col style=\"width: ").append(w).append("%\"/>"));
            out.append("</colgroup>\n");
        }
        if (!header.isEmpty()) {
            out.append("<thead>\n");
            for (List<HeaderCell> row : header) {
                out.append("<tr>");
                for (HeaderCell h : row) {
                    out.append("<th scope=\"col\"");
                    if (h.colSpan() > 1) {
                        out.append(" colspan=\"").append(h.colSpan()).append('"');
                    }
                    if (h.rowSpan() > 1) {
                        out.append(" rowspan=\"").append(h.rowSpan()).append('"');
                    }
                    out.append('>').append(escape(h.text())).append("</th>");
                }
                out.append("</tr>\n");
            }
            out.append("</thead>\n");
        }
        out.append("<tbody>\n");
        for (List<Cell> row : t.rows()) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                Cell c = row.get(i);
                String text = escape(DisclosureJson.printed(c));
                boolean label = c instanceof Cell.Text && !text.isEmpty() && (i == 0 || (twoSided && i == 2));
                if (label) {
                    out.append("<th scope=\"row\">").append(text).append("</th>");
                } else if (c instanceof Cell.Amount) {
                    out.append("<td class=\"num\">").append(text).append("</td>");
                } else {
                    out.append("<td>").append(text).append("</td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n");
        if (t.note() != null && !t.note().isEmpty()) {
            out.append("<p class=\"note\">").append(escape(t.note())).append("</p>\n");
        }
    }

    private static void performanceTable(StringBuilder out, PerformanceTable p, String agencyName, String id) {
        openTableBox(out, id);
        out.append("<table class=\"performance\" id=\"").append(id).append("\">\n");
        caption(out, id, p.no(), p.title(), agencyName);
        out.append("<colgroup><col style=\"width: 13%\"/><col style=\"width: 25%\"/><col style=\"width: 11%\"/>")
                .append("<col style=\"width: 11%\"/><col style=\"width: 14%\"/><col style=\"width: 26%\"/></colgroup>\n");
        out.append("<tbody>\n");
        out.append("<tr><th scope=\"row\">项目名称</th><td colspan=\"3\">").append(escape(p.name()))
                .append("</td><th scope=\"row\">业务主管部门</th><td>").append(escape(p.supervisor())).append("</td></tr>\n");
        wideRow(out, "当年预算", Money.narrative(p.budgetYuan()));
        wideRow(out, "项目概况", p.summary());
        wideRow(out, "立项依据", p.basis());
        wideRow(out, "当年绩效目标", p.goal());
        out.append("<tr><th scope=\"rowgroup\" rowspan=\"").append(p.indicators().size() + 1).append("\">绩效指标</th>");
        for (String h : List.of("指标", "指标权重", "计量单位", "指标性质", "指标值")) {
            out.append("<th scope=\"col\">").append(h).append("</th>");
        }
        out.append("</tr>\n");
        for (List<String> indicator : p.indicators()) {
            out.append("<tr>");
            for (int i = 0; i < 5; i++) {
                String v = escape(i < indicator.size() ? indicator.get(i) : "");
                out.append(i == 0 ? "<th scope=\"row\">" : "<td>").append(v).append(i == 0 ? "</th>" : "</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n");
    }

    private static void wideRow(StringBuilder out, String label, String value) {
        out.append("<tr><th scope=\"row\">").append(label).append("</th><td colspan=\"5\">")
                .append(escape(value)).append("</td></tr>\n");
    }

    private static void caption(StringBuilder out, String id, String no, String title, String agencyName) {
        out.append("<caption id=\"").append(id).append("-caption\"><span class=\"no\">").append(escape(no)).append("</span> <span class=\"title\">")
                .append(escape(title)).append("</span> ");
        if (agencyName != null) {
            out.append("<span class=\"unit\">编制单位：").append(escape(agencyName)).append("　").append(UNIT_LINE).append("</span>");
        } else {
            out.append("<span class=\"unit\">").append(UNIT_LINE).append("</span>");
        }
        out.append("</caption>\n");
    }

    /** Column widths in percent for the known layouts: labels get room, figures share the rest. */
    private static List<String> columnWidths(int columns) {
        return switch (columns) {
            case 4 -> List.of("30", "20", "30", "20");
            case 5 -> List.of("12", "40", "16", "16", "16");
            case 6 -> List.of("14", "18", "14", "18", "18", "18");
            case 7 -> List.of("19", "10", "19", "10", "14", "14", "14");
            case 12 -> {
                List<String> w = new ArrayList<>(List.of("8", "20", "8"));
                for (int i = 0; i < 9; i++) {
                    w.add("7.1");
                }
                yield w;
            }
            default -> List.of();
        };
    }
}
