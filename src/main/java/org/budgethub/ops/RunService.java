package org.budgethub.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import org.budgethub.ingest.ElementRows;
import org.budgethub.ingest.Rows;
import org.budgethub.narrative.NarrativeLibrary;

/**
 * The run-level steps of routes/run.camel.yaml: open a run, load what all agencies share, and
 * close it with its report. Routes decide the order; this bean only does the work.
 */
@Component("runService")
public class RunService {

    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);

    /** Agency codes become folder names: only these characters ever reach a path. */
    public static final Pattern SAFE_AGENCY_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    private final Path narrativesDir;
    private final RunHistory history;

    public RunService(@Value("${hub.narratives.dir}") String narrativesDir, RunHistory history) {
        this.narrativesDir = Path.of(narrativesDir);
        this.history = history;
    }

    /** Validates the request, sets the SQL parameters as headers and puts the run context on the exchange. */
    public void begin(RunRequest request, Exchange exchange) {
        if (request == null) {
            throw new IllegalArgumentException("a run needs a RunRequest body");
        }
        if (request.year() < 1900 || request.year() > 9999) {
            throw new IllegalArgumentException("year out of range: " + request.year());
        }
        if (request.agency() != null && !SAFE_AGENCY_CODE.matcher(request.agency()).matches()) {
            throw new IllegalArgumentException("agency code must be 1-32 letters, digits, '-' or '_': " + request.agency());
        }
        if (request.agencies() != null && request.agencies().stream().anyMatch(a -> !SAFE_AGENCY_CODE.matcher(a).matches())) {
            throw new IllegalArgumentException("agency codes must be 1-32 letters, digits, '-' or '_': " + request.agencies());
        }
        RunReport report = new RunReport(request);
        NarrativeLibrary narratives = NarrativeLibrary.scan(narrativesDir);
        narratives.problems().forEach(report::warn);
        long runId = request.runId() != null ? request.runId() : history.startRun(request);
        exchange.setProperty(RunContext.PROPERTY, new RunContext(runId, report, narratives));
        exchange.getMessage().setHeader("agencyList", request.agencies());
        exchange.getMessage().setHeader("year", request.year());
        exchange.getMessage().setHeader("previousYear", request.year() - 1);
        exchange.getMessage().setHeader("agency", request.agency());
        exchange.getMessage().setHeader("forcePublish", request.force());
        LOG.info("Run {} started by {}: narratives from {} ({} found)", describe(request), request.trigger(),
                narrativesDir.toAbsolutePath().normalize(), narratives.size());
    }

    public void elements(List<Map<String, Object>> functionalRows, List<Map<String, Object>> economicRows, RunContext run) {
        int year = run.request().year();
        run.elements(ElementRows.of(year, functionalRows, economicRows), ElementRows.of(year - 1, functionalRows, economicRows));
    }

    public void expect(List<Map<String, Object>> countRows, RunContext run) {
        if (run.request().agency() != null) {
            run.report().expect(1);
        } else if (run.request().agencies() != null) {
            run.report().expect(run.request().agencies().size());
        } else if (!countRows.isEmpty()) {
            run.report().expect(Rows.integer(countRows.get(0), "agency_count"));
        }
        history.expect(run.runId(), run.report().expected());
    }

    /** A run over a given list (failed agencies, a resume): rows shaped like the agency query's. */
    public List<Map<String, Object>> listedAgencies(RunContext run) {
        return run.request().agencies().stream().map(a -> Map.<String, Object>of("agency_code", a)).toList();
    }

    /** Ledger entries without an appropriation belong to no agency: a run-level warning naming the first few. */
    public void orphanLedgerEntries(Iterator<Map<String, Object>> rows, RunContext run) {
        List<String> shown = new ArrayList<>();
        int count = 0;
        while (rows.hasNext()) {
            Map<String, Object> row = rows.next();
            if (count++ < 10) {
                shown.add(Rows.text(row, "entry_id") + " (bgt_id " + Rows.text(row, "bgt_id") + ")");
            }
        }
        if (count > 0) {
            run.report().warn(count + " ledger entr" + (count == 1 ? "y has" : "ies have")
                    + " no appropriation and belong to no agency (指标账无对应指标): " + String.join(", ", shown)
                    + (count > shown.size() ? ", …" : ""));
        }
    }

    public RunReport finish(RunContext run, Exchange exchange) {
        RunReport report = run.report();
        RunRequest request = run.request();
        if (report.done() == 0) {
            if (request.agency() != null) {
                report.failed(request.agency(), "ingest", "agency " + request.agency() + " is not in bas_agency for year " + request.year(),
                        List.of());
            } else {
                report.warn("no agency in bas_agency for year " + request.year());
            }
        }
        report.finish();
        boolean succeeded = report.succeeded() || (report.failed().isEmpty() && report.done() == 0 && request.agencies() != null);
        // Stopped with the hub: not a failure of the data, and a later start resumes it.
        String status = exchange.getContext().isStopping() ? RunHistory.INTERRUPTED : succeeded ? RunHistory.SUCCEEDED : RunHistory.FAILED;
        history.finishRun(run.runId(), status, report.warnings());
        LOG.info("Run #{} {} finished: {} exported, {} failed in {} ms", run.runId(), describe(request), report.exported().size(),
                report.failed().size(), report.elapsed().toMillis());
        return report;
    }

    private static String describe(RunRequest request) {
        return request.year() + (request.agency() == null ? " (all agencies)" : " (agency " + request.agency() + ")");
    }
}
