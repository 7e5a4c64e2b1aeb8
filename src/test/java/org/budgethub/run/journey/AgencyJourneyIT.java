package org.budgethub.run.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.config.HubInstance;
import org.budgethub.health.FailureExplainer;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.model.ElementTables;
import org.budgethub.model.Finding;
import org.budgethub.model.Stage;
import org.budgethub.authoring.RunWords;
import org.budgethub.config.HubProperties;
import org.budgethub.narrative.NarrativeLibrary;
import org.budgethub.run.RunContext;
import org.budgethub.run.RunHistory;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.support.HubTables;

/** The journey's bookkeeping on the run history, without Camel: stages in order, failures with their stage and words. */
class AgencyJourneyIT {

    private JdbcTemplate hub;
    private RunHistory history;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private AgencyJourney journey;
    private RunContext run;

    @BeforeEach
    void wire() {
        hub = HubTables.create();
        history = new RunHistory(hub, new HubInstance("test"));
        FailureExplainer explainer = new FailureExplainer(new FailureExplainer.Database("财政数据库", "jdbc:postgresql://db/finance", 1000, 2000));
        journey = new AgencyJourney(history, null, explainer, stopping::get);
        RunRequest request = RunRequest.allAgencies(2026, "test");
        run = new RunContext(history.startRun(request), new RunReport(request),
                RunWords.ofFolder(NarrativeLibrary.scan(null), 2026, HubProperties.MissingWords.HOLD));
        ElementTables none = new ElementTables(2026, Map.of(), Map.of());
        run.setElements(none, none);
    }

    private List<Map<String, Object>> tasks() {
        return hub.queryForList("SELECT stage, status, error, detail FROM task WHERE run_id = ? ORDER BY id", run.runId());
    }

    @Test
    void eachStageEnteredClosesTheOneBefore() {
        AgencyWork work = journey.begin(Map.of("agency_code", " 900001 ", "row_count", 1L, "padded", 1), run);
        journey.enter(work, Stage.MODEL, run);
        journey.enter(work, Stage.VALIDATE, run);

        assertThat(work.agency()).isEqualTo("900001");
        assertThat(tasks()).extracting(t -> t.get("stage") + ":" + t.get("status"))
                .containsExactly("ingest:DONE", "model:DONE", "validate:RUNNING");
        assertThat(run.report().warnings()).singleElement().satisfies(w -> assertThat(w).contains("前后有空白"));
    }

    @Test
    void aFinishedStageKeepsHowLongItTookAndTheRunNamesTheAgencyAtWork() throws InterruptedException {
        AgencyWork work = journey.begin(Map.of("agency_code", "900001"), run);
        journey.enter(work, Stage.MODEL, run);
        Thread.sleep(30);
        journey.enter(work, Stage.VALIDATE, run);

        Map<String, Object> model = hub.queryForMap("SELECT duration_ms, started_at, finished_at FROM task WHERE run_id = ? AND stage = 'model'",
                run.runId());
        long between = ((java.sql.Timestamp) model.get("finished_at")).getTime() - ((java.sql.Timestamp) model.get("started_at")).getTime();
        assertThat(((Number) model.get("duration_ms")).longValue()).isGreaterThanOrEqualTo(30).isEqualTo(between);
        assertThat(hub.queryForObject("SELECT current_agency FROM run WHERE id = ?", String.class, run.runId())).isEqualTo("900001");
    }

    @Test
    void aRunsStageTotalsAreItsTasksDurationsSummedFromItsFirstStart() throws InterruptedException {
        for (String code : List.of("900001", "900002")) {
            AgencyWork work = journey.begin(Map.of("agency_code", code), run);
            journey.enter(work, Stage.MODEL, run);
            Thread.sleep(15);
            journey.enter(work, Stage.VALIDATE, run);
        }

        RunHistory.StageTotals totals = history.stageTotals(run.runId());
        Long modelSum = hub.queryForObject("SELECT SUM(duration_ms) FROM task WHERE run_id = ? AND stage = 'model'", Long.class, run.runId());
        assertThat(totals.durationMs()).containsKeys(RunHistory.STAGES.toArray(String[]::new));
        assertThat(totals.durationMs().get("model")).isEqualTo(modelSum).isGreaterThanOrEqualTo(30);
        assertThat(totals.durationMs().get("render")).isZero();
        assertThat(totals.firstStarted()).isEqualTo(history.tasks(run.runId(), RunHistory.TaskFilter.ALL, 1, org.budgethub.web.Paged.MAX_SIZE).items().stream().map(RunHistory.Task::startedAt)
                .min(java.time.Instant::compareTo).orElseThrow());
    }

    @Test
    void aCodeListedTwiceIsReportedOnce() {
        journey.begin(Map.of("agency_code", "900001", "row_count", 2L, "padded", 0), run);

        assertThat(run.report().warnings()).singleElement().satisfies(w -> assertThat(w).contains("900001 出现 2 次"));
    }

    @Test
    void aDataErrorFailsTheAgencyAtTheStageItNamesWithItsFindings() {
        AgencyWork work = journey.begin(Map.of("agency_code", "900001"), run);
        journey.enter(work, Stage.MODEL, run);
        journey.enter(work, Stage.VALIDATE, run);
        Finding fatal = new Finding(Finding.Severity.FATAL, "input.narrative-missing", "缺少说明", "说明", List.of());

        journey.failed(work, new DataError(Stage.VALIDATE, "input.narrative-missing: 缺少说明", List.of(fatal)), run, null);

        assertThat(run.report().failed()).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("validate");
            assertThat(f.reason()).isEqualTo("input.narrative-missing: 缺少说明");
            assertThat(f.findings()).containsExactly(fatal);
        });
        assertThat(tasks()).last().satisfies(t -> assertThat(t).containsEntry("status", "FAILED").containsEntry("stage", "validate"));
    }

    @Test
    void aDatabaseErrorIsExplainedAndNamesTheFinanceDatabase() {
        AgencyWork work = journey.begin(Map.of("agency_code", "900001"), run);

        journey.failed(work, new SQLException("read", "08006", new java.net.SocketTimeoutException("Read timed out")), run, null);

        assertThat(run.report().failed()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("财政数据库在 2 秒内无响应（jdbc:postgresql://db/finance）"));
        assertThat(tasks()).singleElement().satisfies(t -> assertThat(t).containsEntry("stage", "ingest").containsEntry("status", "FAILED"));
    }

    @Test
    void anAgencyCutOffByTheHubStoppingIsInterruptedNotFailed() {
        AgencyWork work = journey.begin(Map.of("agency_code", "900001"), run);
        stopping.set(true);

        journey.failed(work, new RuntimeException("stopping"), run, null);

        assertThat(run.report().failed()).isEmpty();
        assertThat(tasks()).singleElement().satisfies(t -> assertThat(t).containsEntry("status", "INTERRUPTED"));
    }

    @Test
    void anUnsafeCodeNeverBecomesAWorkItemAndIsReportedByItsRow() {
        Map<String, Object> row = Map.of("agency_code", "../etc");
        try {
            journey.begin(row, run);
        } catch (DataError e) {
            journey.failed(null, e, run, row);
        }

        assertThat(run.report().failed()).singleElement().satisfies(f -> {
            assertThat(f.agency()).isEqualTo("../etc");
            assertThat(f.reason()).contains("不能用作文件夹名");
        });
        assertThat(tasks()).isEmpty();
    }
}
