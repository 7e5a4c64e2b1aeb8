package org.budgethub.run.journey;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.budgethub.ingest.Rows;

/**
 * One agency of a distributed run (hub.run.distributed) as it travels on the broker queue: the run,
 * the year, the agency's row as the run's split had it (its code, whether bas_agency lists it twice or
 * padded) and whether it is a department (部门预算). Nothing else: the consuming instance makes the
 * rest of the run's context (request, element tables, narratives) from the hub and finance databases.
 * It goes as JSON text, so any instance of any build reads it and a broker's console shows it.
 *
 * @param rowCount how many bas_agency rows the code has (more than one is warned about, processed once)
 * @param padded   the code had white space around it in bas_agency (warned about)
 */
public record AgencyMessage(long runId, int year, String agency, boolean department, int rowCount, boolean padded)
        implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The message for one row of the run's split: a bas_agency row, or a department row of the plan. */
    public static AgencyMessage of(long runId, int year, Map<String, Object> row) {
        String code = Rows.text(row, "agency_code");
        boolean department = AgencyJourney.DEPARTMENT.equals(Rows.text(row, "kind"));
        int rows = Rows.value(row, "row_count") == null ? 1 : Rows.integer(row, "row_count");
        boolean padded = Rows.value(row, "padded") != null && Rows.integer(row, "padded") > 0;
        return new AgencyMessage(runId, year, code, department, rows, padded);
    }

    /** The year before: the element tables are read for both. */
    public int previousYear() {
        return year - 1;
    }

    /** The row {@link AgencyJourney#begin} starts the agency from, as the split would have given it. */
    public Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("agency_code", agency);
        row.put("row_count", rowCount);
        row.put("padded", padded ? 1 : 0);
        if (department) {
            row.put("kind", AgencyJourney.DEPARTMENT);
        }
        return row;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException for a text that is not such a message */
    public static AgencyMessage parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("空消息");
        }
        try {
            AgencyMessage m = JSON.readValue(json, AgencyMessage.class);
            if (m.runId() <= 0 || m.agency() == null) {
                throw new IllegalArgumentException("消息缺少运行编号或单位代码：" + json);
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("不是单位消息：" + e.getOriginalMessage(), e);
        }
    }
}
