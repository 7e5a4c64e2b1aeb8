package org.budgethub.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.Finding.RowRef;
import org.budgethub.model.Finding.Severity;
import org.budgethub.model.Finding;

/**
 * Collects the findings of one agency, applying the configured severities, and turns the
 * appropriations behind a figure into the rows a finance officer looks up.
 */
final class Findings {

    /** Enough rows to find the problem; a 合计 over thousands of lines would drown it. */
    static final int MAX_ROWS = 100;

    private final Map<Rule, Severity> severities;
    private final Map<String, Appropriation> appropriations;
    private final List<Finding> found = new ArrayList<>();

    Findings(Map<Rule, Severity> overrides, AgencyExtract extract) {
        this.severities = new EnumMap<>(Rule.class);
        for (Rule rule : Rule.values()) {
            severities.put(rule, overrides.getOrDefault(rule, rule.defaultSeverity()));
        }
        this.appropriations = new java.util.HashMap<>();
        extract.appropriations().forEach(a -> appropriations.putIfAbsent(a.bgtId(), a));
    }

    void add(Rule rule, String message, String location, List<RowRef> rows) {
        found.add(new Finding(severities.get(rule), rule.id(), message, location, rows));
    }

    /** The appropriations and their counted ledger entries, as row references. */
    List<RowRef> rowsOf(Collection<String> bgtIds) {
        Set<RowRef> rows = new LinkedHashSet<>();
        for (String id : bgtIds) {
            if (rows.size() >= MAX_ROWS) {
                break;
            }
            rows.add(RowRef.appropriation(id));
            Appropriation a = appropriations.get(id);
            if (a != null) {
                a.countedEntryIds().forEach(e -> rows.add(RowRef.ledger(e)));
            }
        }
        return List.copyOf(rows);
    }

    List<Finding> all() {
        return List.copyOf(found);
    }
}
