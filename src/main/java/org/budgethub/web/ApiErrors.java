package org.budgethub.web;


import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;


/**
 * Every refusal of the API as one JSON shape, {"error": "…"} in the operator's words, with its real
 * status code. A feature's own refusal (a duplicate run, a review refused) is answered by its API
 * controller in this same shape.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
public class ApiErrors {

    /** The body of every 4xx answer of the API. */
    @Schema(description = "拒绝的原因")
    public record ApiError(@Schema(description = "原因（中文）", example = "财政系统中没有 1999 年的单位") String error,
                           @Schema(description = "重复运行时：已在排队或运行的那次运行") Long run,
                           @Schema(description = "该运行的地址") String href) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiErrors.class);


    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> badRequest(IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }


    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<ApiError> conflict(IllegalStateException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }


    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ApiError> status(ResponseStatusException e) {
        return error(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason() == null ? "请求被拒绝" : e.getReason());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class})
    ResponseEntity<ApiError> unreadable(Exception e) {
        String what = e instanceof MissingServletRequestParameterException m ? "缺少参数 " + m.getParameterName()
                : e instanceof MethodArgumentTypeMismatchException t ? "参数 " + t.getName() + " 的值无法识别：" + t.getValue()
                : "请求正文不是有效的 JSON";
        return error(HttpStatus.BAD_REQUEST, what);
    }

    /** Anything else is the hub's fault: logged in full, answered without internals. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ApiError> internal(RuntimeException e) {
        LOG.error("API request failed", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "中枢内部错误，详情已写入日志");
    }

    /** A refusal in the API's one shape; the features' own exceptions answer with it too. */
    public static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(message, null, null));
    }
}
