package org.budgethub.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The layout of the nine figure tables of CONTRACT.md §3 (表一–表九), defined once for every output:
 * each table's number, title, column headers as the seed document prints them (several rows, cells
 * merged across rows and columns, drawn alike by the HTML page and the workbook), the name a reader
 * gives each column on its own (the diff's), and how its rows are named. The fund columns of 表七
 * and 表九 are the nine of {@link Fund}, in its order. Plain Java: the renderers, the JSON and the
 * diff read it.
 */
public final class TableLayouts {

    /** How the rows of a table are told apart. */
    public enum Rows {
        /** An income side (columns 0–1) and an expenditure side (columns 2–), each row a pair of labelled rows. */
        TWO_SIDED,
        /** Each row named by its first cell: a classification code, 合计, an item code. */
        KEYED,
        /** Rows by their position only. */
        POSITIONAL
    }

    /** A header cell: at (row, col) of the header grid, spanning rowSpan rows and colSpan columns. */
    public record HeaderCell(int row, int col, int rowSpan, int colSpan, String text) {
    }

    /**
     * One table's layout.
     *
     * @param no         the contract's fixed number, 表一 to 表九
     * @param title      the table's title
     * @param headerRows how many rows the header has
     * @param cells      the header's cells, row by row, left to right; together they cover the grid once
     * @param columns    each column's name on its own, as the diff names it ("收入项目", "总计", "一般公共预算")
     * @param rowKind    how the table's rows are named
     */
    public record Layout(String no, String title, int headerRows, List<HeaderCell> cells, List<String> columns, Rows rowKind) {

        public Layout {
            cells = List.copyOf(cells);
            columns = List.copyOf(columns);
        }

        /** Columns of the table. */
        public int width() {
            return columns.size();
        }

        /** The header cells of each header row, left to right. */
        public List<List<HeaderCell>> headerGrid() {
            List<List<HeaderCell>> grid = new ArrayList<>();
            for (int r = 0; r < headerRows; r++) {
                int row = r;
                grid.add(cells.stream().filter(c -> c.row() == row).toList());
            }
            return grid;
        }
    }

    /** The tables, in the contract's order, with their titles. */
    private static final List<String> NUMBERS = List.of("表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九");
    private static final List<String> TITLES = List.of("财政拨款收支总表", "一般公共预算财政拨款支出预算表", "一般公共预算财政拨款基本支出预算表",
            "一般公共预算“三公”经费支出表", "政府性基金预算支出表", "收支总表", "收入总表", "支出总表", "政府采购预算明细表");

    private static final String[] BY_CLASS = {"科目编码", "科目名称"};
    private static final String[] BASIC_AND_PROJECT = {"总计", "基本支出", "项目支出"};

    private TableLayouts() {
    }

    /** The numbers of the tables laid out here, in order: 表一 to 表九. */
    public static List<String> numbers() {
        return NUMBERS;
    }

    /** The title of table {@code no}; a table not laid out here has none. */
    public static String title(String no) {
        int i = NUMBERS.indexOf(no);
        if (i < 0) {
            throw new IllegalArgumentException("no layout for " + no);
        }
        return TITLES.get(i);
    }

    /** The layout of table {@code no} of fiscal year {@code year} (some headings name it); empty for a performance table. */
    public static Optional<Layout> of(String no, int year) {
        String budget = year + " 年预算数";
        Grid g = switch (no) {
            case "表一" -> new Grid(2, 7, Rows.TWO_SIDED).span(0, 0, 1, 2, "收入").span(0, 2, 1, 5, "支出")
                    .row(1, 0, "项目", "预算数", "项目", "合计")
                    .row(1, 4, Fund.APPROPRIATED.stream().map(Fund::budgetName).toArray(String[]::new))
                    .named(0, "收入项目").named(2, "支出项目");
            case "表二" -> new Grid(2, 5, Rows.KEYED).span(0, 0, 1, 2, "功能分类科目").span(0, 2, 1, 3, budget)
                    .row(1, 0, BY_CLASS).row(1, 2, BASIC_AND_PROJECT);
            case "表三" -> new Grid(2, 5, Rows.KEYED).span(0, 0, 1, 2, "经济分类科目").span(0, 2, 1, 3, year + " 年基本支出")
                    .row(1, 0, BY_CLASS).row(1, 2, "总计", "人员经费", "日常公用经费");
            case "表四" -> new Grid(3, 6, Rows.POSITIONAL).span(0, 0, 1, 6, budget)
                    .span(1, 0, 2, 1, "合计").span(1, 1, 2, 1, "因公出国（境）费")
                    .span(1, 2, 1, 3, "公务用车购置及运行费").span(1, 5, 2, 1, "公务接待费")
                    .row(2, 2, "小计", "公务用车购置费", "公务用车运行费")
                    .named(2, "公务用车购置及运行费小计");
            case "表五" -> new Grid(2, 5, Rows.KEYED).span(0, 0, 2, 1, BY_CLASS[0]).span(0, 1, 2, 1, BY_CLASS[1])
                    .span(0, 2, 1, 3, "本年政府性基金预算财政拨款支出")
                    .row(1, 2, BASIC_AND_PROJECT);
            // both sides of 表六 have a 合计 row under a 预算数 column: the side is in the column's name
            case "表六" -> new Grid(2, 4, Rows.TWO_SIDED).span(0, 0, 1, 2, "收入").span(0, 2, 1, 2, "支出")
                    .row(1, 0, "项目", "预算数", "项目", "预算数")
                    .named(0, "收入项目").named(1, "收入预算数").named(2, "支出项目").named(3, "支出预算数");
            case "表七" -> new Grid(2, 12, Rows.KEYED).span(0, 0, 1, 2, "科目").span(0, 2, 2, 1, "总计").funds(0, 3, 2)
                    .row(1, 0, BY_CLASS);
            case "表八" -> new Grid(1, 5, Rows.KEYED).row(0, 0, BY_CLASS).row(0, 2, BASIC_AND_PROJECT);
            case "表九" -> new Grid(1, 12, Rows.KEYED).row(0, 0, "项目编号", "项目", "总计").funds(0, 3, 1);
            default -> null;
        };
        return g == null ? Optional.empty() : Optional.of(g.layout(no));
    }

    /** A header grid being laid out. */
    private static final class Grid {
        private final int rows;
        private final Rows kind;
        private final List<HeaderCell> cells = new ArrayList<>();
        private final String[] names;

        Grid(int rows, int cols, Rows kind) {
            this.rows = rows;
            this.kind = kind;
            this.names = new String[cols];
        }

        Grid span(int row, int col, int rowSpan, int colSpan, String text) {
            cells.add(new HeaderCell(row, col, rowSpan, colSpan, text));
            return this;
        }

        Grid row(int row, int fromCol, String... texts) {
            for (int i = 0; i < texts.length; i++) {
                span(row, fromCol + i, 1, 1, texts[i]);
            }
            return this;
        }

        /** The nine fund columns from {@code fromCol}: headed as 表七 and 表九 print them, named by their budget. */
        Grid funds(int row, int fromCol, int rowSpan) {
            Fund[] funds = Fund.values();
            for (int i = 0; i < funds.length; i++) {
                span(row, fromCol + i, rowSpan, 1, funds[i].incomeHeading());
                named(fromCol + i, funds[i].budgetName());
            }
            return this;
        }

        /** Names a column otherwise than its lowest heading. */
        Grid named(int col, String name) {
            names[col] = name;
            return this;
        }

        /**
         * The layout, its cells in reading order; a column not named otherwise is named by its lowest
         * heading of one column. The cells must cover the grid exactly once.
         */
        Layout layout(String no) {
            HeaderCell[][] covered = new HeaderCell[rows][names.length];
            for (HeaderCell c : cells) {
                for (int r = c.row(); r < c.row() + c.rowSpan(); r++) {
                    for (int col = c.col(); col < c.col() + c.colSpan(); col++) {
                        if (covered[r][col] != null) {
                            throw new IllegalStateException(no + " header: (" + r + ", " + col + ") covered twice");
                        }
                        covered[r][col] = c;
                    }
                }
            }
            List<String> columns = new ArrayList<>();
            for (int col = 0; col < names.length; col++) {
                String name = names[col];
                for (int r = 0; r < rows; r++) {
                    if (covered[r][col] == null) {
                        throw new IllegalStateException(no + " header: (" + r + ", " + col + ") not covered");
                    }
                    if (names[col] == null && covered[r][col].colSpan() == 1) {
                        name = covered[r][col].text();
                    }
                }
                columns.add(name);
            }
            List<HeaderCell> ordered = cells.stream()
                    .sorted(Comparator.comparingInt(HeaderCell::row).thenComparingInt(HeaderCell::col)).toList();
            return new Layout(no, title(no), rows, ordered, columns, kind);
        }
    }
}
