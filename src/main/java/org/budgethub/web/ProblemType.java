package org.budgethub.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The kinds of refusal of the API (RFC 9457 {@code type}): one URN each, stable, listed in the
 * README. A client tells refusals apart by {@code type}, never by the words of {@code detail}.
 */
public enum ProblemType {

    MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "请求正文无法读取"),
    MISSING_PARAMETER("missing-parameter", HttpStatus.BAD_REQUEST, "缺少参数"),
    INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "参数无效"),
    REJECTED_URL("rejected-url", HttpStatus.BAD_REQUEST, "请求地址不合规"),
    REASON_REQUIRED("reason-required", HttpStatus.BAD_REQUEST, "须写明原因"),
    ATTESTATIONS_MISSING("attestations-missing", HttpStatus.BAD_REQUEST, "批准发布须确认保密审查、负责人审签并填写签发人"),
    /** Words the narrative store refuses: an unknown key, anything but text, a field too long, a control character. */
    INVALID_WORDS("invalid-words", HttpStatus.BAD_REQUEST, "说明文字不合要求"),
    YEAR_WITHOUT_DATA("year-without-data", HttpStatus.BAD_REQUEST, "该年度没有数据"),
    /** 404 when the agency is in the path, 400 when a request body names it. */
    UNKNOWN_AGENCY("unknown-agency", HttpStatus.NOT_FOUND, "没有这个单位或部门"),
    WORDS_NOT_FOUND("words-not-found", HttpStatus.NOT_FOUND, "尚无说明文字"),
    NOTHING_TO_RUN("nothing-to-run", HttpStatus.BAD_REQUEST, "没有需要运行的单位"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "需要登录"),
    ACCOUNT_LOCKED("account-locked", HttpStatus.UNAUTHORIZED, "账户已锁定"),
    /** A console session an admin ended: the user was disabled, given another role or a new password. */
    SESSION_ENDED("session-ended", HttpStatus.UNAUTHORIZED, "登录已结束"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "无权执行"),
    CSRF("csrf", HttpStatus.FORBIDDEN, "缺少或无效的 CSRF 令牌"),
    FOUR_EYES("four-eyes", HttpStatus.FORBIDDEN, "四眼原则：须由他人审核"),
    UNKNOWN_RUN("unknown-run", HttpStatus.NOT_FOUND, "没有这次运行"),
    UNKNOWN_USER("unknown-user", HttpStatus.NOT_FOUND, "没有这个用户"),
    VERSION_NOT_FOUND("version-not-found", HttpStatus.NOT_FOUND, "没有可操作的版本"),
    NO_SUCH_ENDPOINT("no-such-endpoint", HttpStatus.NOT_FOUND, "没有这个接口"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "不支持该请求方法"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "无法以所要求的格式回答"),
    DUPLICATE_RUN("duplicate-run", HttpStatus.CONFLICT, "相同的运行已在排队或运行"),
    USER_EXISTS("user-exists", HttpStatus.CONFLICT, "用户已存在"),
    LAST_ADMIN("last-admin", HttpStatus.CONFLICT, "不能停用或降级唯一的管理员"),
    RUN_NOT_RESUMABLE("run-not-resumable", HttpStatus.CONFLICT, "该运行不能继续"),
    REVIEW_CONFLICT("review-conflict", HttpStatus.CONFLICT, "版本当前的状态不允许此操作"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "与中枢当前的状态冲突"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "不支持的请求正文类型"),
    STALE_VERSION("stale-version", HttpStatus.PRECONDITION_FAILED, "版本已过时"),
    PRECONDITION_REQUIRED("precondition-required", HttpStatus.PRECONDITION_REQUIRED, "须带 If-Match"),
    FINANCE_UNAVAILABLE("finance-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "财政数据库暂时无法读取"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "中枢内部错误");

    /** Every type is this prefix and the kind's name. */
    public static final String PREFIX = "urn:budgethub:problem:";

    private final URI type;
    private final HttpStatus status;
    private final String title;

    ProblemType(String name, HttpStatus status, String title) {
        this.type = URI.create(PREFIX + name);
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** A problem of this kind with its usual status. */
    public ProblemDetail problem(String detail) {
        return problem(status, detail);
    }

    public ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }
}
