package org.budgethub.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.ProducerTemplate;

import org.budgethub.config.Departments;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;

/**
 * The benchmark's incremental part, in the hub that has just made the full run: an unchanged
 * incremental run, an incremental run after one ledger entry of 1% of the units changed, and
 * one-agency reruns after a change of that agency. It writes to the finance database (amounts plus
 * {@code update_time}, as a finance system's edit would) and takes its changes back at the end, so
 * it is for databases made by {@code generate} only.
 */
public final class IncrementalBench {

    /** The change made to a chosen ledger entry, in yuan: visible in every table it reaches. */
    static final java.math.BigDecimal CHANGE = new java.math.BigDecimal("100.00");
    static final int RERUNS = 5;

    /** What the incremental runs took, beside the full run they follow. */
    public record IncrementalRuns(double unchangedSeconds, int unchangedSkipped, int unchangedBuilt, int changedAgencies,
                                  double changedSeconds, int changedSkipped, int changedBuilt, String rerunAgency,
                                  List<Double> rerunSeconds) {

        public String describe(double fullSeconds) {
            List<Double> sorted = rerunSeconds.stream().sorted().toList();
            return String.format("  增量运行（同一中枢，紧接全量运行）：无变化 %.2f 秒，为全量的 %.2f%%（跳过 %d 个单位，重建 %d 个）；"
                            + "%d 个单位（1%%）各改一条指标账后 %.2f 秒，为全量的 %.2f%%（跳过 %d 个，重建 %d 个）%n"
                            + "  单个单位重跑（单位 %s，每次先改一条指标账，direct:run 一个单位到发布包写完，%d 次）：中位数 %.3f 秒，最短 %.3f 秒，最长 %.3f 秒",
                    unchangedSeconds, 100 * unchangedSeconds / fullSeconds, unchangedSkipped, unchangedBuilt, changedAgencies,
                    changedSeconds, 100 * changedSeconds / fullSeconds, changedSkipped, changedBuilt, rerunAgency, sorted.size(),
                    sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
        }
    }

    private final String url;
    private final String user;
    private final String password;
    private final int year;
    private final ProducerTemplate producer;

    public IncrementalBench(String url, String user, String password, int year, ProducerTemplate producer) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.year = year;
        this.producer = producer;
    }

    /**
     * @param agencies the units of the full run, in code order
     * @param allAgencies the request of a run of every agency, as the full run was made
     */
    public IncrementalRuns measure(List<String> agencies, Supplier<RunRequest> allAgencies, PrintStream progress) throws SQLException {
        long t0 = System.nanoTime();
        RunReport unchanged = run(allAgencies.get());
        double unchangedSeconds = (System.nanoTime() - t0) / 1e9;

        // Every hundredth unit, at least one: 1 % of the run.
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < agencies.size(); i += 100) {
            chosen.add(agencies.get(i));
        }
        Map<String, java.math.BigDecimal> changed = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try {
                for (String agency : chosen) {
                    change(c, entryOf(c, agency), CHANGE, changed);
                }
                progress.println("增量运行：已改 " + chosen.size() + " 个单位的指标账，运行中……");
                t0 = System.nanoTime();
                RunReport after = run(allAgencies.get());
                double changedSeconds = (System.nanoTime() - t0) / 1e9;

                String one = chosen.get(0);
                String entry = entryOf(c, one);
                List<Double> reruns = new ArrayList<>();
                for (int i = 0; i < RERUNS; i++) {
                    change(c, entry, java.math.BigDecimal.ONE, changed);
                    t0 = System.nanoTime();
                    run(new RunRequest(year, one, "benchmark-rerun").withDepartments(Departments.NONE));
                    reruns.add((System.nanoTime() - t0) / 1e9);
                }
                return new IncrementalRuns(unchangedSeconds, unchanged.skipped(), built(unchanged), chosen.size(), changedSeconds,
                        after.skipped(), built(after), one, reruns);
            } finally {
                for (Map.Entry<String, java.math.BigDecimal> e : changed.entrySet()) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE bgt_ledger SET amount = amount - ?, update_time = LOCALTIMESTAMP WHERE entry_id = ?")) {
                        s.setBigDecimal(1, e.getValue());
                        s.setString(2, e.getKey());
                        s.executeUpdate();
                    }
                }
            }
        }
    }

    private static int built(RunReport r) {
        return (int) r.exported().stream().filter(e -> !e.unchanged()).count() + r.failed().size();
    }

    private RunReport run(RunRequest request) {
        RunReport r = producer.requestBody("direct:run", request, RunReport.class);
        if (r.aborted() != null) {
            throw new IllegalStateException("运行中止：" + r.aborted());
        }
        if (!r.failed().isEmpty()) {
            throw new IllegalStateException("增量运行中有单位失败：" + r.failed().get(0).agency() + " " + r.failed().get(0).reason());
        }
        return r;
    }

    /** The first ledger entry of one of the agency's live appropriations of the year. */
    private String entryOf(Connection c, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(l.entry_id) FROM bgt_ledger l JOIN bgt_appropriation a ON a.bgt_id = l.bgt_id "
                + "WHERE a.agency_code = ? AND a.fiscal_year = ? AND NOT a.is_deleted")) {
            s.setString(1, agency);
            s.setInt(2, year);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    throw new IllegalStateException("单位 " + agency + " 在 " + year + " 年没有可改的指标账");
                }
                return rs.getString(1);
            }
        }
    }

    private static void change(Connection c, String entry, java.math.BigDecimal by, Map<String, java.math.BigDecimal> changed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE bgt_ledger SET amount = amount + ?, update_time = LOCALTIMESTAMP WHERE entry_id = ?")) {
            s.setBigDecimal(1, by);
            s.setString(2, entry);
            s.executeUpdate();
        }
        changed.merge(entry, by, java.math.BigDecimal::add);
    }
}
