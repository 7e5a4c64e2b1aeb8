package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import org.budgethub.run.RunHistory;
import org.budgethub.security.AuditLog;
import org.budgethub.security.Users;

/**
 * Who may do what in the console, through the real security filter chain: CSRF on every console
 * POST, viewers read but never act, operators act but never administer, and every action audited.
 */
class ConsoleSecurityIT extends ConsoleTestSupport {

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    RunHistory history;

    @Autowired
    AuditLog audit;

    @Autowired
    Users users;

    MockMvc mvc;

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    static RequestPostProcessor viewer() {
        return user("v-user").roles("VIEWER");
    }

    static RequestPostProcessor operator() {
        return user("o-user").roles("VIEWER", "OPERATOR");
    }

    static RequestPostProcessor admin() {
        return user("a-user").roles("VIEWER", "OPERATOR", "ADMIN");
    }

    private long runCount() {
        Long n = hub.queryForObject("SELECT COUNT(*) FROM run", Long.class);
        return n == null ? 0 : n;
    }

    // ---------------------------------------------------------------- log-in

    @Test
    void loginsFailedLoginsAndRefusedActionsAreAudited() throws Exception {
        users.create("audited", "Lantern-audit-46", "VIEWER");
        mvc.perform(formLogin("/login").user("audited").password("wrong-password")).andExpect(status().is3xxRedirection());
        mvc.perform(formLogin("/login").user("audited").password("Lantern-audit-46")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/console/runs").with(user("audited").roles("VIEWER")).with(csrf()).param("year", "2026").param("scope", "all"))
                .andExpect(status().isForbidden());

        List<String> entries = hub.queryForList("SELECT action || ' ' || detail FROM audit_log WHERE username = 'audited' ORDER BY id",
                String.class);
        assertThat(entries).anySatisfy(e -> assertThat(e).startsWith("login.failed 登录失败"))
                .anySatisfy(e -> assertThat(e).startsWith("login 登录成功"))
                .anySatisfy(e -> assertThat(e).startsWith("refused 无权执行：POST /console/runs"));
    }

    @Test
    void theLoginPageCarriesACsrfTokenAndTheConsoleNeedsALogIn() throws Exception {
        String page = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("name=\"username\"").contains("name=\"password\"").contains("name=\"_csrf\"");

        mvc.perform(get("/console").accept(MediaType.TEXT_HTML))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("**/login"));
        mvc.perform(post("/login").param("username", "nobody").param("password", "whatever1"))
                .andExpect(status().isForbidden());
    }

    // ---------------------------------------------------------------- CSRF

