package org.budgethub.authoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.security.AgencyScope;
import org.budgethub.web.ConsolePages;

/**
 * The list of the agency-years whose words the user may edit (an author: its own codes; everybody
 * else: every department and unit of the year), each with its words' status and version; and the
 * words page of one agency-year (说明填报): each field of the words with the hub's draft beside
 * it, a live preview of the 说明 and the findings for the text as the author types, saving, the
 * history with diffs and going back to an earlier version. The page is a shell: its script
 * ({@code js/narrative.js}) reads and writes the words through the narratives API, the same the
 * bureaus' scripts use, so the page can do nothing the API would not let its user do.
 */
@Controller
class NarrativePageController {

    /**
     * A unit or department in the list; {@code status}, {@code version}, {@code author} and
     * {@code savedAt} those of its latest words, all null when it has none yet (无).
     */
    public record WordsRow(String code, String name, boolean department, boolean member, WordStatus status, Integer version,
                           String author, Instant savedAt) {

        /** Who saved it, as a person reads it: a user's name, or the file it was imported from. */
        public String savedBy() {
            return savedByLabel(author);
        }

        /** What the list's filter matches: code, name and the status's label. */
        public String search() {
            return String.join(" ", code, name == null ? "" : name, status == null ? "无" : status.label()).toLowerCase(Locale.ROOT);
        }
    }

    private final AgencyDirectory directory;
    private final AgencyScope scope;
    private final NarrativeStore store;
    private final ConsolePages pages;

    NarrativePageController(AgencyDirectory directory, AgencyScope scope, NarrativeStore store, ConsolePages pages) {
        this.directory = directory;
        this.scope = scope;
        this.store = store;
        this.pages = pages;
    }

    @GetMapping("/console/narratives")
    public String list(@RequestParam(required = false) Integer year, Authentication user, Model model) {
        int y = year == null ? pages.defaultYear() : ConsolePages.checkYear(year);
        Map<String, AgencyDirectory.Entry> known = directory.of(y);
        Optional<Set<String>> limited = scope.limitedTo(user);
        List<String> codes = limited.map(mine -> mine.stream().filter(known::containsKey).toList())
                .orElseGet(() -> List.copyOf(known.keySet()));
        List<WordsRow> rows = new ArrayList<>();
        for (String code : directory.ordered(y, codes)) {
            AgencyDirectory.Entry entry = known.get(code);
            if (!scope.permits(user, code)) {
                continue;
            }
            Optional<NarrativeVersion> latest = store.latest(code, y);
            boolean member = entry.department() != null && codes.contains(entry.department());
            rows.add(new WordsRow(code, entry.name(), entry.isDepartment(), member, latest.map(NarrativeVersion::status).orElse(null),
                    latest.map(NarrativeVersion::version).orElse(null), latest.map(NarrativeVersion::author).orElse(null),
                    latest.map(NarrativeVersion::createdAt).orElse(null)));
        }
        model.addAttribute("year", y);
        model.addAttribute("years", pages.years(y));
        model.addAttribute("rows", rows);
        model.addAttribute("limited", limited.isPresent());
        model.addAttribute("canEdit", mayEdit(user));
        return "console/narratives";
    }

    @GetMapping("/console/narratives/{year}/{code}")
    public String page(@PathVariable int year, @PathVariable String code, Authentication user, Model model) {
        ConsolePages.checkYear(year);
        ConsolePages.checkAgency(code);
        AgencyDirectory.Entry entry = directory.find(year, code)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, year + " 年没有单位或部门 " + code));
        if (!scope.permits(user, code)) {
            throw new AccessDeniedException("无权填写 " + code + " 的说明文字");
        }
        AgencyDirectory.Entry department = entry.department() == null ? null : directory.find(year, entry.department()).orElse(null);
        model.addAttribute("year", year);
        model.addAttribute("code", code);
        model.addAttribute("entry", entry);
        model.addAttribute("kind", entry.isDepartment() ? "部门" : "单位");
        model.addAttribute("department", department);
        model.addAttribute("groups", WordsFields.groups());
        model.addAttribute("fieldLabels", WordsFields.labelsJson());
        model.addAttribute("maxLength", WordsFields.MAX_LENGTH);
        model.addAttribute("canEdit", mayEdit(user));
        model.addAttribute("canSeeAgency", holds(user, "ROLE_VIEWER"));
        return "console/narrative";
    }

    /** {@code import:101023-2026.yaml} reads 文件导入（101023-2026.yaml）; a user's name stays as it is. */
    static String savedByLabel(String author) {
        return author != null && author.startsWith("import:") ? "文件导入（" + author.substring("import:".length()) + "）" : author;
    }

    /** Whether the user may save words at all (its scope decides which): as the API decides, an operator, an admin or an author. */
    static boolean mayEdit(Authentication user) {
        return holds(user, "ROLE_OPERATOR") || holds(user, "ROLE_ADMIN") || holds(user, "ROLE_AUTHOR");
    }

    /** An author holds no VIEWER: the agency pages are not for it. */
    static boolean holds(Authentication user, String authority) {
        return user != null && user.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
