package org.budgethub.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The option syntax of the hub's commands ({@code --name=value}, switches as {@code --name}), for
 * the generate and benchmark commands. Errors are Chinese sentences for the user.
 */
final class CliOptions {

    private final Map<String, String> values;

    private CliOptions(Map<String, String> values) {
        this.values = values;
    }

    static CliOptions parse(String[] args, List<String> options, List<String> switches) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && switches.contains(arg.substring(2))) {
                values.put(arg.substring(2), "true");
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("无法识别的参数 '" + arg + "'（选项的写法是 --名称=值）");
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!options.contains(name)) {
                throw new IllegalArgumentException("未知选项 --" + name);
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        return new CliOptions(values);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("缺少必填选项 --" + name);
        }
        return v.trim();
    }

    String get(String name, String fallback) {
        String v = values.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    /** The finance password: the option, else HUB_FINANCE_PASSWORD, else empty. */
    String password() {
        return values.containsKey("finance-password") ? values.get("finance-password")
                : System.getenv().getOrDefault("HUB_FINANCE_PASSWORD", "");
    }

    int integer(String name, String fallback, int min, int max, String example) {
        String v = get(name, fallback);
        if (v == null) {
            throw new IllegalArgumentException("缺少必填选项 --" + name);
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " 须是 " + min + " 至 " + max + " 之间的整数，如 " + example + "，而不是 '" + v + "'");
        }
    }

    /** A comma-separated list of integers, such as 2025,2026 or 1,2. */
    List<Integer> integers(String name, String fallback, int min, int max, String example) {
        String v = get(name, fallback);
        try {
            List<Integer> list = java.util.Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Integer::parseInt).toList();
            if (list.isEmpty() || list.stream().anyMatch(n -> n < min || n > max)) {
                throw new NumberFormatException();
            }
            return list;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " 须是逗号分隔的 " + min + " 至 " + max + " 之间的整数，如 " + example
                    + "，而不是 '" + v + "'");
        }
    }

    /** Loads the JDBC drivers on the class path, so DriverManager finds them under any class loader (exec:java's too). */
    static void loadDrivers() {
        for (String driver : List.of("org.postgresql.Driver", "org.h2.Driver")) {
            try {
                Class.forName(driver, true, CliOptions.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError ignored) {
                // not on the class path: DriverManager says so for a URL that needs it
            }
        }
    }
}
