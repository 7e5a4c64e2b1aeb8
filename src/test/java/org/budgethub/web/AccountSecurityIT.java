package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.context.WebApplicationContext;

import org.budgethub.security.SecurityConfiguration;
import org.budgethub.security.Users;
import org.budgethub.support.FinanceDatabase;

/**
 * Accounts as an attacker and an operator meet them, through the real security filter chain on a
 * real PostgreSQL hub database: the lockout (form login and HTTP Basic, known and unknown names),
 * the admin's unlock and reset, CSRF for everything but a stateless HTTP Basic client, the first
 * start's password file, the session cookie and the security headers, and the audit API.
 * The lockout's clock is the test's, so the end of a lockout is shown without waiting for it.
 */
@ExtendWith(OutputCaptureExtension.class)
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=local",
        "hub.publish.dir=target/account-security-test/packages",
        "hub.cms.embedded.enabled=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=none",
        "hub.console.initial-passwords-file=target/account-security-test/initial-passwords.txt"})
class AccountSecurityIT {

    static final Path WORK = Path.of("target/account-security-test").toAbsolutePath();
    static final Path PASSWORDS = WORK.resolve("initial-passwords.txt");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** The lockout's clock: moved on by the test. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TestConfiguration
    static class Time {
        @Bean
        MovableClock lockoutClock() {
            return new MovableClock();
        }
    }

