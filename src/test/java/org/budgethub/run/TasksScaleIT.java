package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * A city's run without running one: 20,000 agencies × 5 stages (100,000 tasks, each validate task with
 * a kilobyte of findings) written straight into the hub's database, then the tasks API, the run page,
 * the dashboard, the grid and the agencies API must answer with true totals and at most 512 KB each.
 * Failsafe runs *ScaleIT in its own JVM with a 256 MB heap (pom.xml): a page that loads every task of
 * the run, or every agency's tasks, runs out of memory there instead of passing.
 */
@SpringBootTest(properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=local",
        "hub.publish.dir=target/tasks-scale-test/packages",
        "hub.cms.embedded.enabled=false",
        "hub.schedule.enabled=false",
        "hub.console.initial-passwords-file=target/tasks-scale-test/initial-passwords.txt",
        "hub.run.departments=none",
        "hub.publish.review=none",
        "hub.console.demo-users=false",
        "spring.datasource.url=jdbc:h2:mem:tasks-scale-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksScaleIT {

    private static final int YEAR = 2031;
    private static final int AGENCIES = 20_000;
    /** Every 100th agency is held back at validation. */
    private static final int HELD = AGENCIES / 100;
    private static final int BOUND = 512 * 1024;
    private static final String FINDING = "{\"severity\":\"WARN\",\"rule\":\"scale.padding\",\"message\":\"" + "说明".repeat(150)
            + "\",\"location\":\"表一\",\"rows\":[]}";

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    RunHistory history;

    MockMvc mvc;
    long runId;

    @BeforeAll
    void aCitysRun() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        runId = history.startRun(RunRequest.allAgencies(YEAR, "schedule"));
        Timestamp at = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>();
        for (int a = 0; a < AGENCIES; a++) {
            String code = String.format("9%05d", a);
            boolean held = a % 100 == 0;
            for (String stage : RunHistory.STAGES) {
                boolean validate = "validate".equals(stage);
                TaskStatus status = held && validate ? TaskStatus.FAILED : TaskStatus.DONE;
                String outcome = held && validate ? AgencyOutcome.HELD_BACK.name() : "publish".equals(stage) ? AgencyOutcome.NEW_VERSION.name() : null;
                if (held && ("render".equals(stage) || "publish".equals(stage))) {
                    continue;
                }
                rows.add(new Object[] {runId, code, stage, status.name(), validate ? "[" + FINDING + "]" : null, outcome, at, at, 5L});
            }
            if (rows.size() >= 2_000) {
                insert(rows);
            }
        }
        insert(rows);
        hub.update("UPDATE run SET status = ?, total = ?, done = ?, exported = ?, failed = ?, held_back = ?, new_versions = ?, finished_at = ? "
                + "WHERE id = ?", RunStatus.HELD_BACK.name(), AGENCIES, AGENCIES, AGENCIES - HELD, HELD, HELD, AGENCIES - HELD, at, runId);
    }

    private void insert(List<Object[]> rows) {
        hub.batchUpdate("INSERT INTO task (run_id, agency_code, stage, status, findings, outcome, started_at, finished_at, duration_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        rows.clear();
    }

    private static final int TASKS = AGENCIES * 5 - HELD * 2;

    @Test
    void theTasksApiAnswersOnePageWithTheTrueTotal() throws Exception {
        JsonNode page = json(get("/api/runs/" + runId + "/tasks"));
        assertThat(page.path("total").asLong()).isEqualTo(TASKS);
        assertThat(page.path("items")).hasSize(20);
        assertThat(page.path("page").asInt()).isEqualTo(1);

        JsonNode most = json(get("/api/runs/" + runId + "/tasks").param("size", "100000").param("page", "3"));
        assertThat(most.path("size").asInt()).isEqualTo(50);
        assertThat(most.path("items")).hasSize(50);

        JsonNode held = json(get("/api/runs/" + runId + "/tasks").param("status", "FAILED"));
        assertThat(held.path("total").asLong()).isEqualTo(HELD);
        JsonNode one = json(get("/api/runs/" + runId + "/tasks").param("q", "912345").param("stage", "validate").param("findings", "true"));
        assertThat(one.path("total").asLong()).isEqualTo(1);
        assertThat(one.path("items").get(0).path("findings").get(0).path("severity").asText()).isEqualTo("WARN");

        JsonNode runs = json(get("/api/runs").param("year", String.valueOf(YEAR)));
        assertThat(runs.path("total").asLong()).isEqualTo(1);
        assertThat(runs.path("items").get(0).path("status").asText()).isEqualTo("HELD_BACK");
    }

    @Test
    void theRunPageShowsOnePageAndCountsInTheDatabase() throws Exception {
        String page = html(get("/console/runs/" + runId));
        assertThat(page).contains("共 " + TASKS + " 项任务，第 1 / " + ((TASKS + 49) / 50) + " 页").contains("下一页")
                .contains("完成，有暂缓");
        assertThat(html(get("/console/runs/" + runId).param("status", "FAILED"))).contains("共 " + HELD + " 项任务");
    }

    @Test
    void theDashboardGridAndAgenciesApiAreBounded() throws Exception {
        String dashboard = html(get("/console").param("year", String.valueOf(YEAR)));
        assertThat(dashboard).contains("失败或未通过校验 " + HELD + " 个").contains("有警告 " + AGENCIES + " 个")
                .contains("符合条件 " + AGENCIES + " 个");
        assertThat(html(get("/console").param("year", String.valueOf(YEAR)).param("status", "HELD_BACK"))).contains("符合条件 " + HELD + " 个");
        assertThat(html(get("/console/grid").param("year", String.valueOf(YEAR)))).contains("共 " + AGENCIES + " 个部门和单位");
        JsonNode agencies = json(get("/api/agencies").param("year", String.valueOf(YEAR)).param("size", "200"));
        assertThat(agencies.path("total").asLong()).isEqualTo(AGENCIES);
        assertThat(agencies.path("items")).hasSize(200);
    }

    private String body(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request.with(user("scale-admin").roles("VIEWER", "OPERATOR", "ADMIN"))).andExpect(status().isOk())
                .andReturn();
        byte[] bytes = result.getResponse().getContentAsByteArray();
        assertThat(bytes.length).as("%s answers at most 512 KB", result.getRequest().getRequestURI()).isLessThanOrEqualTo(BOUND);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return body(request);
    }

    private JsonNode json(MockHttpServletRequestBuilder request) throws Exception {
        return new ObjectMapper().readTree(body(request));
    }
}
