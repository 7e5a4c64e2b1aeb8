package org.budgethub.validation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Disclosure;
import org.budgethub.model.Finding;
import org.budgethub.model.Finding.Severity;
import org.budgethub.model.NarrativeInput;

/**
 * The validation gate between the model and the renderers. Input rules run on the extract before
 * anything is built; disclosure rules on the finished tables and 说明. A FATAL finding holds the
 * agency back; the others travel with its package.
 */
public final class Validator {

    public static final String STAGE = "validate";

    private final Map<Rule, Severity> severities;

    /** Default severities. */
    public Validator() {
        this(Map.of());
    }

    /**
     * @param severityOverrides rule id to severity, as operators configure them
     * @throws IllegalArgumentException for a rule id that does not exist, so a typo is not silently ignored
     */
    public Validator(Map<String, Severity> severityOverrides) {
        this.severities = new EnumMap<>(Rule.class);
        severityOverrides.forEach((id, severity) -> severities.put(Rule.byId(id)
                .orElseThrow(() -> new IllegalArgumentException("unknown validation rule '" + id + "'")), severity));
    }

    /** Rules on the input data; a FATAL one means the model must not be built from it. */
    public List<Finding> checkInput(AgencyExtract extract, NarrativeInput narrative) {
        Findings findings = new Findings(severities, extract);
        InputRules.check(extract, narrative, findings);
        return findings.all();
    }

    /** Rules on the finished disclosure: identities, printed figures, 表文一致. */
    public List<Finding> checkDisclosure(AgencyExtract extract, NarrativeInput narrative, Disclosure disclosure) {
        Findings findings = new Findings(severities, extract);
        TableRules.check(disclosure, findings);
        TextFigureRule.check(extract, narrative, disclosure, findings);
        return findings.all();
    }

    public static boolean anyFatal(List<Finding> findings) {
        return findings.stream().anyMatch(Finding::isFatal);
    }

    /** The one-line reason of a held-back agency: its FATAL findings. */
    public static String reason(List<Finding> findings) {
        return String.join("; ", findings.stream().filter(Finding::isFatal).map(f -> f.rule() + ": " + f.message()).toList());
    }
}
