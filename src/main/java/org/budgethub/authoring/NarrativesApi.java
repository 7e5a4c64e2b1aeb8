package org.budgethub.authoring;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.budgethub.config.HubProperties;
import org.budgethub.health.FailureExplainer;
import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.model.DataError;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.NarrativeSection;
import org.budgethub.model.Stage;
import org.budgethub.render.DisclosureJson;
import org.budgethub.render.HtmlRenderer;
import org.budgethub.security.AgencyScope;
import org.budgethub.security.AuditLog;
import org.budgethub.web.ApiErrors;
import org.budgethub.web.ApiRefusal;
import org.budgethub.web.ProblemType;

/**
 * The words of each unit and department (说明撰写内容) through the API, which the console's authoring
 * page uses too: read, the hub's draft, check and preview words being typed (nothing saved), save a new
 * version ({@code If-Match}), the history, the YAML folder's import and export. Every endpoint asks
 * {@link AgencyScope} whether the caller may see the code; saving takes OPERATOR, ADMIN or AUTHOR.
 */
@RestController
@RequestMapping("/api/narratives")
@Tag(name = "narratives", description = "说明文字（说明库）：读取、草稿、检查、预览、保存、历史、导入导出")
class NarrativesApi {

    private static final String PROBLEM = "application/problem+json";

    private final NarrativeStore store;
    private final NarrativeWorkbench workbench;
    private final NarrativeImport importer;
    private final AgencyDirectory directory;
    private final AgencyScope scope;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final FailureExplainer explainer;
    private final ObjectMapper json;
    private final ZoneId zone;

    NarrativesApi(NarrativeStore store, NarrativeWorkbench workbench, NarrativeImport importer, AgencyDirectory directory, AgencyScope scope,
                  AuditLog audit, ApplicationEventPublisher events, FailureExplainer explainer, ObjectMapper json, HubProperties hub) {
        this.store = store;
        this.workbench = workbench;
        this.importer = importer;
        this.directory = directory;
        this.scope = scope;
        this.audit = audit;
        this.events = events;
        this.explainer = explainer;
        this.json = json;
        this.zone = ZoneId.of(hub.publish().zone());
    }

    // ---------------------------------------------------------------- shapes

    /**
     * One version of the words, or the hub's draft ({@code version} null, {@code status} DRAFTED,
     * {@code basedOn} the confirmed words of an earlier year it carried forward).
     */
    @Schema(name = "Narrative", description = "一个单位或部门一个年度的说明文字（一个版本，或中枢的草稿）")
    public record WordsView(@Schema(example = "101023") String agency, @Schema(example = "2026") int year,
                            @Schema(description = "版本号；草稿为 null", example = "3") Integer version,
                            @Schema(description = "CONFIRMED（已确认）或 DRAFTED（草稿）") WordStatus status,
                            @Schema(example = "已确认") String statusLabel,
                            @Schema(description = "保存人，或 import:<文件名>；草稿为 null", example = "operator") String author,
                            Instant createdAt,
                            @Schema(description = "IMPORT（文件导入）、CONSOLE（控制台）或 API（接口）；草稿为 null") WordSource source,
                            @Schema(description = "内容的 SHA-256") String hash,
                            @Schema(description = "CONTRACT §1 的键：duties、composition、reasons{income, expenditure, basic, project, fund, "
                                    + "adminCost, sangong, sangongAbroad, sangongReception, sangongVehicleOperation, sangongVehiclePurchase}、"
                                    + "notes[]、contact{name, phone}；没有的为空文字", type = "object") JsonNode words,
                            @Schema(description = "草稿沿用的以前年度已确认说明（年度与版本）；不是草稿或没有时为 null") Based basedOn) {

        static WordsView of(NarrativeVersion v) {
            return new WordsView(v.code(), v.year(), v.version(), v.status(), v.status().label(), v.author(), v.createdAt(), v.source(), v.hash(),
                    Words.api(v.words()), null);
        }
    }

    /** The confirmed words a draft carried forward. */
    public record Based(int year, int version) {
    }

