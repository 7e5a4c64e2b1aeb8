package org.budgethub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.budgethub.support.ResultRows.row;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.ElementTables;

/** A batch's rows sorted out per agency, without a database: each agency gets what a query of its own would return. */
class IngestBatchTest {

    private static final ElementTables NONE = new ElementTables(2026, Map.of(), Map.of());

    private static AgencyWork unit(String code) {
        return new AgencyWork(new DisclosureId(2026, code), NONE, NONE, false);
    }

    private static Map<String, Object> appropriation(String agency, String bgtId, int year, String project) {
        return row("bgt_id", bgtId, "fiscal_year", year, "agency_code", agency, "pro_code", project);
    }

    @Test
    void anAgencyKeepsOnlyItsOwnRowsAndTheProjectsItsOwnAppropriationsOfTheYearName() {
        AgencyWork a = unit("900001");
        AgencyWork b = unit("900002");
        IngestBatch batch = new IngestBatch(List.of(a, b));
        batch.agencyRows(List.of(row("agency_code", " 900001", "fiscal_year", 2026), row("agency_code", "900002", "fiscal_year", 2026)));
        batch.appropriationRows(List.of(appropriation("900001", "A1", 2026, " P1 "), appropriation("900001", "A2", 2025, "P3"),
                appropriation("900002", "B1", 2026, "P2")));
        // P2 belongs to 900001 but only 900002's appropriation names it; P3 is named in the previous year only.
        batch.projectRows(List.of(row("agency_code", "900001", "pro_code", "P1"), row("agency_code", "900001", "pro_code", "P2"),
                row("agency_code", "900001", "pro_code", "P3")));
        batch.indicatorRows(List.of(row("pro_code", "P1", "seq", 1), row("pro_code", "P2", "seq", 1), row("pro_code", "P3", "seq", 1)));

        IngestBatch.Slice slice = batch.slice(a);

        assertThat(batch.codes()).containsExactly("900001", "900002");
        assertThat(slice.agencyRows()).as("bas_agency codes are matched without white space").hasSize(1);
        assertThat(slice.appropriationRows()).extracting(r -> r.get("bgt_id")).containsExactly("A1", "A2");
        assertThat(slice.projectRows()).extracting(r -> r.get("pro_code")).containsExactly("P1");
        assertThat(slice.indicatorRows()).extracting(r -> r.get("pro_code")).containsExactly("P1");
        assertThat(batch.slice(b).projectRows()).as("900002 names P2, but it is not 900002's project").isEmpty();
        assertThat(batch.slice(b).indicatorRows()).extracting(r -> r.get("pro_code")).containsExactly("P2");
    }

    @Test
    void aDepartmentWithoutUnitsIsRefusedAloneWhenItsJourneyReadsIt() {
        AgencyWork empty = new AgencyWork(new DisclosureId(2026, "900"), NONE, NONE, false, true);
        AgencyWork department = new AgencyWork(new DisclosureId(2026, "901"), NONE, NONE, false, true);
        IngestBatch batch = new IngestBatch(List.of(empty, department));
        IngestStage ingest = new IngestStage();

        ingest.departmentUnits(batch, List.of(row("department", "901", "agency_code", "901001"), row("department", "901", "agency_code", "901002")));

        assertThat(department.agencies()).containsExactly("901001", "901002");
        assertThat(batch.codes()).containsExactly("901001", "901002");
        assertThatThrownBy(() -> ingest.read(empty, batch)).isInstanceOf(DataError.class).hasMessageContaining("部门 900 的单位");
    }
}
