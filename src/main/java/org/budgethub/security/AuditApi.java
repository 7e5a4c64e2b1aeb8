package org.budgethub.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.budgethub.config.HubProperties;
import org.budgethub.web.ApiErrors;

/** The audit log for admins: logins and failed ones, lockouts, refusals, password changes and every action. */
@RestController
@Tag(name = "audit", description = "The audit log (admins only)")
class AuditApi {

    @Schema(description = "一条操作日志")
    public record AuditEntry(@Schema(example = "1234") long id,
                             @Schema(description = "时间（UTC）", example = "2026-02-01T01:30:00Z") Instant at,
                             @Schema(description = "用户；登录失败时为所用的用户名", example = "admin") String user,
                             @Schema(example = "login.failed") String action,
                             @Schema(example = "登录失败：用户名或密码不正确（用户名 admin）（来自 127.0.0.1）") String detail) {

        static AuditEntry of(Map<String, Object> row) {
            Object at = row.get("at");
            return new AuditEntry(((Number) row.get("id")).longValue(), at instanceof Timestamp t ? t.toInstant() : null,
                    (String) row.get("username"), (String) row.get("action"), (String) row.get("detail"));
        }
    }

    private final AuditLog audit;
    private final ZoneId zone;

    public AuditApi(AuditLog audit, HubProperties hub) {
        this.audit = audit;
        this.zone = ZoneId.of(hub.publish().zone());
    }

    @GetMapping("/api/audit")
    @Operation(summary = "Audit log entries, newest first (admins only)", description = "操作日志，最新的在前。动作包括 login、login.failed、"
            + "login.lockout、user.unlock、refused、password.change、password.change.refused、password.reset、user.create、user.disable、"
            + "run.start、review.approve 等。", responses = {
            @ApiResponse(responseCode = "200", description = "one page of the entries: {items, page, size, total}"),
            @ApiResponse(responseCode = "400", description = "since or limit cannot be read",
                    content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "401", description = "not logged in, wrong password or account locked",
                    content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ApiErrors.Problem.class))),
            @ApiResponse(responseCode = "403", description = "not an admin")})
    public org.budgethub.web.Paged<AuditEntry> entries(
            @Parameter(description = "只看这个用户（登录失败：所用的用户名）", example = "admin") @RequestParam(required = false) String user,
            @Parameter(description = "只看这个动作", example = "login.failed") @RequestParam(required = false) String action,
            @Parameter(description = "从此时起：ISO 时间（2026-02-01T08:00:00+08:00）或日期（2026-02-01，中枢时区的零点）",
                    example = "2026-02-01") @RequestParam(required = false) String since,
            @Parameter(description = "第几页（从 1 起）", example = "1") @RequestParam(required = false) Integer page,
            @Parameter(description = "每页几条（默认 50，最多 200）", example = "50") @RequestParam(required = false) Integer size,
            @Parameter(description = "旧参数：每页几条（1–1000，超过 200 按 200）；请改用 size", example = "100")
            @RequestParam(required = false) Integer limit) {
        if (limit != null && (limit < 1 || limit > AuditLog.MAX_LIMIT)) {
            throw new IllegalArgumentException("limit 须在 1 到 " + AuditLog.MAX_LIMIT + " 之间");
        }
        int perPage = org.budgethub.web.Paged.size(size != null ? size : limit);
        return audit.page(user, action, since(since), org.budgethub.web.Paged.page(page), perPage).map(AuditEntry::of);
    }

    private Instant since(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant() : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("参数 since 的值无法识别：" + value + "（例如 2026-02-01 或 2026-02-01T08:00:00+08:00）");
        }
    }
}
