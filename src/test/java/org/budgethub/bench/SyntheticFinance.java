package org.budgethub.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.budgethub.bench.FinanceRows.Table;
import org.budgethub.bench.Sectors.Indicator;
import org.budgethub.bench.Sectors.ProjectIdea;
import org.budgethub.bench.Sectors.Sector;

/**
 * Synthetic finance data shaped like a real extract: departments (部门) with a 本级 unit (code D +
 * "001") and 2–15 subordinate units each, every unit with 20–60 appropriations a year of 1–4 ledger
 * entries each (split issues, over-issues corrected by a negative entry, ADJUST entries, now and then
 * a soft-deleted appropriation), projects with performance indicators, procurement, vehicles,
 * 政府性基金 (fund 12) money and 上年结转 (source C) for some. Every amount has two decimals and every
 * code is in {@link ElementCatalogue}, so the hub's validation finds nothing FATAL.
 *
 * <p>Deterministic: the same seed, years and starting codes give the same rows. Each department and
 * each unit draws from a random stream of its own, derived from the seed and its position.
 */
public final class SyntheticFinance {

    /** One department of the plan: its code, its kind and how many units it has (本级 included). */
    public record Department(int index, String code, int units) {
    }

    /** What became of a unit, for its narrative file and the totals. */
    public record Unit(String code, String name, String department, String kind, Sector sector, String district,
                       boolean top, boolean fund12, boolean carryOver, int appropriations, int ledgerEntries) {
    }

    /** The counts of the rows made, for the progress lines. */
    public static final class Counts {
        public long agencies;
        public long departments;
        public long appropriations;
        public long ledger;
        public long projects;
        public long indicators;
        public long procurement;
        public long vehicles;
    }

    private static final int MIN_UNITS = 3;
    private static final int MAX_UNITS = 16;

    private final long seed;
    private final List<Integer> years;
    private final ElementCatalogue elements;

    /** @param years the budget years, ascending; the last is the one disclosed, the others its previous years */
    public SyntheticFinance(long seed, List<Integer> years, ElementCatalogue elements) {
        if (years.isEmpty()) {
            throw new IllegalArgumentException("at least one year");
        }
        this.seed = seed;
        this.years = years.stream().sorted().distinct().toList();
        this.elements = elements;
    }

    public List<Integer> years() {
        return years;
    }

    public int budgetYear() {
        return years.get(years.size() - 1);
    }

    /**
     * The departments for {@code agencies} units: sizes 3–16 (本级 and 2–15 subordinate units); only a
     * total below 3 makes a smaller one. Codes are three digits while free ones last, then four.
     *
     * @param used agency and department codes already in the database: none of them is reused
     */
    public List<Department> plan(int agencies, Set<String> used) {
        SplittableRandom r = new SplittableRandom(mix(seed, -1));
        List<Department> plan = new ArrayList<>();
        int remaining = agencies;
        int next = 100;
        while (remaining > 0) {
            int size = MIN_UNITS + r.nextInt(MAX_UNITS - MIN_UNITS + 1);
            if (remaining <= MAX_UNITS && (size >= remaining || remaining - size < MIN_UNITS)) {
                size = remaining;
            } else if (remaining - size < MIN_UNITS) {
                size = remaining - MIN_UNITS;
            }
            String code;
            do {
                code = Integer.toString(next++);
            } while (taken(code, used));
            plan.add(new Department(plan.size(), code, size));
            remaining -= size;
        }
        return plan;
    }

    private static boolean taken(String code, Set<String> used) {
        if (used.contains(code)) {
            return true;
        }
        for (int i = 1; i <= MAX_UNITS; i++) {
            if (used.contains(unitCode(code, i))) {
                return true;
            }
        }
        return false;
    }

    private static String unitCode(String department, int n) {
        return department + String.format("%03d", n);
    }

