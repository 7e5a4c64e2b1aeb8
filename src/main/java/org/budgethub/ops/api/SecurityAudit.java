package org.budgethub.ops.api;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Who logged in to the console, who failed to, and what a logged-in user was refused: in the log
 * and the audit log, from Spring Security's own events.
 */
@Component
public class SecurityAudit {

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
        String detail = "登录失败：" + event.getException().getMessage() + from(attempt == null ? null : attempt.getDetails());
        LOG.warn("Failed login for '{}': {}", user, detail);
        audit.record(user, "login.failed", detail);
    }

    @EventListener
    public void refused(AuthorizationDeniedEvent<?> event) {
        Authentication auth = event.getAuthentication().get();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return; // not logged in yet: the login page follows, nothing was refused to a person
        }
        String what = event.getObject() instanceof HttpServletRequest request ? request.getMethod() + " " + request.getRequestURI()
                : String.valueOf(event.getObject());
        LOG.warn("Refused to '{}': {}", auth.getName(), what);
        audit.record(auth.getName(), "refused", "无权执行：" + what);
    }

    private static String from(Object details) {
        return details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null ? "（来自 " + web.getRemoteAddress() + "）" : "";
    }
}
