package org.budgethub.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every refusal under {@code /api/**} as {@code application/problem+json} (RFC 9457): a
 * {@link ProblemType} as {@code type}, a Chinese {@code title} and {@code detail}, and where there is
 * one the {@code run} and the console page ({@code href}). The features throw {@link ApiRefusal};
 * Spring MVC's own refusals (unreadable body, wrong parameter, method, media type, no such path) and
 * anything unexpected are answered here; Spring Security's 401 and 403 use {@link #write}.
 *
 * <p>The console's pages are not the API: their exceptions pass on untouched to Spring's resolvers
 * and the console's HTML error pages. The advice is not scoped to controllers because a path with no
 * controller (404, 405, 415) has none to scope by.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

    /** The shape of every refusal, for the API description. */
    @Schema(name = "Problem", description = "拒绝的原因（RFC 9457，application/problem+json）")
    public record Problem(@Schema(description = "拒绝的种类", example = "urn:budgethub:problem:duplicate-run") String type,
                          @Schema(description = "种类的中文名称", example = "相同的运行已在排队或运行") String title,
                          @Schema(description = "HTTP 状态码", example = "409") int status,
                          @Schema(description = "原因（中文）", example = "相同的运行 #42 已在运行，无需重复启动") String detail,
                          @Schema(description = "请求的路径", example = "/api/runs") String instance,
                          @Schema(description = "有关的运行：阻止本请求或被本请求涉及的那次运行", example = "42") Long run,
                          @Schema(description = "控制台中相应的页面", example = "/console/runs/42") String href) {
    }

    static final String INTERNAL_DETAIL = "中枢内部错误，详情已写入日志";

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    /** Whether the request is one of the API's: {@code /api} and below. */
    public static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** The request attribute a console page's refused CSRF token sets, so its error page says so (not "no permission"). */
    public static final String CSRF_REFUSED = ApiErrors.class.getName() + ".csrf";

    /** Why the firewall refused an address, and what to do. */
    public static final String REJECTED_URL = "请求地址不合规，已拒绝：地址中不得含有 //、/../、分号、编码的斜杠或控制字符。请检查地址，或从控制台的链接重新进入";

    /**
     * Whether the client reads HTML: a browser says so in Accept. A script without Accept, or asking
     * for JSON, gets a problem even outside the API (/actuator, /v3/api-docs).
     */
    public static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && (accept.contains("text/html") || accept.contains("application/xhtml+xml"));
    }

    /**
     * The console's 400 page for an address the firewall refused, written as it is: an error dispatch
     * of the same address would be refused again, and Tomcat would show its own English page.
     */
    public static void writeRejectedPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String context = request.getContextPath();
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>请求地址不合规 · 预算公开集成中枢</title><link rel="icon" href="data:,"><link rel="stylesheet" href="%s/css/console.css"></head>
                <body><main id="main" class="error-page" data-status="400">
                <h1><span class="muted">400</span> 请求地址不合规</h1>
                <p class="lead">地址中含有不允许的内容（如 //、/../、分号、编码的斜杠或控制字符），中枢已拒绝。请检查地址，或从控制台的链接重新进入。</p>
                <ul class="button-row"><li><a class="btn btn-primary" href="%s/console" id="back-to-dashboard">回到控制台</a></li></ul>
                </main><footer class="site-footer"><p>预算公开集成中枢</p></footer></body></html>
                """.formatted(context, context));
    }

    /** A refusal answered outside Spring MVC (Spring Security's filters): the same shape, the same media type. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem, ObjectMapper json)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), problem);
    }

    // ---------------------------------------------------------------- the hub's own refusals

    /**
     * A value the hub's checks refuse (a year out of range, a malformed agency code, a limit). The hub
     * words those in Chinese; any other is no refusal but a fault, answered as one.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> invalid(IllegalArgumentException e, WebRequest request) {
        return answer(e, chinese(e.getMessage()) ? ProblemType.INVALID_PARAMETER.problem(e.getMessage()) : internal(), request);
    }

    /** A state the hub's own checks refuse to act on; likewise. */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Object> conflict(IllegalStateException e, WebRequest request) {
        return answer(e, chinese(e.getMessage()) ? ProblemType.CONFLICT.problem(e.getMessage()) : internal(), request);
    }

    /** Anything else is the hub's fault: logged in full, answered without internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        return answer(e, internal(), request);
    }

    private static ProblemDetail internal() {
        return ProblemType.INTERNAL_ERROR.problem(INTERNAL_DETAIL);
    }

    private ResponseEntity<Object> answer(Exception e, ProblemDetail problem, WebRequest request) {
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    // ---------------------------------------------------------------- Spring MVC's refusals, and the one way out

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers, HttpStatusCode status,
                                                             WebRequest request) {
        if (!(request instanceof ServletWebRequest web) || !isApi(web.getRequest())) {
            // Rethrowing the very exception tells Spring MVC this advice did not handle it.
            throw ApiErrors.<RuntimeException>passOn(e);
        }
        ProblemDetail problem = e instanceof ApiRefusal refusal ? refusal.getBody()
                : body instanceof ProblemDetail own && own.getType().toString().startsWith(ProblemType.PREFIX) ? own
                : translate(e, status, web.getRequest());
        if (problem.getStatus() >= 500) {
            LOG.error("API 请求处理失败（中枢内部错误）：{} {}", web.getRequest().getMethod(), web.getRequest().getRequestURI(), e);
        }
        return super.handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    /** Spring's own exceptions, in the operator's words. */
    private static ProblemDetail translate(Exception e, HttpStatusCode status, HttpServletRequest request) {
        if (e instanceof HttpMessageNotReadableException unreadable) {
            return ProblemType.MALFORMED_BODY.problem(unreadable(unreadable));
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return ProblemType.MISSING_PARAMETER.problem("缺少参数 " + missing.getParameterName() + kind(missing.getParameterType()));
        }
        if (e instanceof TypeMismatchException mismatch) {
            String name = mismatch.getPropertyName() == null ? "" : " " + mismatch.getPropertyName();
            return ProblemType.INVALID_PARAMETER.problem("参数" + name + " 的值无法识别：" + mismatch.getValue()
                    + (mismatch.getRequiredType() == null ? "" : kind(mismatch.getRequiredType().getSimpleName())));
        }
        if (e instanceof ServletRequestBindingException) {
            return ProblemType.INVALID_PARAMETER.problem("请求缺少所需的参数或请求头");
        }
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return ProblemType.NO_SUCH_ENDPOINT.problem("没有这个接口：" + request.getMethod() + " " + request.getRequestURI()
                    + "（接口一览见 /swagger-ui.html）");
        }
        if (e instanceof HttpRequestMethodNotSupportedException method) {
            Set<HttpMethod> allowed = method.getSupportedHttpMethods();
            return ProblemType.METHOD_NOT_ALLOWED.problem("接口 " + request.getRequestURI() + " 不支持 " + method.getMethod() + " 方法"
                    + (allowed == null || allowed.isEmpty() ? "" : "（可用：" + allowed.stream().map(HttpMethod::name).sorted()
                    .collect(Collectors.joining("、")) + "）"));
        }
        if (e instanceof HttpMediaTypeNotSupportedException media) {
            return ProblemType.UNSUPPORTED_MEDIA_TYPE.problem("不支持请求正文的类型"
                    + (media.getContentType() == null ? "（未注明 Content-Type）" : " " + media.getContentType())
                    + "，请以 application/json 发送");
        }
        if (e instanceof HttpMediaTypeNotAcceptableException) {
            return ProblemType.NOT_ACCEPTABLE.problem("无法按请求的 Accept（" + request.getHeader(HttpHeaders.ACCEPT)
                    + "）回答；接口以 application/json 回答");
        }
        if (status.is5xxServerError()) {
            return ProblemType.INTERNAL_ERROR.problem(status, INTERNAL_DETAIL);
        }
        // A status no kind was made for (a ResponseStatusException of some feature): RFC 9457's about:blank.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                e instanceof ResponseStatusException s && chinese(s.getReason()) ? s.getReason() : "请求被拒绝");
        problem.setTitle("请求被拒绝");
        return problem;
    }

    /** Where Jackson stopped, by field name; never the class it wanted. */
    private static String unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "请求正文中字段 " + field + " 的值无法识别";
        }
        String message = e.getMessage();
        if (message != null && message.startsWith("Required request body is missing")) {
            return "缺少请求正文（JSON）";
        }
        return "请求正文不是有效的 JSON";
    }

    private static String kind(String javaType) {
        return switch (javaType) {
            case "int", "Integer", "long", "Long" -> "（须为整数）";
            case "boolean", "Boolean" -> "（须为 true 或 false）";
            default -> "";
        };
    }

    /** Whether a message is the hub's own words (Chinese) rather than a library's, which is never shown. */
    static boolean chinese(String message) {
        return message != null && message.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E passOn(Exception e) throws E {
        throw (E) e;
    }
}
