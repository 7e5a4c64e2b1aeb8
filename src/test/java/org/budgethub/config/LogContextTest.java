package org.budgethub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.yaml.snakeyaml.Yaml;

/** The log's run and agency: the MDC keys LogContext sets and puts back, and how the default pattern shows them. */
class LogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theDefaultPatternShowsRunAndAgencyWhenSetAndNothingWhenNot() throws Exception {
        String correlation = correlationPattern();

        assertThat(layout(correlation, "42", "101023")).isEqualTo("[run=42 agency=101023] 消息");
        assertThat(layout(correlation, "42", null)).isEqualTo("[run=42] 消息");
        assertThat(layout(correlation, null, "101023")).isEqualTo("[agency=101023] 消息");
        assertThat(layout(correlation, null, null)).isEqualTo("消息");
    }

    @Test
    void aContextSetsItsKeysAndPutsBackWhatTheThreadHadBefore() {
        MDC.put("other", "x");
        try (LogContext run = LogContext.run(7)) {
            assertThat(MDC.get(LogContext.RUN)).isEqualTo("7");
            assertThat(MDC.get(LogContext.AGENCY)).isNull();
            try (LogContext agency = LogContext.of(8L, "101023")) {
                assertThat(MDC.get(LogContext.RUN)).isEqualTo("8");
                assertThat(MDC.get(LogContext.AGENCY)).isEqualTo("101023");
            }
            assertThat(MDC.get(LogContext.RUN)).isEqualTo("7");
            assertThat(MDC.get(LogContext.AGENCY)).isNull();
            try (LogContext nothing = LogContext.of(null, null)) {
                assertThat(MDC.get(LogContext.RUN)).as("null leaves a key as it is").isEqualTo("7");
            }
            assertThat(MDC.get(LogContext.RUN)).isEqualTo("7");
        }
        assertThat(MDC.get(LogContext.RUN)).isNull();
        assertThat(MDC.get("other")).as("other keys are left alone").isEqualTo("x");
    }

    /** logging.pattern.correlation of the application.yaml packed in the jar. */
    @SuppressWarnings("unchecked")
    static String correlationPattern() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.yaml"))) {
            Map<String, Object> yaml = new Yaml().load(in);
            Map<String, Object> pattern = (Map<String, Object>) ((Map<String, Object>) yaml.get("logging")).get("pattern");
            return (String) pattern.get("correlation");
        }
    }

    private static String layout(String correlation, String run, String agency) {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(correlation + "%m");
        layout.start();
        LoggingEvent event = new LoggingEvent(LogContextTest.class.getName(), context.getLogger("org.budgethub.test"), Level.INFO,
                "消息", null, null);
        Map<String, String> mdc = new HashMap<>();
        if (run != null) {
            mdc.put(LogContext.RUN, run);
        }
        if (agency != null) {
            mdc.put(LogContext.AGENCY, agency);
        }
        event.setMDCPropertyMap(mdc);
        return layout.doLayout(event);
    }
}
