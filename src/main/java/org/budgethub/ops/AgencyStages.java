package org.budgethub.ops;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.budgethub.ingest.ExtractBuilder;
import org.budgethub.ingest.Rows;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.AgencyFailure;
import org.budgethub.model.Finding;
import org.budgethub.model.Disclosure;
import org.budgethub.model.NarrativeInput;
import org.budgethub.narrative.DisclosureBuilder;
import org.budgethub.publish.DeliveryErrors;
import org.budgethub.render.DisclosureJson;
import org.budgethub.validation.Validator;

/**
 * The per-agency steps of routes/agency.camel.yaml: one agency is the unit of work, of failure
 * and of retry. Each method is one stage's entry point; the routes only call them in order.
 */
@Component("agencyStages")
public class AgencyStages {

    private static final Logger LOG = LoggerFactory.getLogger(AgencyStages.class);

    public static final String EXTRACT = "extract";
    public static final String STAGE = "stage";
    public static final String INPUT = "validationInput";

    private final DisclosureBuilder builder;
    private final Validator validator;
    private final RunHistory history;

    public AgencyStages(DisclosureBuilder builder, Validator validator, RunHistory history) {
        this.builder = builder;
        this.validator = validator;
        this.history = history;
    }

    /**
     * Moves the agency to {@code stage}: the stage in progress is recorded as done, the new one
     * as running. The task rows are the run history and the console's live view.
     */
    public void enter(String stage, Exchange exchange) {
        RunContext run = exchange.getProperty(RunContext.PROPERTY, RunContext.class);
        String agency = exchange.getMessage().getHeader("agency", String.class);
        String current = exchange.getProperty(STAGE, String.class);
        if (current != null && !current.equals(stage)) {
            history.stageFinished(run.runId(), agency, current, "DONE", null, null, null);
        }
        exchange.setProperty(STAGE, stage);
        history.stageStarted(run.runId(), agency, stage);
    }

    /** Starts an agency from its bas_agency row: SQL parameters as headers, an empty extract as property. */
    public void begin(Map<String, Object> agencyRow, RunContext run, Exchange exchange) {
        String agency = Rows.text(agencyRow, "agency_code").trim();
        int year = run.request().year();
        exchange.getMessage().setHeader("agency", agency);
        exchange.getMessage().setHeader("year", year);
        exchange.getMessage().setHeader("previousYear", year - 1);
        exchange.removeProperty(STAGE);
        if (!RunService.SAFE_AGENCY_CODE.matcher(agency).matches()) {
            throw new AgencyFailure(ExtractBuilder.STAGE, "agency code is not safe as a folder name: '" + agency + "'");
        }
        enter(ExtractBuilder.STAGE, exchange);
        exchange.setProperty(EXTRACT, new ExtractBuilder(agency, year, run.elements(), run.previousElements()));
    }

    /**
     * Model stage: the input rules first (a FATAL finding means nothing is built from the data),
     * then the extract and the authored words become the disclosure.
     */
    public Disclosure model(ExtractBuilder extractBuilder, RunContext run, Exchange exchange) {
        AgencyExtract extract = extractBuilder.build();
        enter(Validator.STAGE, exchange);
        NarrativeInput narrative = run.narratives().find(extract.agency().code(), extract.year()).orElse(null);
        List<Finding> input = validator.checkInput(extract, narrative);
        if (Validator.anyFatal(input)) {
            throw new AgencyFailure(Validator.STAGE, Validator.reason(input), input);
        }
        exchange.setProperty(INPUT, new ValidationInput(extract, narrative, input));
        return builder.build(extract, narrative);
    }

    /** Validation stage: identities, printed figures and 表文一致 on the finished disclosure. */
    public Disclosure validate(Disclosure disclosure, ValidationInput input, Exchange exchange) {
        List<Finding> findings = new ArrayList<>(input.findings());
        findings.addAll(validator.checkDisclosure(input.extract(), input.narrative(), disclosure));
        if (Validator.anyFatal(findings)) {
            throw new AgencyFailure(Validator.STAGE, Validator.reason(findings), findings);
        }
        RunContext run = exchange.getProperty(RunContext.PROPERTY, RunContext.class);
        history.stageFinished(run.runId(), disclosure.agencyCode(), Validator.STAGE, "DONE",
                findings.size() + " finding(s)", null, DisclosureJson.findingsJson(findings));
        exchange.removeProperty(STAGE);
        return disclosure.withFindings(findings);
    }

