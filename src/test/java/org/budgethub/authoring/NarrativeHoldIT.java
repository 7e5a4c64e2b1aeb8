package org.budgethub.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;

/**
 * {@code hub.narratives.missing: hold}: a unit without words is held back (input.narrative-missing),
 * as before the store, while the others are built from the store; and a file put into the folder is
 * imported when the next run begins.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.publish.mode=local",
        "hub.publish.dir=target/narrative-hold-test/packages",
        "hub.cms.embedded.enabled=false",
        "hub.narratives.dir=target/narrative-hold-test/folder",
        "hub.narratives.missing=hold",
        "spring.datasource.url=jdbc:h2:mem:narrative-hold-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"})
class NarrativeHoldIT {

    static final Path FOLDER = Path.of("target/narrative-hold-test/folder");

    @DynamicPropertySource
    static void folder(DynamicPropertyRegistry registry) throws Exception {
        FileSystemUtils.deleteRecursively(FOLDER.getParent());
        Files.createDirectories(FOLDER);
        try (Stream<Path> files = Files.list(Path.of("config/narratives"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("104002")).toList()) {
                Files.copy(f, FOLDER.resolve(f.getFileName()));
            }
        }
        registry.add("hub.narratives.test-folder", FOLDER::toString);
    }

    @Autowired
    ProducerTemplate producer;

    @Test
    void aUnitWithoutWordsIsHeldBackAndAFileAddedIsImportedByTheNextRun() throws Exception {
        RunReport report = producer.requestBody("direct:run", RunRequest.allAgencies(2026, "test"), RunReport.class);
        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.agency()).isEqualTo("104002");
            assertThat(f.reason()).contains("input.narrative-missing");
        });
        assertThat(report.exported()).extracting(RunReport.Exported::agency).contains("101023", "101");
        assertThat(report.exported()).allSatisfy(e -> assertThat(e.findings()).noneMatch(f -> f.rule().equals("narrative.unconfirmed")));

        Files.copy(Path.of("config/narratives/104002-2026.yaml"), FOLDER.resolve("104002-2026.yaml"));
        RunReport next = producer.requestBody("direct:run", new RunRequest(2026, "104002", "test"), RunReport.class);
        assertThat(next.failed()).isEmpty();
        assertThat(next.exported()).extracting(RunReport.Exported::agency).containsExactly("104002");
    }
}