    /** A version in the history. */
    @Schema(name = "NarrativeVersion")
    public record VersionView(int version, WordStatus status, String statusLabel, String author, Instant createdAt, WordSource source,
                              String sourceLabel, String hash) {

        static VersionView of(NarrativeVersion v) {
            return new VersionView(v.version(), v.status(), v.status().label(), v.author(), v.createdAt(), v.source(), v.source().label(),
                    v.hash());
        }
    }

    /** Words being typed, to check or preview: the same {@code words} as a save. */
    @Schema(name = "NarrativeWords")
    public record WordsBody(@Schema(description = "说明文字，键同 Narrative.words", type = "object") JsonNode words) {
    }

    /** The findings of the words in the request. */
    @Schema(name = "NarrativeCheck")
    public record CheckView(String agency, int year,
                            @io.swagger.v3.oas.annotations.media.ArraySchema(schema = @Schema(type = "object",
                                    description = "{severity, rule, message, location, rows[]}，同 disclosure.json 的 findings")) JsonNode findings,
                            @Schema(description = "各级别的条数：FATAL、WARN、INFO") Map<String, Long> counts) {
    }

    /** The 说明 as it will be published with the words in the request. */
    @Schema(name = "NarrativePreview")
    public record PreviewView(String agency, int year, String title,
                              @Schema(description = "发布页中的说明部分（<article class=\"narrative\">…</article>），文字均已转义") String html,
                              List<NarrativeSection> sections, JsonNode findings) {
    }

    /** What an import did. */
    @Schema(name = "NarrativeImport")
    public record ImportView(List<NarrativeImport.Report.Imported> imported, int unchanged, List<String> problems) {
    }

    // ---------------------------------------------------------------- reading

