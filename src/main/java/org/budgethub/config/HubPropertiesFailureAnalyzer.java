package org.budgethub.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.convert.DurationFormat;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A {@code hub.*} value that cannot be bound or breaks its rule stops the hub with one Chinese
 * report instead of Spring's English one: the key, the value as written, what it may be, and where
 * it was set (file and line, environment variable, -D or --). Registered in META-INF/spring.factories,
 * ahead of Boot's own analyzers; any other failure is left to them.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HubPropertiesFailureAnalyzer implements FailureAnalyzer {

    private static final ConfigurationPropertyName HUB = ConfigurationPropertyName.of("hub");

    /** One bad setting: its key, the value as written, why it is refused, and where it was set. */
    record Problem(String key, String value, String reason, Origin origin) {
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        BindException bind = hubBindException(failure);
        if (bind == null) {
            return null;
        }
        BindValidationException invalid = find(bind, BindValidationException.class);
        List<Problem> problems = invalid != null ? problems(invalid.getValidationErrors()) : List.of(problem(bind));
        if (problems.isEmpty()) {
            return null;
        }
        return new FailureAnalysis(description(problems), action(problems), failure);
    }

    /** The innermost BindException of a hub.* key: it names the key itself, not the record holding it. */
    private static BindException hubBindException(Throwable failure) {
        BindException found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof BindException bind && (HUB.equals(bind.getName()) || HUB.isAncestorOf(bind.getName()))) {
                found = bind;
            }
        }
        return found;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    // ---- a value that could not be read as its type ----

    private static Problem problem(BindException bind) {
        ConfigurationProperty property = bind.getProperty();
        String value = property == null ? null : String.valueOf(property.getValue());
        return new Problem(bind.getName().toString(), value, expected(bind.getTarget(), value, bind),
                property == null ? null : property.getOrigin());
    }

    /** What the key takes, in words an operator can act on. */
    private static String expected(Bindable<?> target, String value, Throwable failure) {
        Class<?> type = target.getType().resolve(Object.class);
        if (type.isEnum()) {
            String allowed = allowed(type);
            String quoting = type == CmsProperties.HostKeyChecking.class && ("true".equals(value) || "false".equals(value))
                    ? "（YAML 会把不加引号的 yes、no 读成 true、false：请加引号，写成 \"yes\" 或 \"no\"）" : "";
            return "不是可选的值。可选值为：" + allowed + quoting;
        }
        if (type == Duration.class) {
            DurationFormat format = target.getAnnotation(DurationFormat.class);
            DurationUnit unit = target.getAnnotation(DurationUnit.class);
            String bare = unit == null || unit.value() == ChronoUnit.MILLIS ? "毫秒数（如 60000）" : "数字（单位：" + unit.value() + "）";
            if (format != null && format.value() == DurationStyle.SIMPLE) {
                return "不是时长。请写" + bare + "，或带单位的 500ms、30s、10m、2h（路由也读这一项，不能写成 PT30S）";
            }
            return "不是时长。请写" + bare + "，或带单位的 500ms、30s、10m、2h，或 ISO-8601 的 PT30M";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "不是整数";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "须为 true 或 false";
        }
        if (type == LocalDate.class) {
            return "不是日期。请写成 yyyy-MM-dd，如 2026-01-20";
        }
        if (type == BigDecimal.class) {
            return "不是数字";
        }
        if (type == Path.class) {
            return "不是文件路径";
        }
        return "无法读作 " + type.getSimpleName() + "：" + innermostMessage(failure);
    }

    /** The values of an enum as yaml takes them: this package's modes in lower case, others (severities) as declared. */
    static String allowed(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> (Enum<?>) c)
                .map(c -> c.getDeclaringClass().getPackageName().equals(HubProperties.class.getPackageName())
                        ? HubProperties.spelling(c) : c.name())
                .collect(Collectors.joining("、"));
    }

    private static String innermostMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // ---- values that were read but break their rule (jakarta validation) ----

    private static List<Problem> problems(ValidationErrors errors) {
        List<Problem> problems = new ArrayList<>();
        for (ObjectError error : errors) {
            if (error instanceof FieldError field) {
                String key = errors.getName() + "." + dashed(field.getField());
                ConfigurationProperty bound = bound(errors, key);
                // an element of a list written as "a,b": the list's key was set, not the element's
                ConfigurationProperty list = bound == null && key.endsWith("]") ? bound(errors, key.substring(0, key.lastIndexOf('['))) : null;
                String value = bound != null ? String.valueOf(bound.getValue()) : shown(field.getRejectedValue());
                ConfigurationProperty set = bound != null ? bound : list;
                Origin origin = set != null && set.getOrigin() != null ? set.getOrigin() : Origin.from(field);
                problems.add(new Problem(key, value, error.getDefaultMessage(), origin));
            } else {
                problems.add(new Problem(errors.getName().toString(), null, error.getDefaultMessage(), Origin.from(error)));
            }
        }
        problems.sort(java.util.Comparator.comparing(Problem::key));
        return problems;
    }

    /** poolSize → pool-size; years[0].&lt;list element&gt; → years[0]. */
    private static String dashed(String field) {
        String path = field.replaceAll("\\.<[^>]*>", "");
        return Arrays.stream(path.split("\\.")).map(DataObjectPropertyName::toDashedForm).collect(Collectors.joining("."));
    }

    private static ConfigurationProperty bound(ValidationErrors errors, String key) {
        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
        return errors.getBoundProperties().stream().filter(p -> p.getName().equals(name)).findFirst().orElse(null);
    }

    private static String shown(Object value) {
        if (value instanceof Duration duration) {
            return duration.toMillis() + "ms";
        }
        return value == null ? null : value.toString();
    }

    // ---- the report ----

    private static String description(List<Problem> problems) {
        StringBuilder text = new StringBuilder("中枢的配置有误，未能启动：");
        for (Problem p : problems) {
            text.append("\n\n  ").append(p.key()).append(" = ").append(p.value() == null ? "（空）" : "\"" + p.value() + "\"")
                    .append("\n    设置于：").append(where(p.origin(), p.key()))
                    .append("\n    问题：").append(p.reason());
        }
        return text.toString();
    }

    private static String action(List<Problem> problems) {
        StringBuilder text = new StringBuilder(problems.size() == 1 ? "改正上面这一项" : "改正上面这 " + problems.size() + " 项");
        text.append("后重新启动中枢：在其设置处改（运维配置文件为工作目录下的 config/application.yaml）");
        Problem first = problems.get(0);
        if (problems.size() == 1 && !first.key().contains("[")) {
            text.append("，或以环境变量 ").append(environmentVariable(first.key())).append("、启动参数 --").append(first.key())
                    .append("=… 覆盖");
        } else if (!first.key().contains("[")) {
            text.append("；环境变量的名称是键名大写、点换成下划线、去掉连字符，如 ").append(environmentVariable(first.key()));
        }
        text.append("。每个 hub.* 配置项的含义、默认值和可选值见 config/application.yaml 的注释和 README 的 Configuration 一节；"
                + "IDE 打开 application.yaml 时也会提示。");
        return text.toString();
    }

    /** hub.publish.release-check-ms → HUB_PUBLISH_RELEASECHECKMS, as Spring Boot maps environment variables. */
    static String environmentVariable(String key) {
        return key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** Where the value was set, as an operator finds it: file and line, environment variable, -D or --. */
    static String where(Origin origin, String key) {
        if (origin == null) {
            return "未知（可能是默认值）";
        }
        if (origin instanceof TextResourceOrigin text && text.getResource() != null) {
            String line = text.getLocation() == null ? "" : " 第 " + (text.getLocation().getLine() + 1) + " 行";
            return file(text.getResource()) + line;
        }
        if (origin instanceof SystemEnvironmentOrigin env) {
            return "环境变量 " + env.getProperty();
        }
        if (origin instanceof PropertySourceOrigin source && source.getOrigin() != null) {
            return where(source.getOrigin(), key);
        }
        if (origin instanceof PropertySourceOrigin source) {
            String name = source.getPropertySource().getName();
            if ("systemProperties".equals(name)) {
                return "Java 系统属性 -D" + source.getPropertyName();
            }
            if ("commandLineArgs".equals(name)) {
                return "启动参数 --" + source.getPropertyName();
            }
            return "配置来源“" + name + "”中的 " + source.getPropertyName();
        }
        return origin.toString();
    }

    private static String file(Resource resource) {
        if (resource instanceof ClassPathResource classPath) {
            return "jar 内的默认配置 " + classPath.getPath();
        }
        try {
            Path file = resource.getFile().toPath().toAbsolutePath().normalize();
            Path here = Path.of("").toAbsolutePath();
            return file.startsWith(here) ? here.relativize(file).toString() : file.toString();
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return resource.getDescription();
        }
    }
}
