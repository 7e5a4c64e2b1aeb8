package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.context.WebApplicationContext;

import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.support.FinanceDatabase;

/**
 * Every version of a package, read-only, through the real security chain with the delivery record in
 * a real PostgreSQL: two versions of 102001 are built the way a correction happens (one ledger entry
 * changes between two runs) and delivered to the embedded CMS; the console then lists both with their
 * CMS folders, serves each file as it arrived on the CMS, zips the package, and shows the diff.
 */
@SpringBootTest(properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=none",
        "hub.publish.mode=sftp",
        "hub.publish.retry.max-redeliveries=1",
        "hub.publish.retry.delay-ms=50",
        "hub.cms.embedded.enabled=true",
        "hub.cms.port=0",
        "hub.cms.embedded.root=target/version-pages-test/cms",
        "hub.cms.embedded.keys-dir=target/version-pages-test/keys",
        "hub.cms.private-key-file=target/version-pages-test/keys/hub_ecdsa",
        "hub.cms.known-hosts-file=target/version-pages-test/keys/known_hosts",
        "hub.console.demo-users=false"})
class VersionPagesIT {

    private static final Path WORK = Path.of("target/version-pages-test").toAbsolutePath();
    private static final String AGENCY = "102001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean built;

    @Autowired
    WebApplicationContext context;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    @Qualifier("financeDataSource")
    DataSource finance;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    Environment environment;

    MockMvc mvc;

    @DynamicPropertySource
    static void hubDatabase(DynamicPropertyRegistry registry) throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        registry.add("spring.datasource.url", FinanceDatabase.empty()::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("hub.console.test-work", WORK::toString);
    }