    @GetMapping("/{year}/{code}")
    @Operation(summary = "The latest version of the words of a unit or department (ETag: the version)", responses = {
            @ApiResponse(responseCode = "200", description = "the latest version"),
            @ApiResponse(responseCode = "403", description = "forbidden: outside the caller's scope", content = @Content(mediaType = PROBLEM,
                    schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "404", description = "words-not-found (href: the draft), or unknown-agency", content = @Content(
                    mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public ResponseEntity<WordsView> latest(@PathVariable int year, @PathVariable String code, Authentication user) {
        checkPath(year, code);
        mayRead(user, code);
        Optional<NarrativeVersion> latest = store.latest(code, year);
        if (latest.isEmpty()) {
            unknownAgency(year, code);
            throw new ApiRefusal(ProblemType.WORDS_NOT_FOUND, code + " " + year + " 年还没有说明文字：可从中枢的草稿开始（GET "
                    + draftPath(year, code) + "），以 If-Match: \"0\" 保存第一版").href(draftPath(year, code));
        }
        return withVersion(latest.get());
    }

    @GetMapping("/{year}/{code}/versions")
    @Operation(summary = "Every version of the words, newest first")
    public List<VersionView> versions(@PathVariable int year, @PathVariable String code, Authentication user) {
        checkPath(year, code);
        mayRead(user, code);
        return store.versions(code, year).stream().map(VersionView::of).toList();
    }

    @GetMapping("/{year}/{code}/versions/{version}")
    @Operation(summary = "One version of the words (to compare, or to take back)")
    public ResponseEntity<WordsView> version(@PathVariable int year, @PathVariable String code, @PathVariable int version, Authentication user) {
        checkPath(year, code);
        mayRead(user, code);
        return withVersion(store.version(code, year, version).orElseThrow(() -> new ApiRefusal(ProblemType.WORDS_NOT_FOUND,
                code + " " + year + " 年的说明没有第 " + version + " 版")));
    }

    @GetMapping("/{year}/{code}/draft")
    @Operation(summary = "The hub's draft of the words, from the figures and the confirmed words of an earlier year; not saved")
    public WordsView draft(@PathVariable int year, @PathVariable String code, Authentication user) {
        checkPath(year, code);
        mayRead(user, code);
        unknownAgency(year, code);
        NarrativeWorkbench.Draft draft = finance(year, code, () -> workbench.draft(year, code));
        return new WordsView(code, year, null, WordStatus.DRAFTED, WordStatus.DRAFTED.label(), null, null, null, Words.hash(draft.words()),
                Words.api(draft.words()), draft.basedOn().map(v -> new Based(v.year(), v.version())).orElse(null));
    }

    /** The words of a check or preview body: readable by the caller, for a known agency, never saved. */
    private NarrativeInput unsavedWords(int year, String code, JsonNode body, Authentication user) {
        checkPath(year, code);
        mayRead(user, code);
        unknownAgency(year, code);
        return words(code, year, body, Set.of("words"));
    }

    @PostMapping("/{year}/{code}/check")
    @Operation(summary = "The validation findings (表文一致 and the others) of a disclosure built from the words in the body; nothing saved")
    public CheckView check(@PathVariable int year, @PathVariable String code,
                           @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "{\"words\": {…}}：说明文字，键同 Narrative.words", content = @Content(schema = @Schema(implementation = WordsBody.class))) 
                           @RequestBody JsonNode body, Authentication user) {
        NarrativeInput words = unsavedWords(year, code, body, user);
        List<Finding> findings = finance(year, code, () -> workbench.check(year, code, words));
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (Finding.Severity s : Finding.Severity.values()) {
            counts.put(s.name(), findings.stream().filter(f -> f.severity() == s).count());
        }
        return new CheckView(code, year, findingsJson(findings), counts);
    }

    @PostMapping("/{year}/{code}/preview")
    @Operation(summary = "The 说明 exactly as it will be published with the words in the body (HTML, escaped), and its findings; nothing saved")
    public PreviewView preview(@PathVariable int year, @PathVariable String code,
                               @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "{\"words\": {…}}：说明文字，键同 Narrative.words", content = @Content(schema = @Schema(implementation = WordsBody.class))) 
                               @RequestBody JsonNode body, Authentication user) {
        NarrativeInput words = unsavedWords(year, code, body, user);
        NarrativeWorkbench.Preview preview = finance(year, code, () -> workbench.preview(year, code, words));
        Disclosure d = preview.disclosure();
        return new PreviewView(code, year, d.title(), HtmlRenderer.narrative(d), d.narrative(), findingsJson(preview.findings()));
    }

    // ---------------------------------------------------------------- saving

    @PutMapping("/{year}/{code}")
    @Operation(summary = "Saves the words in the body as a new confirmed version; If-Match: the version it was edited from (\"0\" or * for the first)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the new version (ETag), or the latest one when the words are the same"),
                    @ApiResponse(responseCode = "400", description = "invalid-words: an unknown key, anything but text, over 5,000 characters, "
                            + "a control character (each field named in fields[])", content = @Content(mediaType = PROBLEM,
                            schema = @Schema(implementation = ApiErrors.Problem.class))),
                    @ApiResponse(responseCode = "403", description = "forbidden: outside the caller's scope, or a role that may not save",
                            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class))),
                    @ApiResponse(responseCode = "404", description = "unknown-agency", content = @Content(mediaType = PROBLEM,
                            schema = @Schema(implementation = ApiErrors.Problem.class))),
                    @ApiResponse(responseCode = "412", description = "stale-version: a newer version was saved meanwhile (version: the latest)",
                            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiErrors.Problem.class))),
                    @ApiResponse(responseCode = "428", description = "precondition-required: no If-Match", content = @Content(mediaType = PROBLEM,
                            schema = @Schema(implementation = ApiErrors.Problem.class)))})
    public ResponseEntity<WordsView> save(@PathVariable int year, @PathVariable String code,
                                          @Parameter(description = "保存所依据的版本：\"3\"；尚无说明时 \"0\" 或 *")
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "{\"words\": {…}}：说明文字，键同 Narrative.words", content = @Content(schema = @Schema(implementation = WordsBody.class))) 
                                          @RequestBody JsonNode body, Authentication user, HttpServletRequest request) {
        checkPath(year, code);
        mayRead(user, code);
        mayWrite(user, request);
        unknownAgency(year, code);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiRefusal(ProblemType.PRECONDITION_REQUIRED, "保存说明须带请求头 If-Match：所依据的版本，如 If-Match: \"3\"（读取时的 ETag）；"
                    + "尚无说明时为 \"0\" 或 *。这样他人在此期间保存的版本不会被覆盖");
        }
        int expected = expectedVersion(ifMatch);
        NarrativeInput words = words(code, year, body, Set.of("words", "agency", "year", "version", "status", "statusLabel", "author",
                "createdAt", "source", "hash", "basedOn"));
        Optional<NarrativeVersion> latest = store.latest(code, year);
        int current = latest.map(NarrativeVersion::version).orElse(0);
        if (expected == ANY ? current != 0 : expected != current) {
            throw stale(code, year, current);
        }
        WordSource source = "XMLHttpRequest".equals(request.getHeader("X-Requested-With")) ? WordSource.CONSOLE : WordSource.API;
        if (latest.isPresent() && latest.get().hash().equals(Words.hash(words))) {
            audit.record("narrative.save", code + " " + year + " 年说明：与第 " + current + " 版相同，未保存新版本（" + source.label() + "）");
            return withVersion(latest.get());
        }
        NarrativeVersion saved;
        try {
            saved = store.add(code, year, current, WordStatus.CONFIRMED, words, user.getName(), source);
        } catch (NarrativeStore.Stale e) {
            throw stale(code, year, e.latest());
        }
        audit.record("narrative.save", code + " " + year + " 年说明：保存为第 " + saved.version() + " 版（" + source.label() + "），将重新生成该单位及其部门");
        events.publishEvent(new WordsSaved(year, code, saved.version(), user.getName()));
        return withVersion(saved);
    }

    // ---------------------------------------------------------------- the folder

    @GetMapping(value = "/export", produces = {"application/zip", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "The latest words of every unit and department of a year as YAML files (<code>-<year>.yaml) in a zip")
    public ResponseEntity<byte[]> export(@RequestParam int year, Authentication user) {
        DisclosureId.checkYear(year);
        Optional<Set<String>> limited = scope.limitedTo(user);
        List<NarrativeVersion> latest = new ArrayList<>();
        for (String code : store.codes(year)) {
            if ((limited.isEmpty() || limited.get().contains(code)) && scope.permits(user, code)) {
                store.latest(code, year).ifPresent(latest::add);
            }
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("narratives-" + year + ".zip").build().toString())
                .body(NarrativeExport.zip(latest, zone));
    }

    @PostMapping("/import")
    @Operation(summary = "Imports the YAML folder (hub.narratives.dir) now, as at start-up and at each run's start")
    public ImportView importFolder(Authentication user) {
        if (!has(user, "ROLE_OPERATOR") && !has(user, "ROLE_ADMIN")) {
            throw new ApiRefusal(ProblemType.FORBIDDEN, "导入说明文件夹须为操作员或管理员");
        }
        NarrativeImport.Report report = importer.importFolder();
        audit.record("narrative.import", "导入说明文件夹：新版本 " + report.imported().size() + " 个，未变 " + report.unchanged() + " 个，有问题 "
                + report.problems().size() + " 个");
        return new ImportView(report.imported(), report.unchanged(), report.problems());
    }

    // ---------------------------------------------------------------- helpers

    private static final int ANY = -1;

    private static void checkPath(int year, String code) {
        DisclosureId.checkYear(year);
        DisclosureId.checkCode(code);
    }

    private void mayRead(Authentication user, String code) {
        if (user == null || !scope.permits(user, code)) {
            throw new ApiRefusal(ProblemType.FORBIDDEN, "当前账号无权查看或编辑 " + code + " 的说明：不在其负责的单位范围内");
        }
    }

    private static void mayWrite(Authentication user, HttpServletRequest request) {
        if (!has(user, "ROLE_OPERATOR") && !has(user, "ROLE_ADMIN") && !has(user, "ROLE_AUTHOR")) {
            throw new ApiRefusal(ProblemType.FORBIDDEN, "当前账号无权执行 " + request.getMethod() + " " + request.getRequestURI()
                    + "：保存说明须为操作员、管理员，或负责该单位的单位填报员");
        }
    }

    private static boolean has(Authentication user, String authority) {
        return user != null && user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
    }

    /** 404 for a code the finance system does not hold in the year (a finance database that cannot be read refuses nothing). */
    private void unknownAgency(int year, String code) {
        String refusal = directory.refusal(year, code);
        if (refusal != null) {
            throw new ApiRefusal(ProblemType.UNKNOWN_AGENCY, refusal);
        }
    }

    private static int expectedVersion(String ifMatch) {
        String tag = ifMatch.trim();
        if (tag.equals("*")) {
            return ANY;
        }
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            int version = Integer.parseInt(tag);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ApiRefusal(ProblemType.INVALID_PARAMETER, "If-Match 须为所依据的版本号，如 \"3\"（尚无说明时为 \"0\" 或 *），而不是 " + ifMatch);
    }

    private static ApiRefusal stale(String code, int year, int latest) {
        ApiRefusal refusal = new ApiRefusal(ProblemType.STALE_VERSION, latest == 0
                ? code + " " + year + " 年还没有说明：保存第一版须带 If-Match: \"0\" 或 *"
                : code + " " + year + " 年的说明已有第 " + latest + " 版（他人在此期间保存过）：请先读取最新版本，合并修改后以 If-Match: \""
                + latest + "\" 保存");
        refusal.getBody().setProperty("version", latest);
        return refusal;
    }

    /** The body's words, checked; {@code allowed} the top-level keys the request may carry. */
    private static NarrativeInput words(String code, int year, JsonNode body, Set<String> allowed) {
        List<Words.Problem> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw invalid(List.of(new Words.Problem("(正文)", "须为 JSON 对象 {\"words\": {…}}")));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(new Words.Problem(name, "不是约定的键：正文为 {\"words\": {…}}"));
            }
        }
        if (body.hasNonNull("agency") && !code.equals(body.get("agency").asText())) {
            problems.add(new Words.Problem("agency", "与地址中的单位 " + code + " 不同"));
        }
        if (body.hasNonNull("year") && body.get("year").asInt() != year) {
            problems.add(new Words.Problem("year", "与地址中的年度 " + year + " 不同"));
        }
        try {
            NarrativeInput words = Words.fromRequest(code, year, body.get("words"));
            if (!problems.isEmpty()) {
                throw invalid(problems);
            }
            return words;
        } catch (Words.Refused refused) {
            problems.addAll(refused.problems());
            throw invalid(problems);
        }
    }

    private static ApiRefusal invalid(List<Words.Problem> problems) {
        ApiRefusal refusal = new ApiRefusal(ProblemType.INVALID_WORDS, "说明文字不合要求：" + String.join("；",
                problems.stream().map(Words.Problem::toString).toList()));
        refusal.getBody().setProperty("fields", problems.stream().map(p -> Map.of("field", p.field(), "detail", p.message())).toList());
        return refusal;
    }

    /** Reads the finance rows: a unit it cannot make is 404/409, a finance database it cannot read 503. */
    private <T> T finance(int year, String code, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (DataError e) {
            if (e.getMessage() != null && e.getMessage().startsWith("bas_agency 中没有")) {
                throw new ApiRefusal(ProblemType.UNKNOWN_AGENCY, e.getMessage());
            }
            throw new ApiRefusal(ProblemType.CONFLICT, code + " " + year + " 年的财政数据无法生成说明：" + e.getMessage());
        } catch (ApiRefusal | Words.Refused e) {
            throw e;
        } catch (RuntimeException e) {
            if (FailureExplainer.isProgrammingError(e)) {
                throw e;
            }
            throw new ApiRefusal(ProblemType.FINANCE_UNAVAILABLE, "读取 " + code + " " + year + " 年的财政数据失败：" + explainer.explain(e, Stage.INGEST));
        }
    }

    private JsonNode findingsJson(List<Finding> findings) {
        try {
            return json.readTree(DisclosureJson.findingsJson(findings));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseEntity<WordsView> withVersion(NarrativeVersion v) {
        return ResponseEntity.status(HttpStatus.OK).eTag("\"" + v.version() + "\"").body(WordsView.of(v));
    }

    private static String draftPath(int year, String code) {
        return "/api/narratives/" + year + "/" + code + "/draft";
    }
}
