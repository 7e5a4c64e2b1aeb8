package org.budgethub.authoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The words' fields as the console's words page shows them (CONTRACT §1 keys, dotted as the API
 * names them): each one's Chinese label and the place of the 说明 it fills, for a unit's and a
 * department's 说明 alike. The one definition the page's form, its script (diffs, a refusal naming a
 * field) and its tests read.
 */
public final class WordsFields {

    /** How a field is edited: a long text, a one-line text, or the list of notes. */
    public enum Kind { TEXT, LINE, LIST }

    /**
     * One field. {@code completes} is the sentence of the 说明 it finishes, with {@code {P}} for the
     * previous year and {@code ____} where the words go; {@code group} the part of the form it sits in.
     */
    public record Field(String key, String label, Kind kind, String group, String completes, int maxLength) {

        /** The form control's id: {@code reasons.income} is {@code words-reasons-income}. */
        public String id() {
            return "words-" + key.replace('.', '-');
        }

        /** The sentence it completes for the budget year {@code year}. */
        public String completesFor(int year) {
            return completes.replace("{P}", String.valueOf(year - 1));
        }

        public boolean reason() {
            return key.startsWith("reasons.");
        }
    }

    /** The longest text the API takes in one field. */
    public static final int MAX_LENGTH = 5000;

    /** The change a reason explains, and where its words go. */
    private static final String CHANGE = "比 {P} 年增加（减少）… 万元，____";

    public static final List<Field> ALL = List.of(
            new Field("duties", "职能职责", Kind.TEXT, "单位基本情况", "一、单位基本情况（一）职能职责：每行一段。", MAX_LENGTH),
            new Field("composition", "单位构成", Kind.TEXT, "单位基本情况", "一、单位基本情况（二）单位构成（部门：机构设置）：每行一段。", MAX_LENGTH),
            new Field("reasons.income", "收入变动原因", Kind.TEXT, "收支变动原因",
                    "二（一）收入预算：……收入较 {P} 年增加（减少）… 万元，____。", MAX_LENGTH),
            new Field("reasons.expenditure", "支出变动原因", Kind.TEXT, "收支变动原因",
                    "二（二）支出预算：……支出预算较 {P} 年增加（减少）… 万元，____。", MAX_LENGTH),
            new Field("reasons.basic", "基本支出变动原因", Kind.TEXT, "收支变动原因",
                    "三、一般公共预算财政拨款……其中：基本支出 … 万元，" + CHANGE + "；", MAX_LENGTH),
            new Field("reasons.project", "项目支出变动原因", Kind.TEXT, "收支变动原因",
                    "三、一般公共预算财政拨款……项目支出 … 万元，" + CHANGE + "。", MAX_LENGTH),
            new Field("reasons.fund", "政府性基金预算拨款支出变动原因", Kind.TEXT, "收支变动原因",
                    "三、……政府性基金预算拨款支出 … 万元，" + CHANGE + "。（无政府性基金支出时不出现）", MAX_LENGTH),
            new Field("reasons.sangong", "“三公”经费变动原因", Kind.TEXT, "“三公”经费变动原因",
                    "四、“三公”经费预算 … 万元，" + CHANGE + "。", MAX_LENGTH),
            new Field("reasons.sangongAbroad", "因公出国（境）费用变动原因", Kind.TEXT, "“三公”经费变动原因",
                    "四、……其中：因公出国（境）费用 … 万元，" + CHANGE + "；", MAX_LENGTH),
            new Field("reasons.sangongReception", "公务接待费变动原因", Kind.TEXT, "“三公”经费变动原因",
                    "四、……公务接待费 … 万元，" + CHANGE + "；", MAX_LENGTH),
            new Field("reasons.sangongVehicleOperation", "公务用车运行维护费变动原因", Kind.TEXT, "“三公”经费变动原因",
                    "四、……公务用车运行维护费 … 万元，" + CHANGE + "；", MAX_LENGTH),
            new Field("reasons.sangongVehiclePurchase", "公务用车购置费变动原因", Kind.TEXT, "“三公”经费变动原因",
                    "四、……公务用车购置费 … 万元，" + CHANGE + "。", MAX_LENGTH),
            new Field("reasons.adminCost", "机关运行经费变动原因", Kind.TEXT, "其他重要事项",
                    "五（一）机关运行经费预算 … 万元，" + CHANGE + "。（不在机关运行经费统计范围时不出现）", MAX_LENGTH),
            new Field("notes", "补充的其他重要事项", Kind.LIST, "其他重要事项",
                    "五、其他重要事项：（四）之后每条一段，依次编为（五）（六）……", MAX_LENGTH),
            new Field("contact.name", "联系人", Kind.LINE, "联系人",
                    "说明末尾：单位预算公开联系人：____", 200),
            new Field("contact.phone", "联系方式", Kind.LINE, "联系人",
                    "说明末尾：……联系方式：____", 200));

    /** The parts of the form, in order, each with its fields. */
    public static Map<String, List<Field>> groups() {
        Map<String, List<Field>> out = new LinkedHashMap<>();
        ALL.forEach(f -> out.computeIfAbsent(f.group(), g -> new java.util.ArrayList<>()).add(f));
        return out;
    }

    /** Key → label, as JSON: what the page's script names a field by. */
    public static String labelsJson() {
        Map<String, String> labels = new LinkedHashMap<>();
        ALL.forEach(f -> labels.put(f.key(), f.label()));
        try {
            return new ObjectMapper().writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private WordsFields() {
    }
}
