package org.budgethub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import org.budgethub.support.FinanceDatabase;

/**
 * Every 403 and 400 a person or a script meets is in Chinese and says what to do: the API's (and
 * any non-browser client's, on /actuator or /v3/api-docs) as problem details, the console's as its
 * own pages: a stale CSRF token is "page expired", not "no permission"; an address the firewall
 * refuses gets the console's 400 page or a problem, never Tomcat's English page; the 404 page shows
 * no library's English. Over real HTTP, so Tomcat's error dispatch is what a browser sees.
 */
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=local",
        "hub.publish.dir=target/chinese-refusals-it/packages",
        "hub.cms.embedded.enabled=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=none",
        "hub.console.initial-passwords-file=target/chinese-refusals-it/initial-passwords.txt"})
class ChineseRefusalsIT {

    static final Path WORK = Path.of("target/chinese-refusals-it").toAbsolutePath();
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @DynamicPropertySource
    static void hubDatabase(DynamicPropertyRegistry registry) {
        FileSystemUtils.deleteRecursively(WORK.toFile());
        registry.add("spring.datasource.url", FinanceDatabase.empty()::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @Autowired
    Users users;

    @LocalServerPort
    int port;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void forbiddenIsAChineseProblemForEveryClientThatIsNoBrowser() throws Exception {
        users.create("viewer-403", "Lantern-403-x", "VIEWER");
        users.create("author-403", "Lantern-403-y", "AUTHOR");
        for (String[] c : new String[][] {
                {"POST", "/api/runs", "viewer-403", "Lantern-403-x"},
                {"GET", "/api/audit", "viewer-403", "Lantern-403-x"},
                {"GET", "/actuator/env", "viewer-403", "Lantern-403-x"},
                {"GET", "/actuator/metrics", "viewer-403", "Lantern-403-x"},
                {"GET", "/v3/api-docs", "author-403", "Lantern-403-y"},
                {"GET", "/console", "author-403", "Lantern-403-y"}}) {
            for (String accept : new String[] {"application/json", null}) {
                HttpRequest.Builder r = HttpRequest.newBuilder(uri(c[1])).header("Authorization", basic(c[2], c[3]))
                        .method(c[0], c[0].equals("POST") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
                if (c[0].equals("POST")) {
                    r.header("Content-Type", "application/json");
                }
                if (accept != null) {
                    r.header("Accept", accept);
                }
                HttpResponse<String> response = send(r);
                String what = c[0] + " " + c[1] + " Accept " + accept;
                assertThat(response.statusCode()).as(what).isEqualTo(403);
                assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                JsonNode problem = json.readTree(response.body());
                assertThat(problem.path("type").asText()).as(what).isEqualTo("urn:budgethub:problem:forbidden");
                assertThat(problem.path("title").asText()).isEqualTo("无权执行");
                assertThat(problem.path("detail").asText()).as(what).startsWith("当前账号无权执行").endsWith("如需权限，请联系管理员");
                assertThat(response.body()).doesNotContain("Forbidden");
            }
        }
    }

    @Test
    void aConsoleFormWithoutItsTokenSaysThePageExpiredNotThatRightsAreMissing() throws Exception {
        users.create("operator-csrf", "Harbour-csrf-26", "OPERATOR");
        HttpResponse<String> loginPage = send(HttpRequest.newBuilder(uri("/login")).GET());
        String cookie = cookie(loginPage);
        Matcher token = CSRF.matcher(loginPage.body());
        assertThat(token.find()).isTrue();
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=operator-csrf&password=" + URLEncoder.encode("Harbour-csrf-26", StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))));
        assertThat(login.statusCode()).isEqualTo(302);
        String session = cookie(login);

        for (String body : new String[] {"year=2026&scope=all", "year=2026&scope=all&_csrf=stale-token-from-an-old-tab"}) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/console/runs")).header("Cookie", session).header("Accept", HTML)
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("页面已过期").contains("页面已过期或表单来源无法确认，请刷新页面后重试").doesNotContain("没有权限");
        }
        // A real lack of rights keeps its page.
        users.create("viewer-csrf", "Harbour-csrf-27", "VIEWER");
        HttpResponse<String> viewer = send(HttpRequest.newBuilder(uri("/console/admin")).header("Authorization", basic("viewer-csrf", "Harbour-csrf-27"))
                .header("Accept", HTML).GET());
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(viewer.body()).contains("没有权限").contains("如需权限，请联系系统管理员").doesNotContain("页面已过期");
    }

    @Test
    void anAddressTheFirewallRefusesGetsAChinesePageOrProblemNeverTomcatsEnglish() throws Exception {
        for (String path : new String[] {"/console//runs", "/console/runs/..;/admin", "/console/a%2Fb", "/console/%2e%2e/admin", "/console/x%00y"}) {
            String page = raw(path, HTML);
            assertThat(page).as(path).startsWith("HTTP/1.1 400");
            String body = page.substring(page.indexOf("\r\n\r\n") + 4);
            assertThat(body).as(path).contains("请求地址不合规").contains("请检查地址").doesNotContain("Bad Request").doesNotContain("Apache Tomcat");
        }
        for (String path : new String[] {"/api//runs", "/api/runs;x=1", "/api/a%2Fb"}) {
            String answer = raw(path, "application/json");
            assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("application/problem+json");
            JsonNode problem = json.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(problem.path("type").asText()).isEqualTo("urn:budgethub:problem:rejected-url");
            assertThat(problem.path("detail").asText()).startsWith("请求地址不合规").contains("请检查地址");
        }
    }

    @Test
    void theConsolesErrorPagesShowNoEnglishFromTheLibraries() throws Exception {
        users.create("viewer-404", "Meadow-404-xy", "VIEWER");
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/console/nosuchpage")).header("Authorization", basic("viewer-404", "Meadow-404-xy"))
                .header("Accept", HTML).GET());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("找不到该页面").doesNotContain("No static resource").doesNotContain("console/nosuchpage.");
        assertThat(text(missing.body())).as("the page's text").doesNotContainPattern("[A-Za-z]{4,}");

        HttpResponse<String> bad = send(HttpRequest.newBuilder(uri("/console/runs/abc")).header("Authorization", basic("viewer-404", "Meadow-404-xy"))
                .header("Accept", HTML).GET());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("请求无法处理").contains("请检查").doesNotContain("Failed to convert");

        // The same refusals for a script: a problem, in Chinese.
        HttpResponse<String> script = send(HttpRequest.newBuilder(uri("/console/nosuchpage")).header("Authorization", basic("viewer-404", "Meadow-404-xy"))
                .header("Accept", "application/json").GET());
        assertThat(script.statusCode()).isEqualTo(404);
        JsonNode problem = json.readTree(script.body());
        assertThat(problem.path("title").asText()).containsPattern(HAN);
        assertThat(problem.path("detail").asText()).containsPattern(HAN).doesNotContain("No static resource");
        assertThat(script.body()).doesNotContain("Not Found");
    }

    /** The error's own text (the page's main part, not the console's header): without tags and the request's own address. */
    private static String text(String html) {
        String main = html.substring(html.indexOf("<main"), html.indexOf("</main>"));
        return main.replaceAll("(?s)<[^>]*>", " ").replaceAll("/console/\\S*", "");
    }

    /** A request as a browser sends it, byte for byte: no client normalises the address first (HTTP/1.0: not chunked). */
    private String raw(String path, String accept) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\nAccept: " + accept + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            StringBuilder answer = new StringBuilder();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            char[] buffer = new char[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                answer.append(buffer, 0, n);
            }
            return answer.toString();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String cookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
