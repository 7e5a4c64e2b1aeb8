package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import org.budgethub.security.Users;

/**
 * Every kind of refusal of the API, through the real filter chain and advice: each answers
 * {@code application/problem+json} with its {@code type}, a Chinese {@code title} and
 * {@code detail}, and {@code run} and {@code href} where the console has more. The console's own
 * pages keep their HTML answers.
 */
class ApiRefusalsIT extends ConsoleTestSupport {

    private static final String PASSWORD = "refusals-secret-1";

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    ObjectMapper json;

    @Autowired
    Users users;

    @LocalServerPort
    int port;

    MockMvc mvc;

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    private static RequestPostProcessor viewer() {
        return user("v-refused").roles("VIEWER");
    }

    private static RequestPostProcessor operator() {
        return user("o-refused").roles("VIEWER", "OPERATOR");
    }

    private static RequestPostProcessor reviewer() {
        return user("r-refused").roles("VIEWER", "OPERATOR", "REVIEWER");
    }

    private static MockHttpServletRequestBuilder startRun(String body) {
        return post("/api/runs").with(operator()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** The answer is a problem of {@code type} with {@code status}, and words a person reads. */
    private JsonNode problem(MockHttpServletRequestBuilder request, int status, String type) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        return checked(response.getContentType(), body, status, type);
    }

    private JsonNode checked(String contentType, String body, int status, String type) throws Exception {
        assertThat(contentType).as(body).startsWith("application/problem+json");
        JsonNode problem = json.readTree(body);
        assertThat(problem.path("type").asText()).as(body).isEqualTo("urn:budgethub:problem:" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).as(body).matches(".*\\p{IsHan}.*");
        assertThat(problem.path("detail").asText()).as(body).matches(".*\\p{IsHan}.*");
        assertThat(problem.has("error")).as("the old shape is gone").isFalse();
        assertThat(body).doesNotContain("Exception").doesNotContain("org.budgethub").doesNotContain("org.springframework");
        return problem;
    }

    private long run(String status, String agency) {
        Timestamp now = Timestamp.from(Instant.now());
        hub.update("INSERT INTO run (fiscal_year, scope, agency_code, forced, triggered_by, owner, status, total, done, started_at, updated_at) "
                + "VALUES (2026, 'AGENCY', ?, FALSE, 'refusals-test', 'elsewhere', ?, 1, 0, ?, ?)", agency, status, now, now);
        return hub.queryForObject("SELECT MAX(id) FROM run WHERE triggered_by = 'refusals-test'", Long.class);
    }

    /** The runs made up here go again: the other tests of this context count and read runs. */
    private void removeRuns() {
        hub.update("DELETE FROM run WHERE triggered_by = 'refusals-test'");
    }

    // ---------------------------------------------------------------- the hub's own

    @Test
    void aRunForAYearWithoutDataIs400WithAChineseDetail() throws Exception {
        JsonNode year = problem(startRun("{\"year\": 1999, \"scope\": \"all\"}"), 400, "year-without-data");
        assertThat(year.path("detail").asText()).contains("1999");
        assertThat(year.path("title").asText()).isEqualTo("该年度没有数据");
        assertThat(year.path("instance").asText()).isEqualTo("/api/runs");

        assertThat(problem(startRun("{\"year\": 2026, \"scope\": \"agency\", \"agency\": \"999999\"}"), 400, "unknown-agency")
                .path("detail").asText()).contains("999999");
        problem(startRun("{\"year\": 2026, \"scope\": \"everything\"}"), 400, "invalid-parameter");
        problem(startRun("{\"year\": 0}"), 400, "invalid-parameter");
        problem(startRun("{\"year\": 2026, \"scope\": \"agency\", \"agency\": \"bad~code\"}"), 400, "invalid-parameter");
        problem(startRun("{\"scope\": \"all\"}"), 400, "missing-parameter");
        problem(startRun("{\"year\": 2026, \"scope\": \"agency\"}"), 400, "missing-parameter");

        assertThat(problem(get("/api/agencies/999999").param("year", "2026").with(viewer()), 404, "unknown-agency")
                .path("detail").asText()).contains("999999");
        problem(get("/api/agencies/101023").param("year", "1999").with(viewer()), 400, "year-without-data");
        problem(get("/api/reviews").param("year", "0").with(viewer()), 400, "invalid-parameter");
        problem(get("/api/audit").param("limit", "0").with(user("a-refused").roles("VIEWER", "ADMIN")), 400, "invalid-parameter");
    }

    @Test
    void unknownRunsAndVersionsAre404() throws Exception {
        assertThat(problem(get("/api/runs/987654321").with(viewer()), 404, "unknown-run").path("detail").asText())
                .isEqualTo("没有运行 #987654321");
        problem(get("/api/runs/987654321/tasks").with(viewer()), 404, "unknown-run");
        problem(post("/api/runs/987654321/resume").with(operator()).with(csrf()), 404, "unknown-run");

        JsonNode version = problem(post("/api/reviews/2026/999999/approve").with(reviewer()).with(csrf()), 404, "version-not-found");
        assertThat(version.path("href").asText()).isEqualTo("/console/reviews?year=2026");
        problem(post("/api/reviews/2026/999999/approve-department").with(reviewer()).with(csrf()), 404, "version-not-found");
        JsonNode withdraw = problem(post("/api/packages/2026/999999/withdraw").with(reviewer()).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"测试\"}"), 404, "version-not-found");
        assertThat(withdraw.path("href").asText()).isEqualTo("/console/agencies/999999?year=2026");
        problem(post("/api/reviews/2026/101023/reject").with(reviewer()).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \" \"}"), 400, "reason-required");
    }

    @Test
    void conflictsNameTheRunAndItsConsolePage() throws Exception {
        long running = run("RUNNING", "101031");
        try {
            JsonNode duplicate = problem(startRun("{\"year\": 2026, \"scope\": \"agency\", \"agency\": \"101031\"}"), 409, "duplicate-run");
            assertThat(duplicate.path("run").asLong()).isEqualTo(running);
            assertThat(duplicate.path("href").asText()).isEqualTo("/console/runs/" + running);
            assertThat(duplicate.path("detail").asText()).contains("#" + running);
        } finally {
            removeRuns();
        }

        long finished = run("SUCCEEDED", "101031");
        try {
            JsonNode resume = problem(post("/api/runs/" + finished + "/resume").with(operator()).with(csrf()), 409, "run-not-resumable");
            assertThat(resume.path("run").asLong()).isEqualTo(finished);
            assertThat(resume.path("href").asText()).isEqualTo("/console/runs/" + finished);
            assertThat(resume.path("detail").asText()).contains("INTERRUPTED");
        } finally {
            removeRuns();
        }
    }

    // ---------------------------------------------------------------- Spring MVC's

    @Test
    void springMvcsRefusalsAreProblemsInChinese() throws Exception {
        problem(startRun("{\"year\": "), 400, "malformed-body");
        assertThat(problem(startRun("{\"year\": \"next\"}"), 400, "malformed-body").path("detail").asText()).contains("year");
        assertThat(problem(get("/api/runs/abc").with(viewer()), 400, "invalid-parameter").path("detail").asText())
                .isEqualTo("参数 id 的值无法识别：abc（须为整数）");
        assertThat(problem(get("/api/agencies").with(viewer()), 400, "missing-parameter").path("detail").asText()).contains("year");
        problem(get("/api/agencies/101023/packages").param("year", "soon").with(viewer()), 400, "invalid-parameter");

        MockHttpServletResponse method = mvc.perform(delete("/api/runs").with(operator()).with(csrf())).andReturn().getResponse();
        assertThat(method.getStatus()).isEqualTo(405);
        assertThat(method.getHeader("Allow")).contains("GET").contains("POST");
        checked(method.getContentType(), method.getContentAsString(StandardCharsets.UTF_8), 405, "method-not-allowed");

        problem(post("/api/runs").with(operator()).with(csrf()).contentType(MediaType.TEXT_PLAIN).content("year=2026"), 415,
                "unsupported-media-type");
        problem(get("/api/runs").with(viewer()).accept(MediaType.valueOf("text/csv")), 406, "not-acceptable");
        assertThat(problem(get("/api/no-such-thing").with(viewer()), 404, "no-such-endpoint").path("detail").asText())
                .contains("/api/no-such-thing");
        // Refused by the firewall before Spring MVC: the same shape.
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> rejected = http.send(HttpRequest.newBuilder(uri("/api//runs")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rejected.statusCode()).isEqualTo(400);
        checked(rejected.headers().firstValue("Content-Type").orElse(""), rejected.body(), 400, "rejected-url");
        HttpResponse<String> console = http.send(HttpRequest.newBuilder(uri("/console//runs")).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(400);
        assertThat(console.headers().firstValue("Content-Type").orElse("")).as("the console's page").startsWith("text/html");
        // A browser asking for a page still gets the API's answer under /api.
        problem(get("/api/no-such-thing").with(viewer()).accept(MediaType.TEXT_HTML), 404, "no-such-endpoint");
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternals() throws Exception {
        // A task row whose status no longer exists: reading it fails inside the hub, not in the request.
        long broken = run("FAILED", "101023");
        Timestamp now = Timestamp.from(Instant.now());
        hub.update("INSERT INTO task (run_id, agency_code, stage, status, started_at) VALUES (?, '101023', 'ingest', 'BOGUS', ?)", broken, now);
        try {
            JsonNode internal = problem(get("/api/runs/" + broken + "/tasks").with(viewer()), 500, "internal-error");
            assertThat(internal.path("detail").asText()).isEqualTo("中枢内部错误，详情已写入日志");
            assertThat(internal.toString()).doesNotContain("BOGUS").doesNotContain("TaskStatus").doesNotContain("trace");
        } finally {
            hub.update("DELETE FROM task WHERE run_id = ?", broken);
            removeRuns();
        }
    }

    // ---------------------------------------------------------------- Spring Security's

    @Test
    void notLoggedInIs401PointingAtTheLoginPage() throws Exception {
        users.create("api-refused", PASSWORD, "VIEWER");
        HttpClient http = HttpClient.newHttpClient();
        for (String accept : new String[] {"application/json", "*/*", "text/html"}) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/runs")).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(accept).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            JsonNode problem = checked(anonymous.headers().firstValue("Content-Type").orElse(""), anonymous.body(), 401, "unauthenticated");
            assertThat(problem.path("href").asText()).isEqualTo("/login");
            assertThat(problem.path("detail").asText()).startsWith("需要登录");
        }
        // The console's script: no Basic challenge, so the browser shows no password dialog of its own.
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(uri("/api/runs/1")).header("Accept", "application/json")
                .header("X-Requested-With", "XMLHttpRequest").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(checked(script.headers().firstValue("Content-Type").orElse(""), script.body(), 401, "unauthenticated")
                .path("detail").asText()).isEqualTo("控制台会话已结束或尚未登录，请重新登录");
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri("/api/runs")).header("Authorization", basic("api-refused", "wrong-one-1"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(checked(wrong.headers().firstValue("Content-Type").orElse(""), wrong.body(), 401, "unauthenticated")
                .path("detail").asText()).isEqualTo("用户名或密码不正确，或账号已停用：请检查后重试；忘记密码请联系管理员重设");
        assertThat(http.send(HttpRequest.newBuilder(uri("/api/runs")).header("Authorization", basic("api-refused", PASSWORD)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        // The console's pages still send a browser to the login form.
        for (String accept : new String[] {"text/html", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}) {
            HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(uri("/console")).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(accept).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }

    @Test
    void aRoleTooSmallOrAMissingCsrfTokenIs403() throws Exception {
        JsonNode role = problem(post("/api/runs").with(viewer()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"year\": 2026, \"scope\": \"all\"}"), 403, "forbidden");
        assertThat(role.path("detail").asText()).contains("POST /api/runs");
        problem(post("/api/reviews/2026/101023/approve").with(operator()).with(csrf()), 403, "forbidden");
        problem(get("/api/audit").with(viewer()), 403, "forbidden");
        problem(post("/api/runs").with(operator()).contentType(MediaType.APPLICATION_JSON).content("{\"year\": 2026}"), 403, "csrf");
        // Through HTTP Basic the viewer's refusal reads the same.
        users.create("api-viewer", PASSWORD, "VIEWER");
        problem(post("/api/runs").with(httpBasic("api-viewer", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"year\": 2026}"), 403, "forbidden");

        // The console keeps its 403 page.
        MockHttpServletResponse page = mvc.perform(post("/console/runs").with(viewer()).with(csrf()).param("year", "2026")
                .accept(MediaType.TEXT_HTML)).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(403);
        assertThat(String.valueOf(page.getContentType())).doesNotContain("problem");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
