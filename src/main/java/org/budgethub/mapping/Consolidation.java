package org.budgethub.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.budgethub.model.Agency;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.DataError;
import org.budgethub.model.InputProblem;
import org.budgethub.model.ProcurementLine;
import org.budgethub.model.Project;
import org.budgethub.model.Stage;
import org.budgethub.model.Vehicles;

/**
 * A department (部门) of CONTRACT.md §6: the units whose parent_agency_code is D, together. Its
 * extract holds every unit's rows as they are (in yuan: the tables sum them once and round once),
 * its name is its 本级's, the unit whose code is D followed by {@value #HEAD_SUFFIX}.
 */
public final class Consolidation {

    public static final String HEAD_SUFFIX = "001";

    private Consolidation() {
    }

    /**
     * @param units the extracts of the department's units, in any order
     * @throws DataError when no unit is the department's 本级
     */
    public static AgencyExtract of(String department, int year, List<AgencyExtract> units) {
        List<AgencyExtract> sorted = units.stream().sorted(Comparator.comparing(u -> u.agency().code())).toList();
        String headCode = department + HEAD_SUFFIX;
        Agency head = sorted.stream().map(AgencyExtract::agency).filter(a -> a.code().equals(headCode)).findFirst()
                .orElseThrow(() -> new DataError(Stage.INGEST, "部门 " + department + " 缺少本级单位 " + headCode
                        + "（bas_agency " + year + " 年），无法确定部门名称"));
        boolean anyInScope = sorted.stream().anyMatch(u -> u.agency().inAdminCostScope());
        Agency agency = new Agency(year, department, head.name(), null, head.kind(), anyInScope, head.supervisor());
        List<Appropriation> appropriations = new ArrayList<>();
        List<Project> projects = new ArrayList<>();
        List<ProcurementLine> procurement = new ArrayList<>();
        Vehicles vehicles = Vehicles.NONE;
        List<InputProblem> problems = new ArrayList<>();
        for (AgencyExtract unit : sorted) {
            problems.addAll(unit.problems());
            appropriations.addAll(unit.appropriations());
            projects.addAll(unit.projects());
            procurement.addAll(unit.procurement());
            vehicles = vehicles.plus(unit.vehicles());
        }
        AgencyExtract first = sorted.get(0);
        return new AgencyExtract(year, agency, appropriations, first.elements(), first.previousElements(), projects, procurement,
                vehicles, sorted.stream().map(AgencyExtract::agency).toList(), problems);
    }
}
