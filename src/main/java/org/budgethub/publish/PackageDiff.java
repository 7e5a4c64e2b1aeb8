package org.budgethub.publish;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.budgethub.mapping.TableLayouts;
import org.budgethub.mapping.TableLayouts.Layout;
import org.budgethub.mapping.TableLayouts.Rows;

/**
 * What changed between two versions of a package, read from their {@code disclosure.json}
 * (CONTRACT.md §5): per table the cells that changed (the row by its code or label, the column by its
 * heading, old → new exactly as printed), the rows added and removed; in the title and the 说明 the
 * sentences removed and added. Sentences are aligned by their longest common subsequence, so one
 * inserted sentence marks only itself; within a changed sentence the changed words and figures are
 * marked the same way. Plain Java on Jackson trees: no Spring, no Camel.
 *
 * @param tables    the tables that differ, in the newer version's order, then those it no longer has
 * @param sentences the runs of changed sentences, in document order
 */
public record PackageDiff(List<TableChange> tables, List<SentenceChange> sentences) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a table changed as a whole. */
    public enum Kind { CHANGED, ADDED, REMOVED }

    /**
     * One changed cell.
     *
     * @param row    the row as a reader names it: "201 一般公共服务支出", "合计", "一般公共预算资金"
     * @param column the column's heading ("总计", "预算数"); empty for a table's note
     */
    public record CellChange(String row, String column, String before, String after) {

        /** The change of an amount, {@code after − before}, exact and signed ("+1.00", "-0.50"); null for text. */
        public String delta() {
            BigDecimal a = amount(before);
            BigDecimal b = amount(after);
            if (a == null || b == null || before.isEmpty() && after.isEmpty()) {
                return null;
            }
            BigDecimal d = b.subtract(a);
            return (d.signum() > 0 ? "+" : "") + d.toPlainString();
        }
    }

    /** A row one version has and the other has not, with its non-empty cells under their headings. */
    public record RowChange(String row, List<Value> values) {
    }

    /** A cell's text under its column heading. */
    public record Value(String column, String text) {
    }

    /**
     * A table that differs.
     *
     * @param no    the table's number in the newer version (in the older one, for a removed table)
     * @param title its title; a performance table's names its project
     */
    public record TableChange(String no, String title, Kind kind, List<CellChange> cells, List<RowChange> added,
                              List<RowChange> removed) {

        /** How many changes the table has: cells changed, rows added or removed. */
        public int count() {
            return cells.size() + added.size() + removed.size();
        }
    }

    /** A piece of a sentence, and whether it is what changed. */
    public record Segment(String text, boolean changed) {
    }

    /** A sentence of one version, cut into the pieces that stayed and those that changed. */
    public record Sentence(String text, List<Segment> segments) {
    }

    /**
     * A run of sentences of one section that changed: the older version's, then the newer's. When as
     * many came as went, each is paired with its counterpart and only their changed pieces are marked.
     *
     * @param section the heading of the section they are in ("标题" for the title)
     */
    public record SentenceChange(String section, List<Sentence> removed, List<Sentence> added) {
    }

    public PackageDiff {
        tables = List.copyOf(tables);
        sentences = List.copyOf(sentences);
    }

    /** The diff of two disclosure.json documents, older first. */
    public static PackageDiff of(String beforeJson, String afterJson) {
        return of(read(beforeJson), read(afterJson));
    }

    /** The diff of two disclosure.json trees, older first. */
    public static PackageDiff of(JsonNode before, JsonNode after) {
        return new PackageDiff(tables(before, after), sentences(units(before), units(after)));
    }

    private static JsonNode read(String json) {
        if (json == null) {
            throw new IllegalArgumentException("该版本没有保存 disclosure.json");
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("disclosure.json 无法读取：" + e.getMessage(), e);
        }
    }

    public boolean isEmpty() {
        return tables.isEmpty() && sentences.isEmpty();
    }

    /** The parts that differ, in document order: "表二", "表十一", "说明"; empty when nothing does. */
    public List<String> changedParts() {
        List<String> parts = new ArrayList<>(tables.stream().map(TableChange::no).toList());
        if (!sentences.isEmpty()) {
            parts.add("说明");
        }
        return parts;
    }

    /** How many figures (cells, rows) changed over all tables. */
    public int figureCount() {
        return tables.stream().mapToInt(TableChange::count).sum();
    }

    /** How many sentences went or came. */
    public int sentenceCount() {
        return sentences.stream().mapToInt(s -> Math.max(s.removed().size(), s.added().size())).sum();
    }

    // ---------------------------------------------------------------- tables

    private static final List<String> PROJECT = List.of("项目名称", "业务主管部门", "当年预算（万元）", "项目概况", "立项依据", "当年绩效目标");
    private static final List<String> PROJECT_FIELDS = List.of("name", "supervisor", "budget", "summary", "basis", "goal");
    private static final List<String> INDICATOR = List.of("指标", "指标权重", "计量单位", "指标性质", "指标值");

    /** A row of a table, normalised: what identifies it, how a reader names it, its cells under their headings. */
    private record Entry(String key, String label, List<String> columns, List<String> values) {
    }

    /** A table, normalised: identified by its number, or a performance table by its project. */
    private record Normal(String id, String no, String title, List<Entry> entries) {
    }

    private static List<TableChange> tables(JsonNode before, JsonNode after) {
        Map<String, Normal> old = new LinkedHashMap<>();
        before.path("tables").forEach(t -> put(old, normalise(t, before.path("fiscalYear").asInt())));
        Map<String, Normal> now = new LinkedHashMap<>();
        after.path("tables").forEach(t -> put(now, normalise(t, after.path("fiscalYear").asInt())));
        List<TableChange> out = new ArrayList<>();
        for (Normal t : now.values()) {
            Normal was = old.remove(t.id());
            if (was == null) {
                out.add(new TableChange(t.no(), t.title(), Kind.ADDED, List.of(), rows(t), List.of()));
                continue;
            }
            TableChange change = compare(was, t);
            if (change.count() > 0) {
                out.add(change);
            }
        }
        old.values().forEach(t -> out.add(new TableChange(t.no(), t.title(), Kind.REMOVED, List.of(), List.of(), rows(t))));
        return out;
    }

    /** The rows of a whole table that came or went, without those that are empty (a blank note). */
    private static List<RowChange> rows(Normal t) {
        return t.entries().stream().map(PackageDiff::row).filter(r -> !r.values().isEmpty()).toList();
    }

    private static void put(Map<String, Normal> tables, Normal t) {
        String id = t.id();
        for (int n = 2; tables.containsKey(id); n++) {
            id = t.id() + "#" + n;
        }
        tables.put(id, id.equals(t.id()) ? t : new Normal(id, t.no(), t.title(), t.entries()));
    }

    private static TableChange compare(Normal before, Normal after) {
        Map<String, Entry> old = new LinkedHashMap<>();
        before.entries().forEach(e -> old.put(e.key(), e));
        List<CellChange> cells = new ArrayList<>();
        List<RowChange> added = new ArrayList<>();
        for (Entry e : after.entries()) {
            Entry was = old.remove(e.key());
            if (was == null) {
                added.add(row(e));
                continue;
            }
            int width = Math.max(e.values().size(), was.values().size());
            for (int c = 0; c < width; c++) {
                String then = at(was.values(), c);
                String now = at(e.values(), c);
                if (!then.equals(now)) {
                    cells.add(new CellChange(e.label(), c < e.columns().size() ? e.columns().get(c) : "第 " + (c + 1) + " 列", then, now));
                }
            }
        }
        List<RowChange> removed = old.values().stream().map(PackageDiff::row).toList();
        return new TableChange(after.no(), after.title(), Kind.CHANGED, cells, added, removed);
    }

    private static RowChange row(Entry e) {
        List<Value> values = new ArrayList<>();
        for (int c = 0; c < e.values().size(); c++) {
            String v = e.values().get(c);
            if (!v.isEmpty()) {
                values.add(new Value(c < e.columns().size() ? e.columns().get(c) : "第 " + (c + 1) + " 列", v));
            }
        }
        return new RowChange(e.label(), values);
    }

    private static Normal normalise(JsonNode table, int year) {
        String no = table.path("no").asText("");
        String title = table.path("title").asText("");
        if (table.has("project")) {
            return project(no, title, table.get("project"));
        }
        List<List<String>> rows = new ArrayList<>();
        table.path("rows").forEach(r -> {
            List<String> cells = new ArrayList<>();
            r.forEach(c -> cells.add(c.isNull() ? "" : c.asText()));
            rows.add(cells);
        });
        // Each column under its own name and the rows named as the table's layout has them (CONTRACT.md §3).
        Optional<Layout> layout = TableLayouts.of(no, year);
        List<String> columns = layout.map(Layout::columns).orElse(List.of());
        Rows kind = layout.map(Layout::rowKind).orElse(Rows.POSITIONAL);
        Keys keys = new Keys();
        List<Entry> entries = new ArrayList<>();
        if (kind == Rows.TWO_SIDED) {
            // Each side on its own: a 类 added on the right must not shift the left side's rows.
            for (List<String> r : rows) {
                String income = at(r, 0);
                if (!income.isEmpty()) {
                    entries.add(new Entry(keys.next("收入|" + income), income, tail(columns, 1, 2), tail(r, 1, 2)));
                }
                String spending = at(r, 2);
                if (!spending.isEmpty()) {
                    entries.add(new Entry(keys.next("支出|" + spending), spending, tail(columns, 3, Integer.MAX_VALUE),
                            tail(r, 3, Integer.MAX_VALUE)));
                }
            }
        } else if (kind == Rows.KEYED) {
            for (List<String> r : rows) {
                String code = at(r, 0);
                String name = at(r, 1);
                String label = name.isEmpty() || AMOUNT.matcher(name).matches() ? code : code + " " + name;
                entries.add(new Entry(keys.next(code), label, tail(columns, 1, Integer.MAX_VALUE), tail(r, 1, Integer.MAX_VALUE)));
            }
        } else {
            for (int i = 0; i < rows.size(); i++) {
                entries.add(new Entry("#" + i, rows.size() == 1 ? "" : "第 " + (i + 1) + " 行", columns, rows.get(i)));
            }
        }
        String note = table.path("note").isNull() ? "" : table.path("note").asText("");
        entries.add(new Entry("备注", "备注", List.of(""), List.of(note)));
        return new Normal(no, no, title, entries);
    }

    private static Normal project(String no, String title, JsonNode p) {
        List<String> fields = PROJECT_FIELDS.stream().map(f -> p.path(f).isNull() ? "" : p.path(f).asText("")).toList();
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("项目", "项目信息", PROJECT, fields));
        Keys keys = new Keys();
        p.path("indicators").forEach(i -> {
            List<String> cells = new ArrayList<>();
            i.forEach(c -> cells.add(c.isNull() ? "" : c.asText()));
            String name = at(cells, 0);
            entries.add(new Entry(keys.next("指标|" + name), "指标 " + name, tail(INDICATOR, 1, Integer.MAX_VALUE),
                    tail(cells, 1, Integer.MAX_VALUE)));
        });
        // A project keeps its identity when an added project renumbers the tables after it.
        String code = p.path("code").asText("");
        String id = "项目|" + (code.isEmpty() ? p.path("name").asText("") : code);
        return new Normal(id, no, title + "（" + p.path("name").asText("") + "）", entries);
    }

    /** Keys made unique: the second row of a code is "code#2". */
    private static final class Keys {
        private final Map<String, Integer> seen = new HashMap<>();

        String next(String key) {
            int n = seen.merge(key, 1, Integer::sum);
            return n == 1 ? key : key + "#" + n;
        }
    }

    private static String at(List<String> list, int i) {
        return i < list.size() && list.get(i) != null ? list.get(i) : "";
    }

    private static List<String> tail(List<String> list, int from, int to) {
        return from >= list.size() ? List.of() : List.copyOf(list.subList(from, Math.min(to, list.size())));
    }

    private static final Pattern AMOUNT = Pattern.compile("-?[\\d,]+(\\.\\d+)?");

    /** A printed amount ("1,587.88"; empty is zero, CONTRACT.md §2) as a number; null for text. */
    private static BigDecimal amount(String cell) {
        if (cell.isEmpty()) {
            return BigDecimal.ZERO;
        }
        return AMOUNT.matcher(cell).matches() ? new BigDecimal(cell.replace(",", "")) : null;
    }

    // ---------------------------------------------------------------- sentences

    /** A sentence of the document and the section it is in. */
    private record Unit(String section, String text) {
    }

    /** Ends a sentence: the Chinese and Latin full stops, semicolons, exclamation and question marks. */
    private static final Pattern SENTENCE = Pattern.compile("[^。；;！!？?]*[。；;！!？?]+[”’」』）)]*|[^。；;！!？?]+$");

    /** Splits a paragraph into sentences, each with its closing mark. */
    static List<String> split(String paragraph) {
        List<String> out = new ArrayList<>();
        Matcher m = SENTENCE.matcher(paragraph);
        while (m.find()) {
            String s = m.group().strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Unit> units(JsonNode doc) {
        List<Unit> out = new ArrayList<>();
        String title = doc.path("title").asText("");
        if (!title.isEmpty()) {
            out.add(new Unit("标题", title));
        }
        doc.path("narrative").forEach(section -> {
            String heading = section.path("heading").asText("");
            if (!heading.isEmpty()) {
                out.add(new Unit(heading, heading));
            }
            section.path("paragraphs").forEach(p -> split(p.asText("")).forEach(s -> out.add(new Unit(heading, s))));
        });
        return out;
    }

    private static List<SentenceChange> sentences(List<Unit> before, List<Unit> after) {
        List<Op> ops = Lcs.diff(before.stream().map(Unit::text).toList(), after.stream().map(Unit::text).toList());
        List<SentenceChange> out = new ArrayList<>();
        String section = null;
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (Op op : ops) {
            String at = op.kind() == Op.Kind.INSERT ? after.get(op.b()).section() : before.get(op.a()).section();
            if (op.kind() == Op.Kind.EQUAL || !Objects.equals(at, section)) {
                flush(section, removed, added, out);
                section = op.kind() == Op.Kind.EQUAL ? null : at;
            }
            if (op.kind() == Op.Kind.DELETE) {
                removed.add(before.get(op.a()).text());
            } else if (op.kind() == Op.Kind.INSERT) {
                added.add(after.get(op.b()).text());
            }
        }
        flush(section, removed, added, out);
        return out;
    }

    private static void flush(String section, List<String> removed, List<String> added, List<SentenceChange> out) {
        if (removed.isEmpty() && added.isEmpty()) {
            return;
        }
        List<Sentence> old = new ArrayList<>();
        List<Sentence> now = new ArrayList<>();
        if (removed.size() == added.size()) {
            for (int i = 0; i < removed.size(); i++) {
                Sentence[] pair = pair(removed.get(i), added.get(i));
                old.add(pair[0]);
                now.add(pair[1]);
            }
        } else {
            removed.forEach(s -> old.add(new Sentence(s, List.of(new Segment(s, true)))));
            added.forEach(s -> now.add(new Sentence(s, List.of(new Segment(s, true)))));
        }
        out.add(new SentenceChange(section, old, now));
        removed.clear();
        added.clear();
    }

    /** Figures and Latin words are one token each, every other character one: "1587.88" changes as a whole. */
    private static final Pattern TOKEN = Pattern.compile("[0-9][0-9,.]*[0-9]|[0-9]|[A-Za-z]+|\\s+|.", Pattern.DOTALL);

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** An old and a new sentence with the pieces that differ marked in each. */
    private static Sentence[] pair(String before, String after) {
        List<String> a = tokens(before);
        List<String> b = tokens(after);
        List<Segment> old = new ArrayList<>();
        List<Segment> now = new ArrayList<>();
        for (Op op : Lcs.diff(a, b)) {
            switch (op.kind()) {
                case EQUAL -> {
                    append(old, a.get(op.a()), false);
                    append(now, b.get(op.b()), false);
                }
                case DELETE -> append(old, a.get(op.a()), true);
                case INSERT -> append(now, b.get(op.b()), true);
            }
        }
        return new Sentence[] {new Sentence(before, old), new Sentence(after, now)};
    }

    private static void append(List<Segment> segments, String text, boolean changed) {
        int last = segments.size() - 1;
        if (last >= 0 && segments.get(last).changed() == changed) {
            segments.set(last, new Segment(segments.get(last).text() + text, changed));
        } else {
            segments.add(new Segment(text, changed));
        }
    }

    /** One step of an edit script: keep a[a] (= b[b]), delete a[a], or insert b[b]. */
    record Op(Kind kind, int a, int b) {
        enum Kind { EQUAL, DELETE, INSERT }
    }

    /** The longest common subsequence of two lists, as an edit script; deletions before insertions in each run. */
    static final class Lcs {

        /** Above this many cells the middle is taken as replaced whole rather than aligned (time and memory). */
        private static final long MAX_CELLS = 4_000_000L;

        private Lcs() {
        }

        static <T> List<Op> diff(List<T> a, List<T> b) {
            int start = 0;
            while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
                start++;
            }
            int endA = a.size();
            int endB = b.size();
            while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
                endA--;
                endB--;
            }
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < start; i++) {
                ops.add(new Op(Op.Kind.EQUAL, i, i));
            }
            int n = endA - start;
            int m = endB - start;
            if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
                for (int i = 0; i < n; i++) {
                    ops.add(new Op(Op.Kind.DELETE, start + i, -1));
                }
                for (int j = 0; j < m; j++) {
                    ops.add(new Op(Op.Kind.INSERT, -1, start + j));
                }
            } else {
                // suffix[i][j]: the LCS length of a[start+i..endA) and b[start+j..endB)
                int[][] suffix = new int[n + 1][m + 1];
                for (int i = n - 1; i >= 0; i--) {
                    for (int j = m - 1; j >= 0; j--) {
                        suffix[i][j] = a.get(start + i).equals(b.get(start + j)) ? suffix[i + 1][j + 1] + 1
                                : Math.max(suffix[i + 1][j], suffix[i][j + 1]);
                    }
                }
                int i = 0;
                int j = 0;
                while (i < n || j < m) {
                    if (i < n && j < m && a.get(start + i).equals(b.get(start + j))) {
                        ops.add(new Op(Op.Kind.EQUAL, start + i++, start + j++));
                    } else if (j >= m || i < n && suffix[i + 1][j] >= suffix[i][j + 1]) {
                        ops.add(new Op(Op.Kind.DELETE, start + i++, -1));
                    } else {
                        ops.add(new Op(Op.Kind.INSERT, -1, start + j++));
                    }
                }
            }
            for (int i = endA, j = endB; i < a.size(); i++, j++) {
                ops.add(new Op(Op.Kind.EQUAL, i, j));
            }
            return ops;
        }
    }
}
