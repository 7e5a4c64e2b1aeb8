package org.budgethub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * The lists of {@link ExportScope} name real things: a renamed auto-configuration, class or route would
 * otherwise be silently dropped from (or kept in) every export. What the export's context then holds:
 * ExportScopeIT.
 */
class ExportScopeTest {

    private static Set<String> autoConfigurations() {
        Set<String> all = new HashSet<>();
        ImportCandidates.load(AutoConfiguration.class, ExportScopeTest.class.getClassLoader()).forEach(all::add);
        return all;
    }

    @Test
    void everyKeptAutoConfigurationIsOneOfTheClassPaths() {
        assertThat(autoConfigurations()).containsAll(ExportScope.AUTO_CONFIGURATIONS);
    }

    @Test
    void everyLeftOutClassExists() {
        for (String name : ExportScope.LEFT_OUT) {
            assertThat(ExportScopeTest.class.getClassLoader().getResource(name.replace('.', '/') + ".class")).as(name).isNotNull();
        }
    }

    @Test
    void everyLeftOutRouteIsARouteOfRoutesFolder() throws IOException {
        Set<String> ids = new HashSet<>();
        Pattern id = Pattern.compile("(?m)^- route:\\s*\\n\\s+id:\\s*(\\S+)");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Matcher m = id.matcher(Files.readString(file));
                while (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        assertThat(ids).contains("disclosure-run", "publish-local").containsAll(ExportScope.ROUTES_LEFT_OUT);
        assertThat(ExportScope.routesLeftOut().split(",")).containsExactlyElementsOf(ExportScope.ROUTES_LEFT_OUT);
    }

    @Test
    void outsideAnExportEveryAutoConfigurationStays() {
        ExportScope.AutoConfigurations filter = filter(new MockEnvironment());
        String[] names = autoConfigurations().toArray(String[]::new);
        boolean[] match = filter.match(names, null);
        for (boolean m : match) {
            assertThat(m).isTrue();
        }
    }

    @Test
    void inAnExportOnlyTheListedAutoConfigurationsStayAndNothingElseIsTouched() {
        MockEnvironment export = new MockEnvironment();
        export.setActiveProfiles(ExportScope.PROFILE);
        ExportScope.AutoConfigurations filter = filter(export);
        String[] names = {
                "org.apache.camel.spring.boot.CamelAutoConfiguration",
                "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
                "org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration",
                "org.springframework.boot.autoconfigure.jms.artemis.ArtemisAutoConfiguration",
                "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
                "org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration",
                // what auto-configurations import is asked about too: not an auto-configuration, so it stays
                "org.springframework.boot.context.properties.EnableConfigurationPropertiesRegistrar",
                "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration$FlywayConfiguration"};
        assertThat(filter.match(names, null)).containsExactly(true, true, false, false, false, false, true, true);
    }

    @Test
    void theComponentScanOfAnExportLeavesOutTheConsoleTheApiAndTheServiceOnlyBeans() throws IOException {
        ExportScope.Beans beans = new ExportScope.Beans();
        MetadataReaderFactory readers = new SimpleMetadataReaderFactory();
        for (String left : Stream.concat(ExportScope.LEFT_OUT.stream(), Stream.of(
                "org.budgethub.run.RunsApi", "org.budgethub.run.ConsoleController", "org.budgethub.review.ReviewController",
                "org.budgethub.web.ApiErrors", "org.budgethub.security.Users", "org.budgethub.demo.DemoCmsConfiguration")).toList()) {
            assertThat(beans.match(readers.getMetadataReader(left), readers)).as(left).isTrue();
        }
        for (String kept : new String[] {"org.budgethub.run.RunService", "org.budgethub.run.RunHistory",
                "org.budgethub.review.ReleaseService", "org.budgethub.run.journey.AgencyJourney",
                "org.budgethub.run.distributed.DistributedRuns", "org.budgethub.run.distributed.RunCompletion"}) {
            assertThat(beans.match(readers.getMetadataReader(kept), readers)).as(kept).isFalse();
        }
    }

    private static ExportScope.AutoConfigurations filter(MockEnvironment environment) {
        ExportScope.AutoConfigurations filter = new ExportScope.AutoConfigurations();
        filter.setEnvironment(environment);
        filter.setBeanClassLoader(ExportScopeTest.class.getClassLoader());
        return filter;
    }
}
