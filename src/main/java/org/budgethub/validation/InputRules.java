package org.budgethub.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.budgethub.mapping.Money;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.ElementTables;
import org.budgethub.model.Finding.RowRef;
import org.budgethub.model.InputProblem;
import org.budgethub.model.LedgerEntry;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.ProcurementLine;

/** Rules on the input data of one agency: unusable values, codes, amounts, ids, narrative, projects, the previous year. */
final class InputRules {

    private static final Pattern FUNCTIONAL_ITEM = Pattern.compile("\\d{7}");
    private static final Pattern ECONOMIC_SECTION = Pattern.compile("\\d{5}");

    private InputRules() {
    }

    /** @param maxEntryAmount the largest plausible absolute amount of one ledger entry or procurement line, in yuan */
    static void check(AgencyExtract extract, NarrativeInput narrative, BigDecimal maxEntryAmount, Findings findings) {
        unusableValues(extract, findings);
        codes(extract, findings);
        amounts(extract, findings);
        ranges(extract, maxEntryAmount, findings);
        duplicates(extract, findings);
        narrative(extract, narrative, findings);
        projects(extract, findings);
        previousYear(extract, findings);
    }

    private static boolean inScope(AgencyExtract extract, Appropriation a) {
        return a.counted() && (a.fiscalYear() == extract.year() || a.fiscalYear() == extract.previousYear());
    }

    /** Every counted code, and its 类/款, must be in that year's element tables, at the right level. */
    private static void codes(AgencyExtract extract, Findings findings) {
        Map<String, List<String>> unknown = new TreeMap<>();
        for (Appropriation a : extract.appropriations()) {
            if (!inScope(extract, a)) {
                continue;
            }
            ElementTables elements = extract.elementsOf(a.fiscalYear());
            String func = nz(a.functionalCode());
            String eco = nz(a.economicCode());
            if (!FUNCTIONAL_ITEM.matcher(func).matches()) {
                findings.add(Rule.CODE_LEVEL, "指标 " + a.bgtId() + " 的支出功能分类科目“" + func + "”不是 7 位的项级科目",
                        a.fiscalYear() + " 年指标", findings.rowsOf(List.of(a.bgtId())));
            }
            if (!ECONOMIC_SECTION.matcher(eco).matches()) {
                findings.add(Rule.CODE_LEVEL, "指标 " + a.bgtId() + " 的部门预算支出经济分类科目“" + eco + "”不是 5 位的款级科目",
                        a.fiscalYear() + " 年指标", findings.rowsOf(List.of(a.bgtId())));
            }
            for (String code : prefixes(func, 3, 5, 7)) {
                if (elements.functionalName(code).isEmpty()) {
                    unknown.computeIfAbsent(a.fiscalYear() + " 年支出功能分类科目表\u0000" + code, k -> new ArrayList<>()).add(a.bgtId());
                }
            }
            for (String code : prefixes(eco, 3, 5)) {
                if (elements.economicName(code).isEmpty()) {
                    unknown.computeIfAbsent(a.fiscalYear() + " 年部门预算支出经济分类科目表\u0000" + code, k -> new ArrayList<>()).add(a.bgtId());
                }
            }
        }
        unknown.forEach((key, ids) -> {
            String[] parts = key.split("\u0000");
            findings.add(Rule.CODE_UNKNOWN, parts[0] + "中没有科目 " + parts[1] + "（" + summarize(ids) + "）",
                    parts[0], findings.rowsOf(ids.stream().distinct().toList()));
        });
    }

    private static void amounts(AgencyExtract extract, Findings findings) {
        for (Appropriation a : extract.appropriations()) {
            if (!inScope(extract, a)) {
                continue;
            }
            for (LedgerEntry e : a.entries()) {
                if (e.amount().stripTrailingZeros().scale() > 2) {
                    findings.add(Rule.AMOUNT_SCALE, "指标账 " + e.entryId() + " 的金额 " + e.amount().toPlainString() + " 元超过两位小数",
                            "指标 " + a.bgtId(), List.of(RowRef.appropriation(a.bgtId()), RowRef.ledger(e.entryId())));
                }
            }
            BigDecimal amount = a.amount();
            if (amount.signum() < 0) {
                findings.add(Rule.NEGATIVE_TOTAL, "指标 " + a.bgtId() + " 的年初预算合计为负数：" + amount.toPlainString() + " 元",
                        "指标 " + a.bgtId(), findings.rowsOf(List.of(a.bgtId())));
            }
        }
    }

    /** The values ingest could not use: each names its table, row and column; the row was left out. */
    private static void unusableValues(AgencyExtract extract, Findings findings) {
        for (InputProblem p : extract.problems()) {
            String where = p.table() + " 中 " + p.row() + "的列 " + p.column();
            switch (p.kind()) {
                case MISSING -> findings.add(Rule.VALUE_MISSING, where + " 为空，该行无法计入", p.table() + "." + p.column(), p.rows());
                case NOT_A_NUMBER -> findings.add(Rule.AMOUNT_INVALID, where + " 不是金额：“" + p.value() + "”，该行无法计入",
                        p.table() + "." + p.column(), p.rows());
                case MALFORMED -> findings.add(Rule.CODE_MALFORMED, where + " 的值“" + p.value() + "”无效（应为 " + p.expected()
                        + "），该行无法计入", p.table() + "." + p.column(), p.rows());
            }
        }
    }

