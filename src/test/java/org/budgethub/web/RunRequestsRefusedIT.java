package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Requests the hub cannot honour are refused at the door, with a reason, and start nothing: an
 * agency or a year the finance system does not hold (400), a run identical to one already queued
 * or running (409, pointing at it).
 */
class RunRequestsRefusedIT extends ConsoleTestSupport {

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    ObjectMapper json;

    MockMvc mvc;

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    private static RequestPostProcessor operator() {
        return user("o-user").roles("VIEWER", "OPERATOR");
    }

    private long runCount() {
        Long n = hub.queryForObject("SELECT COUNT(*) FROM run", Long.class);
        return n == null ? 0 : n;
    }

    private MvcResult postRun(String body) throws Exception {
        return mvc.perform(post("/api/runs").with(operator()).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
    }

    private Map<?, ?> body(MvcResult result) throws Exception {
        return json.readValue(result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8), Map.class);
    }

    @Test
    void anUnknownAgencyOrAYearOutsideTheDataIsRefusedWith400AndAReason() throws Exception {
        long before = runCount();

        MvcResult agency = postRun("{\"year\": 2026, \"scope\": \"agency\", \"agency\": \"999999\"}");
        assertThat(agency.getResponse().getStatus()).isEqualTo(400);
        assertThat(agency.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat((String) body(agency).get("detail")).contains("999999").contains("2026");
        assertThat(body(agency).get("type")).isEqualTo("urn:budgethub:problem:unknown-agency");

        MvcResult year = postRun("{\"year\": 1999, \"scope\": \"all\"}");
        assertThat(year.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) body(year).get("detail")).contains("1999");
        assertThat(body(year).get("type")).isEqualTo("urn:budgethub:problem:year-without-data");

        MvcResult scope = postRun("{\"year\": 2026, \"scope\": \"everything\"}");
        assertThat(scope.getResponse().getStatus()).isEqualTo(400);

        MvcResult unreadable = postRun("{\"year\": \"next\"}");
        assertThat(unreadable.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) body(unreadable).get("detail")).contains("year");

        assertThat(runCount()).as("nothing was started").isEqualTo(before);
        // 1999 never became a year the console offers
        String dashboard = mvc.perform(get("/console").with(operator()).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(dashboard).contains("<option value=\"2026\"").doesNotContain("<option value=\"1999\"");
    }

    @Test
    void aRunIdenticalToOneQueuedOrRunningIsRefusedWith409PointingAtIt() throws Exception {
        // One agency no other test of this shared context runs, so their packages stay as they expect.
        String same = "{\"year\": 2026, \"scope\": \"agency\", \"agency\": \"101031\"}";
        MvcResult first = postRun(same);
        assertThat(first.getResponse().getStatus()).isEqualTo(202);
        long id = ((Number) body(first).get("id")).longValue();

        MvcResult second = postRun(same);
        try {
            assertThat(second.getResponse().getStatus()).isEqualTo(409);
            Map<?, ?> refusal = body(second);
            assertThat(((Number) refusal.get("run")).longValue()).isEqualTo(id);
            assertThat((String) refusal.get("href")).as("the run's console page").isEqualTo("/console/runs/" + id);
            assertThat((String) refusal.get("detail")).contains("#" + id);
            assertThat(refusal.get("type")).isEqualTo("urn:budgethub:problem:duplicate-run");
        } finally {
            awaitFinished(id);
        }
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM run WHERE id > ?", Long.class, id))
                .as("the refused request started no run").isZero();
    }

    @Test
    void anUnknownAgencyIs404AndAnUnknownYear400InTheApiToo() throws Exception {
        MvcResult agency = mvc.perform(get("/api/agencies/999999").param("year", "2026").with(operator())).andReturn();
        assertThat(agency.getResponse().getStatus()).isEqualTo(404);
        assertThat((String) body(agency).get("detail")).contains("999999");
        MvcResult year = mvc.perform(get("/api/agencies/101023").param("year", "1999").with(operator())).andReturn();
        assertThat(year.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) body(year).get("detail")).contains("1999");
        assertThat(mvc.perform(get("/api/agencies/101023").param("year", "2026").with(operator())).andReturn()
                .getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void theApiDescriptionHasItsTitleSecuritySchemeStatusCodesAndSchemas() throws Exception {
        com.fasterxml.jackson.databind.JsonNode api = json.readTree(mvc.perform(get("/v3/api-docs").with(operator())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(api.at("/info/title").asText()).contains("预算公开集成中枢");
        assertThat(api.at("/components/securitySchemes/basicAuth/type").asText()).isEqualTo("http");
        assertThat(api.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
        assertThat(api.at("/security/0").has("basicAuth")).as("every operation needs it, so Swagger's Authorize applies").isTrue();

        com.fasterxml.jackson.databind.JsonNode startRun = api.get("paths").get("/api/runs").get("post").get("responses");
        assertThat(startRun.has("202") && startRun.has("400") && startRun.has("403") && startRun.has("409")).isTrue();
        assertThat(api.at("/components/schemas/TaskView/properties/findings/type").asText())
                .as("findings are a JSON list, not a string").isEqualTo("array");
        assertThat(api.at("/components/schemas/Problem/properties/detail").isMissingNode()).isFalse();
        assertThat(startRun.at("/409/content/application~1problem+json/schema/$ref").asText()).endsWith("/Problem");
        assertThat(api.at("/components/schemas/RunView/properties/newVersions").isMissingNode()).isFalse();
    }

    private void awaitFinished(long id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            String s = hub.queryForObject("SELECT status FROM run WHERE id = ?", String.class, id);
            if (!"RUNNING".equals(s) && !"QUEUED".equals(s)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run #" + id + " did not finish within 120 s");
    }
}
