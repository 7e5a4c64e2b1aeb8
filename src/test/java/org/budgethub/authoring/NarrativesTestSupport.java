package org.budgethub.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.context.WebApplicationContext;

import org.budgethub.run.RunLauncher;
import org.budgethub.security.AgencyScope;

/**
 * The hub the narratives API's and the import's tests share (one application context): the demo's
 * finance database, the hub's own in memory, a test {@link AgencyScope} (the user {@code author-101023}
 * sees 101023 alone), the saves heard ({@link WordsSaved}), a run launcher that only records what a
 * save asks it to run (no run starts here: a run imports the folder, which the import's tests fill),
 * and a narrative folder of the tests' own ({@link #FOLDER}), emptied before each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.publish.mode=local",
        "hub.publish.dir=target/narratives-api-test/packages",
        "hub.cms.embedded.enabled=false",
        "hub.console.demo-users=false",
        "hub.console.initial-passwords-file=target/narratives-api-test/initial-passwords.txt",
        "hub.narratives.dir=target/narratives-api-test/folder",
        "spring.datasource.url=jdbc:h2:mem:narratives-api-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
@Import(NarrativesTestSupport.Scope.class)
abstract class NarrativesTestSupport {

    static final Path FOLDER = Path.of("target/narratives-api-test/folder");


    /** Only the user "author-101023" is limited: to 101023. */
    @TestConfiguration
    static class Scope {
        @Bean
        @Primary
        AgencyScope testScope() {
            return new AgencyScope() {
                @Override
                public boolean permits(Authentication user, String code) {
                    return user != null && (!user.getName().equals("author-101023") || code.equals("101023"));
                }

                @Override
                public Optional<Set<String>> limitedTo(Authentication user) {
                    return user != null && user.getName().equals("author-101023") ? Optional.of(Set.of("101023")) : Optional.empty();
                }
            };
        }

        @Bean
        Saves saves() {
            return new Saves();
        }
    }

    /** The saves announced. */
    static class Saves {
        final List<WordsSaved> heard = new CopyOnWriteArrayList<>();

        @EventListener
        void saved(WordsSaved e) {
            heard.add(e);
        }
    }

    /** What a save asks to run (WordsRerun), recorded only. */
    @MockitoBean
    RunLauncher launcher;

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    Saves saves;

    @Autowired
    ObjectMapper json;

    MockMvc mvc;

    @BeforeEach
    void clean() throws Exception {
        FileSystemUtils.deleteRecursively(FOLDER);
        Files.createDirectories(FOLDER);
        hub.update("DELETE FROM narrative_file");
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        hub.update("DELETE FROM narrative_version");
        saves.heard.clear();
    }

    /** An AUTHOR (单位填报员), scoped to 101023. */
    static RequestPostProcessor author() {
        return user("author-101023").roles("AUTHOR");
    }

    static RequestPostProcessor operator() {
        return user("operator-1").roles("VIEWER", "OPERATOR");
    }

    static RequestPostProcessor viewer() {
        return user("viewer-1").roles("VIEWER");
    }

    static String body(String words) {
        return "{\"words\": " + words + "}";
    }

    MockHttpServletRequestBuilder save(String code, String ifMatch, String body, RequestPostProcessor who) {
        MockHttpServletRequestBuilder put = put("/api/narratives/2026/" + code).with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(body);
        return ifMatch == null ? put : put.header("If-Match", ifMatch);
    }

    MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    JsonNode problem(MockHttpServletRequestBuilder request, int status, String type) throws Exception {
        MockHttpServletResponse response = perform(request);
        String text = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(text).isEqualTo(status);
        assertThat(response.getContentType()).as(text).startsWith("application/problem+json");
        JsonNode problem = json.readTree(text);
        assertThat(problem.path("type").asText()).as(text).isEqualTo("urn:budgethub:problem:" + type);
        assertThat(problem.path("detail").asText()).as(text).matches("(?s).*\\p{IsHan}.*");
        return problem;
    }

    JsonNode ok(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = perform(request);
        String text = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(text).isEqualTo(200);
        return json.readTree(text);
    }

}
