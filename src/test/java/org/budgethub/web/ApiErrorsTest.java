package org.budgethub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The advice alone, on a controller that fails on purpose: what an API client reads for each kind
 * of failure, and that a console page's failure is left to the console's error pages.
 */
class ApiErrorsTest {

    @RestController
    static class Api {
        @GetMapping("/api/boom")
        String boom() {
            throw new RuntimeException("org.budgethub.Secret failed: password=hunter2");
        }

        @GetMapping("/api/library")
        String library() {
            throw new IllegalArgumentException("No enum constant org.budgethub.run.TaskStatus.BOGUS");
        }

        @GetMapping("/api/check")
        String check() {
            throw new IllegalArgumentException("年度超出范围（1900–9999）：0");
        }

        @GetMapping("/api/state")
        String state() {
            throw new IllegalStateException("中枢正在停止，无法开始运行");
        }

        @GetMapping("/api/refused")
        String refused() {
            throw new ApiRefusal(ProblemType.DUPLICATE_RUN, "相同的运行 #7 已在运行，无需重复启动").run(7).href("/console/runs/7");
        }

        @GetMapping("/api/status")
        String status() {
            throw new ResponseStatusException(HttpStatus.GONE, "该版本已删除");
        }

        @GetMapping("/api/runs/{id}")
        long run(@PathVariable long id) {
            return id;
        }

        @PostMapping("/api/runs")
        Map<String, Integer> start(@RequestBody Map<String, Integer> body) {
            return body;
        }
    }

    @Controller
    static class Page {
        @GetMapping("/console/boom")
        String boom() {
            throw new IllegalStateException("console failure");
        }

        @GetMapping("/console/gone")
        String gone() {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这个单位：x");
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Api(), new Page()).setControllerAdvice(new ApiErrors()).build();

    private JsonNode problem(RequestBuilder request, int status, ProblemType type) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode body = json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(body.path("type").asText()).isEqualTo(type.type().toString());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asText()).isEqualTo(type.title());
        assertThat(ApiErrors.chinese(body.path("detail").asText())).as(body.toString()).isTrue();
        assertThat(body.has("error")).isFalse();
        return body;
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsClassOrMessage() throws Exception {
        JsonNode body = problem(get("/api/boom"), 500, ProblemType.INTERNAL_ERROR);
        assertThat(body.path("detail").asText()).isEqualTo("中枢内部错误，详情已写入日志");
        assertThat(body.toString()).doesNotContain("org.budgethub").doesNotContain("Exception").doesNotContain("hunter2")
                .doesNotContain("trace");
        // A library's IllegalArgumentException is no refusal of the client's: a fault too, not a 400 naming a class.
        assertThat(problem(get("/api/library"), 500, ProblemType.INTERNAL_ERROR).toString()).doesNotContain("TaskStatus");
    }

    @Test
    void theHubsOwnChecksAreRefusalsInItsWords() throws Exception {
        assertThat(problem(get("/api/check"), 400, ProblemType.INVALID_PARAMETER).path("detail").asText()).isEqualTo("年度超出范围（1900–9999）：0");
        problem(get("/api/state"), 409, ProblemType.CONFLICT);
        JsonNode duplicate = problem(get("/api/refused"), 409, ProblemType.DUPLICATE_RUN);
        assertThat(duplicate.path("run").asLong()).isEqualTo(7);
        assertThat(duplicate.path("href").asText()).isEqualTo("/console/runs/7");
        assertThat(duplicate.path("instance").asText()).isEqualTo("/api/refused");
        JsonNode gone = json.readTree(mvc.perform(get("/api/status")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(gone.path("status").asInt()).isEqualTo(410);
        assertThat(gone.path("type").asText()).as("a status no kind was made for").isEqualTo("about:blank");
        assertThat(gone.path("detail").asText()).isEqualTo("该版本已删除");
    }

    @Test
    void springMvcsOwnRefusalsInChinese() throws Exception {
        assertThat(problem(get("/api/runs/abc"), 400, ProblemType.INVALID_PARAMETER).path("detail").asText())
                .isEqualTo("参数 id 的值无法识别：abc（须为整数）");
        assertThat(problem(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{\"year\": "), 400, ProblemType.MALFORMED_BODY)
                .path("detail").asText()).isEqualTo("请求正文不是有效的 JSON");
        assertThat(problem(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{\"year\": \"next\"}"), 400,
                ProblemType.MALFORMED_BODY).path("detail").asText()).isEqualTo("请求正文中字段 year 的值无法识别");
        assertThat(problem(post("/api/runs").contentType(MediaType.APPLICATION_JSON), 400, ProblemType.MALFORMED_BODY)
                .path("detail").asText()).isEqualTo("缺少请求正文（JSON）");
        assertThat(problem(post("/api/runs").contentType(MediaType.TEXT_PLAIN).content("year=2026"), 415, ProblemType.UNSUPPORTED_MEDIA_TYPE)
                .path("detail").asText()).contains("text/plain").contains("application/json");
        MockHttpServletResponse method = mvc.perform(delete("/api/runs"))
                .andReturn().getResponse();
        assertThat(method.getStatus()).isEqualTo(405);
        assertThat(method.getHeader("Allow")).contains("POST");
        assertThat(problem(delete("/api/runs"), 405,
                ProblemType.METHOD_NOT_ALLOWED).path("detail").asText()).isEqualTo("接口 /api/runs 不支持 DELETE 方法（可用：POST）");
        assertThat(problem(get("/api/nothing-here"), 404, ProblemType.NO_SUCH_ENDPOINT).path("detail").asText())
                .startsWith("没有这个接口：GET /api/nothing-here");
        problem(get("/api/runs/3").accept(MediaType.valueOf("text/csv")), 406, ProblemType.NOT_ACCEPTABLE);
    }

    @Test
    void aConsolePagesFailureIsLeftToTheConsolesErrorPages() throws Exception {
        MockHttpServletResponse gone = mvc.perform(get("/console/gone")).andReturn().getResponse();
        assertThat(gone.getStatus()).isEqualTo(404);
        assertThat(gone.getErrorMessage()).as("sent as an error, for the console's 404 page").isEqualTo("没有这个单位：x");
        assertThat(gone.getContentAsString()).isEmpty();
        assertThatThrownBy(() -> mvc.perform(get("/console/boom"))).hasRootCauseInstanceOf(IllegalStateException.class);
        MockHttpServletResponse missing = mvc.perform(get("/console/nothing-here")).andReturn().getResponse();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getContentAsString()).isEmpty();
    }

    @Test
    void everyTypeIsAStableUrnOfItsOwn() {
        assertThat(ProblemType.values()).extracting(t -> t.type().toString()).doesNotHaveDuplicates()
                .allSatisfy(t -> assertThat(t).matches("urn:budgethub:problem:[a-z]+(-[a-z]+)*"));
        assertThat(ProblemType.YEAR_WITHOUT_DATA.type()).hasToString("urn:budgethub:problem:year-without-data");
        assertThat(ProblemType.values()).allSatisfy(t -> assertThat(ApiErrors.chinese(t.title())).isTrue());
    }

    @Test
    void theReadmeListsEveryTypeWithItsStatus() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        assertThat(ProblemType.values()).allSatisfy(t -> {
            String name = t.type().toString().substring(ProblemType.PREFIX.length());
            assertThat(readme).contains("| `" + name + "` | " + t.status().value());
        });
    }
}