    /** The element tables for every year, the rows {@code missing} says the database lacks. */
    public void elements(FinanceRows rows, Set<String> existingFunds, Map<Integer, Set<String>> existingFunctional,
                         Map<Integer, Set<String>> existingEconomic) {
        elements.funds().forEach((code, name) -> {
            if (!existingFunds.contains(code)) {
                rows.add(Table.ELE_FUND_TYPE, code, name);
            }
        });
        for (int year : years) {
            Set<String> f = existingFunctional.getOrDefault(year, Set.of());
            Set<String> e = existingEconomic.getOrDefault(year, Set.of());
            elements.functional().values().stream().filter(x -> !f.contains(x.code()))
                    .forEach(x -> rows.add(Table.ELE_EXP_FUNC, year, x.code(), x.name()));
            elements.economic().values().stream().filter(x -> !e.contains(x.code()))
                    .forEach(x -> rows.add(Table.ELE_DEP_BGT_ECO, year, x.code(), x.name(), x.govEcoCode()));
        }
    }

    /** The rows of one department's units, added to {@code rows}; its units, 本级 first. */
    public List<Unit> department(Department d, FinanceRows rows, Counts counts) {
        SplittableRandom r = new SplittableRandom(mix(seed, 1_000_000L + d.index()));
        Sector sector = Sectors.ALL.get(r.nextInt(Sectors.ALL.size()));
        String district = Sectors.DISTRICTS.get(r.nextInt(Sectors.DISTRICTS.size()));
        String bureau = sector.bureaus().get(r.nextInt(sector.bureaus().size()));
        String departmentName = "重庆市" + district + bureau;
        List<String> suffixes = new ArrayList<>(sector.unitSuffixes());
        shuffle(suffixes, r);
        List<Unit> units = new ArrayList<>();
        for (int i = 1; i <= d.units(); i++) {
            boolean top = i == 1;
            String code = unitCode(d.code(), i);
            String name = top ? departmentName : "重庆市" + district + suffixes.get((i - 2) % suffixes.size())
                    + (i - 2 >= suffixes.size() ? "（二）" : "");
            String kind = top ? "1" : name.endsWith("支队") || r.nextInt(3) == 0 ? "2" : "3";
            units.add(unit(new SplittableRandom(mix(seed, d.index() * 64L + i)), code, name, d.code(), kind, departmentName,
                    sector, district, top, rows, counts));
        }
        counts.departments++;
        return units;
    }

    // --- one unit ------------------------------------------------------------------------------

    /** One appropriation line over the years: which years it has and its amount in the last, in cents. */
    private static final class Line {
        final String func;
        final String eco;
        final String fund;
        final String kind;
        final String source;
        final String project;
        final long cents;
        final double growth;
        boolean onlyLast;
        boolean notLast;
        boolean deleted;

        Line(String func, String eco, String fund, String kind, String source, String project, long cents, double growth) {
            this.func = func;
            this.eco = eco;
            this.fund = fund;
            this.kind = kind;
            this.source = source;
            this.project = project;
            this.cents = cents;
            this.growth = growth;
        }

        boolean in(int yearIndex, int lastIndex) {
            return yearIndex == lastIndex ? !notLast : !onlyLast;
        }
    }

    private record ProjectPlan(String code, ProjectIdea idea, String name, boolean withIndicators, boolean withGoal,
                               boolean onlyLast, boolean notLast) {
    }

