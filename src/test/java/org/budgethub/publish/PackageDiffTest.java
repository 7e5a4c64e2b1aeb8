package org.budgethub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The diff of two versions on the real seed document (golden/seed-unit-2026.json): a copy of it is
 * edited in each test, the way a corrected figure or sentence reaches a new version, and the diff
 * must name exactly that and nothing else.
 */
class PackageDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ObjectNode golden;
    private ObjectNode edited;

    @BeforeEach
    void seed() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/seed/seed-unit-2026.json")) {
            golden = (ObjectNode) JSON.readTree(in);
        }
        edited = golden.deepCopy();
    }

    private ArrayNode rows(ObjectNode doc, String no) {
        for (JsonNode t : doc.path("tables")) {
            if (t.path("no").asText().equals(no)) {
                return (ArrayNode) t.path("rows");
            }
        }
        throw new AssertionError("no " + no);
    }

    private ArrayNode row(ObjectNode doc, String no, String code) {
        for (JsonNode r : rows(doc, no)) {
            if (r.path(0).asText().equals(code)) {
                return (ArrayNode) r;
            }
        }
        throw new AssertionError("no row " + code + " in " + no);
    }

    private ArrayNode paragraphs(ObjectNode doc, String headingStart) {
        for (JsonNode s : doc.path("narrative")) {
            if (s.path("heading").asText().startsWith(headingStart)) {
                return (ArrayNode) s.path("paragraphs");
            }
        }
        throw new AssertionError("no section " + headingStart);
    }

    private static String replaceOnce(String text, String from, String to) {
        assertThat(text).as("the seed has the text the test edits").contains(from);
        return text.replace(from, to);
    }

    @Test
    void aVersionComparedWithItselfHasNoChanges() {
        PackageDiff diff = PackageDiff.of(golden, golden.deepCopy());

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.changedParts()).isEmpty();
    }

    @Test
    void oneChangedFigureAndOneChangedSentenceAreAllThatIsNamed() {
        String was = row(golden, "表二", "201").path(2).asText();
        row(edited, "表二", "201").set(2, JSON.getNodeFactory().textNode("1,427.47"));
        ArrayNode sangong = paragraphs(edited, "四、");
        sangong.set(0, JSON.getNodeFactory().textNode(replaceOnce(sangong.path(0).asText(),
                "公务接待费 1 万元，比 2025 年增加 0 万元；", "公务接待费 2 万元，比 2025 年增加 1 万元；")));

        PackageDiff diff = PackageDiff.of(golden, edited);

        assertThat(diff.tables()).singleElement().satisfies(t -> {
            assertThat(t.no()).isEqualTo("表二");
            assertThat(t.kind()).isEqualTo(PackageDiff.Kind.CHANGED);
            assertThat(t.added()).isEmpty();
            assertThat(t.removed()).isEmpty();
            assertThat(t.cells()).singleElement().satisfies(c -> {
                assertThat(c.row()).isEqualTo("201 一般公共服务支出");
                assertThat(c.column()).isEqualTo("总计");
                assertThat(c.before()).isEqualTo(was).isEqualTo("1,426.47");
                assertThat(c.after()).isEqualTo("1,427.47");
                assertThat(c.delta()).isEqualTo("+1.00");
            });
        });
        assertThat(diff.sentences()).singleElement().satisfies(s -> {
            assertThat(s.section()).isEqualTo("四、“三公”经费情况说明");
            assertThat(s.removed()).singleElement().satisfies(old -> {
                assertThat(old.text()).isEqualTo("公务接待费 1 万元，比 2025 年增加 0 万元；");
                assertThat(old.segments()).filteredOn(PackageDiff.Segment::changed).extracting(PackageDiff.Segment::text)
                        .containsExactly("1", "0");
            });
            assertThat(s.added()).singleElement().satisfies(now -> {
                assertThat(now.text()).isEqualTo("公务接待费 2 万元，比 2025 年增加 1 万元；");
                assertThat(now.segments()).filteredOn(PackageDiff.Segment::changed).extracting(PackageDiff.Segment::text)
                        .containsExactly("2", "1");
                // the pieces put together are the sentence
                assertThat(String.join("", now.segments().stream().map(PackageDiff.Segment::text).toList())).isEqualTo(now.text());
            });
        });
        assertThat(diff.changedParts()).containsExactly("表二", "说明");
        assertThat(diff.figureCount()).isEqualTo(1);
        assertThat(diff.sentenceCount()).isEqualTo(1);
    }

    @Test
    void anInsertedSentenceIsTheOnlyChangeNotEverySentenceAfterIt() {
        ArrayNode sangong = paragraphs(edited, "四、");
        String inserted = "其中新增会议费 0 万元；";
        sangong.set(0, JSON.getNodeFactory().textNode(replaceOnce(sangong.path(0).asText(), "公务接待费 1 万元", inserted + "公务接待费 1 万元")));
        ArrayNode other = paragraphs(edited, "五、");
        other.insert(1, "（一之二）本单位 2026 年无新增资产配置。");

        PackageDiff diff = PackageDiff.of(golden, edited);

        assertThat(diff.tables()).isEmpty();
        assertThat(diff.sentences()).hasSize(2);
        assertThat(diff.sentences().get(0).section()).startsWith("四、");
        assertThat(diff.sentences().get(0).removed()).isEmpty();
        assertThat(diff.sentences().get(0).added()).extracting(PackageDiff.Sentence::text).containsExactly(inserted);
        assertThat(diff.sentences().get(1).section()).startsWith("五、");
        assertThat(diff.sentences().get(1).removed()).isEmpty();
        assertThat(diff.sentences().get(1).added()).extracting(PackageDiff.Sentence::text).containsExactly("（一之二）本单位 2026 年无新增资产配置。");
    }

    @Test
    void aRemovedSentenceIsNamedAlone() {
        ArrayNode other = paragraphs(edited, "五、");
        String dropped = other.path(4).asText();
        other.remove(4);

        PackageDiff diff = PackageDiff.of(golden, edited);

        assertThat(diff.sentences()).singleElement().satisfies(s -> {
            assertThat(s.added()).isEmpty();
            assertThat(s.removed()).extracting(PackageDiff.Sentence::text).containsExactly(dropped);
        });
    }

    @Test
    void rowsAddedAndRemovedAreNamedByTheirCode() {
        ArrayNode table2 = rows(edited, "表二");
        ArrayNode added = table2.insertArray(table2.size());
        List.of("213", "农林水支出", "5.00", "5.00", "").forEach(added::add);
        ArrayNode table8 = rows(edited, "表八");
        for (int i = 0; i < table8.size(); i++) {
            if (table8.path(i).path(0).asText().equals("2210203")) {
                table8.remove(i);
            }
        }

        PackageDiff diff = PackageDiff.of(golden, edited);

        assertThat(diff.tables()).extracting(PackageDiff.TableChange::no).containsExactly("表二", "表八");
        PackageDiff.TableChange t2 = diff.tables().get(0);
        assertThat(t2.cells()).isEmpty();
        assertThat(t2.added()).singleElement().satisfies(r -> {
            assertThat(r.row()).isEqualTo("213 农林水支出");
            assertThat(r.values()).extracting(PackageDiff.Value::column, PackageDiff.Value::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("科目名称", "农林水支出"),
                            org.assertj.core.groups.Tuple.tuple("总计", "5.00"), org.assertj.core.groups.Tuple.tuple("基本支出", "5.00"));
        });
        PackageDiff.TableChange t8 = diff.tables().get(1);
        assertThat(t8.cells()).isEmpty();
        assertThat(t8.removed()).extracting(PackageDiff.RowChange::row).containsExactly("2210203 购房补贴");
    }

    @Test
    void aNewExpenditureClassInTableOneShiftsOnlyItsOwnSide() {
        // The right side of 表一's first block lists the functional 类; a new one makes the block a row
        // longer and moves the later 类 down a row, while the left side stays where it was (CONTRACT.md §3).
        ArrayNode table1 = rows(edited, "表一");
        int blockEnd = 0;
        while (!table1.path(blockEnd).path(0).asText().equals("二、上年结转")) {
            blockEnd++;
        }
        List<List<String>> left = new ArrayList<>();
        List<List<String>> right = new ArrayList<>();
        for (int i = 0; i < blockEnd; i++) {
            JsonNode r = table1.get(i);
            left.add(List.of(r.path(0).asText(), r.path(1).asText()));
            List<String> side = new ArrayList<>();
            for (int c = 2; c < 7; c++) {
                side.add(r.path(c).asText());
            }
            right.add(side);
        }
        right.add(3, List.of("农林水支出", "2.00", "2.00", "", "")); // after 社会保障和就业支出
        left.add(List.of("", ""));
        for (int i = 0; i < blockEnd; i++) {
            table1.remove(0);
        }
        for (int i = right.size() - 1; i >= 0; i--) {
            ArrayNode r = table1.insertArray(0);
            left.get(i).forEach(r::add);
            right.get(i).forEach(r::add);
        }
        assertThat(table1.size()).isEqualTo(rows(golden, "表一").size() + 1);

        PackageDiff diff = PackageDiff.of(golden, edited);

        assertThat(diff.tables()).singleElement().satisfies(t -> {
            assertThat(t.no()).isEqualTo("表一");
            assertThat(t.cells()).as("no cell of either side reads as changed").isEmpty();
            assertThat(t.removed()).isEmpty();
            assertThat(t.added()).singleElement().satisfies(r -> {
                assertThat(r.row()).isEqualTo("农林水支出");
                assertThat(r.values()).extracting(PackageDiff.Value::column).containsExactly("合计", "一般公共预算");
            });
        });
    }

    @Test
    void aNewProjectTableRenumbersTheOthersButOnlyItIsNew() {
        ArrayNode tables = (ArrayNode) edited.path("tables");
        int tenth = -1;
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i).path("no").asText().equals("表十")) {
                tenth = i;
            }
        }
        ObjectNode project = tables.get(tenth).deepCopy();
        ((ObjectNode) project.path("project")).put("name", "政务数据共享平台运维").put("budget", "12");
        tables.insert(tenth, project);
        String[] numbers = {"表十", "表十一", "表十二", "表十三"};
        for (int i = 0; i < numbers.length; i++) {
            ((ObjectNode) tables.get(tenth + i)).put("no", numbers[i]);
        }

        PackageDiff diff = PackageDiff.of(golden, edited);

        assertThat(diff.tables()).singleElement().satisfies(t -> {
            assertThat(t.no()).isEqualTo("表十");
            assertThat(t.kind()).isEqualTo(PackageDiff.Kind.ADDED);
            assertThat(t.title()).contains("政务数据共享平台运维");
            assertThat(t.added()).first().satisfies(r -> assertThat(r.values()).extracting(PackageDiff.Value::text)
                    .contains("政务数据共享平台运维", "12"));
        });
    }

    @Test
    void aChangedIndicatorIsNamedByTheIndicatorAndItsColumn() {
        ArrayNode tables = (ArrayNode) edited.path("tables");
        for (JsonNode t : tables) {
            if (t.path("no").asText().equals("表十")) {
                ((ArrayNode) t.path("project").path("indicators").get(0)).set(4, JSON.getNodeFactory().textNode("365"));
            }
        }

        PackageDiff diff = PackageDiff.of(golden, edited);

        assertThat(diff.tables()).singleElement().satisfies(t -> assertThat(t.cells()).singleElement().satisfies(c -> {
            assertThat(c.row()).isEqualTo("指标 年稳定运行天数");
            assertThat(c.column()).isEqualTo("指标值");
            assertThat(c.before()).isEqualTo("363");
            assertThat(c.after()).isEqualTo("365");
            assertThat(c.delta()).isEqualTo("+2");
        }));
    }

    @Test
    void deltasAreExactAndAnEmptyCellIsZero() {
        assertThat(new PackageDiff.CellChange("r", "c", "0.10", "0.30").delta()).isEqualTo("+0.20");
        assertThat(new PackageDiff.CellChange("r", "c", "1,587.88", "").delta()).isEqualTo("-1587.88");
        assertThat(new PackageDiff.CellChange("r", "c", "", "1,000.00").delta()).isEqualTo("+1000.00");
        assertThat(new PackageDiff.CellChange("r", "c", "≥", "≤").delta()).isNull();
        assertThat(new PackageDiff.CellChange("r", "c", "事业运行", "行政运行").delta()).isNull();
    }

    @Test
    void theTitleIsComparedToo() {
        edited.put("title", replaceOnce(golden.path("title").asText(), "2026 年单位预算", "2026 年单位预算（更正）"));

        PackageDiff diff = PackageDiff.of(golden, edited);

        assertThat(diff.sentences()).singleElement().satisfies(s -> {
            assertThat(s.section()).isEqualTo("标题");
            assertThat(s.added()).singleElement().satisfies(now -> assertThat(now.segments())
                    .filteredOn(PackageDiff.Segment::changed).extracting(PackageDiff.Segment::text).containsExactly("（更正）"));
        });
        assertThat(diff.changedParts()).containsExactly("说明");
    }

    @Test
    void sentencesEndAtFullStopsSemicolonsAndTheirClosingQuotes() {
        assertThat(PackageDiff.split("甲。乙；丙！“丁。”戊？己"))
                .containsExactly("甲。", "乙；", "丙！", "“丁。”", "戊？", "己");
        assertThat(PackageDiff.split("（一）职能职责")).containsExactly("（一）职能职责");
        assertThat(PackageDiff.split("")).isEmpty();
    }

    @Test
    void aDocumentThatIsMissingOrUnreadableIsRefusedInWords() {
        assertThatThrownBy(() -> PackageDiff.of(null, "{}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("disclosure.json");
        assertThatThrownBy(() -> PackageDiff.of("{", "{}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("无法读取");
    }
}
