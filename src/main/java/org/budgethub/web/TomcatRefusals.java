package org.budgethub.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * What Tomcat answers itself, before the hub sees the request (an encoded slash {@code %2F} in the
 * address, an unparseable request line): in Chinese, as the console's 400 page or, under /api and
 * for clients that take no HTML, as a problem, instead of Tomcat's English "HTTP Status 400 – Bad
 * Request". Replaces the host's error report valve after Spring Boot has set its own (lowest precedence).
 */
@Component
@ConditionalOnClass(StandardHost.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class TomcatRefusals implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(Chinese.class.getName());
                host.getPipeline().addValve(new Chinese());
            }
        });
    }

    /** Tomcat's error report, in the hub's words; never a stack trace or the server's version. */
    public static final class Chinese extends ErrorReportValve {

        public Chinese() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            String uri = request.getDecodedRequestURI() != null ? request.getDecodedRequestURI() : request.getRequestURI();
            boolean api = uri != null && (uri.equals("/api") || uri.startsWith("/api/"));
            String accept = request.getHeader("Accept");
            boolean html = !api && accept != null && (accept.contains("text/html") || accept.contains("application/xhtml+xml"));
            boolean badRequest = status == 400;
            String detail = badRequest ? ApiErrors.REJECTED_URL : status >= 500 ? ApiErrors.INTERNAL_DETAIL : "请求被拒绝，请检查地址后重试";
            try {
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                if (html) {
                    response.setContentType("text/html;charset=UTF-8");
                } else {
                    response.setContentType("application/problem+json;charset=UTF-8");
                }
                Writer out = response.getReporter();
                if (out == null) {
                    return;
                }
                if (html) {
                    out.write("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>请求无法处理 · 预算公开集成中枢</title>"
                            + "<link rel=\"stylesheet\" href=\"/css/console.css\"></head><body><main id=\"main\" class=\"error-page\" data-status=\""
                            + status + "\"><h1><span class=\"muted\">" + status + "</span> " + (badRequest ? "请求地址不合规" : "请求无法处理")
                            + "</h1><p class=\"lead\">" + detail + "。</p><p><a class=\"btn btn-primary\" href=\"/console\">回到控制台</a></p></main></body></html>");
                } else {
                    ProblemType kind = badRequest ? ProblemType.REJECTED_URL : status >= 500 ? ProblemType.INTERNAL_ERROR : null;
                    out.write("{\"type\":\"" + (kind == null ? "about:blank" : kind.type()) + "\",\"title\":\""
                            + (kind == null ? "请求被拒绝" : kind.title()) + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
                }
                out.flush();
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response was taken: nothing more to say
            }
        }
    }
}
