package org.budgethub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import org.budgethub.support.FinanceDatabase;
import org.budgethub.web.ApiRefusal;
import org.budgethub.web.ProblemType;

/**
 * The AUTHOR role over HTTP, through the real security filter chain on a real PostgreSQL hub
 * database and the demo's finance system: an admin scripts an author through the API, the author
 * reaches its own agency's words and nothing else (other agencies' words, the dashboard, runs,
 * reviews, the audit log), lands on its words after logging in, and the admin page shows and edits
 * its scope; every creation and scope change is audited.
 *
 * <p>The narratives API is built on another branch: {@link ScopeProbe}, a test-only endpoint under
 * {@code /api/narratives/**}, asks {@link AgencyScope} as every narrative endpoint does, so the
 * security rules and the scope are those the real API meets.
 */
@Import(AuthorScopeIT.ScopeProbe.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=local",
        "hub.publish.dir=target/author-scope-test/packages",
        "hub.cms.embedded.enabled=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=none",
        "hub.console.demo-users=false",
        "hub.console.initial-passwords-file=target/author-scope-test/initial-passwords.txt"})
class AuthorScopeIT {

    static final Path WORK = Path.of("target/author-scope-test").toAbsolutePath();
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    static final String ADMIN = "scope-admin";
    static final String ADMIN_PASSWORD = "Scope-boss-secret-1";
    static final String AUTHOR = "author-101023";
    static final String AUTHOR_PASSWORD = "author-secret-101023";

    /**
     * What each narrative endpoint does first: asks the scope, refusing with 403 (problem details)
     * outside it. Test-only (a nested class of a test is left out of the component scan; imported above).
     */
    @RestController
    static class ScopeProbe {

        private final AgencyScope scope;

        ScopeProbe(AgencyScope scope) {
            this.scope = scope;
        }

        @GetMapping("/api/narratives/{year}/{code}/scope-probe")
        Map<String, Object> read(@PathVariable int year, @PathVariable String code, Authentication user) {
            return answer(code, user);
        }

        @PutMapping("/api/narratives/{year}/{code}/scope-probe")
        Map<String, Object> write(@PathVariable int year, @PathVariable String code, Authentication user) {
            return answer(code, user);
        }

        private Map<String, Object> answer(String code, Authentication user) {
            if (!scope.permits(user, code)) {
                throw new ApiRefusal(ProblemType.FORBIDDEN, "单位 " + code + " 不在您的单位范围内");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", code);
            body.put("limitedTo", scope.limitedTo(user).map(List::copyOf).orElse(null));
            return body;
        }
    }

