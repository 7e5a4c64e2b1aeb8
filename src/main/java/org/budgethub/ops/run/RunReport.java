package org.budgethub.ops.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.budgethub.model.Finding;

/**
 * The outcome of one run: which agencies were exported, which failed (stage and reason), and the
 * run-level warnings. Agencies finish on several threads, so every change is synchronized.
 */
public final class RunReport {

    public record Exported(String agency, String location, List<Finding> findings) {
    }

    public record Failed(String agency, String stage, String reason, List<Finding> findings) {
    }

    private final RunRequest request;
    private final Instant started = Instant.now();
    private final List<Exported> exported = new ArrayList<>();
    private final List<Failed> failed = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final AtomicInteger expected = new AtomicInteger();
    private volatile Instant finished;
    private volatile String aborted;
    private volatile boolean noData;

    public RunReport(RunRequest request) {
        this.request = request;
    }

    public RunRequest request() {
        return request;
    }

    public void expect(int agencies) {
        expected.set(agencies);
    }

    public int expected() {
        return expected.get();
    }

    public synchronized int exported(String agency, String location, List<Finding> findings) {
        exported.add(new Exported(agency, location, List.copyOf(findings)));
        return done();
    }

    public synchronized int failed(String agency, String stage, String reason, List<Finding> findings) {
        failed.add(new Failed(agency, stage, reason, List.copyOf(findings)));
        return done();
    }

    public synchronized void warn(String warning) {
        warnings.add(warning);
    }

    public synchronized int done() {
        return exported.size() + failed.size();
    }

    public synchronized List<Exported> exported() {
        return exported.stream().sorted(Comparator.comparing(Exported::agency)).toList();
    }

    public synchronized List<Failed> failed() {
        return failed.stream().sorted(Comparator.comparing(Failed::agency)).toList();
    }

    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    public synchronized boolean succeeded() {
        return aborted == null && failed.isEmpty() && !exported.isEmpty();
    }

    /** The run could not go on: why, in the operator's words. Agencies it finished stay reported. */
    public synchronized void abort(String reason) {
        aborted = reason;
        warnings.add(0, "run stopped: " + reason);
    }

    /** Why the run stopped, or null. */
    public String aborted() {
        return aborted;
    }

    /** The year has no agency in bas_agency at all: nothing to do, said as such. */
    public synchronized void noData() {
        noData = true;
        warnings.add("no data for year " + request.year() + ": bas_agency has no agency for that year (该年度尚无单位数据)");
    }

    public boolean hasNoData() {
        return noData;
    }

    void finish() {
        finished = Instant.now();
    }

    public Duration elapsed() {
        return Duration.between(started, finished == null ? Instant.now() : finished);
    }

    /** One line per failed agency with its reason, then warnings and counts: what an operator reads first. */
    public synchronized String summary() {
        StringBuilder out = new StringBuilder();
        out.append("Run ").append(request.describe()).append(": ");
        if (aborted != null) {
            out.append("stopped (").append(exported.size()).append(" exported before)");
        } else if (noData) {
            out.append("no data for that year");
        } else {
            out.append(exported.size()).append(" exported, ").append(failed.size()).append(" failed");
        }
        out.append(", ").append(warnings.size()).append(" warning(s) in ").append(elapsed().toMillis()).append(" ms\n");
        for (Failed f : failed()) {
            out.append("FAILED ").append(f.agency()).append(" [").append(f.stage()).append("] ").append(f.reason()).append('\n');
            appendFindings(out, f.findings());
        }
        for (String w : warnings) {
            out.append("WARNING ").append(w).append('\n');
        }
        for (Exported e : exported()) {
            out.append("exported ").append(e.agency()).append(" -> ").append(e.location()).append('\n');
            appendFindings(out, e.findings());
        }
        return out.toString();
    }

    /** FATAL and WARN findings in full, indented under their agency; rounding hints only counted. */
    private static void appendFindings(StringBuilder out, List<Finding> findings) {
        long hints = findings.stream().filter(f -> f.severity() == Finding.Severity.INFO).count();
        findings.stream().filter(f -> f.severity() != Finding.Severity.INFO)
                .forEach(f -> out.append("    ").append(f.line()).append('\n'));
        if (hints > 0) {
            out.append("    ").append(hints).append(" rounding hint(s) (INFO) in disclosure.json\n");
        }
    }
}