    /** Version 1, then one basic-expenditure ledger entry up by 10,000 yuan (1.00 万元), then version 2. */
    @BeforeEach
    void twoVersions() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        if (built) {
            return;
        }
        assertThat(run().failed()).isEmpty();
        JdbcTemplate fin = new JdbcTemplate(finance);
        String entry = fin.queryForObject("SELECT MIN(l.entry_id) FROM bgt_ledger l JOIN bgt_appropriation a ON a.bgt_id = l.bgt_id "
                + "WHERE a.agency_code = ? AND a.fiscal_year = 2026 AND a.exp_kind = 'B' AND a.fund_type_code = '11' "
                + "AND a.is_deleted = FALSE AND l.stage = 'INITIAL'",
                String.class, AGENCY);
        fin.update("UPDATE bgt_ledger SET amount = amount + 10000 WHERE entry_id = ?", entry);
        assertThat(run().failed()).isEmpty();
        assertThat(hub.queryForList("SELECT status FROM delivery WHERE agency_code = ? ORDER BY version", String.class, AGENCY))
                .containsExactly("DELIVERED", "DELIVERED");
        built = true;
    }

    private RunReport run() {
        return producer.requestBody("direct:run", new RunRequest(2026, AGENCY, "test"), RunReport.class);
    }

    static RequestPostProcessor viewer() {
        return user("v-user").roles("VIEWER");
    }

    /** Where version {@code v} arrived on the embedded CMS: the files the website received. */
    private static Path cms(int version) {
        return WORK.resolve("cms/packages/2026/" + AGENCY + "/v" + version);
    }

    private MockHttpServletResponse fetch(String path) throws Exception {
        return mvc.perform(get(path).with(viewer()).accept(MediaType.TEXT_HTML, MediaType.ALL)).andReturn().getResponse();
    }

    private String page(String path) throws Exception {
        MockHttpServletResponse response = fetch(path);
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theAgencyPageListsEveryVersionWithItsCmsFolderTimesFilesAndDiffLink() throws Exception {
        String html = page("/console/agencies/" + AGENCY + "?year=2026");

        String port = environment.getProperty("hub.cms.port");
        for (int v = 1; v <= 2; v++) {
            String row = row(html, v);
            // the folder shown is the one the package arrived in
            assertThat(cms(v).resolve("package.done")).exists();
            assertThat(row).contains("title=\"sftp://hub@127.0.0.1:" + port + "/packages/2026/" + AGENCY + "/v" + v + "/\"")
                    .contains(">sftp://hub@127.0.0.1:" + port + "/</code>").contains(">packages/2026/" + AGENCY + "/v" + v + "/</code>")
                    .contains("data-status=\"DELIVERED\">已送达<");
            Map<String, Object> d = hub.queryForMap("SELECT created_at, delivered_at, content_hash FROM delivery "
                    + "WHERE agency_code = ? AND version = ?", AGENCY, v);
            DateTimeFormatter shanghai = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));
            assertThat(row).contains(shanghai.format(((Timestamp) d.get("created_at")).toInstant()))
                    .contains(shanghai.format(((Timestamp) d.get("delivered_at")).toInstant()))
                    .contains(((String) d.get("content_hash")).substring(0, 12));
            String files = "/console/agencies/" + AGENCY + "/versions/" + v + "/files/";
            assertThat(row).contains(files + "disclosure.html?year=2026\"").contains(files + "disclosure.pdf?year=2026\"")
                    .contains(files + "disclosure.xlsx?year=2026&amp;download=true").contains(files + "disclosure.json?year=2026&amp;download=true")
                    .contains(files + "appropriations.csv?year=2026&amp;download=true")
                    .contains("/console/agencies/" + AGENCY + "/versions/" + v + "/package.zip?year=2026");
        }
        assertThat(row(html, 1)).contains("首个版本").doesNotContain("与上一版比较");
        assertThat(row(html, 2)).contains("变化：").contains("表二").contains("说明")
                .contains("href=\"/console/agencies/" + AGENCY + "/versions/1/diff/2?year=2026\"").contains("与上一版比较");
        assertThat(html).contains("id=\"compare-from\"").contains("id=\"compare-to\"");
    }

    /** The row of version {@code v} in the versions table. */
    private static String row(String html, int v) {
        Matcher m = Pattern.compile("<tr data-version=\"" + v + "\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("row of version " + v).isTrue();
        return m.group(1);
    }

    @Test
    void eachFileIsServedAsItArrivedOnTheCmsWithItsTypeAndAChineseFileName() throws Exception {
        String name = hub.queryForObject("SELECT agency_name FROM delivery WHERE agency_code = ? AND version = 2", String.class, AGENCY);
        Map<String, String> types = new LinkedHashMap<>();
        types.put("disclosure.html", "text/html;charset=utf-8");
        types.put("disclosure.pdf", "application/pdf");
        types.put("disclosure.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        types.put("disclosure.json", "application/json;charset=utf-8");
        types.put("datapackage.json", "application/json;charset=utf-8");
        types.put("appropriations.csv", "text/csv;charset=utf-8");
        types.put("manifest.json", "application/json;charset=utf-8");
        for (Map.Entry<String, String> t : types.entrySet()) {
            String file = t.getKey();
            MockHttpServletResponse r = fetch("/console/agencies/" + AGENCY + "/versions/2/files/" + file + "?year=2026");
            assertThat(r.getStatus()).as(file).isEqualTo(200);
            assertThat(r.getContentType()).as(file).isEqualToIgnoringCase(t.getValue());
            assertThat(r.getContentAsByteArray()).as(file).isEqualTo(Files.readAllBytes(cms(2).resolve(file)));
            String disposition = r.getHeader("Content-Disposition");
            boolean inPlace = file.equals("disclosure.html") || file.equals("disclosure.pdf");
            assertThat(disposition).as(file).startsWith(inPlace ? "inline;" : "attachment;")
                    .contains("filename=\"" + AGENCY + "-2026-v2-" + file + "\"");
            assertThat(filenameStar(disposition)).as(file).isEqualTo(name + "-2026年-第2版-" + file);
        }
        MockHttpServletResponse page = fetch("/console/agencies/" + AGENCY + "/versions/2/files/disclosure.html?year=2026");
        assertThat(page.getHeader("Content-Security-Policy")).startsWith("sandbox");
        MockHttpServletResponse pdf = fetch("/console/agencies/" + AGENCY + "/versions/1/files/disclosure.pdf?year=2026&download=true");
        assertThat(pdf.getHeader("Content-Disposition")).startsWith("attachment;");
        assertThat(pdf.getContentAsByteArray()).as("version 1 is version 1's").isEqualTo(Files.readAllBytes(cms(1).resolve("disclosure.pdf")));
    }

    /** The RFC 5987 {@code filename*} of a Content-Disposition, decoded. */
    private static String filenameStar(String disposition) {
        Matcher m = Pattern.compile("filename\\*=UTF-8''([^;\\s]+)").matcher(disposition);
        assertThat(m.find()).as(disposition).isTrue();
        assertThat(m.group(1)).as("only attr-chars and %XX").matches("[A-Za-z0-9!#$&+\\-.^_`|~%]+");
        return URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Test
    void theZipHoldsThePackageAsOnTheCms() throws Exception {
        MockHttpServletResponse r = fetch("/console/agencies/" + AGENCY + "/versions/2/package.zip?year=2026");

        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentType()).isEqualTo("application/zip");
        assertThat(r.getHeader("Content-Disposition")).startsWith("attachment;").contains("filename=\"" + AGENCY + "-2026-v2.zip\"");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.getContentAsByteArray()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        List<String> onCms;
        try (Stream<Path> files = Files.list(cms(2))) {
            // the done marker is the CMS's import signal, written at upload: not part of the built package
            onCms = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("package.done")).sorted().toList();
        }
        assertThat(entries.keySet().stream().sorted().toList())
                .isEqualTo(onCms.stream().map(n -> "2026/" + AGENCY + "/v2/" + n).toList());
        for (String n : onCms) {
            assertThat(entries.get("2026/" + AGENCY + "/v2/" + n)).as(n).isEqualTo(Files.readAllBytes(cms(2).resolve(n)));
        }
        assertThat(List.copyOf(entries.keySet())).last().isEqualTo("2026/" + AGENCY + "/v2/manifest.json");
    }

    @Test
    void theDiffPageShowsTheChangedCellsAndSentences() throws Exception {
        JsonNode v1 = JSON.readTree(cms(1).resolve("disclosure.json").toFile());
        JsonNode v2 = JSON.readTree(cms(2).resolve("disclosure.json").toFile());
        // 表二's 合计 row, 总计 column: read from the two files the website received
        String before = table(v1, "表二").path(0).path(2).asText();
        String after = table(v2, "表二").path(0).path(2).asText();
        assertThat(after).isNotEqualTo(before);
        assertThat(new BigDecimal(after.replace(",", "")).subtract(new BigDecimal(before.replace(",", "")))).isEqualByComparingTo("1.00");

        String html = page("/console/agencies/" + AGENCY + "/versions/1/diff/2?year=2026");

        Matcher cell = Pattern.compile("<tr class=\"cell-change\" data-row=\"合计\" data-column=\"总计\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(html.substring(html.indexOf("data-table=\"表二\"")));
        assertThat(cell.find()).as("表二 合计 · 总计 is a changed cell").isTrue();
        assertThat(cell.group(1)).contains("<del>" + before + "</del>").contains("<ins>" + after + "</ins>").contains("+1.00");
        // The income sentence names the new total in the narrative format (trailing zeros stripped).
        String total = new BigDecimal(table(v2, "表六").path(0).path(1).asText().replace(",", "")).stripTrailingZeros().toPlainString();
        Matcher sentence = Pattern.compile("<div class=\"sentence-change\" data-section=\"二、单位收支总体情况\">(.*?)</div>", Pattern.DOTALL)
                .matcher(html);
        assertThat(sentence.find()).as("a changed sentence in 二").isTrue();
        assertThat(sentence.group(1)).contains("class=\"sentence sentence-old\"").contains("class=\"sentence sentence-new\"")
                .contains("<ins>" + total + "</ins>");
        assertThat(html).contains("第 1 版 → 第 2 版");

        // the other way round is a diff too
        assertThat(page("/console/agencies/" + AGENCY + "/versions/2/diff/1?year=2026")).contains("<del>" + after + "</del>")
                .contains("<ins>" + before + "</ins>");
        assertThat(page("/console/agencies/" + AGENCY + "/versions/2/diff/2?year=2026")).contains("表格数字和说明文字均无变化");
    }

    private static JsonNode table(JsonNode doc, String no) {
        for (JsonNode t : doc.path("tables")) {
            if (t.path("no").asText().equals(no)) {
                return t.path("rows");
            }
        }
        throw new AssertionError("no " + no);
    }

    @Test
    void theFormComparesAnyTwoVersions() throws Exception {
        MockHttpServletResponse r = fetch("/console/agencies/" + AGENCY + "/versions/compare?year=2026&from=2&to=1");

        assertThat(r.getStatus()).isEqualTo(302);
        assertThat(r.getRedirectedUrl()).isEqualTo("/console/agencies/" + AGENCY + "/versions/2/diff/1?year=2026");
    }

    @Test
    void unknownAgenciesVersionsAndFilesAreNotFoundInChinese() throws Exception {
        Map<String, String> notFound = new LinkedHashMap<>();
        notFound.put("/console/agencies/" + AGENCY + "/versions/9/files/disclosure.pdf?year=2026", "没有第 9 版");
        notFound.put("/console/agencies/" + AGENCY + "/versions/9/package.zip?year=2026", "没有第 9 版");
        notFound.put("/console/agencies/" + AGENCY + "/versions/1/diff/9?year=2026", "没有第 9 版");
        notFound.put("/console/agencies/ZZ9999/versions/1/diff/2?year=2026", "没有单位或部门 ZZ9999");
        notFound.put("/console/agencies/" + AGENCY + "/versions/1/files/disclosure.pdf?year=2025", "2025 年没有单位或部门");
        notFound.put("/console/agencies/" + AGENCY + "/versions/1/files/secret.txt?year=2026", "没有文件 secret.txt");
        notFound.put("/console/agencies/" + AGENCY + "/versions/1/files/package.done?year=2026", "没有文件 package.done");
        for (Map.Entry<String, String> e : notFound.entrySet()) {
            MockHttpServletResponse r = fetch(e.getKey());
            assertThat(r.getStatus()).as(e.getKey()).isEqualTo(404);
            assertThat(r.getErrorMessage()).as(e.getKey()).contains(e.getValue());
        }
        for (String path : new String[] {
                "/console/agencies/" + AGENCY + "/versions/1/files/..%2F..%2Fv2%2Fdisclosure.pdf?year=2026",
                "/console/agencies/..%2F" + AGENCY + "/versions/1/files/disclosure.pdf?year=2026",
                "/console/agencies/" + AGENCY + "/versions/x/files/disclosure.pdf?year=2026"}) {
            assertThat(fetch(path).getStatus()).as(path).isIn(400, 404);
        }
    }

    @Test
    void onlySignedInUsersSeeVersionsAndAViewerNeedsNoMoreThanViewing() throws Exception {
        assertThat(mvc.perform(get("/console/agencies/" + AGENCY + "/versions/1/package.zip?year=2026")).andReturn().getResponse()
                .getStatus()).isEqualTo(401);
        assertThat(mvc.perform(get("/console/agencies/" + AGENCY + "/versions/1/diff/2?year=2026").accept(MediaType.TEXT_HTML))
                .andReturn().getResponse().getStatus()).isEqualTo(302);
        // a viewer: read-only, and the versions table offers nothing but reading
        String html = page("/console/agencies/" + AGENCY + "?year=2026");
        String versions = html.substring(html.indexOf("id=\"versions\""), html.indexOf("id=\"history-heading\""));
        assertThat(versions).doesNotContain("method=\"post\"");
    }
}