    @Test
    void consolePostsWithoutACsrfTokenAreRefusedAndStartNothing() throws Exception {
        long before = runCount();
        mvc.perform(post("/console/agencies/104002/runs").param("year", "2026").with(operator()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/agencies/104002/runs").param("year", "2026").param("force", "true")
                .with(operator()).with(csrf().useInvalidToken())).andExpect(status().isForbidden());
        mvc.perform(post("/console/runs").param("year", "2026").param("scope", "all").with(operator()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/runs/1/resume").with(operator())).andExpect(status().isForbidden());
        mvc.perform(post("/console/admin/users").param("username", "mallory").param("password", "mallory-pw-1")
                .param("role", "ADMIN").with(admin())).andExpect(status().isForbidden());
        assertThat(runCount()).isEqualTo(before);
        assertThat(users.list()).extracting(u -> u.get("username")).doesNotContain("mallory");

        // The same request with the token goes through: the refusals above were the token's doing.
        mvc.perform(post("/console/agencies/104002/runs").param("year", "2026").with(operator()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/console/runs/*"));
        assertThat(runCount()).isEqualTo(before + 1);
        RunHistory.Run run = history.runs(1).get(0);
        assertThat(run.agencyCode()).isEqualTo("104002");
        assertThat(run.triggeredBy()).isEqualTo("user:o-user");
        assertThat(run.forced()).isFalse();
        assertThat(audit.latest(10)).anySatisfy(e -> {
            assertThat(e.get("username")).isEqualTo("o-user");
            assertThat(e.get("action")).isEqualTo("run.start");
            assertThat((String) e.get("detail")).contains("运行 #" + run.id()).contains("104002");
        });
    }

    @Test
    void forceRepublishNeedsAReasonThenLaunchesAForcedRunAndIsAuditedWithIt() throws Exception {
        long before = runCount();
        mvc.perform(post("/console/agencies/103005/runs").param("year", "2026").param("force", "true").param("reason", "  ")
                        .with(operator()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/console/agencies/103005?year=2026"))
                .andExpect(flash().attribute("error", "强制重新发布须填写原因。"));
        assertThat(runCount()).as("no reason, no run").isEqualTo(before);

        String location = mvc.perform(post("/console/agencies/103005/runs").param("year", "2026").param("force", "true")
                        .param("reason", "网站误删了公开包").with(operator()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        RunHistory.Run run = history.run(id).orElseThrow();
        assertThat(run.forced()).isTrue();
        assertThat(run.agencyCode()).isEqualTo("103005");
        assertThat(audit.latest(10)).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("run.republish");
            assertThat((String) e.get("detail")).contains("运行 #" + id).contains("强制重新发布，原因：网站误删了公开包");
        });
    }

    // ---------------------------------------------------------------- viewers

    @Test
    void viewersReadTheConsoleButEveryConsolePostIsForbidden() throws Exception {
        String dashboard = mvc.perform(get("/console").param("year", "2026").with(viewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // The security log (logins, failed logins, addresses) is for admins: a viewer's page holds none of it.
        assertThat(dashboard).contains("预算公开仪表板").doesNotContain("操作日志").doesNotContain("audit-table")
                .doesNotContain("重新运行失败单位").doesNotContain("全部运行");
        assertThat(mvc.perform(get("/console").param("year", "2026").with(admin())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).contains("操作日志").contains("audit-table");
        String agency = mvc.perform(get("/console/agencies/101023").param("year", "2026").with(viewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(agency).contains("校验结果").doesNotContain("重新运行本单位").doesNotContain("强制重新发布");

        long before = runCount();
        mvc.perform(post("/console/agencies/101023/runs").param("year", "2026").with(viewer()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/agencies/101023/runs").param("year", "2026").param("force", "true").with(viewer()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/runs").param("year", "2026").param("scope", "failed").with(viewer()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/runs/1/resume").with(viewer()).with(csrf())).andExpect(status().isForbidden());
        assertThat(runCount()).isEqualTo(before);

        // An operator sees the buttons on the same pages.
        assertThat(mvc.perform(get("/console").param("year", "2026").with(operator())).andReturn().getResponse()
                .getContentAsString()).contains("重新运行失败单位").contains("全部运行");
        assertThat(mvc.perform(get("/console/agencies/101023").param("year", "2026").with(operator())).andReturn().getResponse()
                .getContentAsString()).contains("重新运行本单位").contains("强制重新发布");
    }

    // ---------------------------------------------------------------- administration

    @Test
    void theAdminPageIsRefusedToOperatorsAndViewers() throws Exception {
        mvc.perform(get("/console/admin").with(operator())).andExpect(status().isForbidden());
        mvc.perform(get("/console/admin").with(viewer())).andExpect(status().isForbidden());
        mvc.perform(post("/console/admin/users").param("username", "eve").param("password", "eve-password-1")
                .param("role", "ADMIN").with(operator()).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/console/admin/users/admin/disable").with(operator()).with(csrf())).andExpect(status().isForbidden());
        assertThat(users.list()).extracting(u -> u.get("username")).doesNotContain("eve");
        assertThat(mvc.perform(get("/console").with(operator())).andReturn().getResponse().getContentAsString())
                .doesNotContain("系统管理");

        String page = mvc.perform(get("/console/admin").with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("系统管理").contains("hub.schedule.cron").contains("每天 02:00（北京时间）").doesNotContain("0 0 2 * * ?")
                .contains("保存用户");
    }

    @Test
    void anAdminCreatesAndDisablesUsersAndBothAreAudited() throws Exception {
        mvc.perform(post("/console/admin/users").param("username", "clerk-1").param("password", "clerk-password-1")
                        .param("role", "OPERATOR").with(admin()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        Map<String, Object> clerk = users.list().stream().filter(u -> "clerk-1".equals(u.get("username"))).findFirst().orElseThrow();
        assertThat(clerk.get("role")).isEqualTo("OPERATOR");
        assertThat(clerk.get("enabled")).isEqualTo(true);

        mvc.perform(post("/console/admin/users/clerk-1/disable").with(admin()).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(users.list().stream().filter(u -> "clerk-1".equals(u.get("username"))).findFirst().orElseThrow().get("enabled"))
                .isEqualTo(false);

        List<Map<String, Object>> log = audit.latest(10);
        assertThat(log).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("user.create");
            assertThat((String) e.get("detail")).contains("clerk-1").contains("OPERATOR").doesNotContain("clerk-password-1");
        });
        assertThat(log).anySatisfy(e -> assertThat(e.get("action")).isEqualTo("user.disable"));

        // A password that is too short is refused, shown, and not audited as a creation.
        mvc.perform(post("/console/admin/users").param("username", "short").param("password", "1234")
                .param("role", "VIEWER").with(admin()).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(users.list()).extracting(u -> u.get("username")).doesNotContain("short");
        assertThat(mvc.perform(get("/console").with(admin())).andReturn().getResponse().getContentAsString())
                .contains("user.disable");
        assertThat(mvc.perform(get("/console").with(viewer())).andReturn().getResponse().getContentAsString())
                .doesNotContain("user.disable");
    }

    // ---------------------------------------------------------------- runs

    @Test
    void anInterruptedRunOffersResumeToOperatorsOnlyAndResumingLaunchesARun() throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        hub.update("INSERT INTO run (fiscal_year, scope, agency_code, forced, triggered_by, owner, status, total, done, "
                + "started_at, updated_at, finished_at) VALUES (2026, 'AGENCY', '102001', FALSE, 'test', 'elsewhere', 'INTERRUPTED', "
                + "1, 0, ?, ?, ?)", now, now, now);
        long interrupted = hub.queryForObject("SELECT MAX(id) FROM run WHERE triggered_by = 'test'", Long.class);

        String asViewer = mvc.perform(get("/console/runs/" + interrupted).with(viewer())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(asViewer).contains("INTERRUPTED").contains("已中断").doesNotContain("继续运行</button>");
        String asOperator = mvc.perform(get("/console/runs/" + interrupted).with(operator())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(asOperator).contains("继续运行</button>");

        String location = mvc.perform(post("/console/runs/" + interrupted + "/resume").with(operator()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long resumed = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(resumed).isGreaterThan(interrupted);
        RunHistory.Run run = history.run(resumed).orElseThrow();
        assertThat(run.scope()).isEqualTo("RESUME");
        assertThat(run.resumedFrom()).isEqualTo(interrupted);
        assertThat(audit.latest(10)).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("run.resume");
            assertThat((String) e.get("detail")).contains("继续已中断的运行 #" + interrupted);
        });
    }

    @Test
    void unknownRunsAndUnsafeAgencyCodesAreNotFound() throws Exception {
        mvc.perform(get("/console/runs/987654321").with(viewer())).andExpect(status().isNotFound());
        mvc.perform(get("/console/agencies/bad~code").with(viewer())).andExpect(status().isNotFound());
        mvc.perform(get("/console").param("year", "123456").with(viewer())).andExpect(status().isBadRequest());
    }
}
