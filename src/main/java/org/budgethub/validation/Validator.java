package org.budgethub.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.model.Disclosure;
import org.budgethub.model.Finding.Severity;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.Stage;

/**
 * The validation gate between the model and the renderers. Input rules run on the extract and the
 * authored words; disclosure rules on the finished tables and 说明. A FATAL finding holds the
 * agency back; the others travel with its package.
 */
public final class Validator {

    /** The default of {@code hub.validation.max-entry-amount}: 10^13 yuan, far beyond any one entry of a real budget. */
    public static final BigDecimal DEFAULT_MAX_ENTRY_AMOUNT = new BigDecimal("10000000000000");

    private final Map<Rule, Severity> severities;
    private final BigDecimal maxEntryAmount;

    /** Default severities. */
    public Validator() {
        this(Map.of());
    }

    public Validator(Map<String, Severity> severityOverrides) {
        this(severityOverrides, DEFAULT_MAX_ENTRY_AMOUNT);
    }

    /**
     * @param severityOverrides rule id to severity, as operators configure them
     * @param maxEntryAmount    the largest plausible absolute amount of one ledger entry, in yuan (null: the default)
     * @throws IllegalArgumentException for a rule id that does not exist, so a typo is not silently ignored
     */
    public Validator(Map<String, Severity> severityOverrides, BigDecimal maxEntryAmount) {
        this.maxEntryAmount = maxEntryAmount == null ? DEFAULT_MAX_ENTRY_AMOUNT : maxEntryAmount.abs();
        this.severities = new EnumMap<>(Rule.class);
        severityOverrides.forEach((id, severity) -> severities.put(Rule.byId(id)
                .orElseThrow(() -> new IllegalArgumentException("unknown validation rule '" + id + "'")), severity));
    }

    /**
     * The stage's entry: every rule on the agency's work. Input rules first; when one of them is
     * FATAL the tables were built from data that cannot be trusted, so their rules would only add
     * noise and are not run.
     *
     * @return the work, its disclosure carrying the findings (the route's body goes on to render)
     * @throws DataError with every finding when any is FATAL: the agency gets no package
     */
    public AgencyWork check(AgencyWork work) {
        if (work.department()) {
            checkUnits(work.agency(), work.unitExtracts());
        }
        List<Finding> findings = new ArrayList<>(checkInput(work.extract(), work.narrative()));
        if (work.narrativeUnconfirmed()) {
            findings.addAll(unconfirmed(work.extract()));
        }
        if (!anyFatal(findings)) {
            findings.addAll(checkDisclosure(work.extract(), work.narrative(), work.disclosure()));
        }
        if (work.department() && !anyFatal(findings)) {
            Findings sums = new Findings(severities, work.extract());
            DepartmentRules.check(work.extract(), work.unitExtracts(), sums);
            findings.addAll(sums.all());
        }
        if (anyFatal(findings)) {
            throw new DataError(Stage.VALIDATE, reason(findings), findings);
        }
        work.setDisclosure(work.disclosure().withFindings(findings));
        return work;
    }

    /**
     * A department is held back by any unit whose own data cannot be disclosed (CONTRACT.md §6): the
     * unit's input rules, but for its authored words, which are its own package's business.
     *
     * @throws DataError naming the department, the unit and the reason
     */
    private void checkUnits(String department, List<AgencyExtract> units) {
        for (AgencyExtract unit : units) {
            List<Finding> fatal = checkInput(unit, ownWordsNotNeeded(unit)).stream().filter(Finding::isFatal).toList();
            if (!fatal.isEmpty()) {
                throw new DataError(Stage.VALIDATE, "部门 " + department + " 的单位 " + unit.agency().code() + "："
                        + reason(fatal), fatal);
            }
        }
    }

    /** A unit's own narrative does not matter to its department: its place is filled for the check. */
    private static NarrativeInput ownWordsNotNeeded(AgencyExtract unit) {
        return new NarrativeInput(unit.agency().code(), unit.year(), "-", "", Map.of(), List.of(), "", "");
    }

    /** The words are the hub's draft, which no person confirmed: the reviewer should know before approving. */
    public List<Finding> unconfirmed(AgencyExtract extract) {
        Findings findings = new Findings(severities, extract);
        findings.add(Rule.NARRATIVE_UNCONFIRMED, "说明文字是中枢起草的草稿，尚无人确认：" + extract.agency().code() + " " + extract.year()
                + " 年的说明撰写内容须由单位在控制台确认或修改后保存", "说明", List.of());
        return findings.all();
    }

    /** Rules on the input data; a FATAL one means nothing built from it may be published. */
    public List<Finding> checkInput(AgencyExtract extract, NarrativeInput narrative) {
        Findings findings = new Findings(severities, extract);
        InputRules.check(extract, narrative, maxEntryAmount, findings);
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
