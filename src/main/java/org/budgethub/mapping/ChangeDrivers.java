package org.budgethub.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.Project;

/**
 * What moved each change the 说明 states (CONTRACT.md §4), in the scope of its own sentence: the
 * figures a drafted reason quotes. Figures only, in yuan; the words are the drafter's. Every driver's
 * change is also a narrative figure ({@link #asMap()}), so 表文一致 knows the draft's amounts.
 *
 * <p>Scopes: 二's 收入 and 支出 sentences state the change over all funds and sources, so their
 * drivers are the basic and project changes over all funds; 三 is fund 11 (一般公共预算财政拨款):
 * its basic sentence's drivers are 人员经费 and 日常公用经费 of fund 11 basic money, its project
 * sentence's the fund-11 change of each project; the 政府性基金 sentence is fund 12; 机关运行经费 is
 * {@link Scopes#adminCost}, its drivers the economic 款; 三公 is fund 11, basic and project alike.
 */
public final class ChangeDrivers {

    /** What a driver is: it tells the drafter how to word it. */
    public enum Kind { BASIC, PROJECT, PERSONNEL, PUBLIC_USE, PROJECT_ITEM, ECONOMIC, SANGONG_ITEM }

    /**
     * One part of a change: {@code code} the project's or the economic code (null for basic/project
     * and 人员经费/日常公用经费), {@code name} the project's or the class's name in the budget year, or
     * else the previous year, null when neither knows it.
     */
    public record Driver(Kind kind, String code, String name, BigDecimal current, BigDecimal previous) {

        public Change change() {
            return Change.between(current, previous);
        }

        /** New this year: nothing the year before. */
        public boolean appears() {
            return previous.signum() == 0 && current.signum() != 0;
        }

        /** Gone this year: something the year before, nothing now. */
        public boolean disappears() {
            return current.signum() == 0 && previous.signum() != 0;
        }
    }

    /**
     * A stated change and its drivers: only those whose change prints as non-zero, ranked drivers
     * (projects, economic 款) by absolute change in yuan, largest first, ties by code.
     */
    public record Reason(Change change, List<Driver> drivers) {

        public Reason {
            drivers = List.copyOf(drivers);
        }
    }

    /** Largest absolute change first; equal changes in code order, so the same data drafts the same words. */
    static final Comparator<Driver> RANKING = Comparator.comparing((Driver d) -> d.change().deltaYuan().abs()).reversed()
            .thenComparing(d -> d.code() == null ? "" : d.code());

    private final AgencyExtract extract;
    private final BudgetLines current;
    private final BudgetLines previous;
    private final Map<String, String> projectNames = new HashMap<>();

    public ChangeDrivers(AgencyExtract extract) {
        this.extract = extract;
        this.current = BudgetLines.of(extract.appropriations(), extract.year());
        this.previous = BudgetLines.of(extract.appropriations(), extract.previousYear());
        for (Project p : extract.projects()) {
            if (p.name() != null && !p.name().isBlank()) {
                projectNames.putIfAbsent(p.code(), p.name().strip());
            }
        }
    }

    /** Whether the extract holds any counted money of the previous year: without it no change can be explained. */
    public boolean hasPreviousYear() {
        return previous.appropriations().findAny().isPresent();
    }

    /** 二 (一) and (二): the change over all funds, driven by basic and project money. */
    public Reason allFunds() {
        return reason(Scopes.ALL, List.of(split(Kind.BASIC, Scopes.BASIC), split(Kind.PROJECT, Scopes.PROJECT)));
    }

    /** 三's basic sentence: fund 11 basic money, driven by 人员经费 and 日常公用经费. */
    public Reason generalPublicBasic() {
        Predicate<Appropriation> basic = Scopes.fund(Fund.GENERAL_PUBLIC).and(Scopes.BASIC);
        return reason(basic, List.of(split(Kind.PERSONNEL, basic.and(Scopes.PERSONNEL)), split(Kind.PUBLIC_USE, basic.and(Scopes.PUBLIC_USE))));
    }

    /** 三's project sentence: fund 11 project money, driven by each project. */
    public Reason generalPublicProject() {
        Predicate<Appropriation> project = Scopes.fund(Fund.GENERAL_PUBLIC).and(Scopes.PROJECT);
        return reason(project, ranked(projects(project)));
    }

    /** 三's 政府性基金 sentence: fund 12 money, driven by its basic money and then each project. */
    public Reason governmentFund() {
        Predicate<Appropriation> fund = Scopes.fund(Fund.GOVERNMENT_FUND);
        List<Driver> drivers = new ArrayList<>();
        drivers.add(split(Kind.BASIC, fund.and(Scopes.BASIC)));
        drivers.addAll(ranked(projects(fund.and(Scopes.PROJECT))));
        return reason(fund, drivers);
    }

