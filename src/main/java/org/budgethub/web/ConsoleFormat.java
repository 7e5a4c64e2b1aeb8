package org.budgethub.web;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.budgethub.model.Finding;
import org.budgethub.model.Stage;
import org.budgethub.model.StatusLabel;
import org.budgethub.publish.DeliveryStatus;

/**
 * How the console prints things: times in the hub's zone, durations, short hashes, and the Chinese
 * label and colour class of every status, stage, scope and severity. The pages show a status as a
 * coloured badge and its text, never colour alone.
 */
public final class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private static final Map<String, String> SCOPE = Map.of(
            "ALL", "全部单位", "AGENCY", "单个单位", "LIST", "指定单位", "RESUME", "继续运行", "FAILED", "失败单位");

    /** What the console can show a label of besides the statuses it is given: versions' and findings'. */
    private static final List<StatusLabel> OWN = Stream.concat(Arrays.stream(DeliveryStatus.values()),
            Arrays.stream(Finding.Severity.values())).map(StatusLabel.class::cast).toList();

    /** The statuses a feature shows on the console (a run's, a task's): each enum is the one definition of its labels. */
    @FunctionalInterface
    public interface Statuses {
        List<? extends StatusLabel> statuses();
    }

    private final ZoneId zone;
    private final Map<String, StatusLabel> statuses = new LinkedHashMap<>();

    public ConsoleFormat(ZoneId zone) {
        this(zone, List.of());
    }

    /**
     * @param more the statuses of the features above this one (runs, tasks); a name two enums share
     *             (FAILED, RUNNING, INTERRUPTED) must read the same in both
     */
    public ConsoleFormat(ZoneId zone, List<? extends StatusLabel> more) {
        this.zone = zone;
        Stream.concat(OWN.stream(), more.stream()).forEach(s -> {
            StatusLabel known = statuses.putIfAbsent(s.name(), s);
            if (known != null && (!known.label().equals(s.label()) || !known.tone().equals(s.tone()))) {
                throw new IllegalArgumentException(s.name() + " reads " + known.label() + "/" + known.tone() + " in "
                        + known.getClass().getSimpleName() + " but " + s.label() + "/" + s.tone() + " in " + s.getClass().getSimpleName());
            }
        });
    }

    public ZoneId zone() {
        return zone;
    }

    /** The Chinese label of a status (task, run, delivery) or severity, given as its enum or its name. */
    public String label(Object status) {
        return status == null ? "未运行" : known(status).map(StatusLabel::label).orElse(status.toString());
    }

    /** The badge's CSS classes: its colour follows the status, its text says it too. */
    public String badge(Object status) {
        return "badge badge-" + (status == null ? "none" : known(status).map(StatusLabel::tone).orElse("neutral"));
    }

    /**
     * Every status's label and tone, and every stage's label, as JSON: what the console's script
     * shows when it updates a page, from the same enums as the pages themselves.
     */
    public String labelsJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> labels = new LinkedHashMap<>();
        statuses.forEach((name, s) -> labels.put(name, Map.of("label", s.label(), "tone", s.tone())));
        out.put("statuses", labels);
        Map<String, String> stages = new LinkedHashMap<>();
        Arrays.stream(Stage.values()).forEach(s -> stages.put(s.id(), s.label()));
        out.put("stages", stages);
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Optional<StatusLabel> known(Object status) {
        return status instanceof StatusLabel s ? Optional.of(s) : Optional.ofNullable(statuses.get(status.toString()));
    }

    public String stage(String stage) {
        return stage == null ? "" : Stage.byId(stage).map(Stage::label).orElse(stage);
    }

    public String scope(String scope) {
        return scope == null ? "" : SCOPE.getOrDefault(scope, scope);
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
            case "schedule" -> "夜间定时任务";
            case "demo start-up" -> "演示启动";
            case "export" -> "命令行导出";
            case "unknown" -> "未记录";
            default -> "其他（" + trigger + "）";
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
