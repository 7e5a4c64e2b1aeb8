package org.budgethub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.context.WebApplicationContext;

import org.budgethub.support.FinanceDatabase;

/**
 * A user's open console sessions end at their next request when an admin disables it, gives it
 * another role (an admin demoting itself too) or sets its password, also when the change was made by
 * another hub instance on the shared database; the last enabled admin cannot be disabled or demoted.
 * Through the real security filter chain on a real PostgreSQL hub database.
 */
@ActiveProfiles("demo")
@SpringBootTest(properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=local",
        "hub.publish.dir=target/session-revocation-it/packages",
        "hub.cms.embedded.enabled=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=none",
        "hub.console.initial-passwords-file=target/session-revocation-it/initial-passwords.txt"})
class SessionRevocationIT {

    static final Path WORK = Path.of("target/session-revocation-it").toAbsolutePath();

    @DynamicPropertySource
    static void hubDatabase(DynamicPropertyRegistry registry) {
        FileSystemUtils.deleteRecursively(WORK.toFile());
        registry.add("spring.datasource.url", FinanceDatabase.empty()::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    Users users;

    @Autowired
    JdbcTemplate hub;

    MockMvc mvc;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @Test
    void disablingAUserEndsItsSessionsOnTheConsoleAndTheApi() throws Exception {
        users.create("clerk-off", "Tulip-off-2026", "OPERATOR");
        MockHttpSession page = login("clerk-off", "Tulip-off-2026");
        MockHttpSession script = login("clerk-off", "Tulip-off-2026");
        mvc.perform(get("/console").session(page)).andExpect(status().isOk());

        mvc.perform(post("/console/admin/users/clerk-off/disable").with(admin()).with(csrf()))
                .andExpect(flash().attribute("message", "已停用用户 clerk-off，其已登录的会话随即结束。"));

        // The next click goes to the login page, which says why; nothing the session asked for runs.
        long runs = hub.queryForObject("SELECT COUNT(*) FROM run", Long.class);
        mvc.perform(post("/console/runs").session(page).with(csrf()).param("year", "2026").param("scope", "all"))
                .andExpect(redirectedUrl("/login?ended"));
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM run", Long.class)).isEqualTo(runs);
        assertThat(page.isInvalid()).isTrue();
        String login = mvc.perform(get("/login").param("ended", "")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(login).contains("您的登录已结束：管理员停用了您的账号、更改了您的角色或重设了您的密码。请重新登录；如无法登录，请联系管理员。");

        // The console's script (an API call with the session): a 401 problem in Chinese.
        MockHttpServletResponse api = mvc.perform(get("/api/runs").session(script).header("X-Requested-With", "XMLHttpRequest"))
                .andExpect(status().isUnauthorized()).andReturn().getResponse();
        JsonNode problem = json.readTree(api.getContentAsString(StandardCharsets.UTF_8));
        assertThat(api.getContentType()).startsWith("application/problem+json");
        assertThat(problem.path("type").asText()).isEqualTo("urn:budgethub:problem:session-ended");
        assertThat(problem.path("detail").asText()).startsWith("您的登录已结束").contains("请重新登录");
        assertThat(problem.path("href").asText()).isEqualTo("/login");
        mvc.perform(formLogin("/login").user("clerk-off").password("Tulip-off-2026")).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void aNewRoleOrPasswordFromTheAdminEndsTheSessionsButNotOtherUsers() throws Exception {
        users.create("clerk-role", "Tulip-role-2026", "OPERATOR");
        users.create("clerk-reset", "Tulip-reset-2026", "VIEWER");
        users.create("clerk-bystander", "Tulip-bystander-2026", "VIEWER");
        MockHttpSession role = login("clerk-role", "Tulip-role-2026");
        MockHttpSession reset = login("clerk-reset", "Tulip-reset-2026");
        MockHttpSession bystander = login("clerk-bystander", "Tulip-bystander-2026");

        mvc.perform(post("/console/admin/users").with(admin()).with(csrf()).param("username", "clerk-role")
                .param("password", "Tulip-role-2027").param("role", "VIEWER")).andExpect(flash().attributeCount(1));
        mvc.perform(post("/console/admin/users/clerk-reset/reset-password").with(admin()).with(csrf())).andExpect(redirectedUrl("/console/admin"));

        mvc.perform(get("/console").session(role)).andExpect(redirectedUrl("/login?ended"));
        mvc.perform(get("/console").session(reset)).andExpect(redirectedUrl("/login?ended"));
        mvc.perform(get("/console").session(bystander)).andExpect(status().isOk());
        // The new credentials log in as the new role.
        MockHttpSession again = login("clerk-role", "Tulip-role-2027");
        mvc.perform(post("/console/runs").session(again).with(csrf()).param("year", "2026").param("scope", "all")).andExpect(status().isForbidden());
    }

    @Test
    void anAdminDemotingItselfLosesTheAdminPageAtItsNextRequest() throws Exception {
        users.create("boss-self", "Maple-self-2026", "ADMIN");
        MockHttpSession boss = login("boss-self", "Maple-self-2026");
        mvc.perform(get("/console/admin").session(boss)).andExpect(status().isOk());
        mvc.perform(post("/console/admin/users").session(boss).with(csrf()).param("username", "boss-self")
                .param("password", "Maple-self-2027").param("role", "VIEWER")).andExpect(redirectedUrl("/console/admin"));
        mvc.perform(get("/console/admin").session(boss)).andExpect(redirectedUrl("/login?ended"));
        MockHttpSession viewer = login("boss-self", "Maple-self-2027");
        mvc.perform(get("/console/admin").session(viewer)).andExpect(status().isForbidden());
    }

    @Test
    void aChangeMadeByAnotherInstanceEndsTheSessionWithinSeconds() throws Exception {
        users.create("clerk-remote", "Tulip-remote-2026", "VIEWER");
        MockHttpSession session = login("clerk-remote", "Tulip-remote-2026");
        mvc.perform(get("/console").session(session)).andExpect(status().isOk());
        // Another instance disables the user in the shared database: this one has only its (short) cache.
        hub.update("UPDATE app_user SET enabled = FALSE, credentials_version = credentials_version + 1 WHERE username = 'clerk-remote'");
        long started = System.nanoTime();
        String where;
        do {
            Thread.sleep(200);
            where = mvc.perform(get("/console").session(session)).andReturn().getResponse().getRedirectedUrl();
        } while (where == null && System.nanoTime() - started < 10_000_000_000L);
        assertThat(where).isEqualTo("/login?ended");
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds until the session ended")
                .isLessThanOrEqualTo(Users.STAMP_CACHE.toMillis() + 1000);
    }

    @Test
    void changingOnesOwnPasswordKeepsThisSessionAndEndsTheOthers() throws Exception {
        users.create("clerk-own", "Tulip-own-2026", "VIEWER");
        MockHttpSession here = login("clerk-own", "Tulip-own-2026");
        MockHttpSession elsewhere = login("clerk-own", "Tulip-own-2026");
        mvc.perform(post("/console/account/password").session(here).with(csrf()).param("currentPassword", "Tulip-own-2026")
                        .param("newPassword", "Tulip-own-2027").param("confirmPassword", "Tulip-own-2027"))
                .andExpect(redirectedUrl("/console/account"));
        mvc.perform(get("/console").session(here)).andExpect(status().isOk());
        mvc.perform(get("/console").session(elsewhere)).andExpect(redirectedUrl("/login?ended"));
    }

    @Test
    void theLastEnabledAdminCannotBeDisabledOrDemotedAndTheRefusalSaysWhatToDo() throws Exception {
        String adminPassword = Files.readAllLines(WORK.resolve("initial-passwords.txt")).stream().filter(l -> l.startsWith("admin\t"))
                .findFirst().orElseThrow().split("\t")[2];
        hub.update("UPDATE app_user SET enabled = FALSE WHERE role = 'ADMIN' AND username <> 'admin'");
        String what = "用户 admin 是唯一启用的管理员";
        String next = "请先新建（或启用）另一个管理员（ADMIN）";

        mvc.perform(post("/console/admin/users/admin/disable").with(user("other-admin").roles("VIEWER", "OPERATOR", "REVIEWER", "ADMIN")).with(csrf()))
                .andExpect(flash().attribute("error", org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString(what),
                        org.hamcrest.Matchers.containsString(next))));
        mvc.perform(post("/console/admin/users").with(admin()).with(csrf()).param("username", "admin").param("password", "Maple-demoted-2026")
                .param("role", "VIEWER")).andExpect(flash().attribute("error", org.hamcrest.Matchers.containsString(what)));
        MockHttpServletResponse api = mvc.perform(patch("/api/admin/users/admin").with(httpBasic("admin", adminPassword))
                .contentType(MediaType.APPLICATION_JSON).content("{\"roles\": [\"VIEWER\"]}")).andExpect(status().isConflict()).andReturn().getResponse();
        JsonNode problem = json.readTree(api.getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.path("type").asText()).isEqualTo("urn:budgethub:problem:last-admin");
        assertThat(problem.path("detail").asText()).contains(what).contains(next);
        assertThat(users.role("admin")).hasValue(Role.ADMIN);
        assertThat(users.account("admin").orElseThrow().enabled()).isTrue();

        // With a second admin, the first may step down.
        users.create("boss-next", "Maple-next-2026", "ADMIN");
        mvc.perform(patch("/api/admin/users/admin").with(httpBasic("boss-next", "Maple-next-2026")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"roles\": [\"VIEWER\"]}")).andExpect(status().isOk());
        mvc.perform(patch("/api/admin/users/boss-next").with(httpBasic("boss-next", "Maple-next-2026")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"enabled\": false}")).andExpect(status().isConflict());
        mvc.perform(patch("/api/admin/users/admin").with(httpBasic("boss-next", "Maple-next-2026")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"roles\": [\"ADMIN\"]}")).andExpect(status().isOk());
        assertThat(users.role("admin")).hasValue(Role.ADMIN);
    }

    private MockHttpSession login(String user, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(user).password(password)).andExpect(redirectedUrl("/console"))
                .andReturn().getRequest().getSession(false);
    }

    private static RequestPostProcessor admin() {
        return user("a-admin").roles("VIEWER", "OPERATOR", "REVIEWER", "ADMIN");
    }
}
