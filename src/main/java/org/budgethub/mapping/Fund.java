package org.budgethub.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The nine fund types (资金性质), in the contract's fixed column order (CONTRACT.md §2), and every
 * form of their names the published tables use. Each fund is named once, as §2 names it; the forms
 * the tables print follow from that name by the seed document's rules.
 */
public enum Fund {
    GENERAL_PUBLIC("11", "一般公共预算"),
    GOVERNMENT_FUND("12", "政府性基金"),
    STATE_CAPITAL("13", "国有资本经营"),
    FISCAL_SPECIAL_ACCOUNT("21", "财政专户管理资金"),
    BUSINESS_INCOME("31", "事业收入"),
    SUPERIOR_SUBSIDY("33", "上级补助收入"),
    SUBORDINATE_REMITTANCE("34", "附属单位上缴收入"),
    OPERATING_INCOME("32", "事业单位经营收入"),
    OTHER_INCOME("39", "其他收入");

    /** Funds 11-13: the 财政拨款 of 表一. */
    public static final List<Fund> APPROPRIATED = List.of(GENERAL_PUBLIC, GOVERNMENT_FUND, STATE_CAPITAL);

    private static final String BUDGET = "预算";
    private static final String MONEY = "资金";

    private final String code;
    private final String shortName;

    Fund(String code, String shortName) {
        this.code = code;
        this.shortName = shortName;
    }

    public String code() {
        return code;
    }

    /** The fund as CONTRACT.md §2 names it: "一般公共预算", "政府性基金", "财政专户管理资金", "事业收入". */
    public String shortName() {
        return shortName;
    }

    /** The fund as a budget: "政府性基金预算" for funds 11-13 (表一's columns), the short name for the others. */
    public String budgetName() {
        return isAppropriated() && !shortName.endsWith(BUDGET) ? shortName + BUDGET : shortName;
    }

    /** The label of the fund in 表六's income side (and 表一's): "一般公共预算资金", "事业收入资金". */
    public String label() {
        return shortName.endsWith(MONEY) ? shortName : budgetName() + MONEY;
    }

    /** The fund's column heading in 表七 and 表九: "一般公共预算拨款收入", "财政专户管理资金收入", "事业收入". */
    public String incomeHeading() {
        if (isAppropriated()) {
            return budgetName() + "拨款收入";
        }
        return shortName.endsWith(MONEY) ? shortName + "收入" : shortName;
    }

    /** Funds 11-13, the 财政拨款. */
    public boolean isAppropriated() {
        return APPROPRIATED.contains(this);
    }

    public static Optional<Fund> ofCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}
