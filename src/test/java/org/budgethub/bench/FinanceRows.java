package org.budgethub.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Rows for the finance tables, buffered per table until they are written: what the generator makes
 * of a chunk of agencies. Values are String, Integer, Boolean, BigDecimal, LocalDate, LocalDateTime or null.
 */
public final class FinanceRows {

    /** The finance tables the generator fills, with their columns in insert order. */
    public enum Table {
        ELE_FUND_TYPE("ele_fund_type", "code", "name"),
        ELE_EXP_FUNC("ele_exp_func", "fiscal_year", "code", "name"),
        ELE_DEP_BGT_ECO("ele_dep_bgt_eco", "fiscal_year", "code", "name", "gov_eco_code"),
        BAS_AGENCY("bas_agency", "fiscal_year", "agency_code", "agency_name", "parent_agency_code", "agency_kind",
                "in_admin_cost_scope", "supervisor_name"),
        BGT_PROJECT("bgt_project", "fiscal_year", "pro_code", "agency_code", "pro_name", "pro_summary", "pro_basis", "perf_goal"),
        BGT_PERF_INDICATOR("bgt_perf_indicator", "fiscal_year", "pro_code", "seq", "name", "weight", "unit", "nature", "target"),
        BGT_APPROPRIATION("bgt_appropriation", "bgt_id", "fiscal_year", "agency_code", "exp_func_code", "dep_bgt_eco_code",
                "fund_type_code", "exp_kind", "source", "pro_code", "is_deleted", "update_time"),
        BGT_LEDGER("bgt_ledger", "entry_id", "bgt_id", "stage", "amount", "doc_no", "entry_date", "update_time"),
        BGT_PROCUREMENT("bgt_procurement", "fiscal_year", "agency_code", "item_code", "item_name", "category", "fund_type_code",
                "amount", "update_time"),
        AST_VEHICLE("ast_vehicle", "fiscal_year", "agency_code", "general_held", "enforcement_held", "general_planned",
                "enforcement_planned");

        private final String sqlName;
        private final List<String> columns;

        Table(String sqlName, String... columns) {
            this.sqlName = sqlName;
            this.columns = List.of(columns);
        }

        public String sqlName() {
            return sqlName;
        }

        public List<String> columns() {
            return columns;
        }
    }

    private final Map<Table, List<Object[]>> rows = new EnumMap<>(Table.class);

    public FinanceRows() {
        for (Table t : Table.values()) {
            rows.put(t, new ArrayList<>());
        }
    }

    public void add(Table table, Object... values) {
        if (values.length != table.columns.size()) {
            throw new IllegalArgumentException(table.sqlName + " has " + table.columns.size() + " columns, not " + values.length);
        }
        rows.get(table).add(values);
    }

    public List<Object[]> of(Table table) {
        return rows.get(table);
    }

    public int count(Table table) {
        return rows.get(table).size();
    }

    public void clear() {
        rows.values().forEach(List::clear);
    }
}
