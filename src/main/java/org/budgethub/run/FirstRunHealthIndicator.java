package org.budgethub.run;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;
import org.budgethub.health.BoundedHealth;
import org.budgethub.health.FailureExplainer;

/**
 * {@code firstRun}: whether the hub has finished a run, so packages exist to be reviewed and sent.
 * Until then (a new installation waiting for its first nightly run; the demo's run at start-up,
 * 16 minutes at 20,000 units) it is {@link #FIRST_RUN_PENDING}: shown in {@code /actuator/health},
 * in no probe group, and ordered after UP (application.yaml), so it never turns the aggregate or
 * readiness DOWN. A hub busy with its first run can serve: the console, the API and the review pages
 * answer, and a load balancer or Kubernetes that kept it out for 16 minutes would gain nothing.
 * Asked alone ({@code /actuator/health/firstRun}) it answers 503 until the first run is through,
 * for a script that waits for packages. It reads the hub's database, so it answers within
 * {@code hub.database.health-timeout-ms} ({@link BoundedHealth}); a database that does not answer is DOWN.
 */
@Component("firstRunHealthIndicator")
public class FirstRunHealthIndicator extends BoundedHealth {

    /** No run has finished yet: no package to review or send; the hub itself serves. */
    public static final Status FIRST_RUN_PENDING = new Status("FIRST_RUN_PENDING",
            "首次运行尚未完成：还没有可审核、可发送的公开包；控制台和 API 已可使用，运行结束后自动变为 UP");

    private final JdbcTemplate hub;
    private final FailureExplainer.Database database;
    private final boolean runAtStartUp;
    private volatile boolean startUpRunDone;

    public FirstRunHealthIndicator(JdbcTemplate hub, HubProperties properties, FailureExplainer explainer) {
        super("firstRun", properties.database().healthTimeoutMs());
        this.hub = hub;
        this.database = explainer.hub();
        this.runAtStartUp = properties.demo() != null && properties.demo().exportOnStart();
    }

    /** The run started with the hub is through (DemoExport). */
    public void startUpRunFinished() {
        startUpRunDone = true;
    }

    @Override
    public Health health() {
        if (runAtStartUp && !startUpRunDone) {
            return Health.status(FIRST_RUN_PENDING).withDetail("reason", "启动时的首次运行尚未结束").build();
        }
        return super.health();
    }

    @Override
    protected Health check() {
        List<Map<String, Object>> last = hub.queryForList("SELECT id, status, finished_at FROM run WHERE finished_at IS NOT NULL "
                + "ORDER BY id DESC FETCH FIRST 1 ROWS ONLY");
        if (last.isEmpty()) {
            return Health.status(FIRST_RUN_PENDING).withDetail("reason", "尚未完成任何运行：还没有生成公开包").build();
        }
        Map<String, Object> run = last.get(0);
        Object finished = run.get("finished_at");
        return Health.up().withDetail("lastFinishedRun", run.get("id")).withDetail("status", run.get("status"))
                .withDetail("finishedAt", finished instanceof Timestamp t ? t.toInstant().toString() : String.valueOf(finished)).build();
    }

    @Override
    protected String explain(Throwable error) {
        return "无法读取运行记录：" + FailureExplainer.database(error, database);
    }

    @Override
    protected String noAnswer(long timeoutMs) {
        return "无法读取运行记录：" + FailureExplainer.noAnswer(database, timeoutMs);
    }
}
