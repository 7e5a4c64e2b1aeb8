package org.budgethub.cli;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * What the {@code export} command's application context is made of: the pipeline and nothing else.
 * A one-shot command from a cold JVM pays for every class it loads and every bean it makes, so under
 * the Spring profile {@value #PROFILE} (which the command adds to the operator's, see {@link ExportCommand#start})
 * the context leaves out:
 * <ul>
 *   <li>every auto-configuration but those of {@link #AUTO_CONFIGURATIONS} (no web server, actuator,
 *       metrics, security, Quartz, Artemis/JMS, Jackson, Thymeleaf, task executors, Camel health, cloud or
 *       vaults): {@link AutoConfigurations}, registered in {@code META-INF/spring.factories}, which drops
 *       the others before their class files are even read;</li>
 *   <li>the hub's own beans that serve the console, the API, security, the schedule, the release review,
 *       health, start-up recovery and the broker ({@link #LEFT_OUT}, and every {@code @Controller} and
 *       {@code @ControllerAdvice}): {@link Beans}, a {@link TypeExcludeFilter} (the component scan's own
 *       extension point) registered by {@link Initializer};</li>
 *   <li>the routes the export never reaches ({@link #ROUTES_LEFT_OUT}, by route id: the release review and
 *       its timer, the CMS upload and index routes with the index repair timer, the nightly Quartz schedule and
 *       the broker's consumers), through {@code camel.main.route-filter-exclude-pattern}.</li>
 * </ul>
 * The export itself still goes through the same route definitions as every other trigger: {@code direct:run}
 * → {@code dispatch-agency} → {@code disclosure-agency-batch} → {@code disclosure-agency} → {@code publish-local},
 * with the same dead-letter routes. ExportScopeIT checks the context.
 */
public final class ExportScope {

    /** The Spring profile of the export command's context. */
    public static final String PROFILE = "export";

    /**
     * The only auto-configurations of an export: Camel with the components and languages its routes use
     * (the sql component carries {@code camel.component.sql.data-source}), the property binding and
     * placeholders, and Flyway for the throw-away hub database.
     */
    static final Set<String> AUTO_CONFIGURATIONS = Set.of(
            "org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration",
            "org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration",
            "org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.apache.camel.spring.boot.CamelAutoConfiguration",
            "org.apache.camel.component.bean.springboot.BeanComponentAutoConfiguration",
            "org.apache.camel.component.direct.springboot.DirectComponentAutoConfiguration",
            "org.apache.camel.component.file.springboot.FileComponentAutoConfiguration",
            "org.apache.camel.component.sql.springboot.SqlComponentAutoConfiguration",
            // turns "#financeDataSource" into the bean
            "org.apache.camel.component.sql.springboot.SqlComponentConverter",
            "org.apache.camel.language.bean.springboot.BeanLanguageAutoConfiguration",
            "org.apache.camel.language.constant.springboot.ConstantLanguageAutoConfiguration",
            "org.apache.camel.language.simple.springboot.SimpleLanguageAutoConfiguration");

    /** Packages of the hub that only the service has: the console and API, users and security, the demo. */
    static final List<String> PACKAGES_LEFT_OUT = List.of("org.budgethub.web.", "org.budgethub.security.", "org.budgethub.demo.");

    /**
     * The hub's beans elsewhere that the export does not use: the console's helpers, the release review's
     * deadlines, previews and failures, the run launcher (the console's and the demo's), the schedule's
     * requests, health indicators, start-up recovery (the throw-away hub database has nothing to recover)
     * and the broker's jms component (an export never distributes).
     */
    static final List<String> LEFT_OUT = List.of(
            "org.budgethub.config.HealthConfiguration",
            "org.budgethub.review.Approvals",
            "org.budgethub.review.DeadlineBoard",
            "org.budgethub.review.Deadlines",
            "org.budgethub.review.PackagePreviews",
            "org.budgethub.review.ReleaseFailures",
            "org.budgethub.review.ReviewQueue",
            "org.budgethub.run.ConsoleRuns",
            "org.budgethub.run.FirstRunHealthIndicator",
            "org.budgethub.run.RunLauncher",
            "org.budgethub.run.RunRecovery",
            "org.budgethub.run.RunStatuses",
            "org.budgethub.run.ScheduledRuns",
            "org.budgethub.run.WordsRerun",
            "org.budgethub.run.distributed.DistributedRunsConfiguration");

    /** Routes (by id) that an export never reaches; their timers, Quartz and broker endpoints are never made. */
    static final List<String> ROUTES_LEFT_OUT = List.of(
            // publish.camel.yaml: the CMS upload and the index (an export publishes to its local folder)
            "publish-sftp", "upload-package", "sftp-upload", "cms-index", "cms-index-repair",
            // release.camel.yaml: the release review and its timer
            "release-version", "withdraw-version", "release-due", "release-failed", "index-failed", "timer-failed",
            // schedule.camel.yaml: the nightly Quartz trigger
            "nightly-schedule",
            // distribute.camel.yaml: the broker's consumers (an export never distributes; dispatch-agency stays)
            "distributed-agency", "distributed-run-context", "run-completion", "run-finished",
            // narratives.camel.yaml: the authoring API's reads (an export has no API)
            "narrative-extract");

    private ExportScope() {
    }

    /** Whether the environment is an export's. */
    static boolean active(Environment environment) {
        return environment != null && environment.acceptsProfiles(Profiles.of(PROFILE));
    }

    /**
     * Drops, in an export, every auto-configuration not in {@link #AUTO_CONFIGURATIONS}. Boot also asks an
     * import filter about every class that auto-configurations import (registrars, nested configurations):
     * only names listed as auto-configurations ({@code META-INF/spring/…AutoConfiguration.imports}) are dropped.
     */
    public static final class AutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware, BeanClassLoaderAware {

        private Environment environment;
        private ClassLoader classLoader;
        private Set<String> candidates;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void setBeanClassLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
        }

        @Override
        public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
            boolean[] match = new boolean[autoConfigurationClasses.length];
            boolean export = active(environment);
            for (int i = 0; i < match.length; i++) {
                String name = autoConfigurationClasses[i];
                match[i] = !export || name == null || AUTO_CONFIGURATIONS.contains(name) || !candidates().contains(name);
            }
            return match;
        }

        private Set<String> candidates() {
            if (candidates == null) {
                Set<String> all = new HashSet<>();
                ImportCandidates.load(AutoConfiguration.class, classLoader).forEach(all::add);
                candidates = all;
            }
            return candidates;
        }
    }

    /** Leaves the hub's service-only components out of an export's component scan. */
    static final class Beans extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            String name = reader.getClassMetadata().getClassName();
            AnnotationMetadata annotations = reader.getAnnotationMetadata();
            return LEFT_OUT.contains(name)
                    || PACKAGES_LEFT_OUT.stream().anyMatch(name::startsWith)
                    || annotations.hasMetaAnnotation("org.springframework.stereotype.Controller")
                    || annotations.hasAnnotation("org.springframework.stereotype.Controller")
                    || annotations.hasMetaAnnotation("org.springframework.web.bind.annotation.ControllerAdvice")
                    || annotations.hasAnnotation("org.springframework.web.bind.annotation.ControllerAdvice");
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }

    /** Registers {@link Beans} before the component scan, in an export's context only (META-INF/spring.factories). */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            if (active(context.getEnvironment())) {
                context.getBeanFactory().registerSingleton(Beans.class.getName(), new Beans());
            }
        }
    }

    /** {@link #ROUTES_LEFT_OUT} as {@code camel.main.route-filter-exclude-pattern} takes it. */
    static String routesLeftOut() {
        return String.join(",", ROUTES_LEFT_OUT);
    }
}
