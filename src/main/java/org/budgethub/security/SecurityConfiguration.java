package org.budgethub.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import org.budgethub.config.HubProperties;
import org.budgethub.web.ApiErrors;
import org.budgethub.web.ProblemType;

/**
 * Who may do what: viewers read, operators also start runs and publish, admins also manage users
 * and the schedule; authors (单位填报员) reach only the words' pages and API and their own account,
 * and there only their own agencies ({@link AgencyScope}). The console logs in with a form
 * (CSRF-protected, session cookie SameSite=Lax); API clients may use HTTP Basic without a session,
 * for which CSRF does not apply. Both pass the lockout ({@link LoginLockout}).
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

    /** The words' pages and API (issue 21): read by viewers and authors, written by operators and authors. */
    static final String[] NARRATIVES = {"/console/narratives", "/console/narratives/**", "/api/narratives", "/api/narratives/**"};

    /** The words' reads that take a body (the words to check or preview): POST, but nothing is saved. */
    static final String[] NARRATIVE_READS = {"/api/narratives/*/*/check", "/api/narratives/*/*/preview"};

    /** Where an author lands after logging in: the list of its agency-years' words. */
    public static final String AUTHOR_HOME = "/console/narratives";

    /**
     * A user's first page: the dashboard, or for an AUTHOR (who may not see it) its words' list.
     * The login, {@code /} and the console's links back go there.
     */
    public static String landing(Authentication user) {
        boolean viewer = user != null && user.getAuthorities().stream().anyMatch(a -> ("ROLE_" + Role.VIEWER).equals(a.getAuthority()));
        boolean author = user != null && user.getAuthorities().stream().anyMatch(a -> ("ROLE_" + Role.AUTHOR).equals(a.getAuthority()));
        return author && !viewer ? AUTHOR_HOME : "/console";
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    PasswordPolicy passwordPolicy(HubProperties hub) {
        return PasswordPolicy.of(hub.security().password());
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain security(HttpSecurity http, Users users, PasswordEncoder encoder, LoginLockout lockout,
                                 AuthenticationEventPublisher events, SecurityAudit audit, AuditLog log, ObjectMapper json) throws Exception {
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

        // Always the user's first page (never a page asked for before the login), which depends on the role.
        SimpleUrlAuthenticationSuccessHandler landed = new SimpleUrlAuthenticationSuccessHandler() {
            @Override
            protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response, Authentication auth) {
                return landing(auth);
            }

            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
                    throws IOException, ServletException {
                // The session remembers the credentials it logged in with: an admin's change ends it (SessionRevocation).
                SessionRevocation.stamp(request.getSession(), users.freshStamp(auth.getName()).map(Users.Stamp::version).orElse(-1L));
                super.onAuthenticationSuccess(request, response, auth);
            }
        };

        // Refused under /api/**: a problem (application/problem+json) in Chinese. The console's pages as before:
        // the login form, the 403 page.
        AuthenticationEntryPoint apiLogin = apiLogin(json);
        AuthenticationEntryPoint loginForm = new LoginUrlAuthenticationEntryPoint("/login");
        // A console page's missing or stale CSRF token (an old tab, a form from elsewhere) is no lack of rights: its own page.
        // A client that takes no HTML (a script on /actuator or /v3/api-docs) gets a problem as under /api.
        AccessDeniedHandler page = new AccessDeniedHandlerImpl();
        AccessDeniedHandler refused = (request, response, e) -> {
            audit.refused(request, e);
            if (ApiErrors.isApi(request) || !ApiErrors.acceptsHtml(request)) {
                ApiErrors.write(request, response, apiRefused(request, e), json);
            } else {
                if (e instanceof CsrfException) {
                    request.setAttribute(ApiErrors.CSRF_REFUSED, Boolean.TRUE);
                }
                page.handle(request, response, e);
            }
        };

        RequestMatcher swagger = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");
        http.authenticationManager(logins)
                .authorizeHttpRequests(a -> a
                        // An error dispatch renders the error of a request already let through (or refused):
                        // checked again, a failing health check for an anonymous probe would become a 401.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus", "/login", "/css/**", "/js/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/console/admin/**", "/api/admin/**", "/api/users/**", "/api/audit/**", "/api/audit").hasRole("ADMIN")
                        // Every user changes their own password, a viewer and an author too; "/" sends each to their first page.
                        .requestMatchers("/console/account", "/console/account/**").hasAnyRole("VIEWER", "AUTHOR")
                        .requestMatchers("/").authenticated()
                        // The words (说明): viewers and authors read, operators and authors write. An author is no
                        // viewer: it reaches nothing else, and only its own agencies' words (the pages and the API ask AgencyScope).
                        .requestMatchers(HttpMethod.GET, NARRATIVES).hasAnyRole("VIEWER", "AUTHOR")
                        .requestMatchers(HttpMethod.HEAD, NARRATIVES).hasAnyRole("VIEWER", "AUTHOR")
                        // Checking and previewing words save nothing: whoever reads the words may (a reviewer sees the 说明 as published).
                        .requestMatchers(HttpMethod.POST, NARRATIVE_READS).hasAnyRole("VIEWER", "AUTHOR")
                        .requestMatchers(NARRATIVES).hasAnyRole("OPERATOR", "AUTHOR")
                        .requestMatchers(HttpMethod.POST, "/api/reviews/**", "/api/packages/**", "/console/reviews/**").hasRole("REVIEWER")
                        .requestMatchers(HttpMethod.POST, "/api/**", "/console/**").hasRole("OPERATOR")
                        .anyRequest().hasRole("VIEWER"))
                .formLogin(f -> f.loginPage("/login").successHandler(landed).failureHandler(loginFailed).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .httpBasic(b -> b.authenticationEntryPoint(apiLogin))
                .exceptionHandling(e -> e
                        // Registered before those of the form login and HTTP Basic, so it is also the default for a
                        // request none of them claims: outside the API that one still goes to the login form.
                        .defaultAuthenticationEntryPointFor((request, response, ex) ->
                                (ApiErrors.isApi(request) ? apiLogin : loginForm).commence(request, response, ex), ApiErrors::isApi)
                        .accessDeniedHandler(refused))
                .csrf(c -> c.ignoringRequestMatchers(SecurityConfiguration::statelessBasicClient))
                .addFilterAfter(new SessionRevocation(users, log, json), SecurityContextHolderFilter.class)
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

    /**
     * Not logged in, or HTTP Basic refused: 401 with the reason (a lockout with its minutes left) and
     * the console's login page. An API answer wherever it is used: HTTP Basic clients are API clients.
     */
    private static AuthenticationEntryPoint apiLogin(ObjectMapper json) {
        return (request, response, e) -> {
            // The console's script says who it is: a Basic challenge would make the browser ask for a password
            // in its own dialog; the page says instead that the session ended.
            boolean console = "XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
            ProblemDetail problem = e instanceof LockedException ? ProblemType.ACCOUNT_LOCKED.problem(e.getMessage())
                    : ProblemType.UNAUTHENTICATED.problem(request.getHeader("Authorization") != null ? "用户名或密码不正确，或账号已停用：请检查后重试；忘记密码请联系管理员重设"
                    : console ? "控制台会话已结束或尚未登录，请重新登录"
                    : "需要登录：HTTP Basic（控制台用户名和密码）或控制台会话");
            problem.setProperty("href", "/login");
            if (!console) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"Budget Disclosure Hub\", charset=\"UTF-8\"");
            }
            ApiErrors.write(request, response, problem, json);
        };
    }

    /** An API request refused for its role or its CSRF token. */
    private static ProblemDetail apiRefused(HttpServletRequest request, AccessDeniedException e) {
        String what = request.getMethod() + " " + SecurityAudit.printable(request.getRequestURI());
        if (e instanceof CsrfException) {
            return ProblemType.CSRF.problem("缺少或无效的 CSRF 令牌：" + what + "。已登录控制台的会话须带上令牌（请求头 X-CSRF-TOKEN）；"
                    + "API 客户端请用 HTTP Basic 登录且不带会话 Cookie，则无需令牌。控制台页面请刷新后重试");
        }
        return ProblemType.FORBIDDEN.problem("当前账号无权执行 " + what + "。查看者只能读取；启动运行须为操作员，审核与撤回须为审核员，"
                + "用户、操作日志和运维端点须为管理员；单位填报员只能查看和填写分配给自己的单位的说明。如需权限，请联系管理员");
    }

    /**
     * A request address Spring Security's firewall refuses before anything else runs ({@code //},
     * {@code ..}, {@code ;}, encoded slashes): under the API a problem too; elsewhere the console's
     * 400 page as before.
     */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    RequestRejectedHandler requestRejected(ObjectMapper json) {
        return (request, response, e) -> {
            if (ApiErrors.isApi(request) || !ApiErrors.acceptsHtml(request)) {
                ApiErrors.write(request, response, ProblemType.REJECTED_URL.problem(ApiErrors.REJECTED_URL), json);
            } else {
                // Written here: an error dispatch of this address would only be refused again.
                ApiErrors.writeRejectedPage(request, response);
            }
        };
    }

    /** Console users exist only where there is a console: not in the export command. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ApplicationRunner bootstrapUsers(Users users, HubProperties hub) {
        return args -> InitialPasswords.bootstrap(users, hub.console(), ZoneId.of(hub.publish().zone()));
    }
}
