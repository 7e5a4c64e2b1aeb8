package org.budgethub.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.budgethub.model.Finding;
import org.budgethub.model.Stage;

/**
 * The outcome of one run: which agencies got a package (a new version, or nothing new), which were
 * held back or failed (stage and reason), and the run-level warnings. Agencies finish on several
 * threads, so every change is synchronized.
 */
public final class RunReport {

    /**
     * An agency that got through; {@code location} says where its package went, or why nothing was
     * sent. {@code findings} are its WARN and FATAL findings; rounding hints (INFO) are only counted,
     * {@code hints}: a run of 20,000 agencies holds a few lines each, not every hint's rows.
     */
    public record Exported(String agency, String location, boolean unchanged, List<Finding> findings, long hints) {

        public Outcome outcome() {
            return unchanged() ? Outcome.UNCHANGED : Outcome.NEW_VERSION;
        }
    }

    /** An agency without a package: held back by its data (a {@code DataError}) or failed by the machinery; findings as in {@link Exported}. */
    public record Failed(String agency, String stage, String reason, List<Finding> findings, long hints, boolean heldBack) {

        public Outcome outcome() {
            return heldBack ? Outcome.HELD_BACK : Outcome.FAILED;
        }
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
    private volatile int skipped = -1;

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

    /** @param unchanged nothing new for the website: the content was already there (or waits, or was rejected); nothing was sent */
    public synchronized int exported(String agency, String location, boolean unchanged, List<Finding> findings) {
        exported.add(new Exported(agency, location, unchanged, readable(findings), hints(findings)));
        return done();
    }

    /** @param heldBack the agency's data kept it back (validation, bad rows), rather than a fault */
    public synchronized int failed(String agency, String stage, String reason, List<Finding> findings, boolean heldBack) {
        failed.add(new Failed(agency, stage, reason, readable(findings), hints(findings), heldBack));
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

    /** How many agencies came to {@code outcome}. */
    public synchronized long count(Outcome outcome) {
        return exported.stream().filter(e -> e.outcome() == outcome).count() + failed.stream().filter(f -> f.outcome() == outcome).count();
    }

    /** Run-level warnings and every WARN finding of the exported packages: what the summary calls warnings. */
    public synchronized long warningCount() {
        return warnings.size() + exported.stream().flatMap(e -> e.findings().stream()).filter(f -> f.severity() == Finding.Severity.WARN).count();
    }

    /** An incremental run left out {@code agencies} whose sources did not change since they were last built. */
    public void skipped(int agencies) {
        skipped = agencies;
    }

    /** How many agencies an incremental run left out as unchanged at the source; 0 for other runs. */
    public int skipped() {
        return Math.max(skipped, 0);
    }

    /** Whether the run looked for unchanged sources at all (an incremental run). */
    public boolean incremental() {
        return skipped >= 0;
    }

    /** Nothing failed, and something was built or found unchanged at the source. */
    public synchronized boolean succeeded() {
        return aborted == null && failed.isEmpty() && (!exported.isEmpty() || skipped() > 0);
    }

    /** The run could not go on: why, in the operator's words. Agencies it finished stay reported. */
    public synchronized void abort(String reason) {
        aborted = reason;
        warnings.add(0, "运行中止：" + reason);
    }

    /** Why the run stopped, or null. */
    public String aborted() {
        return aborted;
    }

    /** The year has no agency in bas_agency at all: nothing to do, said as such. */
    public synchronized void noData() {
        noData = true;
        warnings.add(request.year() + " 年尚无数据：bas_agency 中还没有该年度的单位");
    }

    public boolean hasNoData() {
        return noData;
    }

    public void finish() {
        finished = Instant.now();
    }

    public Duration elapsed() {
        return Duration.between(started, finished == null ? Instant.now() : finished);
    }

    /**
     * The counts as one line: "新版本 1 个，未变化 4 个，未通过校验 0 个，失败 0 个", and for an incremental run
     * "，未变化（来源数据无改动，已跳过）N 个": the agencies it did not read at all.
     */
    public synchronized String counts() {
        return "新版本 " + count(Outcome.NEW_VERSION) + " 个，未变化 " + count(Outcome.UNCHANGED) + " 个，未通过校验 "
                + count(Outcome.HELD_BACK) + " 个，失败 " + count(Outcome.FAILED) + " 个"
                + (incremental() ? "，未变化（来源数据无改动，已跳过）" + skipped() + " 个" : "");
    }

    /** One line per agency without a package with its reason, then warnings and the packages: what an operator reads first. */
    public synchronized String summary() {
        StringBuilder out = new StringBuilder();
        out.append(request.describe()).append("：");
        if (aborted != null) {
            out.append("运行中止（中止前已导出 ").append(exported.size()).append(" 个）");
        } else if (noData) {
            out.append("该年度尚无数据");
        } else {
            out.append(counts());
        }
        out.append("；警告 ").append(warningCount()).append(" 条；用时 ").append(elapsed().toMillis()).append(" 毫秒\n");
        for (Failed f : failed()) {
            out.append(f.heldBack() ? "未通过 " : "失败 ").append(f.agency()).append(" [").append(stageLabel(f.stage())).append("] ")
                    .append(f.reason()).append('\n');
            appendFindings(out, f.findings(), f.hints());
        }
        for (String w : warnings) {
            out.append("警告 ").append(w).append('\n');
        }
        for (Exported e : exported()) {
            out.append("导出 ").append(e.agency()).append(" -> ").append(e.location()).append('\n');
            appendFindings(out, e.findings(), e.hints());
        }
        return out.toString();
    }

    private static String stageLabel(String stage) {
        return Stage.byId(stage).map(s -> s.label() + " " + s.id()).orElse(stage);
    }

    private static List<Finding> readable(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() != Finding.Severity.INFO).toList();
    }

    private static long hints(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.INFO).count();
    }

    /** FATAL and WARN findings in full, indented under their agency; rounding hints only counted. */
    private static void appendFindings(StringBuilder out, List<Finding> findings, long hints) {
        findings.forEach(f -> out.append("    ").append(f.line()).append('\n'));
        if (hints > 0) {
            out.append("    另有 ").append(hints).append(" 条四舍五入提示（INFO），见 disclosure.json\n");
        }
    }
}