    /** What the validation stage needs from the model stage. */
    public record ValidationInput(AgencyExtract extract, NarrativeInput narrative, List<Finding> findings) {
    }

    public void exported(Disclosure disclosure, RunContext run, Exchange exchange) {
        String agency = exchange.getMessage().getHeader("agency", String.class);
        String location = exchange.getProperty("packageLocation", String.class);
        int done = run.report().exported(agency, location == null ? "" : location, disclosure.findings());
        boolean sent = location == null || !location.startsWith("not sent");
        history.stageFinished(run.runId(), agency, "publish", sent ? "DONE" : "SKIPPED", location, null, null);
        history.agencyDone(run.runId(), true);
        LOG.info("[{}/{}] {} exported ({} finding(s))", done, run.report().expected(), agency, disclosure.findings().size());
    }

    /** The dead-letter end of an agency: recorded with its stage and reason, the run goes on. */
    public void failed(RunContext run, Exchange exchange) {
        String agency = exchange.getMessage().getHeader("agency", String.class);
        if (exchange.getContext().isStopping()) {
            // The hub is going down: this agency was cut off, not wrong; the resumed run will do it.
            String task = exchange.getProperty(STAGE, String.class);
            if (agency != null && task != null) {
                history.stageFinished(run.runId(), agency, task, RunHistory.INTERRUPTED, null, "interrupted: the hub stopped", null);
            }
            LOG.warn("{} interrupted by the hub stopping", agency);
            return;
        }
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        AgencyFailure failure = failureIn(cause);
        String stage = failure != null ? failure.stage() : exchange.getProperty(STAGE, "unknown", String.class);
        String reason = failure != null ? failure.getMessage()
                : "publish".equals(stage) ? DeliveryErrors.explain(cause) : describe(cause);
        List<Finding> findings = failure == null ? List.of() : failure.findings();
        int done = run.report().failed(agency == null ? "?" : agency, stage, reason, findings);
        String task = exchange.getProperty(STAGE, String.class);
        if (agency != null) {
            if (task == null) {
                task = stage;
                history.stageStarted(run.runId(), agency, task);
            }
            history.stageFinished(run.runId(), agency, task, "FAILED", null, reason,
                    findings.isEmpty() ? null : DisclosureJson.findingsJson(findings));
            history.agencyDone(run.runId(), false);
        }
        LOG.warn("[{}/{}] {} failed at {}: {}", done, run.report().expected(), agency, stage, reason);
    }

    private static AgencyFailure failureIn(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AgencyFailure f) {
                return f;
            }
        }
        return null;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    // Ingest: each finance query's rows go into the agency's extract.

    public void agencyRows(List<Map<String, Object>> rows, ExtractBuilder extract) {
        extract.agencyRows(rows);
    }

    /** Folds the ledger rows, then names the projects they fund for the project queries. */
    public void appropriationRows(Iterator<Map<String, Object>> rows, ExtractBuilder extract, Exchange exchange) {
        extract.appropriationRows(rows);
        exchange.getMessage().setHeader("projectCodes", extract.projectCodes(extract.year()));
    }

    public void projectRows(List<Map<String, Object>> rows, ExtractBuilder extract) {
        extract.projectRows(rows);
    }

    public void indicatorRows(List<Map<String, Object>> rows, ExtractBuilder extract) {
        extract.indicatorRows(rows);
    }

    public void procurementRows(List<Map<String, Object>> rows, ExtractBuilder extract) {
        extract.procurementRows(rows);
    }

    public void vehicleRows(List<Map<String, Object>> rows, ExtractBuilder extract) {
        extract.vehicleRows(rows);
    }
}
