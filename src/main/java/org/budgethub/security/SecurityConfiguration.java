package org.budgethub.security;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import org.budgethub.config.HubProperties;
import org.budgethub.web.ApiErrors;

/**
 * Who may do what: viewers read, operators also start runs and publish, admins also manage users
 * and the schedule. The console logs in with a form (CSRF-protected, session cookie SameSite=Lax);
 * API clients may use HTTP Basic without a session, for which CSRF does not apply. Both pass the
 * lockout ({@link LoginLockout}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * The console's pages: nothing inline, nothing from elsewhere. Framed only by the console itself
     * (the package preview may be shown in a frame). The favicon is a data: URL.
     */
    public static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /** Swagger UI (a third party's page) sets styles inline; it runs no inline script. */
    static final String SWAGGER_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain security(HttpSecurity http, Users users, PasswordEncoder encoder, LoginLockout lockout,
                                 AuthenticationEventPublisher events, SecurityAudit audit, ObjectMapper json) throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        ProviderManager logins = new ProviderManager(new LockoutAuthenticationProvider(passwords, lockout));
        logins.setAuthenticationEventPublisher(events); // SecurityAudit hears every login, failed login and lockout refusal

        // A lockout has its own message (with the minutes left); the page reads it from the session.
        RedirectStrategy redirect = new DefaultRedirectStrategy();
        AuthenticationFailureHandler loginFailed = (request, response, e) -> {
            request.getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, e);
            redirect.sendRedirect(request, response, e instanceof LockedException ? "/login?locked" : "/login?error");
        };

        RequestMatcher swagger = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");
        http.authenticationManager(logins)
                .authorizeHttpRequests(a -> a
                        // An error dispatch renders the error of a request already let through (or refused):
                        // checked again, a failing health check for an anonymous probe would become a 401.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus", "/login", "/css/**", "/js/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/console/admin/**", "/api/users/**", "/api/audit/**", "/api/audit").hasRole("ADMIN")
                        // Every user changes their own password, a viewer too.
                        .requestMatchers("/console/account", "/console/account/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.POST, "/api/reviews/**", "/api/packages/**", "/console/reviews/**").hasRole("REVIEWER")
                        .requestMatchers(HttpMethod.POST, "/api/**", "/console/**").hasRole("OPERATOR")
                        .anyRequest().hasRole("VIEWER"))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/console", true).failureHandler(loginFailed).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .httpBasic(b -> b.authenticationEntryPoint(apiLogin(json)))
                .exceptionHandling(e -> e.accessDeniedHandler(audit))
                .csrf(c -> c.ignoringRequestMatchers(SecurityConfiguration::statelessBasicClient))
                .headers(h -> h
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.sameOrigin())
                        // A response that sets its own policy (the package preview's sandbox) keeps it.
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(swagger),
                                new ContentSecurityPolicyHeaderWriter(CONSOLE_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(swagger, new ContentSecurityPolicyHeaderWriter(SWAGGER_POLICY))));
        return http.build();
    }

    /**
     * CSRF guards what a browser sends by itself: the session cookie. A request is spared the token
     * only when it logs in with HTTP Basic credentials of its own (user:password; a wrong one is
     * refused with 401 before anything runs) and carries no logged-in session. Any other
     * Authorization header, or Basic beside a logged-in session, needs the token like a form does.
     */
    static boolean statelessBasicClient(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            if (credentials.indexOf(':') <= 0) {
                return false;
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        HttpSession session = request.getSession(false);
        return session == null || session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) == null;
    }

    /** HTTP Basic refused: 401 with the reason as the API words every refusal ({"error": "…"}), a lockout included. */
    private static AuthenticationEntryPoint apiLogin(ObjectMapper json) {
        return (request, response, e) -> {
            String reason = e instanceof LockedException ? e.getMessage()
                    : request.getHeader("Authorization") == null ? "需要登录：HTTP Basic（控制台用户名和密码）或控制台会话"
                    : "用户名或密码不正确，或账号已停用";
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Basic realm=\"Budget Disclosure Hub\", charset=\"UTF-8\"");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            json.writeValue(response.getOutputStream(), new ApiErrors.ApiError(reason, null, null));
        };
    }

    /** Console users exist only where there is a console: not in the export command. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ApplicationRunner bootstrapUsers(Users users, HubProperties hub) {
        return args -> InitialPasswords.bootstrap(users, hub.console(), ZoneId.of(hub.publish().zone()));
    }
}
