package org.budgethub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * hub.* bound as Spring binds it (the binder, the hub's converter, jakarta validation), without a
 * context: today's values bind, and a bad one is refused with the Chinese report operators read.
 */
class HubPropertiesBindingTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    /** Binds hub.* from these values, each as if written in config/application.yaml at line 12. */
    static HubProperties bind(Map<String, Object> values) {
        Map<String, Object> tracked = new LinkedHashMap<>();
        values.forEach((key, value) -> tracked.put(key, OriginTrackedValue.of(value,
                new TextResourceOrigin(new FileSystemResource("config/application.yaml"), new TextResourceOrigin.Location(11, 4)))));
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new ExactSpelling());
        Binder binder = new Binder(ConfigurationPropertySources.from(new OriginTrackedMapPropertySource("test", tracked)), null, conversion);
        return binder.bindOrCreate("hub", Bindable.of(HubProperties.class),
                new ValidationBindHandler(new SpringValidatorAdapter(VALIDATION.getValidator())));
    }

    static FailureAnalysis refused(Map<String, Object> values) {
        BindException failure = catchThrowableOfType(BindException.class, () -> bind(values));
        assertThat(failure).as("%s should be refused", values).isNotNull();
        FailureAnalysis analysis = new HubPropertiesFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("no analysis of %s", failure).isNotNull();
        return analysis;
    }

    @Test
    void withNothingSetEveryKeyHasItsDefault() {
        HubProperties hub = bind(Map.of());
        assertThat(hub.publish().mode()).isEqualTo(HubProperties.PublishMode.SFTP);
        assertThat(hub.publish().toCms()).isTrue();
        assertThat(hub.publish().reviewRequired()).isTrue();
        assertThat(hub.publish().releaseCheckMs()).isEqualTo(Duration.ofMinutes(1));
        assertThat(hub.publish().staleAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(hub.cms().strictHostKeyChecking()).isEqualTo(CmsProperties.HostKeyChecking.YES);
        assertThat(hub.cms().port()).isEqualTo(2222);
        assertThat(hub.finance().connectTimeoutMs()).isEqualTo(Duration.ofSeconds(10));
        assertThat(hub.run().parallelism()).isEqualTo(2);
        assertThat(hub.run().departments()).isEqualTo(Departments.WITH_PARENTS);
        assertThat(hub.run().incremental().settle()).isEqualTo(Duration.ofMinutes(10));
        assertThat(hub.retry().delayMs()).isEqualTo(Duration.ofSeconds(1));
        assertThat(hub.publish().retry().delayMs()).isEqualTo(Duration.ofSeconds(2));
        assertThat(hub.narratives().dir()).isEqualTo("config/narratives");
        assertThat(hub.templates().dir()).isEqualTo("config/templates");
        assertThat(hub.render().pdf()).isTrue();
    }

    @Test
    void todaysLowerCaseValuesBindAsTheirEnums() {
        HubProperties hub = bind(Map.of("hub.publish.mode", "local", "hub.publish.review", "none",
                "hub.cms.strict-host-key-checking", "no", "hub.run.departments", "scope"));
        assertThat(hub.publish().mode()).isEqualTo(HubProperties.PublishMode.LOCAL);
        assertThat(hub.publish().toCms()).isFalse();
        assertThat(hub.publish().reviewRequired()).isFalse();
        assertThat(hub.cms().strictHostKeyChecking()).isEqualTo(CmsProperties.HostKeyChecking.NO);
        assertThat(hub.run().departments()).isEqualTo(Departments.SCOPE);
        assertThat(bind(Map.of("hub.publish.review", "required")).publish().reviewRequired()).isTrue();
    }

    @Test
    void millisecondKeysTakeABareNumberAsMillisecondsOrAUnit() {
        HubProperties hub = bind(Map.of("hub.publish.release-check-ms", "200", "hub.publish.index-check-ms", "30s",
                "hub.retry.delay-ms", 50, "hub.finance.socket-timeout-ms", "PT2S", "hub.publish.stale-after", "PT4S"));
        assertThat(hub.publish().releaseCheckMs()).isEqualTo(Duration.ofMillis(200));
        assertThat(hub.publish().indexCheckMs()).isEqualTo(Duration.ofSeconds(30));
        assertThat(hub.retry().delayMs()).isEqualTo(Duration.ofMillis(50));
        assertThat(hub.finance().socketTimeoutMs()).isEqualTo(Duration.ofSeconds(2));
        assertThat(hub.publish().staleAfter()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aMisspelledModeNamesTheKeyTheValueTheAllowedValuesAndWhereItWasSet() {
        FailureAnalysis analysis = refused(Map.of("hub.publish.mode", "sfpt"));
        assertThat(analysis.getDescription())
                .contains("中枢的配置有误，未能启动")
                .contains("hub.publish.mode = \"sfpt\"")
                .contains("可选值为：sftp、local")
                .contains("设置于：config/application.yaml 第 12 行");
        assertThat(analysis.getAction()).contains("config/application.yaml").contains("HUB_PUBLISH_MODE").contains("--hub.publish.mode=");
    }

    /** agency.camel.yaml sends to direct:publish-{{hub.publish.mode}}: "SFTP" would bind, and no delivery would ever find its route. */
    @Test
    void aModeTheRoutesReadAsTextTakesOnlyItsExactSpelling() {
        assertThat(refused(Map.of("hub.publish.mode", "SFTP")).getDescription()).contains("hub.publish.mode = \"SFTP\"").contains("sftp、local");
        // a mode only Java reads stays as lenient as Spring
        assertThat(bind(Map.of("hub.publish.review", "NONE")).publish().reviewRequired()).isFalse();
    }

    @Test
    void anUnquotedYesIsExplained() {
        assertThat(refused(Map.of("hub.cms.strict-host-key-checking", true)).getDescription())
                .contains("hub.cms.strict-host-key-checking = \"true\"").contains("yes、no").contains("请加引号");
    }

    @Test
    void aNegativeDurationIsRefusedWithItsRule() {
        FailureAnalysis analysis = refused(Map.of("hub.publish.release-check-ms", "-5s"));
        assertThat(analysis.getDescription()).contains("hub.publish.release-check-ms = \"-5s\"").contains("须为正的时长")
                .contains("config/application.yaml 第 12 行");
        assertThat(analysis.getAction()).contains("HUB_PUBLISH_RELEASECHECKMS");
        assertThat(refused(Map.of("hub.run.incremental.settle", "-1m")).getDescription())
                .contains("hub.run.incremental.settle = \"-1m\"").contains("不能为负");
    }

    /** Camel reads PT30S as 0: keys the routes read take only 500, 500ms, 30s, 10m. */
    @Test
    void aDurationTheRoutesReadRefusesTheIsoForm() {
        assertThat(refused(Map.of("hub.publish.release-check-ms", "PT30S")).getDescription())
                .contains("hub.publish.release-check-ms = \"PT30S\"").contains("不是时长").contains("不能写成 PT30S");
        assertThat(refused(Map.of("hub.retry.delay-ms", "soon")).getDescription()).contains("hub.retry.delay-ms = \"soon\"");
    }

    @Test
    void parallelismZeroIsRefused() {
        FailureAnalysis analysis = refused(Map.of("hub.run.parallelism", "0"));
        assertThat(analysis.getDescription()).contains("hub.run.parallelism = \"0\"").contains("须至少为 1");
    }

    @Test
    void rangesAndFormsAreChecked() {
        assertThat(refused(Map.of("hub.cms.port", "70000")).getDescription()).contains("hub.cms.port = \"70000\"").contains("1–65535");
        assertThat(refused(Map.of("hub.finance.pool-size", "0")).getDescription()).contains("hub.finance.pool-size");
        assertThat(refused(Map.of("hub.run.batch-size", "-1")).getDescription()).contains("hub.run.batch-size");
        assertThat(refused(Map.of("hub.schedule.cron", " ")).getDescription()).contains("hub.schedule.cron").contains("Quartz cron");
        assertThat(refused(Map.of("hub.schedule.cron", "0 0 25 * * ?")).getDescription()).contains("hub.schedule.cron = \"0 0 25 * * ?\"");
        assertThat(refused(Map.of("hub.schedule.zone", "Asia/Shangai")).getDescription()).contains("hub.schedule.zone = \"Asia/Shangai\"")
                .contains("时区");
        // Quartz's TimeZone would read "+08:00" as GMT
        assertThat(refused(Map.of("hub.publish.zone", "+08:00")).getDescription()).contains("hub.publish.zone");
        assertThat(refused(Map.of("hub.publish.release-window", "9-17")).getDescription()).contains("hub.publish.release-window = \"9-17\"")
                .contains("HH:mm-HH:mm");
        assertThat(refused(Map.of("hub.schedule.years", "26")).getDescription()).contains("hub.schedule.years[0]").contains("1900–9999");
        assertThat(refused(Map.of("hub.run.parallelism", "two")).getDescription()).contains("hub.run.parallelism = \"two\"").contains("不是整数");
        assertThat(refused(Map.of("hub.validation.severity.[input.duties-empty]", "FATALE")).getDescription())
                .contains("hub.validation.severity[input.duties-empty]").contains("FATAL、WARN、INFO");
        assertThat(refused(Map.of("hub.publish.approval-dates.[2026]", "2026-13-01")).getDescription()).contains("yyyy-MM-dd");
        assertThat(bind(Map.of("hub.publish.release-window", "09:00-17:30", "hub.cms.port", "0", "hub.schedule.years", "2026,2027"))
                .schedule().years()).containsExactly(2026, 2027);
    }

    @Test
    void aSettingFromTheEnvironmentOrTheCommandLineSaysSo() {
        assertThat(HubPropertiesFailureAnalyzer.where(new org.springframework.boot.origin.SystemEnvironmentOrigin("HUB_RUN_PARALLELISM"),
                "hub.run.parallelism")).isEqualTo("环境变量 HUB_RUN_PARALLELISM");
        assertThat(HubPropertiesFailureAnalyzer.environmentVariable("hub.console.lockout.max-failures"))
                .isEqualTo("HUB_CONSOLE_LOCKOUT_MAXFAILURES");
    }

    @Test
    void otherBindFailuresAreLeftToSpringBoot() {
        Binder binder = new Binder(ConfigurationPropertySources.from(new OriginTrackedMapPropertySource("test", Map.of("server.port", "x"))));
        BindException failure = catchThrowableOfType(BindException.class, () -> binder.bind("server.port", Integer.class));
        assertThat(new HubPropertiesFailureAnalyzer().analyze(failure)).isNull();
        assertThat(new HubPropertiesFailureAnalyzer().analyze(new IllegalStateException("not a setting"))).isNull();
    }

    @Test
    void theAnalyzerIsRegisteredForSpringBoot() throws Exception {
        List<String> analyzers = new java.util.ArrayList<>();
        for (var url : java.util.Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            var factories = PropertiesLoaderUtils.loadProperties(new org.springframework.core.io.UrlResource(url));
            analyzers.addAll(List.of(factories.getProperty("org.springframework.boot.diagnostics.FailureAnalyzer", "").split("\\s*,\\s*")));
        }
        assertThat(analyzers).contains(HubPropertiesFailureAnalyzer.class.getName());
    }
}
