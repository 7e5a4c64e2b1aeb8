package org.budgethub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * hub.* as a started hub binds it: the jar's application.yaml with config/application.yaml on top,
 * HubPropertiesConfiguration alone (no database, no Camel). The shipped files bind cleanly, and a bad
 * value stops start-up with the Chinese report, which Boot prints instead of its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class HubPropertiesStartupIT {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(HubPropertiesConfiguration.class);

    @Test
    void theShippedYamlFilesBind() {
        hub.run(context -> {
            assertThat(context).hasNotFailed();
            HubProperties properties = context.getBean(HubProperties.class);
            assertThat(properties.publish().toCms()).isTrue();
            assertThat(properties.publish().reviewRequired()).isTrue();
            assertThat(properties.publish().releaseCheckMs()).isEqualTo(Duration.ofSeconds(60));
            assertThat(properties.cms().strictHostKeyChecking()).isEqualTo(CmsProperties.HostKeyChecking.YES);
            assertThat(properties.cms().metadata().topic()).isEqualTo("财政");
            assertThat(properties.schedule().years()).isEmpty();
            assertThat(properties.console().demoUsers()).isFalse();
        });
        hub.withPropertyValues("spring.profiles.active=demo").run(context ->
                assertThat(context.getBean(HubProperties.class).console().demoUsers()).isTrue());
    }

    @Test
    void aBadEnumFailsTheContextWithTheChineseAnalysis() {
        hub.withPropertyValues("hub.publish.mode=sfpt").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new HubPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("hub.publish.mode = \"sfpt\"").contains("sftp、local");
        });
    }

    @Test
    void aNegativeDurationAndParallelismZeroFailTheContext() {
        hub.withPropertyValues("hub.publish.index-check-ms=-1", "hub.run.parallelism=0").run(context -> {
            assertThat(context).hasFailed();
            String description = new HubPropertiesFailureAnalyzer().analyze(context.getStartupFailure()).getDescription();
            assertThat(description).containsAnyOf("hub.publish.index-check-ms = \"-1\"", "hub.run.parallelism = \"0\"");
        });
    }

    /** Registered in spring.factories and ahead of Boot's BindValidationFailureAnalyzer: the operator reads Chinese. */
    @Test
    void springBootPrintsTheChineseReport(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(HubPropertiesConfiguration.class)
                .web(WebApplicationType.NONE).run("--hub.run.parallelism=0", "--spring.main.banner-mode=off"));
        assertThat(failure).isNotNull();
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("中枢的配置有误，未能启动")
                .contains("hub.run.parallelism = \"0\"")
                .contains("设置于：启动参数 --hub.run.parallelism")
                .contains("须至少为 1")
                .doesNotContain("Binding to target");
    }
}
