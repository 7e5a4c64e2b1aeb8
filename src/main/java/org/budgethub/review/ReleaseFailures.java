package org.budgethub.review;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.publish.DeliveryStatus;

/**
 * Versions a reviewer approved whose delivery then failed: the run that built them said 待审核, so
 * without this the console would go on saying so. Each comes with its error and what happens next:
 * the release timer ({@link ReleaseService#due()}) sends it again at {@link ReleaseService#retryAt}
 * after the failure, at its next check (every {@code hub.publish.release-check-ms}, within the release window).
 */
@Component
public class ReleaseFailures {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    /** An approved version that did not reach the CMS, and the sentence that says what to do. */
    public record Failed(DeliveryRecords.Delivery delivery, Instant retryAt, String nextStep) {

        public String agencyCode() {
            return delivery.agencyCode();
        }

        public String error() {
            return delivery.error() == null ? "未记录原因" : delivery.error();
        }

        /** One line for the dashboard: which version, why, what next. */
        public String summary() {
            return "第 " + delivery.version() + " 版已批准" + (delivery.reviewedBy() == null ? "" : "（" + delivery.reviewedBy() + "）")
                    + "，但未能发送到网站：" + error() + "。" + nextStep;
        }
    }

    private final DeliveryRecords deliveries;
    private final ZoneId zone;
    private final String window;
    private final long checkMs;
    private final Clock clock;

    public ReleaseFailures(DeliveryRecords deliveries, HubProperties hub) {
        this.deliveries = deliveries;
        this.zone = ZoneId.of(hub.publish().zone());
        this.window = hub.publish().releaseWindow() == null ? "" : hub.publish().releaseWindow().trim();
        this.checkMs = hub.publish().releaseCheckMs().toMillis();
        this.clock = Clock.systemUTC();
    }

    /** The year's approved versions whose delivery failed, by agency code. */
    public Map<String, Failed> of(int year) {
        Map<String, Failed> failed = new LinkedHashMap<>();
        deliveries.approvedUndelivered().stream()
                .filter(d -> d.fiscalYear() == year && d.status() == DeliveryStatus.FAILED)
                .sorted(java.util.Comparator.comparing(DeliveryRecords.Delivery::agencyCode))
                .forEach(d -> failed.put(d.agencyCode(), failed(d)));
        return failed;
    }

    public List<Failed> list(int year) {
        return List.copyOf(of(year).values());
    }

    private Failed failed(DeliveryRecords.Delivery d) {
        Instant now = clock.instant();
        Instant after = d.updatedAt() == null ? now : ReleaseService.retryAt(d);
        Instant retryAt = after.isBefore(now) ? now : after;
        String when = after.isBefore(now) ? "下一次检查时" : "约 " + CLOCK.format(retryAt.atZone(zone)) + " 起的下一次检查时";
        String next = "下一步：中枢每 " + every() + "检查一次待发送的版本，将在" + when + "自动重新发送"
                + (window.isEmpty() ? "" : "（仅在发布时段 " + window + " 内）")
                + "，无需再次审核；也可以在单位页点“重新运行本单位”立即重发，或请网站管理员检查 CMS 服务器（连接、磁盘空间、账号权限）。";
        return new Failed(d, retryAt, next);
    }

    private String every() {
        return checkMs % 60_000 == 0 ? checkMs / 60_000 + " 分钟" : checkMs % 1000 == 0 ? checkMs / 1000 + " 秒" : checkMs + " 毫秒";
    }
}
