package org.budgethub.web;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.budgethub.model.Stage;

/**
 * How the console prints things: times in the hub's zone, durations, short hashes, and the Chinese
 * label and colour class of every status, stage, scope and severity. The pages show a status as a
 * coloured badge and its text, never colour alone.
 */
public final class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private static final Map<String, String> STATUS = Map.ofEntries(
            Map.entry("DONE", "完成"),
            Map.entry("SKIPPED", "跳过"),
            Map.entry("RUNNING", "运行中"),
            Map.entry("QUEUED", "排队中"),
            Map.entry("FAILED", "失败"),
            Map.entry("INTERRUPTED", "已中断"),
            Map.entry("SUCCEEDED", "成功"),
            Map.entry("DELIVERED", "已送达"),
            Map.entry("SENDING", "发送中"),
            Map.entry("AWAITING_REVIEW", "待审核"),
            Map.entry("APPROVED", "已批准"),
            Map.entry("REJECTED", "已退回"),
            Map.entry("SUPERSEDED", "已被新版本取代"),
            Map.entry("WITHDRAWN", "已撤回"),
            Map.entry("INCOMPLETE", "存储不完整，待重新生成"),
            Map.entry("FATAL", "严重"),
            Map.entry("WARN", "警告"),
            Map.entry("INFO", "提示"));

    private static final Map<String, String> TONE = Map.ofEntries(
            Map.entry("AWAITING_REVIEW", "warn"),
            Map.entry("APPROVED", "busy"),
            Map.entry("REJECTED", "bad"),
            Map.entry("SUPERSEDED", "neutral"),
            Map.entry("INCOMPLETE", "bad"),
            Map.entry("WITHDRAWN", "warn"),
            Map.entry("DONE", "ok"),
            Map.entry("SUCCEEDED", "ok"),
            Map.entry("DELIVERED", "ok"),
            Map.entry("SKIPPED", "neutral"),
            Map.entry("INFO", "neutral"),
            Map.entry("RUNNING", "busy"),
            Map.entry("QUEUED", "neutral"),
            Map.entry("SENDING", "busy"),
            Map.entry("FAILED", "bad"),
            Map.entry("FATAL", "bad"),
            Map.entry("INTERRUPTED", "warn"),
            Map.entry("WARN", "warn"));

    private static final Map<String, String> SCOPE = Map.of(
            "ALL", "全部单位", "AGENCY", "单个单位", "LIST", "指定单位", "RESUME", "继续运行", "FAILED", "失败单位");

    private static final Map<String, String> ROLE = Map.of(
            "VIEWER", "查看员", "OPERATOR", "操作员", "REVIEWER", "审核员", "ADMIN", "管理员");

    private final ZoneId zone;

    public ConsoleFormat(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The Chinese label of a status (task, run, delivery) or severity. */
    public String label(String status) {
        return status == null ? "未运行" : STATUS.getOrDefault(status, status);
    }

    /** The badge's CSS classes: its colour follows the status, its text says it too. */
    public String badge(String status) {
        return "badge badge-" + (status == null ? "none" : TONE.getOrDefault(status, "neutral"));
    }

    public String stage(String stage) {
        return stage == null ? "" : Stage.byId(stage).map(Stage::label).orElse(stage);
    }

    public String scope(String scope) {
        return scope == null ? "" : SCOPE.getOrDefault(scope, scope);
    }

    public String role(String role) {
        return role == null ? "" : ROLE.getOrDefault(role, role);
    }

    /** Who started a run: a user, the schedule, the demo. */
    public String trigger(String trigger) {
        if (trigger == null) {
            return "";
        }
        if (trigger.startsWith("user:")) {
            return "用户 " + trigger.substring(5);
        }
        return switch (trigger) {
            case "schedule" -> "定时任务 schedule";
            case "demo start-up" -> "演示启动 demo";
            default -> trigger;
        };
    }

    /** A time in the hub's zone, to the second; empty for none. */
    public String time(Object value) {
        Instant instant = null;
        if (value instanceof Instant i) {
            instant = i;
        } else if (value instanceof Timestamp t) {
            instant = t.toInstant();
        } else if (value instanceof OffsetDateTime o) {
            instant = o.toInstant();
        } else if (value instanceof ZonedDateTime z) {
            instant = z.toInstant();
        } else if (value instanceof LocalDateTime l) {
            instant = l.atZone(ZoneId.systemDefault()).toInstant();
        }
        if (instant == null) {
            return value == null ? "" : value.toString();
        }
        return TIME.format(instant.atZone(zone));
    }

    /** The time of day in the hub's zone (for times of today: a task in flight). */
    public String clock(Instant value) {
        return value == null ? "" : CLOCK.format(value.atZone(zone));
    }

    /** Month, day and minute in the hub's zone: a grid column's heading. */
    public String shortTime(Instant value) {
        return value == null ? "" : SHORT.format(value.atZone(zone));
    }

    /** The ISO instant, for a {@code <time datetime>} attribute. */
    public String iso(Object value) {
        if (value instanceof Instant i) {
            return i.toString();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        return value == null ? "" : value.toString();
    }

    public String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 60) {
            return seconds + " 秒";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " 分 " + (seconds % 60) + " 秒";
        }
        return (seconds / 3600) + " 小时 " + (seconds % 3600 / 60) + " 分";
    }

    public String millis(Long ms) {
        if (ms == null) {
            return "";
        }
        return ms < 1000 ? ms + " 毫秒" : String.format(Locale.ROOT, "%.1f 秒", ms / 1000.0);
    }

    /** A file's size: "812 字节", "12.3 KB", "1.4 MB". */
    public String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " 字节";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    public String shortHash(String hash) {
        return hash == null ? "" : hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    /** Percentage of a run's agencies done, 0-100. */
    public int percent(int done, int total) {
        return total <= 0 ? 0 : Math.min(100, Math.round(done * 100f / total));
    }
}
