package org.budgethub.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything the finance system holds about one agency for budget year {@code year} and its
 * previous year: the unit of work of the pipeline, so memory is bounded by the largest agency.
 * Appropriations include soft-deleted ones and every ledger stage; the model decides what counts.
 */
public record AgencyExtract(
        int year,
        Agency agency,
        List<Appropriation> appropriations,
        ElementTables elements,
        ElementTables previousElements,
        List<Project> projects,
        List<ProcurementLine> procurement,
        Vehicles vehicles) {

    public AgencyExtract {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(elements, "elements");
        Objects.requireNonNull(previousElements, "previousElements");
        appropriations = List.copyOf(appropriations);
        projects = List.copyOf(projects);
        procurement = List.copyOf(procurement);
        vehicles = vehicles == null ? Vehicles.NONE : vehicles;
    }

    public int previousYear() {
        return year - 1;
    }

    public ElementTables elementsOf(int fiscalYear) {
        return fiscalYear == year ? elements : previousElements;
    }
}