    private Unit unit(SplittableRandom r, String code, String name, String department, String kind, String supervisor,
                      Sector sector, String district, boolean top, FinanceRows rows, Counts counts) {
        boolean admin = !"3".equals(kind);
        String main = admin ? sector.adminFunc() : sector.institutionFunc();
        int staff = top ? 20 + r.nextInt(101) : 5 + r.nextInt(76);
        int target = 21 + r.nextInt(39); // 21–59 a year: one line may come or go between years
        List<Line> lines = new ArrayList<>();

        // 基本支出: personnel (301, 303), fund 11, new money.
        long wages = 0;
        long basicSalary = staff * cents(r, 30_000, 42_000);
        wages += basicSalary;
        lines.add(basic(main, "30101", basicSalary, r, 0.03, 0.07));
        long allowance = staff * cents(r, 24_000, 36_000);
        wages += allowance;
        lines.add(basic(main, "30102", allowance, r, 0.02, 0.06));
        long bonus = staff * (admin ? cents(r, 4_000, 7_000) : cents(r, 30_000, 50_000));
        wages += bonus;
        lines.add(basic(main, admin ? "30103" : "30107", bonus, r, 0.0, 0.08));
        lines.add(basic("2080505", "30108", wages * 16 / 100, r, 0.02, 0.06));
        lines.add(basic("2080506", "30109", wages * 8 / 100, r, 0.02, 0.06));
        lines.add(basic(admin ? "2101101" : "2101102", "30110", wages * 9 / 100, r, 0.02, 0.06));
        if (admin) {
            lines.add(basic("2101103", "30111", wages * 3 / 100, r, 0.0, 0.05));
        }
        lines.add(basic(main, "30112", wages / 100, r, 0.0, 0.05));
        lines.add(basic("2210201", "30113", wages * 12 / 100, r, 0.02, 0.06));
        // 日常公用经费: a few always there.
        lines.add(basic(main, "30201", staff * cents(r, 1_500, 3_000), r, -0.1, 0.05));
        lines.add(basic(main, "30228", wages * 2 / 100, r, 0.0, 0.05));
        lines.add(basic(main, "30229", staff * cents(r, 800, 1_600), r, 0.0, 0.05));

        // Vehicles, per year from the first: holdings and purchases; 30231 and 31013 follow them.
        int[][] vehicles = vehicles(r, top, name);
        boolean anyHeld = false;
        boolean anyVehicle = false;
        for (int[] v : vehicles) {
            anyHeld |= v[0] + v[1] > 0;
            anyVehicle |= v[0] + v[1] + v[2] + v[3] > 0;
        }
        int last = years.size() - 1;
        if (anyHeld) {
            Line running = basic(main, "30231", Math.max(1, vehicles[last][0] + vehicles[last][1]) * cents(r, 15_000, 30_000), r, -0.15, 0.05);
            lines.add(running);
        }

        // Projects: at least one with indicators; one may be new this year, one may have ended.
        List<ProjectPlan> projects = new ArrayList<>();
        List<ProjectIdea> ideas = new ArrayList<>(sector.projects());
        ideas.addAll(Sectors.COMMON);
        shuffle(ideas, r);
        boolean fund12 = r.nextInt(100) < 15;
        boolean carryOver = r.nextInt(100) < 25;
        int projectNo = 0;
        List<Line> projectLines = new ArrayList<>();
        int wanted = 1 + r.nextInt(6);
        for (ProjectIdea idea : ideas) {
            if (projects.size() >= wanted) {
                break;
            }
            boolean first = projects.isEmpty();
            projects.add(new ProjectPlan(code(code, ++projectNo), idea, idea.name(), first || r.nextInt(100) < 75,
                    first || r.nextInt(100) < 85, !first && r.nextInt(100) < 15, !first && r.nextInt(100) < 10));
        }
        if (fund12) {
            projects.add(new ProjectPlan(code(code, ++projectNo), Sectors.FUND_PROJECT, Sectors.FUND_PROJECT.name(), true, true, false, false));
        }
        for (ProjectPlan p : projects) {
            boolean fundProject = p.idea() == Sectors.FUND_PROJECT;
            int n = 1 + r.nextInt(Math.min(4, p.idea().ecoCodes().size() + 1));
            for (int i = 0; i < n; i++) {
                String eco = p.idea().ecoCodes().get(i % p.idea().ecoCodes().size());
                if (i >= p.idea().ecoCodes().size()) {
                    eco = "30299";
                }
                String func = fundProject ? "2120803" : sector.projectFuncs().get(r.nextInt(sector.projectFuncs().size()));
                String fund = fundProject ? "12" : !admin && r.nextInt(100) < 20 ? (r.nextBoolean() ? "31" : "21") : "11";
                Line line = new Line(func, eco, fund, "P", "N", p.code(), cents(r, 50_000, 3_000_000), r.nextDouble(-0.3, 0.3));
                line.onlyLast = p.onlyLast();
                line.notLast = p.notLast();
                projectLines.add(line);
            }
            if (carryOver && (fundProject || p == projects.get(0)) && !p.notLast()) {
                Line c = new Line(fundProject ? "2120803" : sector.projectFuncs().get(0), p.idea().ecoCodes().get(0),
                        fundProject ? "12" : "11", "P", "C", p.code(), cents(r, 20_000, 800_000), r.nextDouble(-0.5, 0.5));
                c.onlyLast = p.onlyLast();
                projectLines.add(c);
            }
        }

        // Optional lines, in an order of their own, until the unit has its count.
        List<Line> optional = new ArrayList<>();
        for (String eco : List.of("30202", "30205", "30206", "30207", "30209", "30211", "30213", "30215", "30216", "30226",
                "30239", "30299", "30199", "30305", "30399")) {
            optional.add(basic(eco.startsWith("303") && r.nextBoolean() ? "2210203" : main, eco, staff * cents(r, 300, 4_000), r, -0.2, 0.1));
        }
        if (r.nextInt(100) < 70) {
            optional.add(basic(main, "30217", cents(r, 5_000, 60_000), r, -0.3, 0.0));
        }
        if (top && r.nextInt(100) < 15) {
            optional.add(basic(main, "30212", cents(r, 20_000, 150_000), r, -0.5, 0.2));
        }
        if (admin && r.nextInt(100) < 50) {
            optional.add(basic("2080501", "30302", staff * cents(r, 2_000, 8_000), r, 0.0, 0.05));
        }
        optional.add(basic("2210202", "30102", staff * cents(r, 1_000, 3_000), r, 0.0, 0.03));
        optional.add(basic(main, "31002", cents(r, 20_000, 200_000), r, -0.5, 0.5));
        if (!admin) {
            optional.add(new Line(main, "30101", "31", "B", "N", null, staff * cents(r, 2_000, 10_000), r.nextDouble(-0.1, 0.1)));
            optional.add(new Line(main, "30201", "31", "B", "N", null, staff * cents(r, 500, 2_000), r.nextDouble(-0.1, 0.1)));
            optional.add(new Line(main, "30299", "39", "B", "N", null, cents(r, 5_000, 80_000), r.nextDouble(-0.2, 0.2)));
        }
        shuffle(optional, r);

        lines.addAll(projectLines);
        for (Line o : optional) {
            if (Math.min(count(lines, last, last), count(lines, 0, last)) >= target) {
                break;
            }
            lines.add(o);
        }
        // Vehicle purchases where planned (31013, fund 11 basic), one line over the years.
        boolean planned = false;
        for (int[] v : vehicles) {
            planned |= v[2] + v[3] > 0;
        }
        if (planned) {
            lines.add(basic(main, "31013", cents(r, 150_000, 250_000), r, 0.0, 0.0));
        }
        // A soft-deleted appropriation now and then: it never counts.
        if (r.nextInt(100) < 8) {
            Line deleted = basic(main, "30211", cents(r, 10_000, 50_000), r, 0.0, 0.0);
            deleted.deleted = true;
            deleted.onlyLast = true;
            lines.add(deleted);
        }
        while (count(lines, last, last) > 60 || count(lines, 0, last) > 60) {
            removeOptional(lines, optional);
        }

        // Rows, year by year.
        int appropriations = 0;
        int ledger = 0;
        for (int y = 0; y < years.size(); y++) {
            int year = years.get(y);
            rows.add(Table.BAS_AGENCY, year, code, name, department, kind, admin, top ? name : supervisor);
            counts.agencies += y == last ? 1 : 0;
            int[] v = vehicles[y];
            if (anyVehicle) {
                rows.add(Table.AST_VEHICLE, year, code, v[0], v[1], v[2], v[3]);
                counts.vehicles++;
            }
            int seq = 0;
            for (Line line : lines) {
                if (!line.in(y, last) || (line.eco.equals("31013") && v[2] + v[3] == 0)) {
                    continue;
                }
                long amount = amountIn(line, y, last, r);
                if (line.eco.equals("31013")) {
                    amount = (v[2] + v[3]) * (line.cents / 100 * 100);
                }
                String bgtId = "BGT" + year + "-" + code + "-" + String.format("%03d", ++seq);
                rows.add(Table.BGT_APPROPRIATION, bgtId, year, code, line.func, line.eco, line.fund, line.kind, line.source,
                        line.project, line.deleted, LocalDateTime.of(year - 1, 12, 18, 10, 0));
                appropriations++;
                ledger += ledger(rows, r, bgtId, year, seq, amount, district);
            }
            for (ProjectPlan p : projects) {
                if (y == last ? p.notLast() : p.onlyLast()) {
                    continue;
                }
                rows.add(Table.BGT_PROJECT, year, p.code(), code, p.name(), r.nextInt(100) < 80 ? p.idea().summary() : null,
                        r.nextInt(100) < 70 ? p.idea().basis() : null, p.withGoal() ? p.idea().goal() : null);
                counts.projects++;
                if (p.withIndicators()) {
                    int weight = 100 / p.idea().indicators().size() / 5 * 5;
                    int s = 0;
                    for (Indicator i : p.idea().indicators()) {
                        rows.add(Table.BGT_PERF_INDICATOR, year, p.code(), ++s, i.name(), weight, i.unit(), i.nature(), i.target());
                        counts.indicators++;
                    }
                }
            }
            procurement(r, code, year, sector, fund12, rows, counts, y);
        }
        counts.appropriations += appropriations;
        counts.ledger += ledger;
        return new Unit(code, name, department, kind, sector, district, top, fund12, carryOver, appropriations, ledger);
    }