    /** 五 (一) 机关运行经费, driven by its economic 款. */
    public Reason adminCost() {
        Predicate<Appropriation> scope = Scopes.adminCost(extract);
        return reason(scope, ranked(byCode(Kind.ECONOMIC, scope, Appropriation::economicCode, this::economicName)));
    }

    /** 四: the 三公 total, driven by its items in the contract's order (出国, 接待, 用车运行, 用车购置). */
    public Reason sangong() {
        List<Driver> items = new ArrayList<>();
        for (String code : List.of(Scopes.ABROAD, Scopes.RECEPTION, Scopes.VEHICLE_OPERATION, Scopes.VEHICLE_PURCHASE)) {
            items.add(driver(Kind.SANGONG_ITEM, code, null, sangongScope(List.of(code))));
        }
        return reason(sangongScope(Scopes.SANGONG), items);
    }

    /** 四: one 三公 item ({@link Scopes#ABROAD} …), its change and amounts as its single driver. */
    public Reason sangongItem(String economicCode) {
        Predicate<Appropriation> scope = sangongScope(List.of(economicCode));
        return reason(scope, List.of(driver(Kind.SANGONG_ITEM, economicCode, null, scope)));
    }

    /** Every reason's drivers as narrative figures: {@code {allFunds: [{kind, code, change}], …}}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("allFunds", figures(allFunds()));
        m.put("generalPublicBasic", figures(generalPublicBasic()));
        m.put("generalPublicProject", figures(generalPublicProject()));
        m.put("governmentFund", figures(governmentFund()));
        m.put("adminCost", figures(adminCost()));
        return m;
    }

    private static List<Map<String, Object>> figures(Reason reason) {
        return reason.drivers().stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", d.kind().name());
            m.put("code", d.code() == null ? "" : d.code());
            m.put("change", Map.of("increase", d.change().increase(), "amount", d.change().amount()));
            return m;
        }).toList();
    }

    private static Predicate<Appropriation> sangongScope(List<String> codes) {
        return Scopes.fund(Fund.GENERAL_PUBLIC).and(Scopes.economic(codes));
    }

    private Reason reason(Predicate<Appropriation> scope, List<Driver> drivers) {
        Change change = Change.between(current.where(scope).total(), previous.where(scope).total());
        return new Reason(change, drivers.stream().filter(d -> !d.change().isZero()).toList());
    }

    private Driver split(Kind kind, Predicate<Appropriation> scope) {
        return driver(kind, null, null, scope);
    }

    private Driver driver(Kind kind, String code, String name, Predicate<Appropriation> scope) {
        return new Driver(kind, code, name, current.where(scope).total(), previous.where(scope).total());
    }

    /** One driver per project code of either year within {@code scope}: a new or a dropped project counts with its full amount. */
    private List<Driver> projects(Predicate<Appropriation> scope) {
        return byCode(Kind.PROJECT_ITEM, scope, Appropriation::projectCode, this::projectName);
    }

    /** One driver per code of either year, summed in one pass over each year (a department has thousands of lines). */
    private List<Driver> byCode(Kind kind, Predicate<Appropriation> scope, Function<Appropriation, String> code,
                                Function<String, String> name) {
        Map<String, BigDecimal> now = sums(current, scope, code);
        Map<String, BigDecimal> before = sums(previous, scope, code);
        TreeSet<String> codes = new TreeSet<>(now.keySet());
        codes.addAll(before.keySet());
        return codes.stream().map(c -> new Driver(kind, c, name.apply(c), now.getOrDefault(c, BigDecimal.ZERO),
                before.getOrDefault(c, BigDecimal.ZERO))).toList();
    }

    private static Map<String, BigDecimal> sums(BudgetLines year, Predicate<Appropriation> scope, Function<Appropriation, String> code) {
        Map<String, BigDecimal> sums = new HashMap<>();
        year.where(scope).appropriations().filter(a -> code.apply(a) != null && !code.apply(a).isBlank())
                .forEach(a -> sums.merge(code.apply(a), a.amount(), BigDecimal::add));
        return sums;
    }

    private static List<Driver> ranked(List<Driver> drivers) {
        return drivers.stream().sorted(RANKING).toList();
    }

    /** The project library holds the budget year's projects only: a dropped project may have no name (null). */
    private String projectName(String code) {
        return projectNames.get(code);
    }

    private String economicName(String code) {
        Optional<String> name = extract.elements().economicName(code);
        return name.or(() -> extract.previousElements().economicName(code)).orElse(null);
    }
}
