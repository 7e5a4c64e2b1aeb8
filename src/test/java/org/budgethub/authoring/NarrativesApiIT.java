package org.budgethub.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.budgethub.config.Departments;
import org.budgethub.run.RunRequest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The narratives API through the real filter chain, controllers and advice, on the demo's finance
 * database: scope, If-Match and staleness, the checks of the words, unknown agencies, the draft,
 * check and preview, and that a save is announced ({@link WordsSaved}) for the rebuild.
 */
class NarrativesApiIT extends NarrativesTestSupport {

    @Test
    void aFirstVersionThenAnEditOnTheLatestAndAStaleOneIsRefused() throws Exception {
        problem(get("/api/narratives/2026/101023").with(author()), 404, "words-not-found");

        MockHttpServletResponse first = perform(save("101023", "\"0\"", body("{\"duties\": \"职责一\", \"reasons\": {\"income\": \"收入原因\"}}"),
                author()));
        assertThat(first.getStatus()).as(first.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(first.getHeader("ETag")).isEqualTo("\"1\"");
        JsonNode v1 = json.readTree(first.getContentAsString(StandardCharsets.UTF_8));
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        assertThat(v1.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(v1.path("author").asText()).isEqualTo("author-101023");
        assertThat(v1.path("source").asText()).isEqualTo("API");
        assertThat(v1.path("words").path("reasons").path("income").asText()).isEqualTo("收入原因");
        assertThat(v1.path("words").path("reasons").has("sangongVehiclePurchase")).as("every key, empty where none").isTrue();
        assertThat(saves.heard).containsExactly(new WordsSaved(2026, "101023", 1, "author-101023"));
        // the rebuild: the unit with its department, started by the author, as an operator's rerun is
        org.mockito.Mockito.verify(launcher).launch(new RunRequest(2026, "101023", "user:author-101023", false)
                .withDepartments(Departments.WITH_PARENTS));

        MockHttpServletResponse read = perform(get("/api/narratives/2026/101023").with(viewer()));
        assertThat(read.getHeader("ETag")).isEqualTo("\"1\"");

        JsonNode v2 = ok(save("101023", "\"1\"", body("{\"duties\": \"职责二\"}"), operator())
                .header("X-Requested-With", "XMLHttpRequest"));
        assertThat(v2.path("version").asInt()).isEqualTo(2);
        assertThat(v2.path("source").asText()).isEqualTo("CONSOLE");

        JsonNode stale = problem(save("101023", "\"1\"", body("{\"duties\": \"职责三\"}"), author()), 412, "stale-version");
        assertThat(stale.path("version").asInt()).isEqualTo(2);
        problem(save("101023", "*", body("{\"duties\": \"职责三\"}"), author()), 412, "stale-version");
        problem(save("101023", null, body("{\"duties\": \"职责三\"}"), author()), 428, "precondition-required");

        JsonNode history = ok(get("/api/narratives/2026/101023/versions").with(author()));
        assertThat(history.findValuesAsText("version")).containsExactly("2", "1");
        JsonNode one = ok(get("/api/narratives/2026/101023/versions/1").with(author()));
        assertThat(one.path("words").path("duties").asText()).isEqualTo("职责一");

        JsonNode same = ok(save("101023", "\"2\"", body("{\"duties\": \" 职责二 \"}"), author()));
        assertThat(same.path("version").asInt()).as("the same words make no version").isEqualTo(2);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'narrative.save'", Integer.class)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anAuthorSeesAndEditsOnlyTheCodesOfItsScopeAndAViewerEditsNothing() throws Exception {
        problem(get("/api/narratives/2026/101031").with(author()), 403, "forbidden");
        problem(save("101031", "\"0\"", body("{\"duties\": \"职责\"}"), author()), 403, "forbidden");
        problem(get("/api/narratives/2026/101031/versions").with(author()), 403, "forbidden");
        problem(get("/api/narratives/2026/101031/draft").with(author()), 403, "forbidden");
        problem(save("101023", "\"0\"", body("{\"duties\": \"职责\"}"), viewer()), 403, "forbidden");
        assertThat(saves.heard).isEmpty();
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM narrative_version", Integer.class)).isZero();
    }

    @Test
    void wordsThatAreNotTextOrTooLongOrHaveControlCharactersOrUnknownKeysAreRefusedNamingTheField() throws Exception {
        JsonNode unknown = problem(save("101023", "\"0\"", body("{\"reasons\": {\"incom\": \"x\"}, \"contacts\": {}}"), author()), 400,
                "invalid-words");
        assertThat(unknown.path("detail").asText()).contains("words.reasons.incom", "reasons.income", "words.contacts");
        assertThat(unknown.path("fields").findValuesAsText("field")).containsExactly("words.reasons.incom", "words.contacts");

        JsonNode number = problem(save("101023", "\"0\"", body("{\"contact\": {\"phone\": 12345678}, \"notes\": [\"a\", {\"b\": 1}]}"),
                author()), 400, "invalid-words");
        assertThat(number.path("detail").asText()).contains("words.contact.phone", "数字", "words.notes[1]", "对象");

        String tooLong = "字".repeat(Words.MAX_LENGTH + 1);
        JsonNode longer = problem(save("101023", "\"0\"", body("{\"duties\": \"" + tooLong + "\"}"), author()), 400, "invalid-words");
        assertThat(longer.path("detail").asText()).contains("words.duties", "5000");

        JsonNode control = problem(save("101023", "\"0\"", body("{\"reasons\": {\"basic\": \"a\\u0007b\"}}"), author()), 400, "invalid-words");
        assertThat(control.path("detail").asText()).contains("words.reasons.basic", "U+0007");

        problem(save("101023", "\"0\"", "{\"text\": \"x\"}", author()), 400, "invalid-words");
        problem(save("101023", "\"0\"", body("[\"x\"]"), author()), 400, "invalid-words");
        problem(save("101023", "\"x1\"", body("{}"), author()), 400, "invalid-parameter");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM narrative_version", Integer.class)).isZero();

        JsonNode kept = ok(save("101023", "\"0\"", body("{\"duties\": \"第一行\\n\\t第二行 <b>&</b>\", \"notes\": [\"=1+1\", \"\"]}"), author()));
        assertThat(kept.path("words").path("duties").asText()).isEqualTo("第一行\n\t第二行 <b>&</b>");
        assertThat(kept.path("words").path("notes").findValuesAsText("")).isEmpty();
        assertThat(kept.path("words").path("notes").get(0).asText()).isEqualTo("=1+1");
        assertThat(kept.path("words").path("notes").size()).as("blank notes dropped").isEqualTo(1);
    }

    @Test
    void anUnknownAgencyIsNotFoundAndAnAgencyWithoutWordsPointsToItsDraft() throws Exception {
        problem(save("999999", "\"0\"", body("{\"duties\": \"x\"}"), operator()), 404, "unknown-agency");
        problem(get("/api/narratives/2026/999999").with(operator()), 404, "unknown-agency");
        JsonNode none = problem(get("/api/narratives/2026/101031").with(operator()), 404, "words-not-found");
        assertThat(none.path("href").asText()).isEqualTo("/api/narratives/2026/101031/draft");
        problem(get("/api/narratives/2026/101%2F023").with(operator()), 400, "rejected-url");
    }

    @Test
    void theDraftOfTheSeedAgencyAndOfADepartmentAreInTheSameShapeAndNotSaved() throws Exception {
        JsonNode draft = ok(get("/api/narratives/2026/101023/draft").with(author()));
        assertThat(draft.path("version").isNull()).isTrue();
        assertThat(draft.path("status").asText()).isEqualTo("DRAFTED");
        assertThat(draft.path("words").path("reasons").has("income")).isTrue();
        // Acceptance: the demo's draft of 101023 names the basic change and the project change
        assertThat(draft.path("words").path("reasons").path("expenditure").asText()).contains("122.38", "904.31");
        assertThat(draft.path("words").path("reasons").toString()).contains("122.38", "904.31");
        JsonNode department = ok(get("/api/narratives/2026/101/draft").with(operator()));
        assertThat(department.path("agency").asText()).isEqualTo("101");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM narrative_version", Integer.class)).isZero();
    }

    @Test
    void checkAndPreviewShowTheFindingsAndThePublishedWordsOfTheBodyEscapedWithoutSavingThem() throws Exception {
        String words = body("{\"duties\": \"<script>alert(1)</script> & 职责\", \"reasons\": {\"expenditure\": \"主要是基本支出预算增加 999.99 万元\"}}");
        JsonNode check = ok(post("/api/narratives/2026/101023/check").with(operator()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(words));
        assertThat(check.path("findings").findValuesAsText("rule")).contains("narrative.figure-mismatch");
        assertThat(check.path("counts").path("FATAL").asInt()).isZero();

        JsonNode preview = ok(post("/api/narratives/2026/101023/preview").with(operator()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(words));
        assertThat(preview.path("html").asText()).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 职责").doesNotContain("<script>");
        assertThat(preview.path("title").asText()).endsWith("2026 年单位预算情况说明");
        assertThat(preview.path("html").asText()).contains("主要是基本支出预算增加 999.99 万元");
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM narrative_version", Integer.class)).isZero();

        problem(post("/api/narratives/2026/101023/check").with(operator()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(body("{\"duties\": 1}")), 400, "invalid-words");
    }

    @Test
    void theApiDescriptionHasTheNarrativesPathsTheirRefusalsAndShapes() throws Exception {
        JsonNode api = ok(get("/v3/api-docs").with(operator()));
        JsonNode save = api.at("/paths/~1api~1narratives~1{year}~1{code}/put/responses");
        assertThat(save.has("200") && save.has("400") && save.has("403") && save.has("404") && save.has("412") && save.has("428")).as(save.toString())
                .isTrue();
        assertThat(save.at("/412/content/application~1problem+json/schema/$ref").asText()).endsWith("/Problem");
        assertThat(api.at("/paths/~1api~1narratives~1{year}~1{code}~1draft/get").isMissingNode()).isFalse();
        assertThat(api.at("/paths/~1api~1narratives~1{year}~1{code}~1check/post").isMissingNode()).isFalse();
        assertThat(api.at("/paths/~1api~1narratives~1{year}~1{code}~1preview/post").isMissingNode()).isFalse();
        assertThat(api.at("/paths/~1api~1narratives~1{year}~1{code}~1versions/get").isMissingNode()).isFalse();
        assertThat(api.at("/paths/~1api~1narratives~1export/get").isMissingNode()).isFalse();
        assertThat(api.at("/components/schemas/Narrative/properties/words").isMissingNode()).isFalse();
        assertThat(api.at("/components/schemas/NarrativePreview/properties/html").isMissingNode()).isFalse();
    }
}
