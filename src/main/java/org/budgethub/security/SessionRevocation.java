package org.budgethub.security;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import org.budgethub.web.ApiErrors;
import org.budgethub.web.ProblemType;

/**
 * Ends a console session at its next request once an admin disabled its user, changed its role or
 * set its password (an admin demoting itself too). The session holds the user's credentials
 * version of its login; the hub database holds the current one, which every such change raises
 * ({@link Users}), so it works across hub instances sharing the database. Read per request, cached
 * per user for {@link Users#STAMP_CACHE} at most. A console page goes to the login page, which says
 * why; an API request gets a 401 problem. HTTP Basic keeps no session: each request logs in afresh.
 *
 * <p>Not a bean: a Filter bean would also be registered with the servlet container, outside the chain.
 */
final class SessionRevocation extends OncePerRequestFilter {

    /** The session attribute: the credentials version the user had when this session logged in. */
    static final String STAMP = SessionRevocation.class.getName() + ".stamp";

    static final String ENDED = "您的登录已结束：管理员停用了您的账号、更改了您的角色或重设了您的密码。请重新登录；如无法登录，请联系管理员。";

    private static final Logger LOG = LoggerFactory.getLogger(SessionRevocation.class);

    private final Users users;
    private final AuditLog audit;
    private final ObjectMapper json;

    SessionRevocation(Users users, AuditLog audit, ObjectMapper json) {
        this.users = users;
        this.audit = audit;
        this.json = json;
    }

    /** Called at login, and by the session that changed its own password (it stays logged in). */
    static void stamp(HttpSession session, long version) {
        if (session != null) {
            session.setAttribute(STAMP, version);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Object stamp = session == null ? null : session.getAttribute(STAMP);
        Authentication auth = stamp == null ? null : SecurityContextHolder.getContext().getAuthentication();
        if (stamp instanceof Long version && auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            Optional<Users.Stamp> now = users.stamp(auth.getName());
            if (now.isEmpty() || !now.get().enabled() || now.get().version() != version) {
                end(request, response, session, auth.getName());
                if (!"/login".equals(request.getRequestURI().substring(request.getContextPath().length()))) {
                    answer(request, response);
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private void end(HttpServletRequest request, HttpServletResponse response, HttpSession session, String username) {
        SecurityContextHolder.clearContext();
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // another request of the same session ended it first
        }
        LOG.info("用户 '{}' 的会话已结束：账号已停用、角色已更改或密码已重设（来自 {}）", SecurityAudit.printable(username), request.getRemoteAddr());
        audit.record(username, "session.ended", "会话已结束：账号已停用、角色已更改或密码已重设（来自 " + request.getRemoteAddr() + "）");
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (ApiErrors.isApi(request)) {
            ProblemDetail problem = ProblemType.SESSION_ENDED.problem(ENDED);
            problem.setProperty("href", "/login");
            ApiErrors.write(request, response, problem, json);
        } else {
            response.sendRedirect(request.getContextPath() + "/login?ended");
        }
    }
}
