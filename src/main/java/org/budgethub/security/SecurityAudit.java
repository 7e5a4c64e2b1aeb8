package org.budgethub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/**
 * Who logged in to the console, who failed to, and what was refused: in the log (one WARN line per
 * failure or refusal, never a password) and the audit log. Logins come from Spring Security's
 * events; refusals (a role too small, a missing CSRF token) from the access-denied handler of
 * {@link SecurityConfiguration}, which then answers them.
 */
@Component
class SecurityAudit {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityAudit.class);

    private final AuditLog audit;

    public SecurityAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    public void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        audit.record(auth.getName(), "login", "登录成功" + from(auth.getDetails()));
    }

    @EventListener
    public void loginFailed(AbstractAuthenticationFailureEvent event) {
        Authentication attempt = event.getAuthentication();
        String user = attempt == null || attempt.getName() == null || attempt.getName().isBlank() ? "(unknown)" : attempt.getName();
        String detail = "登录失败：" + reason(event.getException()) + "（用户名 " + printable(user) + "）"
                + from(attempt == null ? null : attempt.getDetails());
        LOG.warn("{}", detail);
        audit.record(user, "login.failed", detail);
    }

    /** A request refused for its role or its CSRF token: one WARN line and one audit entry. */
    void refused(HttpServletRequest request, AccessDeniedException refused) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean person = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
        String user = person ? auth.getName() : "(anonymous)";
        String detail = "无权执行：" + request.getMethod() + " " + printable(request.getRequestURI())
                + (refused instanceof CsrfException ? "（缺少或无效的 CSRF 令牌）" : "")
                + ("（来自 " + request.getRemoteAddr() + "）");
        LOG.warn("拒绝 '{}'：{}", printable(user), detail);
        audit.record(user, "refused", detail);
    }

    private static String reason(AuthenticationException e) {
        if (e instanceof LockedException) {
            return e.getMessage(); // LoginLockout's own Chinese message
        }
        if (e instanceof BadCredentialsException) {
            return "用户名或密码不正确";
        }
        if (e instanceof DisabledException) {
            return "账号已停用";
        }
        return "无法验证身份（" + e.getClass().getSimpleName() + "）";
    }

    static String from(Object details) {
        return details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null ? "（来自 " + web.getRemoteAddress() + "）" : "";
    }

    /** What a person typed as a user name, safe for one log line: no line breaks or control characters, at most 100 characters. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
