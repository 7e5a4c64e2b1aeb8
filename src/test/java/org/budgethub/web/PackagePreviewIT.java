package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import org.budgethub.review.PackagePreviews;

/**
 * The package preview serves the allowed files of the latest delivered version folder and nothing
 * else: not another file of that folder, not a file outside it, whatever the path says.
 */
class PackagePreviewIT extends ConsoleTestSupport {

    /** An agency of the test only: its delivered versions 1 and 2 are laid out by hand. */
    private static final String AGENCY = "T900001";
    private static final int YEAR = 2026;

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    PackagePreviews previews;

    MockMvc mvc;
    Path v2;

    @BeforeEach
    void deliveredPackage() throws Exception {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        Path agencyFolder = CMS_PACKAGES.resolve(YEAR + "/" + AGENCY);
        Path v1 = agencyFolder.resolve("v1");
        v2 = agencyFolder.resolve("v2");
        Files.createDirectories(v1);
        Files.createDirectories(v2);
        Files.writeString(v1.resolve("disclosure.html"), "<html><body><h1>version one</h1></body></html>", StandardCharsets.UTF_8);
        Files.writeString(v2.resolve("disclosure.html"), "<!DOCTYPE html><html lang=\"zh-CN\"><head><title>第二版</title></head>"
                + "<body><h1>第二版预算公开</h1></body></html>", StandardCharsets.UTF_8);
        Files.writeString(v2.resolve("manifest.json"), "{\"version\": 2}", StandardCharsets.UTF_8);
        Files.write(v2.resolve("disclosure.xlsx"), new byte[] {'P', 'K', 3, 4});
        Files.writeString(v2.resolve("package.done"), "v2 done", StandardCharsets.UTF_8);
        Files.writeString(v2.resolve("secret.txt"), "SECRET-IN-FOLDER", StandardCharsets.UTF_8);
        Files.writeString(agencyFolder.resolve("secret.txt"), "SECRET-ABOVE-FOLDER", StandardCharsets.UTF_8);
        Files.writeString(CMS_PACKAGES.resolve("secret.txt"), "SECRET-IN-CMS-ROOT", StandardCharsets.UTF_8);
        if (hub.queryForObject("SELECT COUNT(*) FROM delivery WHERE agency_code = ?", Integer.class, AGENCY) == 0) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int version = 1; version <= 3; version++) {
                // version 3 is a failed attempt: the preview shows the latest DELIVERED version, 2
                hub.update("INSERT INTO delivery (fiscal_year, agency_code, version, content_hash, status, disclosure_json, "
                                + "created_at, updated_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        YEAR, AGENCY, version, "hash" + version, version == 3 ? "FAILED" : "DELIVERED", "{}", now, now,
                        version == 3 ? null : now);
            }
        }
    }

    static RequestPostProcessor viewer() {
        return user("v-user").roles("VIEWER");
    }

    @Test
    void theLatestDeliveredVersionIsServedWithItsContentType() throws Exception {
        MockHttpServletResponse html = mvc.perform(get("/console/agencies/{c}/preview", AGENCY).param("year", "2026").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/html;charset=utf-8"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.startsWith("sandbox")))
                .andReturn().getResponse();
        assertThat(html.getContentAsString(StandardCharsets.UTF_8)).contains("第二版预算公开").doesNotContain("version one");

        mvc.perform(get("/console/agencies/{c}/files/manifest.json", AGENCY).param("year", "2026").with(viewer()))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("application/json"))
                .andExpect(content().string("{\"version\": 2}"));
        mvc.perform(get("/console/agencies/{c}/files/disclosure.xlsx", AGENCY).param("year", "2026").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")));
        // allowed, but this package has no PDF
        mvc.perform(get("/console/agencies/{c}/files/disclosure.pdf", AGENCY).param("year", "2026").with(viewer()))
                .andExpect(status().isNotFound());
        // nothing delivered in that year
        mvc.perform(get("/console/agencies/{c}/preview", AGENCY).param("year", "2025").with(viewer()))
                .andExpect(status().isNotFound());
        // the preview is for logged-in users only
        mvc.perform(get("/console/agencies/{c}/preview", AGENCY).param("year", "2026").accept(MediaType.TEXT_HTML))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/console/agencies/{c}/preview", AGENCY).param("year", "2026")).andExpect(status().isUnauthorized());
    }

    @Test
    void fileNamesOutsideTheAllowListAreNotFound() throws Exception {
        for (String name : new String[] {"secret.txt", "package.done", "disclosure.json", "DISCLOSURE.HTML", "disclosure.html.bak"}) {
            mvc.perform(get("/console/agencies/{c}/files/{n}", AGENCY, name).param("year", "2026").with(viewer()))
                    .andExpect(status().isNotFound());
        }
    }

    @Test
    void pathsThatLeaveTheFolderNeverServeAFile() throws Exception {
        String[] paths = {
                "/console/agencies/" + AGENCY + "/files/../secret.txt",
                "/console/agencies/" + AGENCY + "/files/../../../../../../etc/passwd",
                "/console/agencies/" + AGENCY + "/files/..%2Fsecret.txt",
                "/console/agencies/" + AGENCY + "/files/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
                "/console/agencies/" + AGENCY + "/files/%2e%2e%2fsecret.txt",
                "/console/agencies/..%2F" + AGENCY + "/files/disclosure.html",
                "/console/agencies/../secret.txt",
                "/console/agencies/%2e%2e/files/secret.txt",
                "/console/agencies/" + AGENCY + "/files/..%5Csecret.txt",
                "/console/agencies/" + AGENCY + "/files/disclosure.html%00.txt"};
        for (String path : paths) {
            MockHttpServletResponse response = mvc.perform(get(path).param("year", "2026").with(viewer())).andReturn().getResponse();
            assertThat(response.getStatus()).as(path).isIn(400, 404);
            assertThat(response.getContentAsString()).as(path).doesNotContain("SECRET").doesNotContain("root:");
        }
    }

    @Test
    void theResolverChecksAgencyYearAndNameBeforeBuildingAPath() {
        assertThat(previews.find(YEAR, AGENCY, "disclosure.html")).hasValue(v2.resolve("disclosure.html").toAbsolutePath().normalize());
        assertThat(previews.find(YEAR, AGENCY, "../secret.txt")).isEmpty();
        assertThat(previews.find(YEAR, AGENCY, "../../../../../../etc/passwd")).isEmpty();
        assertThat(previews.find(YEAR, AGENCY, "/etc/passwd")).isEmpty();
        assertThat(previews.find(YEAR, AGENCY, "secret.txt")).isEmpty();
        assertThat(previews.find(YEAR, "../" + AGENCY, "disclosure.html")).isEmpty();
        assertThat(previews.find(YEAR, "..", "disclosure.html")).isEmpty();
        assertThat(previews.find(YEAR, AGENCY + "/v1", "disclosure.html")).isEmpty();
        assertThat(previews.find(YEAR, null, "disclosure.html")).isEmpty();
        assertThat(previews.find(YEAR, AGENCY, null)).isEmpty();
        assertThat(previews.find(99999, AGENCY, "disclosure.html")).isEmpty();
    }
}
