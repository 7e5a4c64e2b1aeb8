package org.budgethub.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything the finance system holds about one agency for budget year {@code year} and its
 * previous year: the unit of work of the pipeline, so memory is bounded by the largest agency.
 * Appropriations include soft-deleted ones and every ledger stage; the model decides what counts.
 *
 * <p>A department's extract (部门预算, CONTRACT.md §6) is its units' extracts together: their
 * appropriations, projects, procurement and vehicles, with {@code agency} the department (code D,
 * its 本级's name) and {@code units} its units in code order. A unit's extract has no units.
 *
 * <p>{@code problems} are the values ingest could not use (an empty amount, a malformed code): the
 * rows holding them are left out of the arithmetic, and validation holds the agency back for them.
 */
public record AgencyExtract(
        int year,
        Agency agency,
        List<Appropriation> appropriations,
        ElementTables elements,
        ElementTables previousElements,
        List<Project> projects,
        List<ProcurementLine> procurement,
        Vehicles vehicles,
        List<Agency> units,
        List<InputProblem> problems) {

    public AgencyExtract {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(elements, "elements");
        Objects.requireNonNull(previousElements, "previousElements");
        appropriations = List.copyOf(appropriations);
        projects = List.copyOf(projects);
        procurement = List.copyOf(procurement);
        vehicles = vehicles == null ? Vehicles.NONE : vehicles;
        units = units == null ? List.of() : List.copyOf(units);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** An extract whose rows were all usable. */
    public AgencyExtract(int year, Agency agency, List<Appropriation> appropriations, ElementTables elements,
                         ElementTables previousElements, List<Project> projects, List<ProcurementLine> procurement, Vehicles vehicles,
                         List<Agency> units) {
        this(year, agency, appropriations, elements, previousElements, projects, procurement, vehicles, units, List.of());
    }

    /** A unit's extract. */
    public AgencyExtract(int year, Agency agency, List<Appropriation> appropriations, ElementTables elements,
                         ElementTables previousElements, List<Project> projects, List<ProcurementLine> procurement, Vehicles vehicles) {
        this(year, agency, appropriations, elements, previousElements, projects, procurement, vehicles, List.of(), List.of());
    }

    public boolean isDepartment() {
        return !units.isEmpty();
    }

    public int previousYear() {
        return year - 1;
    }

    public ElementTables elementsOf(int fiscalYear) {
        return fiscalYear == year ? elements : previousElements;
    }

    /** The agency a row of this extract belongs to: its unit in a department, else the agency itself. */
    public Agency agencyOf(String agencyCode) {
        return units.stream().filter(u -> u.code().equals(agencyCode)).findFirst().orElse(agency);
    }
}
