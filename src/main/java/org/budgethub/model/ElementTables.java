package org.budgethub.model;

import java.util.Map;
import java.util.Optional;

/**
 * One year's classification element tables: 支出功能分类 (3/5/7-digit codes) and
 * 部门预算支出经济分类 (3/5-digit codes), code to name.
 */
public record ElementTables(int fiscalYear, Map<String, String> functional, Map<String, String> economic) {

    public ElementTables {
        functional = Map.copyOf(functional);
        economic = Map.copyOf(economic);
    }

    public Optional<String> functionalName(String code) {
        return Optional.ofNullable(functional.get(code));
    }

    public Optional<String> economicName(String code) {
        return Optional.ofNullable(economic.get(code));
    }
}