    @DynamicPropertySource
    static void hubDatabase(DynamicPropertyRegistry registry) throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        registry.add("spring.datasource.url", FinanceDatabase.empty()::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    Users users;

    @Autowired
    MovableClock clock;

    @LocalServerPort
    int port;

    MockMvc mvc;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    // ---------------------------------------------------------------- first start

    @Test
    void firstStartWritesThePasswordsToAFileOnlyItsOwnerReadsAndNoneToTheLog(CapturedOutput output) throws Exception {
        assertThat(PASSWORDS).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(PASSWORDS))).isEqualTo("rw-------");
        Map<String, String> passwords = Files.readAllLines(PASSWORDS).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("\t")).collect(Collectors.toMap(f -> f[0], f -> f[2]));
        // The demo profile: the admin and the four demo users, each with a password of its own; the author writes for the seed unit.
        assertThat(passwords).containsOnlyKeys("admin", "operator", "reviewer", "viewer", "author");
        assertThat(users.agencies("author")).containsExactly("101023");
        assertThat(passwords.values()).doesNotHaveDuplicates();
        // Made up to pass the password policy itself.
        passwords.forEach((user, p) -> assertThat(users.policy().problems(user, p)).as(user).isEmpty());

        assertThat(output.getAll()).contains("首次启动：初始密码已写入 " + PASSWORDS + "（仅本用户可读）；登录后在『账户』页修改密码");
        passwords.values().forEach(p -> assertThat(output.getAll()).doesNotContain(p));

        // The file holds the real passwords: the admin's logs in.
        mvc.perform(get("/api/audit").with(httpBasic("admin", passwords.get("admin")))).andExpect(status().isOk());
        mvc.perform(get("/api/runs").with(httpBasic("viewer", passwords.get("viewer")))).andExpect(status().isOk());
    }

    // ---------------------------------------------------------------- lockout

    @Test
    void twentyWrongPasswordsLockTheAccountEvenToTheRightOneUntilTheLockoutEnds(CapturedOutput output) throws Exception {
        String right = "right-password-1";
        users.create("clerk-lock", right, "OPERATOR");
        for (int i = 1; i <= 20; i++) {
            MvcResult attempt = mvc.perform(formLogin("/login").user("clerk-lock").password("wrong-password-" + i))
                    .andExpect(redirectedUrl(i <= 9 ? "/login?error" : "/login?locked")).andReturn();
            if (i == 10) {
                // The failure that locks says so at once, and until when.
                assertThat(mvc.perform(get("/login").param("locked", "").session((MockHttpSession) attempt.getRequest().getSession()))
                        .andReturn().getResponse().getContentAsString()).contains("账户已锁定，请 15 分钟后（").contains("以后）再试或联系管理员解锁");
            }
        }

        // The right password is refused, on the form and through HTTP Basic, with the minutes left.
        MvcResult refused = mvc.perform(formLogin("/login").user("clerk-lock").password(right)).andExpect(redirectedUrl("/login?locked")).andReturn();
        String page = mvc.perform(get("/login").param("locked", "").session((MockHttpSession) refused.getRequest().getSession()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("账户已锁定，请 15 分钟后（");
        HttpResponse<String> api = http(HttpRequest.newBuilder(uri("/api/runs")).header("Authorization", basic("clerk-lock", right)).GET());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(api.body()).contains("账户已锁定，请 15 分钟后（").contains("urn:budgethub:problem:account-locked");

        clock.advance(Duration.ofMinutes(14));
        MvcResult stillLocked = mvc.perform(formLogin("/login").user("clerk-lock").password(right)).andExpect(redirectedUrl("/login?locked")).andReturn();
        assertThat(mvc.perform(get("/login").param("locked", "").session((MockHttpSession) stillLocked.getRequest().getSession()))
                .andReturn().getResponse().getContentAsString()).contains("账户已锁定，请 1 分钟后（");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        mvc.perform(formLogin("/login").user("clerk-lock").password(right)).andExpect(redirectedUrl("/console"));
        assertThat(hub.queryForObject("SELECT failed_logins FROM app_user WHERE username = 'clerk-lock'", Integer.class)).isZero();

        // Each failure one WARN line with the name and where from, the lockout one line; no password anywhere.
        String log = output.getAll();
        assertThat(lines(log, "登录失败：用户名或密码不正确（用户名 clerk-lock）（来自 127.0.0.1）")).hasSize(9);
        assertThat(lines(log, "账户锁定：用户 'clerk-lock' 从 127.0.0.1 连续 10 次登录失败")).hasSize(1).allSatisfy(l -> assertThat(l).contains("WARN"));
        assertThat(lines(log, "登录失败：账户已锁定")).filteredOn(l -> l.contains("clerk-lock")).hasSize(14);
        assertThat(log).doesNotContain(right).doesNotContain("wrong-password-");

        // The audit API tells the same: the name tried, the address, the lockout.
        String admin = adminPassword();
        JsonNode failed = audit("/api/audit?user=clerk-lock&action=login.failed&limit=1000", admin);
        assertThat(failed).hasSize(23);
        assertThat(failed.get(0).path("detail").asText()).contains("账户已锁定").contains("来自 127.0.0.1");
        assertThat(failed.get(failed.size() - 1).path("detail").asText()).isEqualTo("登录失败：用户名或密码不正确（用户名 clerk-lock）（来自 127.0.0.1）");
        JsonNode lockout = audit("/api/audit?user=clerk-lock&action=login.lockout", admin);
        assertThat(lockout).hasSize(1);
        assertThat(lockout.get(0).path("detail").asText()).startsWith("从 127.0.0.1 连续 10 次登录失败，该用户名从此地址的登录锁定至 ")
                .contains("（15 分钟）");
        assertThat(audit("/api/audit?user=clerk-lock&action=login", admin)).hasSize(1);
    }

    @Test
    void anOutsiderHammeringANameLocksOnlyItsOwnAddressEachTimeLonger() throws Exception {
        users.create("clerk-target", "Target-pass-2026", "ADMIN");
        for (int round = 1; round <= 2; round++) {
            MvcResult tenth = null;
            for (int i = 1; i <= 10; i++) {
                tenth = mvc.perform(login("clerk-target", "guess-" + round + "-" + i, "203.0.113.9"))
                        .andExpect(redirectedUrl(i < 10 ? "/login?error" : "/login?locked")).andReturn();
            }
            String page = mvc.perform(get("/login").param("locked", "").session((MockHttpSession) tenth.getRequest().getSession()))
                    .andReturn().getResponse().getContentAsString();
            // 15 minutes, then 30: the back-off doubles each lock of the same name and address.
            assertThat(page).contains("账户已锁定，请 " + (round == 1 ? 15 : 30) + " 分钟后（").contains("该用户名从您当前的地址连续 10 次登录失败");
            // The outsider's right guess is refused too; the admin at the office logs in all the same.
            mvc.perform(login("clerk-target", "Target-pass-2026", "203.0.113.9")).andExpect(redirectedUrl("/login?locked"));
            mvc.perform(login("clerk-target", "Target-pass-2026", "10.1.2.3")).andExpect(redirectedUrl("/console"));
            if (round == 1) {
                String adminPage = mvc.perform(get("/console/admin").with(admin())).andReturn().getResponse().getContentAsString();
                assertThat(adminPage).contains("已锁定至").contains("（来自 203.0.113.9）");
                clock.advance(Duration.ofMinutes(15).plusSeconds(1));
            }
        }
        JsonNode locks = audit("/api/audit?user=clerk-target&action=login.lockout", adminPassword());
        assertThat(locks).hasSize(2).allSatisfy(e -> assertThat(e.path("detail").asText()).startsWith("从 203.0.113.9 连续 10 次登录失败"));
        assertThat(locks.get(0).path("detail").asText()).contains("（30 分钟）");
    }

    @Test
    void failuresSpreadOverManyAddressesLockTheWholeAccountAtAMuchHigherCount() throws Exception {
        users.create("clerk-spread", "Spread-pass-2026", "VIEWER");
        int failures = 0;
        for (int address = 1; failures < 100; address++) {
            for (int i = 0; i < 9 && failures < 100; i++, failures++) {
                mvc.perform(login("clerk-spread", "guess-" + failures, "198.51.100." + address));
            }
        }
        MvcResult refused = mvc.perform(login("clerk-spread", "Spread-pass-2026", "10.9.9.9")).andExpect(redirectedUrl("/login?locked")).andReturn();
        assertThat(mvc.perform(get("/login").param("locked", "").session((MockHttpSession) refused.getRequest().getSession()))
                .andReturn().getResponse().getContentAsString()).contains("账户已锁定，请 15 分钟后（").contains("该用户名从各处合计连续登录失败次数过多");
        assertThat(audit("/api/audit?user=clerk-spread&action=login.lockout", adminPassword())).singleElement()
                .satisfies(e -> assertThat(e.path("detail").asText()).startsWith("从各处合计连续 100 次登录失败，整个账户锁定至 "));
    }

    /** A form login from a given address, as the login page posts it. */
    private static org.springframework.test.web.servlet.RequestBuilder login(String user, String password, String address) {
        return post("/login").param("username", user).param("password", password).with(csrf()).with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
    }

    @Test
    void httpBasicFailuresLockTheAccountForTheFormToo() throws Exception {
        users.create("api-client", "api-password-1", "VIEWER");
        for (int i = 0; i < 10; i++) {
            assertThat(http(HttpRequest.newBuilder(uri("/api/runs")).header("Authorization", basic("api-client", "nope-" + i)).GET())
                    .statusCode()).isEqualTo(401);
        }
        assertThat(http(HttpRequest.newBuilder(uri("/api/runs")).header("Authorization", basic("api-client", "api-password-1")).GET())
                .body()).contains("账户已锁定");
        mvc.perform(formLogin("/login").user("api-client").password("api-password-1")).andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void aNameThatIsNoUserLocksJustTheSameSoThePageTellsNothing() throws Exception {
        for (int i = 1; i <= 9; i++) {
            mvc.perform(formLogin("/login").user("no-such-person").password("guess-" + i)).andExpect(redirectedUrl("/login?error"));
        }
        MvcResult locked = mvc.perform(formLogin("/login").user("no-such-person").password("guess-10")).andExpect(redirectedUrl("/login?locked"))
                .andReturn();
        assertThat(mvc.perform(get("/login").param("locked", "").session((MockHttpSession) locked.getRequest().getSession()))
                .andReturn().getResponse().getContentAsString()).contains("账户已锁定，请 15 分钟后（");
        mvc.perform(formLogin("/login").user("no-such-person").password("guess-11")).andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void anAdminUnlocksALockedUserAtOnceAndTheUnlockIsAudited() throws Exception {
        users.create("clerk-unlock", "unlock-password-1", "VIEWER");
        for (int i = 0; i < 10; i++) {
            mvc.perform(formLogin("/login").user("clerk-unlock").password("bad-" + i));
        }
        mvc.perform(formLogin("/login").user("clerk-unlock").password("unlock-password-1")).andExpect(redirectedUrl("/login?locked"));
        String adminPage = mvc.perform(get("/console/admin").with(admin())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(adminPage).contains("已锁定至").contains("/console/admin/users/clerk-unlock/unlock");

        mvc.perform(post("/console/admin/users/clerk-unlock/unlock").with(admin())).andExpect(status().isForbidden()); // no token
        mvc.perform(post("/console/admin/users/clerk-unlock/unlock").with(admin()).with(csrf()))
                .andExpect(redirectedUrl("/console/admin")).andExpect(flash().attribute("message", "已解锁用户 clerk-unlock，可以立即登录。"));
        mvc.perform(formLogin("/login").user("clerk-unlock").password("unlock-password-1")).andExpect(redirectedUrl("/console"));
        assertThat(audit("/api/audit?action=user.unlock", adminPassword())).anySatisfy(e -> {
            assertThat(e.path("user").asText()).isEqualTo("a-admin");
            assertThat(e.path("detail").asText()).isEqualTo("解锁用户 clerk-unlock，登录失败次数清零（控制台）");
        });
        // Only admins unlock.
        mvc.perform(post("/console/admin/users/clerk-unlock/unlock").with(user("o").roles("VIEWER", "OPERATOR")).with(csrf()))
                .andExpect(status().isForbidden());
    }

    // ---------------------------------------------------------------- passwords

    @Test
    void anAdminResetsAPasswordShownOnceAndNeverAudited() throws Exception {
        users.create("clerk-reset", "reset-password-1", "VIEWER");
        MvcResult reset = mvc.perform(post("/console/admin/users/clerk-reset/reset-password").with(admin()).with(csrf()))
                .andExpect(redirectedUrl("/console/admin")).andReturn();
        String generated = (String) reset.getFlashMap().get("generatedPassword");
        assertThat(users.policy().problems("clerk-reset", generated)).isEmpty();
        mvc.perform(get("/api/runs").with(httpBasic("clerk-reset", generated))).andExpect(status().isOk());
        mvc.perform(get("/api/runs").with(httpBasic("clerk-reset", "reset-password-1"))).andExpect(status().isUnauthorized());
        JsonNode entries = audit("/api/audit?action=password.reset", adminPassword());
        assertThat(entries).anySatisfy(e -> assertThat(e.path("detail").asText()).contains("clerk-reset"));
        assertThat(entries.toString()).doesNotContain(generated);
    }

    @Test
    void aViewerChangesTheirOwnPasswordAndIsToldInChineseWhatIsWrong() throws Exception {
        users.create("clerk-own", "own-password-1", "VIEWER");
        var me = user("clerk-own").roles("VIEWER");
        Map<String, String> refusals = Map.of(
                "wrong-password,new-password-22,new-password-22", "未能修改密码：当前密码不正确。请重新输入当前密码；忘记了请联系管理员重设。",
                "own-password-1,new-password-22,new-password-23", "未能修改密码：两次输入的新密码不一致。请重新输入两遍相同的新密码。",
                "own-password-1,short-1,short-1", "未能修改密码：密码不符合要求：至少 12 个字符（现为 7 个）。请换一个密码，例如用几个不相关的词加数字和符号组成。",
                "own-password-1,own-password-1,own-password-1", "未能修改密码：新密码不能与当前密码相同。请另选一个新密码。");
        for (Map.Entry<String, String> r : refusals.entrySet()) {
            String[] f = r.getKey().split(",");
            mvc.perform(post("/console/account/password").with(me).with(csrf()).param("currentPassword", f[0])
                            .param("newPassword", f[1]).param("confirmPassword", f[2]))
                    .andExpect(redirectedUrl("/console/account")).andExpect(flash().attribute("error", r.getValue()));
        }
        mvc.perform(get("/api/runs").with(httpBasic("clerk-own", "own-password-1"))).andExpect(status().isOk());

        mvc.perform(post("/console/account/password").with(me).with(csrf()).param("currentPassword", "own-password-1")
                        .param("newPassword", "new-password-22").param("confirmPassword", "new-password-22"))
                .andExpect(redirectedUrl("/console/account")).andExpect(flash().attribute("message", "密码已修改。下次登录请使用新密码；您在其他浏览器或电脑上的登录已结束。"));
        mvc.perform(get("/api/runs").with(httpBasic("clerk-own", "own-password-1"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/runs").with(httpBasic("clerk-own", "new-password-22"))).andExpect(status().isOk());

        String admin = adminPassword();
        assertThat(audit("/api/audit?user=clerk-own&action=password.change", admin)).hasSize(1);
        JsonNode refused = audit("/api/audit?user=clerk-own&action=password.change.refused", admin);
        assertThat(refused).hasSize(4);
        assertThat(refused.toString()).doesNotContain("new-password-2").doesNotContain("own-password-1");
    }

    // ---------------------------------------------------------------- CSRF

    @Test
    void onlyAStatelessHttpBasicClientIsSparedTheCsrfToken() throws Exception {
        users.create("clerk-csrf", "csrf-password-1", "ADMIN");
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/login").user("clerk-csrf").password("csrf-password-1"))
                .andExpect(redirectedUrl("/console")).andReturn().getRequest().getSession(false);
        long runs = hub.queryForObject("SELECT COUNT(*) FROM run", Long.class);

        // The logged-in session's form POST needs its token, whatever Authorization header comes with it.
        mvc.perform(post("/console/runs").session(session).header("Authorization", "Bearer x").param("year", "2026").param("scope", "all"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/runs").session(session).header("Authorization", basic("clerk-csrf", "csrf-password-1"))
                .param("year", "2026").param("scope", "all")).andExpect(status().isForbidden());
        mvc.perform(post("/api/reviews/2026/999999/approve").session(session).header("Authorization", basic("clerk-csrf", "csrf-password-1")))
                .andExpect(status().isForbidden());
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM run", Long.class)).isEqualTo(runs);
        // The refusals above were the token's: with it the session's POST goes through to the controller.
        mvc.perform(post("/api/reviews/2026/999999/approve").session(session).with(csrf())).andExpect(status().isNotFound());

        // A real HTTP Basic client without a session: no token, reaches the controller (no version to approve).
        HttpResponse<String> stateless = http(HttpRequest.newBuilder(uri("/api/reviews/2026/999999/approve"))
                .header("Authorization", basic("clerk-csrf", "csrf-password-1")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(stateless.statusCode()).isEqualTo(404);
        assertThat(stateless.headers().allValues("Set-Cookie")).as("HTTP Basic keeps no session").isEmpty();
        // Basic with a wrong password is not let past CSRF into anything: 401.
        assertThat(http(HttpRequest.newBuilder(uri("/api/reviews/2026/999999/approve"))
                .header("Authorization", basic("clerk-csrf", "wrong-password")).POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(401);

        assertThat(audit("/api/audit?user=clerk-csrf&action=refused", adminPassword())).hasSize(3)
                .allSatisfy(e -> assertThat(e.path("detail").asText()).contains("缺少或无效的 CSRF 令牌"));
    }

    // ---------------------------------------------------------------- cookie and headers

    @Test
    void theSessionCookieIsSameSiteLaxAndConsolePagesCarryTheSecurityHeaders() throws Exception {
        users.create("clerk-headers", "headers-password-1", "VIEWER");
        HttpResponse<String> loginPage = http(HttpRequest.newBuilder(uri("/login")).GET());
        assertThat(loginPage.statusCode()).isEqualTo(200);
        securityHeaders(loginPage);
        String cookie = sessionCookie(loginPage);
        Matcher token = CSRF.matcher(loginPage.body());
        assertThat(token.find()).isTrue();

        HttpResponse<String> login = http(HttpRequest.newBuilder(uri("/login")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=clerk-headers&password=" + URLEncoder.encode("headers-password-1",
                        StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/console");
        List<String> setCookie = login.headers().allValues("Set-Cookie");
        assertThat(setCookie).as("a new session at login").anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=")
                .contains("SameSite=Lax").contains("HttpOnly").doesNotContain("Secure"));

        HttpResponse<String> console = http(HttpRequest.newBuilder(uri("/console/account")).header("Cookie", sessionCookie(login)).GET());
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("修改密码").doesNotContain("<script>").doesNotContain(" style=\"").doesNotContain(" onclick=");
        securityHeaders(console);
    }

    private static void securityHeaders(HttpResponse<String> response) {
        assertThat(response.headers().allValues("Content-Security-Policy")).containsExactly(SecurityConfiguration.CONSOLE_POLICY);
        assertThat(SecurityConfiguration.CONSOLE_POLICY).contains("default-src 'self'").contains("frame-ancestors 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    }

    // ---------------------------------------------------------------- the audit API

    @Test
    void theAuditApiIsForAdminsAndFiltersByUserActionAndTime() throws Exception {
        users.create("clerk-audit", "audit-password-1", "OPERATOR");
        mvc.perform(formLogin("/login").user("clerk-audit").password("not-it"));
        mvc.perform(get("/api/audit").with(httpBasic("clerk-audit", "audit-password-1"))).andExpect(status().isForbidden());
        mvc.perform(get("/console/admin").with(httpBasic("clerk-audit", "audit-password-1"))).andExpect(status().isForbidden());

        String admin = adminPassword();
        JsonNode mine = audit("/api/audit?user=clerk-audit", admin);
        assertThat(mine).extracting(e -> e.path("action").asText()).contains("login.failed", "refused");
        assertThat(mine).allSatisfy(e -> {
            assertThat(e.path("user").asText()).isEqualTo("clerk-audit");
            assertThat(e.path("at").asText()).isNotEmpty();
        });
        assertThat(audit("/api/audit?user=clerk-audit&action=refused", admin)).allSatisfy(e ->
                assertThat(e.path("detail").asText()).startsWith("无权执行：GET /"));
        assertThat(audit("/api/audit?user=clerk-audit&since=2999-01-01", admin)).isEmpty();
        assertThat(audit("/api/audit?user=clerk-audit&since=2000-01-01T00:00:00Z", admin)).hasSize(mine.size());
        assertThat(audit("/api/audit?limit=1", admin)).hasSize(1);

        String bad = mvc.perform(get("/api/audit").param("since", "yesterday").with(httpBasic("admin", admin)))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(bad).contains("参数 since 的值无法识别：yesterday");

        // The admin page filters the same log.
        String page = mvc.perform(get("/console/admin").param("user", "clerk-audit").param("action", "login.failed").with(admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("登录失败：用户名或密码不正确（用户名 clerk-audit）").doesNotContain("无权执行：GET /api/audit")
                .contains("符合筛选的最近 200 条操作");

        String api = mvc.perform(get("/v3/api-docs").with(httpBasic("admin", admin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode operation = json.readTree(api).path("paths").path("/api/audit").path("get");
        assertThat(operation.path("parameters").findValuesAsText("name")).contains("user", "action", "since", "limit");
        assertThat(operation.path("responses").has("403")).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return user("a-admin").roles("VIEWER", "OPERATOR", "REVIEWER", "ADMIN");
    }

    private static String adminPassword() throws Exception {
        return Files.readAllLines(PASSWORDS).stream().filter(l -> l.startsWith("admin\t")).findFirst().orElseThrow().split("\t")[2];
    }

    private JsonNode audit(String path, String adminPassword) throws Exception {
        HttpResponse<String> response = http(HttpRequest.newBuilder(uri(path)).header("Authorization", basic("admin", adminPassword)).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("items");
    }

    private static List<String> lines(String log, String containing) {
        return Arrays.stream(log.split("\\R")).filter(l -> l.contains(containing)).toList();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
