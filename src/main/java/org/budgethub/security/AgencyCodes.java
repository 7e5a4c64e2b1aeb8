package org.budgethub.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.model.DisclosureId;

/**
 * The codes an admin assigns to an AUTHOR, checked before they are stored: each a safe code
 * ({@link DisclosureId#isSafeCode}) and an agency or a department of some year of the finance
 * system ({@link AgencyDirectory}). Refusals name every code that failed, in the admin's words.
 */
@Component
public class AgencyCodes {

    /** Why codes were refused: {@code kind} says which check failed, the message names the codes. */
    public static final class Refused extends RuntimeException {

        public enum Kind {
            /** Not 1–32 letters, digits, '-' or '_'. */
            MALFORMED,
            /** No agency or department of any year has the code. */
            UNKNOWN,
            /** The finance system holds no year (or cannot be read): nothing can be checked. */
            NO_DIRECTORY
        }

        private final Kind kind;
        private final List<String> codes;

        Refused(Kind kind, List<String> codes, String message) {
            super(message);
            this.kind = kind;
            this.codes = List.copyOf(codes);
        }

        public Kind kind() {
            return kind;
        }

        /** The codes refused, as given. */
        public List<String> codes() {
            return codes;
        }
    }

    /** How many refused codes a message names before it says how many more there are. */
    static final int NAMED = 20;

    private final Supplier<? extends Collection<Integer>> years;
    private final IntFunction<? extends Set<String>> codesOf;
    private final BiConsumer<Integer, String> reread;

    @Autowired
    public AgencyCodes(AgencyDirectory directory) {
        this(directory::fiscalYears, year -> directory.of(year).keySet(), directory::refusal);
    }

    /**
     * @param years   the fiscal years the finance system holds
     * @param codesOf the agencies' and departments' codes of a year
     * @param reread  asks the finance system again whether a year has a code the directory does not
     *                know ({@link AgencyDirectory#refusal}: it reads the year again when it does not)
     */
    AgencyCodes(Supplier<? extends Collection<Integer>> years, IntFunction<? extends Set<String>> codesOf,
                BiConsumer<Integer, String> reread) {
        this.years = years;
        this.codesOf = codesOf;
        this.reread = reread;
    }

    /**
     * The codes of a text an admin typed: separated by commas (also 、 and ，), semicolons, spaces or
     * line breaks; duplicates once.
     */
    public static List<String> split(String text) {
        if (text == null) {
            return List.of();
        }
        return List.copyOf(Arrays.stream(text.split("[\\s,;，、；]+")).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /**
     * The codes, checked.
     *
     * @return the codes in code order, each once
     * @throws Refused naming the codes that are malformed, or else those no agency or department has
     */
    public SortedSet<String> check(Collection<String> given) {
        List<String> malformed = given.stream().filter(c -> !DisclosureId.isSafeCode(c)).map(AgencyCodes::printable).toList();
        if (!malformed.isEmpty()) {
            throw new Refused(Refused.Kind.MALFORMED, malformed, "单位代码须为 1–32 位字母、数字、“-”或“_”，以下代码不符合：" + named(malformed));
        }
        SortedSet<String> codes = new TreeSet<>(given);
        if (codes.isEmpty()) {
            return codes;
        }
        List<String> unknown = unknown(codes);
        if (!unknown.isEmpty()) {
            // The directory keeps a year for a minute: an agency added since is looked for again before it is refused.
            String first = unknown.get(0);
            years.get().forEach(year -> reread.accept(year, first));
            unknown = unknown(codes);
        }
        if (!unknown.isEmpty()) {
            if (years.get().isEmpty()) {
                throw new Refused(Refused.Kind.NO_DIRECTORY, unknown, "无法核对单位代码：财政系统中没有任何年度的单位，或财政数据库暂时无法读取；请稍后再试");
            }
            throw new Refused(Refused.Kind.UNKNOWN, unknown, "财政系统的任何年度都没有以下单位或部门：" + named(unknown));
        }
        return codes;
    }

    private List<String> unknown(SortedSet<String> codes) {
        Set<String> known = new TreeSet<>();
        for (int year : years.get()) {
            Set<String> ofYear = codesOf.apply(year);
            codes.stream().filter(ofYear::contains).forEach(known::add);
            if (known.size() == codes.size()) {
                break;
            }
        }
        List<String> unknown = new ArrayList<>(codes);
        unknown.removeAll(known);
        return unknown;
    }

    /** The codes for a message: the first {@value #NAMED}, then how many more. */
    static String named(List<String> codes) {
        String first = String.join("、", codes.subList(0, Math.min(NAMED, codes.size())));
        return codes.size() > NAMED ? first + " 等 " + codes.size() + " 个" : first;
    }

    /** A code as typed, safe for a message: no control characters, at most 40 characters. */
    private static String printable(String code) {
        if (code == null) {
            return "（空）";
        }
        String clean = code.replaceAll("\\p{Cntrl}", "?");
        return clean.isEmpty() ? "（空）" : clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }

    /** Every code of a scope, for the admin's page and the audit log: {@code 101023、101} or {@code （无）}. */
    public static String list(Collection<String> codes) {
        return codes.isEmpty() ? "（无）" : String.join("、", codes);
    }
}
