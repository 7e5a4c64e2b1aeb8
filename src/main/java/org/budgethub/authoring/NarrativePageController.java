package org.budgethub.authoring;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.security.AgencyScope;
import org.budgethub.web.ConsolePages;

/**
 * The words page of one agency-year (说明填报): each field of the words with the hub's draft beside
 * it, a live preview of the 说明 and the findings for the text as the author types, saving, the
 * history with diffs and going back to an earlier version. The page is a shell: its script
 * ({@code js/narrative.js}) reads and writes the words through the narratives API, the same the
 * bureaus' scripts use, so the page can do nothing the API would not let its user do.
 */
@Controller
class NarrativePageController {

    private final AgencyDirectory directory;
    private final AgencyScope scope;

    NarrativePageController(AgencyDirectory directory, AgencyScope scope) {
        this.directory = directory;
        this.scope = scope;
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

    /** Whether the user may save words at all (its scope decides which): as the API decides, an operator, an admin or an author. */
    static boolean mayEdit(Authentication user) {
        return holds(user, "ROLE_OPERATOR") || holds(user, "ROLE_ADMIN") || holds(user, "ROLE_AUTHOR");
    }

    /** An author holds no VIEWER: the agency pages are not for it. */
    static boolean holds(Authentication user, String authority) {
        return user != null && user.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
