package org.budgethub.run.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.budgethub.run.RunHistory;
import org.budgethub.run.RunStatus;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.support.CountingDataSource;
import org.budgethub.support.FinanceDatabase;

/**
 * The incremental nightly sync on real PostgreSQL (finance and hub databases): department 101 with
 * its units 101001 and 101023. A full run builds everything; a night with no change reads no agency;
 * a changed ledger amount, a soft delete, a project's text, a narrative, an element table or a row
 * committed within the settle window rebuild exactly the agencies they belong to (and their
 * department, but not for a unit's own narrative); {@code full} rebuilds all. The tests run in order,
 * each on the record the one before left.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=with-parents",
        "hub.publish.review=none",
        "hub.publish.mode=local",
        "hub.publish.dir=target/incremental-sync-test/packages",
        "hub.cms.embedded.enabled=false",
        "hub.metrics.enabled=false"})
@Import(CountingDataSource.Config.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalSyncIT {

    private static final Path WORK = Path.of("target/incremental-sync-test").toAbsolutePath();
    private static final Path NARRATIVES = WORK.resolve("narratives");
    private static final AtomicInteger STAMPS = new AtomicInteger();
    private static FinanceDatabase finance;
    private static LocalDateTime stampBase;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    org.budgethub.run.RunHistory history;

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) throws IOException {
        org.springframework.util.FileSystemUtils.deleteRecursively(WORK);
        Files.createDirectories(NARRATIVES);
        for (String agency : List.of("101", "101001", "101023")) {
            Files.copy(Path.of("config/narratives/" + agency + "-2026.yaml"), NARRATIVES.resolve(agency + "-2026.yaml"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        finance = FinanceDatabase.create("demo/seed-unit.sql", "demo/finance-demo-department.sql");
        // No row of the extract is stamped in the future of the database's clock, whatever the machine's date.
        for (String table : List.of("bgt_appropriation", "bgt_ledger", "bgt_procurement")) {
            finance.sql("UPDATE " + table + " SET update_time = LOCALTIMESTAMP - INTERVAL '2 days' "
                    + "WHERE update_time > LOCALTIMESTAMP - INTERVAL '2 days';");
        }
        stampBase = financeSql().queryForObject("SELECT LOCALTIMESTAMP - INTERVAL '1 hour'", LocalDateTime.class);
        registry.add("hub.finance.url", finance::jdbcUrl);
        registry.add("hub.finance.user", () -> "postgres");
        registry.add("hub.finance.password", () -> "postgres");
        registry.add("hub.narratives.dir", NARRATIVES::toString);
        registry.add("spring.datasource.url", FinanceDatabase.empty()::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    private static JdbcTemplate financeSql() {
        return new JdbcTemplate(finance.dataSource());
    }

    /** A time after every earlier stamp, an hour behind the finance database's clock: outside the settle window. */
    private static Timestamp stamp() {
        return Timestamp.valueOf(stampBase.plusSeconds(STAMPS.incrementAndGet()));
    }

    private RunReport night() {
        CountingDataSource.reset();
        return producer.requestBody("direct:run", RunRequest.allAgencies(2026, RunRequest.SCHEDULE), RunReport.class);
    }

    /** The agencies whose journey the run took: built, unchanged or failed, but read. */
    private static TreeSet<String> journeys(RunReport report) {
        TreeSet<String> codes = new TreeSet<>();
        report.exported().forEach(e -> codes.add(e.agency()));
        report.failed().forEach(f -> codes.add(f.agency()));
        return codes;
    }

    /** Statements that read agencies' finance rows (the batch queries bind their codes as an array). */
    private static long agencyQueries() {
        return CountingDataSource.count(sql -> sql.contains("ANY("));
    }

    private List<String> taskAgencies(long runId) {
        return hub.queryForList("SELECT DISTINCT agency_code FROM task WHERE run_id = ? ORDER BY agency_code", String.class, runId);
    }

    private long lastRunId() {
        return hub.queryForObject("SELECT MAX(id) FROM run", Long.class);
    }

    @Test
    @Order(1)
    void theFirstRunBuildsEveryAgencyAndRecordsTheWatermark() {
        RunReport report = night();

        assertThat(report.failed()).isEmpty();
        assertThat(journeys(report)).containsExactly("101", "101001", "101023");
        assertThat(report.counts()).endsWith("，未变化（来源数据无改动，已跳过）0 个");
        assertThat(hub.queryForList("SELECT agency_code, kind, status FROM sync_agency WHERE fiscal_year = 2026 ORDER BY agency_code"))
                .extracting(r -> r.get("agency_code") + "/" + r.get("kind") + "/" + r.get("status"))
                .containsExactly("101/department/BUILT", "101001/unit/BUILT", "101023/unit/BUILT");
        Map<String, Object> year = hub.queryForMap("SELECT watermark, latest_seen FROM sync_watermark WHERE fiscal_year = 2026");
        assertThat(year.get("watermark")).as("the latest update_time seen, well before the settle window").isEqualTo(year.get("latest_seen"));
    }

    @Test
    @Order(2)
    void anUnchangedNightReadsNoAgencyAndSaysHowManyItSkipped() {
        RunReport report = night();

        assertThat(journeys(report)).isEmpty();
        assertThat(report.skipped()).isEqualTo(3);
        assertThat(report.summary()).contains("未变化（来源数据无改动，已跳过）3 个");
        assertThat(agencyQueries()).as("no per-agency query: " + CountingDataSource.statements()).isZero();
        long run = lastRunId();
        assertThat(taskAgencies(run)).isEmpty();
        assertThat(hub.queryForMap("SELECT status, skipped_unchanged, total FROM run WHERE id = ?", run))
                .containsEntry("status", RunStatus.SUCCEEDED.name()).containsEntry("skipped_unchanged", 3).containsEntry("total", 0);
        // What the API and the run page show: the skipped agencies are the run's unchanged, not 0.
        assertThat(history.run(run).orElseThrow().unchanged()).isEqualTo(3);
    }

    @Test
    @Order(3)
    void aChangedLedgerAmountRebuildsThatUnitAndItsDepartmentOnly() {
        String entry = financeSql().queryForObject("SELECT l.entry_id FROM bgt_ledger l JOIN bgt_appropriation a ON a.bgt_id = l.bgt_id "
                + "WHERE a.agency_code = '101023' AND a.fiscal_year = 2026 AND l.stage = 'INITIAL' AND NOT a.is_deleted "
                + "ORDER BY l.entry_id LIMIT 1", String.class);
        financeSql().update("UPDATE bgt_ledger SET amount = amount + 0.01, update_time = ? WHERE entry_id = ?", stamp(), entry);

        RunReport report = night();

        assertThat(journeys(report)).containsExactly("101", "101023");
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(taskAgencies(lastRunId())).containsExactly("101", "101023");
        assertThat(agencyQueries()).as("one batch of units, one of departments: six tables each, one department-units query")
                .isEqualTo(13);

        assertThat(journeys(night())).as("the change was seen: the next night skips it").isEmpty();
    }

    @Test
    @Order(4)
    void aSoftDeletedAppropriationRebuildsItsUnit() {
        String appropriation = financeSql().queryForObject("SELECT bgt_id FROM bgt_appropriation WHERE agency_code = '101001' "
                + "AND fiscal_year = 2026 AND NOT is_deleted ORDER BY bgt_id DESC LIMIT 1", String.class);
        financeSql().update("UPDATE bgt_appropriation SET is_deleted = TRUE, update_time = ? WHERE bgt_id = ?", stamp(), appropriation);

        RunReport deleted = night();
        financeSql().update("UPDATE bgt_appropriation SET is_deleted = FALSE, update_time = ? WHERE bgt_id = ?", stamp(), appropriation);
        RunReport restored = night();

        assertThat(journeys(deleted)).containsExactly("101", "101001");
        assertThat(journeys(restored)).containsExactly("101", "101001");
        assertThat(journeys(night())).isEmpty();
    }

    @Test
    @Order(5)
    void aChangeToATableWithoutUpdateTimeIsFoundByItsContent() {
        financeSql().update("UPDATE bgt_project SET perf_goal = perf_goal || '（修订）' WHERE fiscal_year = 2026 AND pro_code = ?",
                "500105-101001-P0001");

        assertThat(journeys(night())).containsExactly("101", "101001");
        assertThat(journeys(night())).isEmpty();
    }

    @Test
    @Order(6)
    void aNarrativeEditRebuildsThatAgencyAlone() throws IOException {
        Path file = NARRATIVES.resolve("101001-2026.yaml");
        Files.writeString(file, Files.readString(file).replace("phone: 023-67000001", "phone: 023-67000002"));

        RunReport report = night();

        assertThat(journeys(report)).as("a unit's 说明 is not its department's").containsExactly("101001");
        assertThat(journeys(night())).isEmpty();
    }

    @Test
    @Order(7)
    void aChangedElementTableRebuildsEveryAgencyOfTheYear() {
        financeSql().update("UPDATE ele_exp_func SET name = name || '（调整）' WHERE fiscal_year = 2026 AND code = '201'");

        assertThat(journeys(night())).containsExactly("101", "101001", "101023");
        assertThat(journeys(night())).isEmpty();
    }

    @Test
    @Order(8)
    void aFullRunRebuildsEveryAgency() {
        CountingDataSource.reset();
        RunReport report = producer.requestBody("direct:run", RunRequest.allAgencies(2026, "test").withFull(true), RunReport.class);

        assertThat(journeys(report)).containsExactly("101", "101001", "101023");
        assertThat(report.incremental()).isFalse();
        assertThat(report.counts()).doesNotContain("已跳过");
        assertThat(journeys(night())).as("a full run keeps the record too").isEmpty();
    }

    @Test
    @Order(9)
    void aRowStampedWithinTheSettleWindowIsReadAgainTheNextNight() {
        // Stamped now: a transaction still open at plan time could commit rows stamped this late, so
        // the watermark stays hub.run.incremental.settle behind the finance clock and the next night looks again.
        String entry = financeSql().queryForObject("SELECT l.entry_id FROM bgt_ledger l JOIN bgt_appropriation a ON a.bgt_id = l.bgt_id "
                + "WHERE a.agency_code = '101001' AND a.fiscal_year = 2026 AND l.stage = 'INITIAL' ORDER BY l.entry_id LIMIT 1", String.class);
        financeSql().update("UPDATE bgt_ledger SET amount = amount + 0.01, update_time = LOCALTIMESTAMP WHERE entry_id = ?", entry);

        assertThat(journeys(night())).containsExactly("101", "101001");
        assertThat(journeys(night())).as("still newer than the last plan's watermark, the finance clock less the settle window")
                .containsExactly("101", "101001");
        assertThat(hub.queryForObject("SELECT watermark FROM sync_watermark WHERE fiscal_year = 2026", LocalDateTime.class))
                .isBefore(financeSql().queryForObject("SELECT LOCALTIMESTAMP - INTERVAL '9 minutes'", LocalDateTime.class));

        // The window passes (here: the row's stamp moves back behind the watermark, nothing else changes): left alone.
        financeSql().update("UPDATE bgt_ledger SET update_time = ? WHERE entry_id = ?", stamp(), entry);
        assertThat(journeys(night())).isEmpty();
    }

    @Test
    @Order(10)
    void aHardDeletedRowIsFoundByTheCounts() {
        // A hard delete moves no update_time: the agency's row count and sums say it.
        financeSql().update("DELETE FROM bgt_procurement WHERE fiscal_year = 2026 AND agency_code = '101001' AND item_code = 'CG-101001-03'");

        assertThat(journeys(night())).containsExactly("101", "101001");
        assertThat(journeys(night())).isEmpty();
    }

}
