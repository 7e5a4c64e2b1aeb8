package org.budgethub.mapping;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.ProcurementLine;
import org.budgethub.model.Project;

/**
 * Every figure the 说明 quotes (CONTRACT.md §4), computed in yuan and handed to the template in
 * narrative format. Only figures live here; every word is the template's.
 */
public final class NarrativeFigures {

    private final AgencyExtract extract;
    private final BudgetLines current;
    private final BudgetLines previous;

    public NarrativeFigures(AgencyExtract extract) {
        this.extract = extract;
        this.current = BudgetLines.of(extract.appropriations(), extract.year());
        this.previous = BudgetLines.of(extract.appropriations(), extract.previousYear());
    }

    /** A nested map of strings, booleans and lists, the data model of the narrative template. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", Integer.toString(extract.year()));
        m.put("previousYear", Integer.toString(extract.previousYear()));
        m.put("agencyName", extract.agency().name());
        m.put("income", income());
        m.put("expenditure", expenditure());
        m.put("generalPublic", generalPublic());
        m.put("governmentFund", governmentFund());
        m.put("sangong", sangong());
        m.put("adminCost", adminCost());
        m.put("procurement", procurement());
        m.put("performance", performance());
        m.put("vehicles", vehicles());
        m.put("units", extract.units().stream().map(u -> Map.of("code", u.code(), "name", u.name())).toList());
        m.put("unitCount", Integer.toString(extract.units().size()));
        // The changes behind the stated ones: what the hub's drafted reasons quote (NarrativeDrafter).
        m.put("drivers", new ChangeDrivers(extract).asMap());
        return m;
    }

    private Map<String, Object> income() {
        BudgetLines newMoney = current.where(Scopes.NEW_MONEY);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("all", Money.narrative(current.total()));
        m.put("n11", newMoneyOf(newMoney, "11"));
        m.put("n12", newMoneyOf(newMoney, "12"));
        m.put("n13", newMoneyOf(newMoney, "13"));
        m.put("n31", newMoneyOf(newMoney, "31"));
        m.put("n32", newMoneyOf(newMoney, "32"));
        m.put("other", Money.narrative(newMoney.where(Scopes.fundCodes(List.of("21", "33", "34", "39"))).total()));
        m.put("carryOver", Money.narrative(current.where(Scopes.CARRY_OVER).total()));
        m.put("change", change(Scopes.ALL));
        return m;
    }

    private static String newMoneyOf(BudgetLines newMoney, String fundCode) {
        return Money.narrative(newMoney.where(Scopes.fundCodes(List.of(fundCode))).total());
    }

    private Map<String, Object> expenditure() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("all", Money.narrative(current.total()));
        m.put("classes", ClassificationRollup.functionalClasses(current, extract.elements()).stream()
                .map(row -> Map.of("code", row.code(), "name", row.name(), "amount", Money.narrative(row.lines().total())))
                .toList());
        m.put("change", change(Scopes.ALL));
        return m;
    }

    private Map<String, Object> generalPublic() {
        Predicate<Appropriation> general = Scopes.fund(Fund.GENERAL_PUBLIC);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", amount(general));
        m.put("change", change(general));
        m.put("basic", amount(general.and(Scopes.BASIC)));
        m.put("basicChange", change(general.and(Scopes.BASIC)));
        m.put("project", amount(general.and(Scopes.PROJECT)));
        m.put("projectChange", change(general.and(Scopes.PROJECT)));
        return m;
    }

    private Map<String, Object> governmentFund() {
        Predicate<Appropriation> fund = Scopes.fund(Fund.GOVERNMENT_FUND);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("none", current.where(fund).isZero());
        m.put("total", amount(fund));
        m.put("change", change(fund));
        return m;
    }

    private Map<String, Object> sangong() {
        Predicate<Appropriation> general = Scopes.fund(Fund.GENERAL_PUBLIC);
        Map<String, Object> m = new LinkedHashMap<>();
        Function<List<String>, Predicate<Appropriation>> items = codes -> general.and(Scopes.economic(codes));
        putWithChange(m, "total", items.apply(Scopes.SANGONG));
        putWithChange(m, "abroad", items.apply(List.of(Scopes.ABROAD)));
        putWithChange(m, "reception", items.apply(List.of(Scopes.RECEPTION)));
        putWithChange(m, "vehicleOperation", items.apply(List.of(Scopes.VEHICLE_OPERATION)));
        putWithChange(m, "vehiclePurchase", items.apply(List.of(Scopes.VEHICLE_PURCHASE)));
        return m;
    }

    /** 机关运行经费 = fund 11 basic 日常公用经费; a department's over the units inside its statistics. */
    private Map<String, Object> adminCost() {
        Predicate<Appropriation> scope = Scopes.adminCost(extract);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inScope", extract.agency().inAdminCostScope());
        m.put("units", extract.units().stream().filter(u -> u.inAdminCostScope()).map(u -> u.name()).toList());
        m.put("amount", amount(scope));
        m.put("change", change(scope));
        return m;
    }

    private Map<String, Object> procurement() {
        List<ProcurementLine> lines = extract.procurement();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("none", lines.isEmpty());
        m.put("total", Money.narrative(sum(lines, c -> true)));
        m.put("goods", Money.narrative(sum(lines, "A"::equals)));
        m.put("works", Money.narrative(sum(lines, "B"::equals)));
        m.put("services", Money.narrative(sum(lines, "C"::equals)));
        return m;
    }

    private static BigDecimal sum(List<ProcurementLine> lines, Predicate<String> category) {
        return lines.stream().filter(l -> category.test(l.category()))
                .map(ProcurementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Projects holding fund-11 new money (source N) and whether each is under 绩效目标管理. */
    private Map<String, Object> performance() {
        BudgetLines general = current.where(Scopes.fund(Fund.GENERAL_PUBLIC).and(Scopes.NEW_MONEY).and(Scopes.PROJECT));
        Set<String> holding = new LinkedHashSet<>();
        general.appropriations().map(Appropriation::projectCode).filter(c -> c != null).forEach(holding::add);
        holding.removeIf(code -> general.where(Scopes.project(code)).isZero());
        Set<String> withGoal = new LinkedHashSet<>();
        for (Project p : extract.projects()) {
            if (p.hasGoal() && holding.contains(p.code())) {
                withGoal.add(p.code());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("all", withGoal.size() == holding.size());
        m.put("count", Integer.toString(withGoal.size()));
        m.put("amount", Money.narrative(general.where(a -> withGoal.contains(a.projectCode())).total()));
        return m;
    }

    private Map<String, Object> vehicles() {
        var v = extract.vehicles();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("held", Integer.toString(v.generalHeld() + v.enforcementHeld()));
        m.put("generalHeld", Integer.toString(v.generalHeld()));
        m.put("enforcementHeld", Integer.toString(v.enforcementHeld()));
        m.put("planned", Integer.toString(v.generalPlanned() + v.enforcementPlanned()));
        m.put("generalPlanned", Integer.toString(v.generalPlanned()));
        m.put("enforcementPlanned", Integer.toString(v.enforcementPlanned()));
        return m;
    }

    private void putWithChange(Map<String, Object> m, String key, Predicate<Appropriation> scope) {
        m.put(key, amount(scope));
        m.put(key + "Change", change(scope));
    }

    private String amount(Predicate<Appropriation> scope) {
        return Money.narrative(current.where(scope).total());
    }

    private Map<String, Object> change(Predicate<Appropriation> scope) {
        Change c = Change.between(current.where(scope).total(), previous.where(scope).total());
        return Map.of("increase", c.increase(), "amount", c.amount());
    }
}
