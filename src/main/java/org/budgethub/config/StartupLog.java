package org.budgethub.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

import org.budgethub.HubApplication;

/**
 * The first and the last line of a start-up, in Chinese: what starts (version, Java, process id,
 * working folder, Spring profiles) and when it has started. Spring Boot's own English lines
 * ("Starting …", "The following profiles are active", "Started … in") are off
 * ({@code spring.main.log-startup-info: false} in application.yaml). The jar's entry point
 * ({@code cli.Main}) adds it to the application, as it hears events that come before the application
 * context exists.
 * Logged as {@code org.budgethub.HubApplication}, which the export command keeps quiet.
 */
public class StartupLog implements ApplicationListener<SpringApplicationEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(HubApplication.class);

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationPreparedEvent prepared) {
            Environment environment = prepared.getApplicationContext().getEnvironment();
            String version = HubApplication.class.getPackage().getImplementationVersion();
            String[] profiles = environment.getActiveProfiles();
            LOG.info("中枢启动中：{}{}，Java {}，进程号 {}，工作目录 {}，Spring 配置（profile）：{}",
                    environment.getProperty("spring.application.name", "budget-disclosure-hub"), version == null ? "" : " " + version,
                    System.getProperty("java.version"), ProcessHandle.current().pid(), System.getProperty("user.dir"),
                    profiles.length == 0 ? "无（default）" : String.join("、", profiles));
        } else if (event instanceof ApplicationStartedEvent started) {
            LOG.info("中枢已启动，用时 {} 秒（进程已运行 {} 秒）", seconds(started.getTimeTaken()),
                    seconds(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())));
        }
    }

    private static String seconds(Duration duration) {
        return duration == null ? "?" : String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
