package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import org.budgethub.run.RunRequest;
import org.budgethub.security.Users;

/**
 * Every console page in Chinese, as each role sees it: Chromium follows the console's own links
 * from the dashboard (runs, agencies, versions, reviews, narratives, admin) after a run, a second
 * run with nothing changed and a rejection, and collects every Latin word a person could read (text,
 * option labels, titles, placeholders, aria labels). What may stay is what a bureau's staff use as
 * such: file formats, protocol names, sizes (KB), the users' own names (the first admin is "admin") and
 * file names; setting keys and other
 * literals the page marks as code are not words.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=sftp",
        "hub.publish.review=required",
        "hub.publish.attestations=optional",
        "hub.cms.embedded.enabled=true",
        "hub.cms.port=0",
        "hub.cms.embedded.root=target/console-words-test/cms",
        "hub.cms.embedded.keys-dir=target/console-words-test/keys",
        "hub.cms.private-key-file=target/console-words-test/keys/hub_ecdsa",
        "hub.cms.known-hosts-file=target/console-words-test/keys/known_hosts",
        "hub.schedule.enabled=false",
        "hub.console.initial-passwords-file=target/console-words-test/initial-passwords.txt",
        "hub.console.demo-users=false",
        "spring.datasource.url=jdbc:h2:mem:console-words-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
class ConsoleWordsIT {

    static final Path WORK = Path.of("target/console-words-test").toAbsolutePath();
    private static final String PASSWORD = "Qz7#mVx2pL9w-hub";

    /** Words a finance bureau's staff read as they are: formats, protocols, and the users of this test. */
    private static final Set<String> ALLOWED = Set.of("PDF", "XLSX", "HTML", "JSON", "SFTP", "CMS", "YAML", "ZIP", "CSV", "API", "ID",
            "Excel", "SHA", "KB", "MB", "cron", "admin", "wordsadmin", "wordsreviewer", "wordsviewer", "wordsoperator");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z_.:/-]*[A-Za-z]|[A-Za-z]{2,}");
    private static final Pattern FILE_NAME = Pattern.compile("[\\w.-]+\\.(html|pdf|xlsx|json|zip|yaml|csv|txt)\\b");
    private static final int MAX_PAGES = 120;

    /** The page's readable words: text without code literals, and the attributes a person reads. */
    private static final String READABLE = """
            const b = document.body.cloneNode(true);
            b.querySelectorAll('code, kbd, samp, script, style, noscript, .code').forEach(e => e.remove());
            // a literal's tooltip (a full checksum, a CMS address) is the literal again, not words
            const attrs = [...document.querySelectorAll('[title], [placeholder], [aria-label], input[type=submit][value]')]
                .filter(e => !e.matches('code, .code, td.cms-path'))
                .flatMap(e => [e.getAttribute('title'), e.getAttribute('placeholder'), e.getAttribute('aria-label'),
                               e.type === 'submit' ? e.value : null])
                .filter(v => v);
            return document.title + '\\n' + b.textContent + '\\n' + attrs.join('\\n');
            """;

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    ProducerTemplate producer;

    private Browser chromium;

    @DynamicPropertySource
    static void cleanWorkFolder(DynamicPropertyRegistry registry) {
        FileSystemUtils.deleteRecursively(WORK.toFile());
        registry.add("hub.console.test-work", WORK::toString);
    }

    @BeforeEach
    void usersAndBrowser() {
        users.create("wordsadmin", PASSWORD, "ADMIN");
        users.create("wordsreviewer", PASSWORD, "REVIEWER");
        users.create("wordsviewer", PASSWORD, "VIEWER");
        users.create("wordsoperator", PASSWORD, "OPERATOR");
        chromium = new Browser(WORK, port);
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void noPageOfAnyRoleShowsAnEnglishWordOrInternalCode() throws Exception {
        producer.requestBody("direct:run", RunRequest.allAgencies(2026, RunRequest.SCHEDULE), Object.class);
        // nothing changed: the second run's page tells its unchanged agencies
        producer.requestBody("direct:run", RunRequest.allAgencies(2026, "user:wordsoperator"), Object.class);

        Map<String, Set<String>> foreign = new LinkedHashMap<>();
        for (String user : List.of("wordsadmin", "wordsreviewer", "wordsoperator", "wordsviewer")) {
            chromium.logIn(user, PASSWORD);
            crawl(user, foreign);
            chromium.driver().manage().deleteAllCookies();
        }
        StringBuilder report = new StringBuilder();
        foreign.forEach((page, words) -> report.append(page).append('\t').append(String.join(" ", words)).append('\n'));
        java.nio.file.Files.writeString(WORK.resolve("latin-words.txt"), report);
        assertThat(foreign).as("Latin words on console pages (page → words; also in " + WORK.resolve("latin-words.txt") + ")").isEmpty();
    }

    private void crawl(String user, Map<String, Set<String>> foreign) {
        Deque<String> queue = new ArrayDeque<>(List.of("/console", "/console/nosuchpage", "/console/reviews?year=2026",
                "/console/admin", "/console/account", "/console/narratives?year=2026", "/console/grid?year=2026"));
        Set<String> seen = new LinkedHashSet<>();
        while (!queue.isEmpty() && seen.size() < MAX_PAGES) {
            String path = queue.poll();
            if (!seen.add(path)) {
                continue;
            }
            chromium.get(path);
            JavascriptExecutor js = (JavascriptExecutor) chromium.driver();
            Set<String> words = latinWords((String) js.executeScript(READABLE));
            if (!words.isEmpty()) {
                foreign.put(user + " " + path, words);
            }
            @SuppressWarnings("unchecked")
            List<String> links = (List<String>) js.executeScript(
                    "return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));");
            for (String link : links) {
                String next = consolePath(link);
                if (next != null && !seen.contains(next)) {
                    queue.add(next);
                }
            }
        }
        assertThat(seen).as(user + " reached the console's pages").hasSizeGreaterThan(5);
    }

    /** A console page worth reading: same site, not a file download, not the logout, one per kind of page. */
    private static String consolePath(String href) {
        if (href == null || href.startsWith("#") || href.startsWith("mailto:")) {
            return null;
        }
        URI uri = URI.create(href.replace(" ", "%20"));
        if (uri.getHost() != null && !"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
            return null;
        }
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/console") || path.contains("/files/") || path.contains("/preview/")
                || path.matches(".*\\.(pdf|xlsx|zip|json|yaml|csv)$") || path.endsWith("/export")) {
            return null;
        }
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    static Set<String> latinWords(String text) {
        String readable = FILE_NAME.matcher(text).replaceAll(" ");
        Set<String> found = new TreeSet<>();
        Matcher m = WORD.matcher(readable);
        while (m.find()) {
            String w = m.group();
            if (!ALLOWED.contains(w) && !ALLOWED.contains(w.toUpperCase())) {
                found.add(w);
            }
        }
        return found;
    }

    @Test
    void theWordFinderSeesWhatTheIssueFound() {
        assertThat(latinWords("发起：demo start-up")).contains("demo", "start-up");
        assertThat(latinWords("DONE 已完成 AWAITING_REVIEW")).contains("DONE", "AWAITING_REVIEW");
        assertThat(latinWords("下载 PDF、XLSX 或 disclosure.json")).isEmpty();
        assertThat(new ArrayList<>(latinWords("（found duplicate key duties）"))).contains("found", "duplicate");
    }
}
