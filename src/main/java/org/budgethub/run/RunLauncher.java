package org.budgethub.run;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.budgethub.config.LogContext;
import org.budgethub.health.FailureExplainer;

/**
 * Starts runs for the console, the API and resumes: in the background, one at a time per
 * instance, through the same direct:run as the schedule and the export command.
 */
@Component
public class RunLauncher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunLauncher.class);

    private final ProducerTemplate producer;
    private final RunHistory history;
    private final JdbcTemplate finance;
    private final FailureExplainer explainer;
    private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "run-launcher");
        t.setDaemon(true);
        return t;
    });

    public RunLauncher(ProducerTemplate producer, RunHistory history, @Qualifier("financeDataSource") DataSource financeDataSource,
                       FailureExplainer explainer) {
        this.producer = producer;
        this.history = history;
        this.finance = new JdbcTemplate(financeDataSource);
        this.explainer = explainer;
    }

    /**
     * Records the run as QUEUED, hands it to the one launcher thread and returns its id at once.
     *
     * @throws DuplicateRun when the same run is already queued or running
     */
    public synchronized long launch(RunRequest request) {
        var same = history.sameAs(request);
        if (same.isPresent()) {
            throw new DuplicateRun(same.get().id(), same.get().status());
        }
        long id = history.queueRun(request);
        try (LogContext log = LogContext.run(id)) {
            LOG.info("运行 #{} 已排队：{}（范围 {}），由 {} 发起", id, request.describe(), request.scope(), request.trigger());
        }
        RunRequest recorded = request.withRunId(id);
        executor.submit(() -> {
            try (LogContext log = LogContext.run(id)) {
                try {
                    awaitStarted();
                    producer.requestBody("direct:run", recorded, RunReport.class);
                } catch (RuntimeException e) {
                    boolean stopping = producer.getCamelContext().isStopping() || producer.getCamelContext().isStopped();
                    String reason = explainer.explain(e, null);
                    if (stopping) {
                        LOG.warn("运行 #{} 因中枢停止而中断：{}", id, reason);
                    } else {
                        LOG.error("运行 #{} 失败：{}", id, reason);
                    }
                    history.finishRun(id, stopping ? RunStatus.INTERRUPTED : RunStatus.FAILED, List.of("运行中止：" + reason));
                }
            }
        });
        return id;
    }

    /** The console and the API answer before the routes have started: a run asked for then waits for them. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationStartedEvent.class)
    void routesStarted() {
        started.countDown();
    }

    private void awaitStarted() {
        try {
            if (!started.await(5, java.util.concurrent.TimeUnit.MINUTES)) {
                LOG.warn("中枢启动已超过 5 分钟仍未就绪，运行照常开始");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the request in the caller's thread (the schedule's, the export's). */
    public RunReport runNow(RunRequest request) {
        return producer.requestBody("direct:run", request, RunReport.class);
    }

    /** The agencies of the year whose latest run failed them, as a request. */
    public RunRequest failedAgencies(int year, String trigger, boolean force) {
        return RunRequest.agencies(year, history.failedAgencies(year), trigger, force, null);
    }

    /**
     * Resumes an interrupted run: the agencies it planned but did not get through publishing.
     * Delivery records make sure none is delivered twice.
     */
    public RunRequest resumeOf(long runId, String trigger) {
        RunHistory.Run run = history.run(runId).orElseThrow(() -> new IllegalArgumentException("没有运行 #" + runId));
        if (run.status() != RunStatus.INTERRUPTED) {
            throw new IllegalStateException("运行 #" + runId + " 的状态是 " + run.status() + "，只有已中断（INTERRUPTED）的运行可以继续");
        }
        List<String> planned = history.listedAgencies(runId);
        if (planned == null) {
            planned = run.agencyCode() != null ? List.of(run.agencyCode())
                    : finance.queryForList("SELECT DISTINCT TRIM(agency_code) FROM bas_agency WHERE fiscal_year = ? ORDER BY 1",
                            String.class, run.fiscalYear());
        }
        return RunRequest.agencies(run.fiscalYear(), history.unfinishedAgencies(runId, planned), trigger, run.forced(), runId);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
