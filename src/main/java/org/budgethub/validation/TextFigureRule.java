package org.budgethub.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.budgethub.mapping.BudgetLines;
import org.budgethub.mapping.Money;
import org.budgethub.mapping.NarrativeFigures;
import org.budgethub.mapping.Scopes;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.Cell;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureTable;
import org.budgethub.model.FigureTable;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.PerformanceTable;

/**
 * 表文一致: every amount the authors wrote in their reasons (a number followed by 万元) must be a
 * figure of the disclosure after the narrative rounding: a table figure, a narrative total or
 * change, a project's budget or change, or the sum of up to five project changes of one sign
 * ("零星减少共计 179.31 万元"). Anything else is named in a warning.
 */
final class TextFigureRule {

    /** A number, perhaps with thousands separators, followed by 万元: "179.31 万元", "1,587.88万元". */
    static final Pattern AMOUNT = Pattern.compile("(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*万元");
    static final int MAX_TERMS = 5;
    private static final BigDecimal HALF_CENT_WAN_IN_YUAN = new BigDecimal("50");

    private TextFigureRule() {
    }

    static void check(AgencyExtract extract, NarrativeInput narrative, Disclosure disclosure, Findings findings) {
        if (narrative == null) {
            return;
        }
        Set<BigDecimal> figures = new HashSet<>();
        collectTableFigures(disclosure, figures);
        collectNarrativeFigures(new NarrativeFigures(extract).asMap(), figures);
        List<BigDecimal> projectChanges = projectFigures(extract, figures);

        for (Map.Entry<String, String> reason : narrative.reasons().entrySet()) {
            Matcher m = AMOUNT.matcher(reason.getValue() == null ? "" : reason.getValue());
            while (m.find()) {
                BigDecimal written = new BigDecimal(m.group(1).replace(",", ""));
                if (!figures.contains(written.stripTrailingZeros()) && !sumOfProjectChanges(written, projectChanges)) {
                    findings.add(Rule.TEXT_FIGURE, "说明中“" + m.group() + "”（reasons." + reason.getKey()
                                    + "）与本单位公开的任何数字都不一致：不是表中数字、说明中的合计或增减、项目预算或增减，也不是至多 "
                                    + MAX_TERMS + " 个同向项目增减之和", "说明 reasons." + reason.getKey() + ": " + m.group(), List.of());
                }
            }
        }
    }

    private static void collectTableFigures(Disclosure disclosure, Set<BigDecimal> figures) {
        for (DisclosureTable t : disclosure.tables()) {
            if (t instanceof FigureTable f) {
                f.rows().forEach(row -> row.forEach(c -> {
                    if (c instanceof Cell.Amount a) {
                        figures.add(wan(a.yuan()));
                    }
                }));
            } else if (t instanceof PerformanceTable p) {
                figures.add(wan(p.budgetYuan()));
            }
        }
    }

    /** Every amount the narrative quotes: the map of {@link NarrativeFigures}, less years and counts. */
    private static void collectNarrativeFigures(Object node, Set<BigDecimal> figures) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (!Set.of("year", "previousYear", "vehicles", "count", "code").contains(String.valueOf(k))) {
                    collectNarrativeFigures(v, figures);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectNarrativeFigures(v, figures));
        } else if (node instanceof String s && s.matches("-?\\d+(\\.\\d+)?")) {
            figures.add(new BigDecimal(s).abs().stripTrailingZeros());
        }
    }

    /** Adds each project's budget and change to the figures; returns the changes in yuan, signed. */
    private static List<BigDecimal> projectFigures(AgencyExtract extract, Set<BigDecimal> figures) {
        BudgetLines current = BudgetLines.of(extract.appropriations(), extract.year());
        BudgetLines previous = BudgetLines.of(extract.appropriations(), extract.previousYear());
        Set<String> codes = new TreeSet<>();
        extract.appropriations().stream().map(Appropriation::projectCode).filter(c -> c != null && !c.isBlank()).forEach(codes::add);
        List<BigDecimal> changes = new ArrayList<>();
        for (String code : codes) {
            BigDecimal now = current.where(Scopes.project(code)).total();
            BigDecimal before = previous.where(Scopes.project(code)).total();
            BigDecimal change = now.subtract(before);
            figures.add(wan(now));
            figures.add(wan(change.abs()));
            if (change.signum() != 0) {
                changes.add(change);
            }
        }
        return changes;
    }

    /** Whether 2 to 5 project changes of one sign add up to the written figure once rounded. */
    static boolean sumOfProjectChanges(BigDecimal writtenWan, List<BigDecimal> changes) {
        BigDecimal target = writtenWan.multiply(BigDecimal.valueOf(10_000));
        // A sum in yuan prints as the written figure when it lies within half a cent of a 万元 of it.
        BigDecimal low = target.subtract(HALF_CENT_WAN_IN_YUAN);
        BigDecimal high = target.add(HALF_CENT_WAN_IN_YUAN);
        for (int sign : new int[] {1, -1}) {
            List<BigDecimal> magnitudes = changes.stream().filter(c -> c.signum() == sign).map(BigDecimal::abs).sorted().toList();
            if (search(magnitudes, 0, 0, BigDecimal.ZERO, writtenWan, low, high)) {
                return true;
            }
        }
        return false;
    }

    /** Depth-first over ascending magnitudes, cut as soon as a partial sum passes the target. */
    private static boolean search(List<BigDecimal> sorted, int from, int terms, BigDecimal sum, BigDecimal writtenWan,
                                  BigDecimal low, BigDecimal high) {
        if (terms >= 2 && sum.compareTo(low) >= 0 && wan(sum).compareTo(writtenWan.stripTrailingZeros()) == 0) {
            return true;
        }
        if (terms == MAX_TERMS) {
            return false;
        }
        for (int i = from; i < sorted.size(); i++) {
            BigDecimal next = sum.add(sorted.get(i));
            if (next.compareTo(high) > 0) {
                break;
            }
            if (search(sorted, i + 1, terms + 1, next, writtenWan, low, high)) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal wan(BigDecimal yuan) {
        return Money.toWan(yuan).stripTrailingZeros();
    }
}
