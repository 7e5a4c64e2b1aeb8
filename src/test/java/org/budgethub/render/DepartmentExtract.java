package org.budgethub.render;

import java.util.List;

import javax.sql.DataSource;

import org.budgethub.mapping.Consolidation;
import org.budgethub.model.AgencyExtract;
import org.budgethub.support.SeedDisclosure;

/** The demo's department 101 (本级 101001, the seed unit 101023 and 101031) for 2026, consolidated as the pipeline does. */
final class DepartmentExtract {

    private static AgencyExtract extract;

    private DepartmentExtract() {
    }

    static synchronized AgencyExtract of101() {
        if (extract == null) {
            DataSource ds = SeedDisclosure.demoDatabase("department", "demo/finance-demo-agencies.sql", "demo/finance-demo-department.sql");
            List<AgencyExtract> units = List.of("101001", "101023", "101031").stream()
                    .map(code -> SeedDisclosure.load(ds, code, 2026)).toList();
            extract = Consolidation.of("101", 2026, units);
        }
        return extract;
    }
}
