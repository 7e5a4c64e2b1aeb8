package org.budgethub.mapping;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.budgethub.model.Agency;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;

/** The selections the contract names: funds, basic/project, sources, 人员经费, 三公 items. */
public final class Scopes {

    /** 人员经费 = economic 类 301 and 303; every other 类 within 基本支出 is 日常公用经费. */
    public static final Set<String> PERSONNEL_CLASSES = Set.of("301", "303");

    public static final String ABROAD = "30212";
    public static final String VEHICLE_PURCHASE = "31013";
    public static final String VEHICLE_OPERATION = "30231";
    public static final String RECEPTION = "30217";
    public static final List<String> SANGONG = List.of(ABROAD, VEHICLE_PURCHASE, VEHICLE_OPERATION, RECEPTION);

    public static final Predicate<Appropriation> ALL = a -> true;
    public static final Predicate<Appropriation> BASIC = Appropriation::isBasic;
    public static final Predicate<Appropriation> PROJECT = Appropriation::isProject;
    public static final Predicate<Appropriation> NEW_MONEY = Appropriation::isNewMoney;
    public static final Predicate<Appropriation> CARRY_OVER = Appropriation::isCarryOver;
    public static final Predicate<Appropriation> PERSONNEL = a -> PERSONNEL_CLASSES.contains(a.economicClass());
    public static final Predicate<Appropriation> PUBLIC_USE = PERSONNEL.negate();

    private Scopes() {
    }

    public static Predicate<Appropriation> fund(Fund fund) {
        return a -> fund.code().equals(a.fundCode());
    }

    public static Predicate<Appropriation> funds(Collection<Fund> funds) {
        return a -> funds.stream().anyMatch(f -> f.code().equals(a.fundCode()));
    }

    public static Predicate<Appropriation> fundCodes(Collection<String> codes) {
        return a -> codes.contains(a.fundCode());
    }

    public static Predicate<Appropriation> economic(Collection<String> codes) {
        return a -> codes.contains(a.economicCode());
    }

    /** 机关运行经费 = fund 11 basic 日常公用经费; a department's over the units inside its statistics. */
    public static Predicate<Appropriation> adminCost(AgencyExtract extract) {
        Predicate<Appropriation> scope = fund(Fund.GENERAL_PUBLIC).and(BASIC).and(PUBLIC_USE);
        if (!extract.isDepartment()) {
            return scope;
        }
        Set<String> inScope = extract.units().stream().filter(Agency::inAdminCostScope).map(Agency::code).collect(Collectors.toSet());
        return scope.and(a -> a.agencyCode() != null && inScope.contains(a.agencyCode().trim()));
    }

    public static Predicate<Appropriation> project(String projectCode) {
        return a -> a.isProject() && projectCode.equals(a.projectCode());
    }
}