    @DynamicPropertySource
    static void hubDatabase(DynamicPropertyRegistry registry) {
        FileSystemUtils.deleteRecursively(WORK.toFile());
        FinanceDatabase hub = FinanceDatabase.empty();
        registry.add("spring.datasource.url", hub::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    Users users;

    @Autowired
    AuditLog audit;

    @LocalServerPort
    int port;

    final ObjectMapper json = new ObjectMapper();
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        users.create(ADMIN, ADMIN_PASSWORD, Role.ADMIN);
    }

    // ---------------------------------------------------------------- the API and what the author reaches

    @Test
    void anAuthorScriptedThroughTheApiReachesItsOwnWordsAndNothingElse() throws Exception {
        HttpResponse<String> created = send("POST", "/api/admin/users", ADMIN, ADMIN_PASSWORD,
                "{\"username\": \"" + AUTHOR + "\", \"password\": \"" + AUTHOR_PASSWORD + "\", \"roles\": [\"AUTHOR\"], \"agencies\": [\"101023\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/admin/users/" + AUTHOR);
        JsonNode user = json.readTree(created.body());
        assertThat(user.path("username").asText()).isEqualTo(AUTHOR);
        assertThat(user.path("roles").toString()).isEqualTo("[\"AUTHOR\"]");
        assertThat(user.path("roleLabel").asText()).isEqualTo("单位填报员");
        assertThat(user.path("agencies").toString()).isEqualTo("[\"101023\"]");
        assertThat(created.body()).doesNotContain(AUTHOR_PASSWORD);

        // A second run of the same script changes nothing: 409.
        HttpResponse<String> again = send("POST", "/api/admin/users", ADMIN, ADMIN_PASSWORD,
                "{\"username\": \"" + AUTHOR + "\", \"password\": \"other-password-1\", \"roles\": [\"AUTHOR\"], \"agencies\": [\"101031\"]}");
        problem(again, 409, ProblemType.USER_EXISTS);
        assertThat(users.agencies(AUTHOR)).containsExactly("101023");

        // Its own agency's words: read and written. Another agency's: 403, a problem in Chinese.
        JsonNode own = json.readTree(ok(send("GET", "/api/narratives/2026/101023/scope-probe", AUTHOR, AUTHOR_PASSWORD, null)).body());
        assertThat(own.path("limitedTo").toString()).isEqualTo("[\"101023\"]");
        ok(send("PUT", "/api/narratives/2026/101023/scope-probe", AUTHOR, AUTHOR_PASSWORD, "{}"));
        problem(send("GET", "/api/narratives/2026/101031/scope-probe", AUTHOR, AUTHOR_PASSWORD, null), 403, ProblemType.FORBIDDEN);
        problem(send("PUT", "/api/narratives/2026/101031/scope-probe", AUTHOR, AUTHOR_PASSWORD, "{}"), 403, ProblemType.FORBIDDEN);
        // Its department's words are not its own.
        problem(send("GET", "/api/narratives/2026/101/scope-probe", AUTHOR, AUTHOR_PASSWORD, null), 403, ProblemType.FORBIDDEN);

        // Nothing else of the API: runs, agencies, reviews, the audit log, users.
        for (String path : List.of("/api/runs", "/api/agencies?year=2026", "/api/reviews?year=2026", "/api/audit", "/api/admin/users")) {
            JsonNode refused = problem(send("GET", path, AUTHOR, AUTHOR_PASSWORD, null), 403, ProblemType.FORBIDDEN);
            assertThat(refused.path("detail").asText()).contains("单位填报员只能查看和填写分配给自己的单位的说明");
        }
        problem(send("POST", "/api/runs", AUTHOR, AUTHOR_PASSWORD, "{\"year\": 2026, \"scope\": \"all\"}"), 403, ProblemType.FORBIDDEN);
        problem(send("POST", "/api/admin/users", AUTHOR, AUTHOR_PASSWORD,
                "{\"username\": \"mallory\", \"password\": \"mallory-secret-1\", \"roles\": [\"ADMIN\"]}"), 403, ProblemType.FORBIDDEN);
        problem(send("PUT", "/api/admin/users/" + AUTHOR + "/agencies", AUTHOR, AUTHOR_PASSWORD, "[\"101031\"]"), 403, ProblemType.FORBIDDEN);
        assertThat(users.exists("mallory")).isFalse();

        // Every other role sees every agency's words; a viewer writes none, an operator any.
        users.create("scope-viewer", "Scope-reader-secret-1", Role.VIEWER);
        users.create("scope-operator", "Scope-runner-secret-1", Role.OPERATOR);
        JsonNode viewed = json.readTree(ok(send("GET", "/api/narratives/2026/101031/scope-probe", "scope-viewer", "Scope-reader-secret-1", null)).body());
        assertThat(viewed.path("limitedTo").isNull()).isTrue();
        problem(send("PUT", "/api/narratives/2026/101031/scope-probe", "scope-viewer", "Scope-reader-secret-1", "{}"), 403, ProblemType.FORBIDDEN);
        problem(send("POST", "/api/narratives/2026/101031/scope-probe", "scope-viewer", "Scope-reader-secret-1", "{}"), 403, ProblemType.FORBIDDEN);
        // Checking and previewing save nothing: a viewer is let through to the endpoint (the store branch's; 404 before it lands).
        for (String read : List.of("/api/narratives/2026/101031/check", "/api/narratives/2026/101031/preview")) {
            assertThat(send("POST", read, "scope-viewer", "Scope-reader-secret-1", "{\"words\": {}}").statusCode()).as(read).isNotEqualTo(403);
        }
        ok(send("PUT", "/api/narratives/2026/101031/scope-probe", "scope-operator", "Scope-runner-secret-1", "{}"));

        // The admin widens the scope: it applies from the author's next request on.
        HttpResponse<String> widened = send("PUT", "/api/admin/users/" + AUTHOR + "/agencies", ADMIN, ADMIN_PASSWORD, "[\"101031\", \"101023\", \"101031\"]");
        assertThat(json.readTree(ok(widened).body()).path("agencies").toString()).isEqualTo("[\"101023\",\"101031\"]");
        ok(send("GET", "/api/narratives/2026/101031/scope-probe", AUTHOR, AUTHOR_PASSWORD, null));

        // Audited, in Chinese, with where it came from.
        assertThat(audit.search(ADMIN, "user.create", null, 10)).anySatisfy(e -> assertThat(e.get("detail"))
                .isEqualTo("新建用户 author-101023，角色 单位填报员（AUTHOR），单位范围 101023（API）"));
        assertThat(audit.search(ADMIN, "user.scope", null, 10)).anySatisfy(e -> assertThat(e.get("detail"))
                .isEqualTo("用户 author-101023 的单位范围：101023 → 101023、101031（API）"));
        // The same scope again is no change, and no entry.
        ok(send("PUT", "/api/admin/users/" + AUTHOR + "/agencies", ADMIN, ADMIN_PASSWORD, "[\"101023\", \"101031\"]"));
        assertThat(audit.search(ADMIN, "user.scope", null, 10)).filteredOn(e -> ((String) e.get("detail")).contains(AUTHOR)).hasSize(1);
        // The author's refusals are in the log like any other.
        assertThat(audit.search(AUTHOR, "refused", null, 50)).extracting(e -> (String) e.get("detail"))
                .anySatisfy(d -> assertThat(d).startsWith("无权执行：GET /api/runs"));
    }

    @Test
    void theAdminApiRefusesBadUsersCodesAndNamesWithProblems() throws Exception {
        String author = "author-refusals";
        assertThat(send("POST", "/api/admin/users", ADMIN, ADMIN_PASSWORD, body(author, "AUTHOR", "101023")).statusCode()).isEqualTo(201);

        // Codes: unknown ones named (400, nothing changed), malformed ones a bad value.
        JsonNode unknown = problem(send("PUT", "/api/admin/users/" + author + "/agencies", ADMIN, ADMIN_PASSWORD, "[\"101023\", \"999001\", \"888\"]"),
                400, ProblemType.UNKNOWN_AGENCY);
        assertThat(unknown.path("detail").asText()).isEqualTo("财政系统的任何年度都没有以下单位或部门：888、999001");
        assertThat(problem(send("PUT", "/api/admin/users/" + author + "/agencies", ADMIN, ADMIN_PASSWORD, "[\"10 1\"]"), 400,
                ProblemType.INVALID_PARAMETER).path("detail").asText()).contains("10 1");
        problem(send("PUT", "/api/admin/users/" + author + "/agencies", ADMIN, ADMIN_PASSWORD, "{\"agencies\": [\"101\"]}"), 400,
                ProblemType.MALFORMED_BODY);
        assertThat(users.agencies(author)).containsExactly("101023");
        // A department's code is a code like a unit's; the empty list leaves the author nothing.
        ok(send("PUT", "/api/admin/users/" + author + "/agencies", ADMIN, ADMIN_PASSWORD, "[\"101\"]"));
        assertThat(users.agencies(author)).containsExactly("101");
        ok(send("PUT", "/api/admin/users/" + author + "/agencies", ADMIN, ADMIN_PASSWORD, "[]"));
        assertThat(users.agencies(author)).isEmpty();
        problem(send("GET", "/api/narratives/2026/101/scope-probe", author, "Quill-" + author.length() + "-x2026", null), 403, ProblemType.FORBIDDEN);

        // Users: unknown (404), no author (409), one that exists (409).
        assertThat(problem(send("PUT", "/api/admin/users/nobody-here/agencies", ADMIN, ADMIN_PASSWORD, "[\"101023\"]"), 404,
                ProblemType.UNKNOWN_USER).path("detail").asText()).isEqualTo("没有用户 nobody-here");
        problem(send("GET", "/api/admin/users/nobody-here", ADMIN, ADMIN_PASSWORD, null), 404, ProblemType.UNKNOWN_USER);
        assertThat(problem(send("PUT", "/api/admin/users/" + ADMIN + "/agencies", ADMIN, ADMIN_PASSWORD, "[\"101023\"]"), 409,
                ProblemType.CONFLICT).path("detail").asText()).contains("不是单位填报员");

        // New users: every field checked before anything is stored.
        Map<String, ProblemType> refused = new LinkedHashMap<>();
        refused.put("{\"username\": \"u-norole\", \"password\": \"long-enough-1\"}", ProblemType.MISSING_PARAMETER);
        refused.put("{\"password\": \"long-enough-1\", \"roles\": [\"VIEWER\"]}", ProblemType.MISSING_PARAMETER);
        refused.put("{\"username\": \"u-role\", \"password\": \"long-enough-1\", \"roles\": [\"EDITOR\"]}", ProblemType.INVALID_PARAMETER);
        refused.put("{\"username\": \"u-two\", \"password\": \"long-enough-1\", \"roles\": [\"AUTHOR\", \"VIEWER\"]}", ProblemType.INVALID_PARAMETER);
        refused.put("{\"username\": \"u-short\", \"password\": \"short\", \"roles\": [\"AUTHOR\"]}", ProblemType.INVALID_PARAMETER);
        refused.put("{\"username\": \"u bad\", \"password\": \"long-enough-1\", \"roles\": [\"AUTHOR\"]}", ProblemType.INVALID_PARAMETER);
        refused.put("{\"username\": \"u-viewer\", \"password\": \"long-enough-1\", \"roles\": [\"VIEWER\"], \"agencies\": [\"101023\"]}",
                ProblemType.INVALID_PARAMETER);
        refused.put(body("u-unknown", "AUTHOR", "999001"), ProblemType.UNKNOWN_AGENCY);
        refused.put("{\"username\": \"u-roles\", \"password\": \"long-enough-1\", \"roles\": \"AUTHOR\"}", ProblemType.MALFORMED_BODY);
        for (Map.Entry<String, ProblemType> r : refused.entrySet()) {
            // An unknown agency named in a body is a 400, not the 404 of one in the path.
            int status = r.getValue() == ProblemType.UNKNOWN_AGENCY ? 400 : r.getValue().status().value();
            problem(send("POST", "/api/admin/users", ADMIN, ADMIN_PASSWORD, r.getKey()), status, r.getValue());
        }
        assertThat(users.list()).extracting(u -> (String) u.get("username")).noneMatch(n -> n.startsWith("u-") || n.startsWith("u "));
        assertThat(problem(send("POST", "/api/admin/users", ADMIN, ADMIN_PASSWORD, body("u-short", "AUTHOR", "101023")
                .replace("Quill-7-x2026", "short")), 400, ProblemType.INVALID_PARAMETER).path("detail").asText()).startsWith("密码不符合要求：至少 12 个字符（现为 5 个）；").endsWith("请换一个密码，例如用几个不相关的词加数字和符号组成。");

        // The other roles are made the same way, without agencies.
        HttpResponse<String> viewer = send("POST", "/api/admin/users", ADMIN, ADMIN_PASSWORD,
                "{\"username\": \"u-ok-viewer\", \"password\": \"long-enough-1\", \"roles\": [\"VIEWER\"], \"agencies\": []}");
        assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(201);
        assertThat(users.role("u-ok-viewer")).contains(Role.VIEWER);
        JsonNode listed = json.readTree(ok(send("GET", "/api/admin/users", ADMIN, ADMIN_PASSWORD, null)).body());
        assertThat(listed.findValuesAsText("username")).contains(ADMIN, author, "u-ok-viewer");
    }

    // ---------------------------------------------------------------- the console

    @Test
    void anAuthorLandsOnItsWordsAndGetsTheForbiddenPageEverywhereElseInTheConsole() throws Exception {
        users.create("author-console", "Writer-console-secret-1", Role.AUTHOR);
        users.assignAgencies("author-console", List.of("101023"));
        String session = logIn("author-console", "Writer-console-secret-1", "/console/narratives");

        for (String page : List.of("/console", "/console/grid", "/console/reviews", "/console/runs/1", "/console/agencies/101023?year=2026",
                "/console/admin", "/swagger-ui/index.html")) {
            HttpResponse<String> refused = browse(page, session);
            assertThat(refused.statusCode()).as(page).isEqualTo(403);
            assertThat(refused.body()).as(page).contains("没有权限").contains("单位填报员只能查看和填写分配给自己的单位的说明")
                    .contains("回到我的单位").doesNotContain("回到仪表板");
        }
        HttpResponse<String> account = browse("/console/account", session);
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("修改密码").contains("单位填报员").doesNotContain("AUTHOR<")
                // Its navigation offers nothing it may not open.
                .doesNotContain(">仪表板<").doesNotContain(">运行网格<").doesNotContain(">审核发布<").doesNotContain(">系统管理<");
        // The words' pages are let through to their controller, whichever answers (the page branch's, or 404 before it lands).
        assertThat(browse("/console/narratives", session).statusCode()).isNotEqualTo(403);
        // "/" and the login page send it to its words, not to the dashboard it may not see.
        assertThat(browse("/", session).headers().firstValue("Location").orElseThrow()).endsWith("/console/narratives");
        assertThat(browse("/login", session).headers().firstValue("Location").orElseThrow()).endsWith("/console/narratives");

        // Any other role still lands on the dashboard.
        users.create("viewer-console", "Reader-console-secret-1", Role.VIEWER);
        String viewer = logIn("viewer-console", "Reader-console-secret-1", "/console");
        assertThat(browse("/console", viewer).statusCode()).isEqualTo(200);
        assertThat(browse("/console/narratives", viewer).statusCode()).isNotEqualTo(403);
    }

    @Test
    void theAdminPageShowsAndEditsAnAuthorsScopeAndAuditsIt() throws Exception {
        var admin = user("page-admin").roles("VIEWER", "OPERATOR", "REVIEWER", "ADMIN");
        // A new author with its codes from the form, separated as a person types them.
        mvc.perform(post("/console/admin/users").with(admin).with(csrf()).param("username", "author-page").param("password", "Writer-page-secret-1")
                        .param("role", "AUTHOR").param("agencies", "101023，101"))
                .andExpect(redirectedUrl("/console/admin")).andExpect(flash().attribute("message", "已保存用户 author-page（单位填报员）。"));
        assertThat(users.agencies("author-page")).containsExactly("101", "101023");

        String page = mvc.perform(get("/console/admin").with(admin)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("单位范围").contains("单位填报员").contains("<option value=\"AUTHOR\">单位填报员</option>")
                .contains("id=\"scope-author-page\">101、101023</span>")
                .contains("/console/admin/users/author-page/agencies").contains("id=\"save-scope-author-page\"")
                .contains("全部单位");

        // Edited on the page; an unknown code refused by name, the scope left as it was.
        mvc.perform(post("/console/admin/users/author-page/agencies").with(admin).with(csrf()).param("agencies", "101031\n101023"))
                .andExpect(redirectedUrl("/console/admin"))
                .andExpect(flash().attribute("message", "已将用户 author-page 的单位范围设为：101023、101031。"));
        assertThat(users.agencies("author-page")).containsExactly("101023", "101031");
        mvc.perform(post("/console/admin/users/author-page/agencies").with(admin).with(csrf()).param("agencies", "101023, 999001"))
                .andExpect(flash().attribute("error", "未能保存用户 author-page 的单位范围：财政系统的任何年度都没有以下单位或部门：999001"));
        assertThat(users.agencies("author-page")).containsExactly("101023", "101031");
        String refusedPage = mvc.perform(get("/console/admin").with(admin).flashAttr("scopeUser", "author-page")
                .flashAttr("scopeText", "101023, 999001")).andReturn().getResponse().getContentAsString();
        assertThat(refusedPage).contains("<details open=\"open\">").contains("101023, 999001</textarea>");
        // Without the token, nothing.
        mvc.perform(post("/console/admin/users/author-page/agencies").with(admin).param("agencies", "101")).andExpect(status().isForbidden());
        // Not an admin, nothing.
        mvc.perform(post("/console/admin/users/author-page/agencies").with(user("author-page").roles("AUTHOR")).with(csrf())
                .param("agencies", "101")).andExpect(status().isForbidden());
        assertThat(users.agencies("author-page")).containsExactly("101023", "101031");

        // A password reset on the form keeps the author's scope; made a viewer, it loses it.
        mvc.perform(post("/console/admin/users").with(admin).with(csrf()).param("username", "author-page").param("password", "Writer-page-secret-2")
                .param("role", "AUTHOR")).andExpect(flash().attributeCount(1));
        assertThat(users.agencies("author-page")).containsExactly("101023", "101031");
        mvc.perform(post("/console/admin/users").with(admin).with(csrf()).param("username", "author-page").param("password", "Writer-page-secret-3")
                .param("role", "VIEWER").param("agencies", "101023")).andExpect(flash().attribute("error",
                "未能保存用户：只有单位填报员（AUTHOR）有单位范围；查看员（VIEWER）可以查看全部单位，请清空“单位范围”"));
        mvc.perform(post("/console/admin/users").with(admin).with(csrf()).param("username", "author-page").param("password", "Writer-page-secret-3")
                .param("role", "VIEWER")).andExpect(redirectedUrl("/console/admin"));
        assertThat(users.role("author-page")).contains(Role.VIEWER);
        assertThat(users.agencies("author-page")).isEmpty();

        List<String> entries = audit.search("page-admin", null, null, 20).stream().map(e -> e.get("action") + " " + e.get("detail")).toList();
        assertThat(entries).contains("user.create 新建用户 author-page，角色 单位填报员（AUTHOR）（控制台）",
                "user.scope 用户 author-page 的单位范围：（无） → 101、101023（控制台）",
                "user.scope 用户 author-page 的单位范围：101、101023 → 101023、101031（控制台）",
                "user.scope 用户 author-page 不再是单位填报员，单位范围 101023、101031 → （无）（控制台）");
    }

    // ---------------------------------------------------------------- helpers

    private static String body(String username, String role, String... agencies) {
        return "{\"username\": \"" + username + "\", \"password\": \"Quill-" + username.length() + "-x2026\", \"roles\": [\"" + role + "\"], \"agencies\": ["
                + String.join(", ", java.util.Arrays.stream(agencies).map(a -> "\"" + a + "\"").toList()) + "]}";
    }

    private HttpResponse<String> send(String method, String path, String user, String password, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(200);
        return response;
    }

    private JsonNode problem(HttpResponse<String> response, int status, ProblemType type) throws Exception {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("type").asText()).as(response.body()).isEqualTo(type.type().toString());
        assertThat(body.path("detail").asText()).as(response.body()).containsPattern("\\p{IsHan}");
        return body;
    }

    /** Logs in on the form as a browser does; the session cookie of the logged-in session. */
    private String logIn(String user, String password, String landing) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).isTrue();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/login")).header("Cookie", cookie(form))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith(landing);
        return cookie(login);
    }

    private HttpResponse<String> browse(String path, String cookie) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String cookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