    /**
     * One ledger entry (or procurement line) beyond any real budget is a fault of the feed (a unit
     * mix-up, a corrupted figure), not money: it would be published as it is.
     */
    private static void ranges(AgencyExtract extract, BigDecimal max, Findings findings) {
        String limit = "单笔金额的绝对值不超过 " + max.toPlainString() + " 元（hub.validation.max-entry-amount）";
        for (Appropriation a : extract.appropriations()) {
            if (!inScope(extract, a)) {
                continue;
            }
            for (LedgerEntry e : a.entries()) {
                if (e.amount().abs().compareTo(max) > 0) {
                    findings.add(Rule.AMOUNT_RANGE, "bgt_ledger 中 entry_id 为 " + e.entryId() + " 的行（指标 " + a.bgtId() + "）的列 amount "
                            + e.amount().toPlainString() + " 元超出合理范围：" + limit, "bgt_ledger.amount",
                            List.of(RowRef.appropriation(a.bgtId()), RowRef.ledger(e.entryId())));
                }
            }
        }
        for (ProcurementLine p : extract.procurement()) {
            if (p.amount() != null && p.amount().abs().compareTo(max) > 0) {
                findings.add(Rule.AMOUNT_RANGE, "bgt_procurement 中 item_code 为 " + p.itemCode() + " 的行的列 amount "
                        + p.amount().toPlainString() + " 元超出合理范围：" + limit, "bgt_procurement.amount",
                        List.of(new RowRef("bgt_procurement", p.itemCode())));
            }
        }
    }

    private static void duplicates(AgencyExtract extract, Findings findings) {
        Set<String> seenAppropriations = new HashSet<>();
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (Appropriation a : extract.appropriations()) {
            if (!seenAppropriations.add(a.bgtId())) {
                findings.add(Rule.DUPLICATE_ID, "指标编号 " + a.bgtId() + " 重复出现", "bgt_appropriation",
                        List.of(RowRef.appropriation(a.bgtId())));
                continue; // its ledger joined once per copy: the entries are not duplicated themselves
            }
            for (LedgerEntry e : a.entries()) {
                entries.computeIfAbsent(e.entryId(), k -> new ArrayList<>()).add(a.bgtId());
            }
        }
        entries.forEach((entryId, owners) -> {
            if (owners.size() > 1) {
                findings.add(Rule.DUPLICATE_ID, "指标账编号 " + entryId + " 重复出现 " + owners.size() + " 次", "bgt_ledger",
                        List.of(RowRef.ledger(entryId)));
            }
        });
    }

    private static void narrative(AgencyExtract extract, NarrativeInput narrative, Findings findings) {
        if (narrative == null) {
            findings.add(Rule.NARRATIVE_MISSING, "缺少单位 " + extract.agency().code() + " " + extract.year() + " 年预算说明的撰写内容",
                    "说明", List.of());
        } else if (narrative.duties() == null || narrative.duties().isBlank()) {
            findings.add(Rule.DUTIES_EMPTY, "说明撰写内容中的职能职责（duties）为空", "说明 一（一）职能职责", List.of());
        }
        if (narrative != null) {
            narrative.unknownKeys().forEach(k -> findings.add(Rule.NARRATIVE_KEY, k.where() + "的键“" + k.key()
                    + "”不是约定的键，其内容不会出现在说明中；是否应为“" + k.closest() + "”？", k.where(), List.of()));
        }
    }

    /** Counted project money of the budget year needs a project record of that year. */
    private static void projects(AgencyExtract extract, Findings findings) {
        Set<String> known = new HashSet<>();
        extract.projects().forEach(p -> known.add(p.code()));
        Map<String, List<Appropriation>> orphans = new TreeMap<>();
        for (Appropriation a : extract.appropriations()) {
            if (a.fiscalYear() == extract.year() && a.counted() && a.isProject() && a.amount().signum() != 0
                    && (a.projectCode() == null || !known.contains(a.projectCode()))) {
                orphans.computeIfAbsent(a.projectCode() == null ? "" : a.projectCode(), k -> new ArrayList<>()).add(a);
            }
        }
        orphans.forEach((code, lines) -> {
            BigDecimal money = lines.stream().map(Appropriation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            List<String> ids = lines.stream().map(Appropriation::bgtId).toList();
            String what = code.isEmpty() ? "没有项目编码的项目支出指标" : "项目 " + code;
            findings.add(Rule.PROJECT_MISSING, what + "有 " + extract.year() + " 年项目支出 " + Money.narrative(money)
                    + " 万元，但项目库中没有该项目 " + extract.year() + " 年的记录", "项目支出", findings.rowsOf(ids));
        });
    }

    private static void previousYear(AgencyExtract extract, Findings findings) {
        boolean any = extract.appropriations().stream().anyMatch(a -> a.counted() && a.fiscalYear() == extract.previousYear());
        if (!any) {
            findings.add(Rule.PREVIOUS_YEAR_ABSENT, "没有 " + extract.previousYear() + " 年的预算数据，与上年相比的增减均按 0 计算",
                    "说明", List.of());
        }
    }


    private static List<String> prefixes(String code, int... lengths) {
        List<String> out = new ArrayList<>();
        for (int length : lengths) {
            String prefix = code.length() > length ? code.substring(0, length) : code;
            if (!prefix.isEmpty() && !out.contains(prefix)) {
                out.add(prefix);
            }
        }
        if (out.isEmpty()) {
            out.add("（空）");
        }
        return out;
    }

    private static String summarize(List<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        return "指标 " + (distinct.size() <= 5 ? String.join("、", distinct)
                : String.join("、", distinct.subList(0, 5)) + " 等 " + distinct.size() + " 条");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
