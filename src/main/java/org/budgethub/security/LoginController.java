package org.budgethub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form; Spring Security's form login takes the POST to /login. */
@Controller
class LoginController {

    /** Shown for /login?locked without the lockout's own words (an old bookmark, a second tab). */
    static final String LOCKED = "账户已锁定，请稍后再试或联系管理员";

    @GetMapping("/login")
    public String login(Authentication auth, HttpServletRequest request, Model model) {
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            return "redirect:" + SecurityConfiguration.landing(auth);
        }
        // The lockout's message names the minutes left; it is the same for a name that is no user.
        HttpSession session = request.getSession(false);
        Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        model.addAttribute("lockedMessage", failure instanceof LockedException locked ? locked.getMessage() : LOCKED);
        return "login";
    }

    /** The user's first page: the dashboard, or an author's words. */
    @GetMapping("/")
    public String root(Authentication auth) {
        return "redirect:" + SecurityConfiguration.landing(auth);
    }
}
