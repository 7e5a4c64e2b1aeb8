package org.budgethub.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Quartz cron expression in the words of the finance bureau's staff ("每天 02:00"), for the
 * forms a schedule takes in practice: every day, certain weekdays, certain days of the month, every
 * N hours. Anything else is told as "按 cron 表达式 …", so nothing is ever described wrongly.
 */
public final class CronWords {

    private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");
    private static final List<String> WEEKDAYS = List.of("日", "一", "二", "三", "四", "五", "六");
    private static final Map<String, Integer> WEEKDAY_NAMES = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5, "FRI", 6, "SAT", 7);

    private CronWords() {
    }

    public static String describe(String cron) {
        String[] f = cron == null ? new String[0] : cron.trim().split("\\s+");
        if (f.length < 6 || f.length > 7 || f.length == 7 && !f[6].equals("*")) {
            return literal(cron);
        }
        String sec = f[0], min = f[1], hour = f[2], dom = f[3], month = f[4], dow = f[5];
        if (!month.equals("*") || !sec.equals("0") || !NUMBER.matcher(min).matches()) {
            return literal(cron);
        }
        Matcher everyHours = Pattern.compile("(\\d{1,2})/(\\d{1,2})|\\*/(\\d{1,2})").matcher(hour);
        if (everyHours.matches() && isEvery(dom) && isEvery(dow)) {
            String step = everyHours.group(2) != null ? everyHours.group(2) : everyHours.group(3);
            String from = everyHours.group(1) != null ? everyHours.group(1) : "0";
            return "每天从 " + clock(from, min) + " 起每 " + Integer.parseInt(step) + " 小时一次";
        }
        if (!NUMBER.matcher(hour).matches() || Integer.parseInt(hour) > 23 || Integer.parseInt(min) > 59) {
            return literal(cron);
        }
        String at = clock(hour, min);
        if (isEvery(dom) && isEvery(dow)) {
            return "每天 " + at;
        }
        if (isEvery(dom)) {
            String days = weekdays(dow);
            return days == null ? literal(cron) : "每周" + days + " " + at;
        }
        if (isEvery(dow) && dom.matches("\\d{1,2}(,\\d{1,2})*")) {
            return "每月 " + String.join("、", dom.split(",")) + " 日 " + at;
        }
        return literal(cron);
    }

    private static boolean isEvery(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static String clock(String hour, String min) {
        return String.format("%02d:%02d", Integer.parseInt(hour), Integer.parseInt(min));
    }

    /** "MON-FRI" → "一至周五", "MON,WED" → "一、周三"; null for a form not understood. */
    private static String weekdays(String dow) {
        Matcher range = Pattern.compile("([A-Z]{3}|[1-7])-([A-Z]{3}|[1-7])").matcher(dow.toUpperCase());
        if (range.matches()) {
            Integer a = day(range.group(1));
            Integer b = day(range.group(2));
            return a == null || b == null ? null : WEEKDAYS.get(a - 1) + "至周" + WEEKDAYS.get(b - 1);
        }
        StringBuilder out = new StringBuilder();
        for (String d : dow.toUpperCase().split(",")) {
            Integer n = day(d);
            if (n == null) {
                return null;
            }
            out.append(out.length() == 0 ? "" : "、周").append(WEEKDAYS.get(n - 1));
        }
        return out.toString();
    }

    private static Integer day(String d) {
        if (d.matches("[1-7]")) {
            return Integer.parseInt(d);
        }
        return WEEKDAY_NAMES.get(d);
    }

    private static String literal(String cron) {
        return "按 cron 表达式 " + cron;
    }
}
