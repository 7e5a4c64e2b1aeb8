package org.budgethub.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The nine fund types (资金性质), in the contract's fixed column order. */
public enum Fund {
    GENERAL_PUBLIC("11", "一般公共预算资金"),
    GOVERNMENT_FUND("12", "政府性基金预算资金"),
    STATE_CAPITAL("13", "国有资本经营预算资金"),
    FISCAL_SPECIAL_ACCOUNT("21", "财政专户管理资金"),
    BUSINESS_INCOME("31", "事业收入资金"),
    SUPERIOR_SUBSIDY("33", "上级补助收入资金"),
    SUBORDINATE_REMITTANCE("34", "附属单位上缴收入资金"),
    OPERATING_INCOME("32", "事业单位经营收入资金"),
    OTHER_INCOME("39", "其他收入资金");

    /** Funds 11-13: the 财政拨款 of 表一. */
    public static final List<Fund> APPROPRIATED = List.of(GENERAL_PUBLIC, GOVERNMENT_FUND, STATE_CAPITAL);

    private final String code;
    private final String label;

    Fund(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    /** The label of the fund in 表六's income side. */
    public String label() {
        return label;
    }

    public static Optional<Fund> ofCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}