    private static String code(String agency, int n) {
        return "500105-" + agency + "-P" + String.format("%04d", n);
    }

    private static void removeOptional(List<Line> lines, List<Line> optional) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (optional.contains(lines.get(i))) {
                lines.remove(i);
                return;
            }
        }
        lines.remove(lines.size() - 1);
    }

    private static int count(List<Line> lines, int yearIndex, int last) {
        int n = 0;
        for (Line l : lines) {
            n += l.in(yearIndex, last) ? 1 : 0;
        }
        return n;
    }

    private static Line basic(String func, String eco, long cents, SplittableRandom r, double minGrowth, double maxGrowth) {
        double growth = minGrowth >= maxGrowth ? minGrowth : r.nextDouble(minGrowth, maxGrowth);
        return new Line(func, eco, "11", "B", "N", null, cents, growth);
    }

    /**
     * The line's amount in year {@code y}, in cents: the last year's, shrunk by its growth for each year
     * before, rounded as a finance system records it (to 100 yuan, to the yuan, or to the cent).
     */
    private static long amountIn(Line line, int y, int last, SplittableRandom r) {
        double amount = line.cents;
        for (int i = last; i > y; i--) {
            amount /= 1 + line.growth + r.nextDouble(-0.02, 0.02);
        }
        int kind = r.nextInt(10);
        long step = kind < 5 ? 10_000 : kind < 8 ? 100 : 1;
        return Math.max(step, Math.round(amount / step) * step);
    }

    /** 1–4 ledger entries whose INITIAL entries sum to {@code amount}; the number of entries written. */
    private static int ledger(FinanceRows rows, SplittableRandom r, String bgtId, int year, int seq, long amount, String district) {
        LocalDate issued = LocalDate.of(year - 1, 12, 20);
        LocalDate corrected = LocalDate.of(year - 1, 12, 30);
        LocalDate adjusted = LocalDate.of(year, 6, 15);
        String doc = "渝" + district.charAt(0) + "财预〔" + (year - 1) + "〕" + (100 + seq) + "号";
        List<Object[]> entries = new ArrayList<>();
        int p = r.nextInt(100);
        if (p < 70 || amount < 2_000) {
            entries.add(entry("INITIAL", amount, issued));
        } else if (p < 82) {
            long first = Math.max(100, Math.min(amount - 100, amount * (50 + r.nextInt(31)) / 100 / 100 * 100));
            entries.add(entry("INITIAL", first, issued));
            entries.add(entry("INITIAL", amount - first, corrected));
        } else if (p < 90) {
            long over = Math.max(100, amount * (5 + r.nextInt(16)) / 100 / 100 * 100);
            entries.add(entry("INITIAL", amount + over, issued));
            entries.add(entry("INITIAL", -over, corrected));
        } else if (p < 97) {
            entries.add(entry("INITIAL", amount, issued));
            long adjust = Math.max(100, amount / 10 / 100 * 100);
            entries.add(entry("ADJUST", r.nextBoolean() ? adjust : -adjust, adjusted));
        } else {
            long first = Math.max(100, Math.min(amount - 100, amount / 2 / 100 * 100));
            long over = Math.max(100, amount / 20 / 100 * 100);
            entries.add(entry("INITIAL", first, issued));
            entries.add(entry("INITIAL", amount - first + over, issued));
            entries.add(entry("INITIAL", -over, corrected));
            entries.add(entry("ADJUST", over, adjusted));
        }
        int n = 0;
        for (Object[] e : entries) {
            LocalDate date = (LocalDate) e[2];
            rows.add(Table.BGT_LEDGER, bgtId + "-" + (++n), bgtId, e[0], e[1], doc, date, date.atTime(10, 0));
        }
        return n;
    }

    private static Object[] entry(String stage, long cents, LocalDate date) {
        return new Object[] {stage, BigDecimal.valueOf(cents, 2), date};
    }

    /**
     * Vehicles per year, first year first: {general held, enforcement held, general planned,
     * enforcement planned}. Holdings of a year are last year's plus last year's purchases.
     */
    private int[][] vehicles(SplittableRandom r, boolean top, String name) {
        int[][] out = new int[years.size()][];
        boolean has = r.nextInt(100) < (top ? 80 : 45);
        int general = has ? r.nextInt(top ? 5 : 3) : 0;
        int enforcement = has && (name.contains("执法") || name.contains("城市管理")) ? 2 + r.nextInt(11) : 0;
        for (int y = 0; y < years.size(); y++) {
            int gp = has && r.nextInt(100) < 12 ? 1 : 0;
            int ep = enforcement > 0 && r.nextInt(100) < 20 ? 1 + r.nextInt(2) : 0;
            out[y] = new int[] {general, enforcement, gp, ep};
            general += gp - (general > 0 && r.nextInt(100) < 10 ? 1 : 0);
            enforcement += ep;
        }
        return out;
    }

    /** 40% of units buy through government procurement: the same 1–3 items every year, amounts varying. */
    private void procurement(SplittableRandom r, String agency, int year, Sector sector, boolean fund12, FinanceRows rows,
                             Counts counts, int y) {
        SplittableRandom items = new SplittableRandom(mix(seed, 7L * agency.hashCode()));
        if (items.nextInt(100) >= 40) {
            return;
        }
        int n = 1 + items.nextInt(3);
        for (int i = 1; i <= n; i++) {
            String item = sector.procurement().get(items.nextInt(sector.procurement().size()));
            String category = item.endsWith("工程") ? "B" : item.endsWith("服务") ? "C" : "A";
            long amount = (long) (items.nextInt(20, 3_000) * 1_000L * 100 * (0.9 + 0.05 * y + r.nextDouble(0, 0.1)));
            amount = Math.max(10_000, amount / 10_000 * 10_000);
            String itemCode = year + "-" + agency + "-" + String.format("%03d", i);
            rows.add(Table.BGT_PROCUREMENT, year, agency, itemCode, item, category, "11", BigDecimal.valueOf(amount, 2),
                    LocalDateTime.of(year - 1, 12, 18, 10, 0));
            counts.procurement++;
            if (fund12 && "B".equals(category)) {
                rows.add(Table.BGT_PROCUREMENT, year, agency, itemCode, item, category, "12", BigDecimal.valueOf(amount / 2 / 100 * 100, 2),
                        LocalDateTime.of(year - 1, 12, 18, 10, 0));
                counts.procurement++;
            }
        }
    }

    // --- randomness ----------------------------------------------------------------------------

    /** A random amount in yuan between {@code min} and {@code max}, in cents. */
    private static long cents(SplittableRandom r, long min, long max) {
        return r.nextLong(min * 100, max * 100 + 1);
    }

    private static <T> void shuffle(List<T> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** A stream of its own for each position: SplitMix64 of the seed and the position. */
    static long mix(long seed, long position) {
        long z = seed * 0x9E3779B97F4A7C15L + position * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The narrative of one unit, or of a department (its 本级's words for the whole), for {@code year}. */
    public Map<String, Object> narrative(Unit unit, boolean department, String departmentName, int year) {
        SplittableRandom r = new SplittableRandom(mix(seed, unit.code().hashCode()));
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("agency", department ? unit.department() : unit.code());
        n.put("year", year);
        List<String> duties = new ArrayList<>(unit.sector().duties());
        StringBuilder d = new StringBuilder();
        int i = 0;
        if (!unit.top() && !department) {
            d.append(++i).append(".承担").append(unit.name()).append("的业务工作，为主管部门").append(departmentName).append("提供支撑和服务。\n");
        }
        for (String duty : duties) {
            d.append(++i).append('.').append(duty).append('\n');
        }
        d.append(++i).append(".完成区委、区政府交办的其他任务。\n");
        n.put("duties", d.toString());
        n.put("composition", department
                ? "本部门由" + departmentName + "机关本级及所属单位组成，所属单位均实行独立核算。\n"
                : unit.name() + "为" + ("1".equals(unit.kind()) ? "行政单位" : "2".equals(unit.kind()) ? "参照公务员法管理事业单位" : "事业单位")
                  + "，纳入本单位预算编制范围的为本级。\n");
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("income", "主要原因是人员工资标准调整及社会保险缴费基数变化，项目支出按年度工作任务有所调整");
        reasons.put("expenditure", "主要是基本支出和项目支出均有所变化");
        reasons.put("basic", "主要原因是人员工资标准调整及社会保险缴费基数变化");
        reasons.put("project", "主要原因是年度重点工作任务调整，项目安排相应变化");
        if (unit.fund12()) {
            reasons.put("fund", "主要原因是城市基础设施配套建设任务调整，资金来源为国有土地使用权出让收入");
        }
        reasons.put("adminCost", "主要原因是坚持过紧日子，压减办公费、差旅费等一般性支出");
        reasons.put("sangong", "主要原因是严格执行中央八项规定精神，压减公务接待和公务用车运行维护支出");
        if (r.nextBoolean()) {
            reasons.put("sangongReception", "主要原因是严格执行公务接待标准，压减接待批次和人数");
        }
        n.put("reasons", reasons);
        List<String> notes = new ArrayList<>();
        if (unit.carryOver()) {
            notes.add("上年结转资金按规定用于原项目支出。");
        }
        if (r.nextInt(100) < 30) {
            notes.add("本单位预算按照过紧日子要求编制，一般性支出按规定压减。");
        }
        n.put("notes", notes);
        Map<String, String> contact = new LinkedHashMap<>();
        contact.put("name", Sectors.SURNAMES.get(r.nextInt(Sectors.SURNAMES.size())) + Sectors.GIVEN.get(r.nextInt(Sectors.GIVEN.size())));
        contact.put("phone", "023-" + (60_000_000 + r.nextInt(9_999_999)));
        n.put("contact", contact);
        return n;
    }
}
