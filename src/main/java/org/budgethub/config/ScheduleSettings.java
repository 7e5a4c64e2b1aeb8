package org.budgethub.config;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * The nightly schedule's settings as the admin page shows them (read-only): each in words, with the
 * key an operator edits to change it. The page asks this bean itself ({@code ${@scheduleSettings.rows()}}).
 */
@Component("scheduleSettings")
public class ScheduleSettings {

    /** One setting: what it is, its value in words, and the key that sets it. */
    public record Row(String label, String value, String key) {
    }

    private final HubProperties.Schedule schedule;

    public ScheduleSettings(HubProperties hub) {
        this.schedule = hub.schedule();
    }

    public List<Row> rows() {
        return List.of(
                new Row("夜间同步", schedule.enabled() ? "已启用" : "已停用（只能在控制台手动运行）", "hub.schedule.enabled"),
                new Row("运行时间", CronWords.describe(schedule.cron()) + "（" + zoneName(schedule.zone()) + "）", "hub.schedule.cron"),
                new Row("预算年度", schedule.years().isEmpty() ? "当年和下一年度（默认）"
                        : schedule.years().stream().map(y -> y + " 年").collect(Collectors.joining("、")), "hub.schedule.years"),
                new Row("单位范围", schedule.agencies().isEmpty() ? "全部单位（默认）" : String.join("、", schedule.agencies()),
                        "hub.schedule.agencies"));
    }

    private static String zoneName(String zone) {
        return "Asia/Shanghai".equals(zone) ? "北京时间" : "时区 " + zone;
    }
}
