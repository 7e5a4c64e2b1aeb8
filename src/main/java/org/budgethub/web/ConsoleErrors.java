package org.budgethub.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error pages outside {@link ApiErrors}: Spring Boot's, in Chinese. A browser gets the console's
 * page (templates/error/), which shows a reason only when it is the hub's own words (never
 * {@code No static resource console/x.}), and for a refused CSRF token says the page expired rather
 * than that the account lacks rights. Any other client gets a problem (application/problem+json)
 * like the API's, never Spring's English {@code {"error": "Forbidden"}}.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ConsoleErrors extends BasicErrorController {

    public ConsoleErrors(ErrorAttributes errors, ServerProperties server, ObjectProvider<ErrorViewResolver> resolvers) {
        super(errors, server.getError(), resolvers.orderedStream().toList());
    }

    @Override
    protected Map<String, Object> getErrorAttributes(HttpServletRequest request, ErrorAttributeOptions options) {
        Map<String, Object> model = new LinkedHashMap<>(super.getErrorAttributes(request, options));
        Object message = model.get("message");
        if (!(message instanceof String m) || !ApiErrors.chinese(m)) {
            model.remove("message");
        }
        model.put("csrf", Boolean.TRUE.equals(request.getAttribute(ApiErrors.CSRF_REFUSED)));
        return model;
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String own = message instanceof String m && ApiErrors.chinese(m) ? m : null;
        ProblemType kind = switch (status) {
            case BAD_REQUEST -> ProblemType.INVALID_PARAMETER;
            case UNAUTHORIZED -> ProblemType.UNAUTHENTICATED;
            case FORBIDDEN -> Boolean.TRUE.equals(request.getAttribute(ApiErrors.CSRF_REFUSED)) ? ProblemType.CSRF : ProblemType.FORBIDDEN;
            case NOT_FOUND -> ProblemType.NO_SUCH_ENDPOINT;
            case METHOD_NOT_ALLOWED -> ProblemType.METHOD_NOT_ALLOWED;
            default -> status.is5xxServerError() ? ProblemType.INTERNAL_ERROR : null;
        };
        String detail = own != null ? own : switch (status) {
            case BAD_REQUEST -> "请求无法处理：参数有误。请检查年度、单位代码等输入后重试";
            case UNAUTHORIZED -> "需要登录：请登录控制台，或用 HTTP Basic（控制台用户名和密码）";
            case FORBIDDEN -> "当前账号无权访问该地址。如需权限，请联系管理员";
            case NOT_FOUND -> "没有这个地址。接口一览见 /swagger-ui.html，控制台从 /console 进入";
            default -> status.is5xxServerError() ? ApiErrors.INTERNAL_DETAIL : "请求被拒绝";
        };
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", kind == null ? "about:blank" : kind.type().toString());
        problem.put("title", kind == null ? "请求被拒绝" : kind.title());
        problem.put("status", status.value());
        problem.put("detail", detail);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path instanceof String p) {
            problem.put("instance", p.replaceAll("\\p{Cntrl}", "?"));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
