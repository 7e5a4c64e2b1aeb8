package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.budgethub.support.GoldenFile;

/**
 * The demo as README's run command starts it: the embedded H2 finance database with the seed and
 * four synthetic agencies, the narratives of config/narratives, and the routes of routes/.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.publish.mode=local",
        "hub.publish.dir=target/demo-run-test",
        "hub.cms.embedded.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:demo-run-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"})
class DemoRunIT {

    @Autowired
    ProducerTemplate producer;

    @Test
    void theDemoYearExportsEveryUnitAndDepartmentAndTheSeedMatchesItsGoldenFile() throws Exception {
        RunReport report = producer.requestBody("direct:run", RunRequest.allAgencies(2026, "test"), RunReport.class);

        assertThat(report.failed()).isEmpty();
        assertThat(report.exported()).extracting(RunReport.Exported::agency)
                .containsExactly("101", "101001", "101023", "101031", "102", "102001", "103005", "104002");
        assertThat(report.warnings()).isEmpty();
        ObjectMapper json = new ObjectMapper();
        JsonNode department = json.readTree(Path.of("target/demo-run-test/2026/101/disclosure.json").toFile());
        assertThat(department.path("kind").asText()).isEqualTo("department");
        assertThat(department.path("title").asText()).isEqualTo("重庆市江北区人民政府办公室2026 年部门预算情况说明");
        assertThat(department.path("units").findValuesAsText("code")).containsExactly("101001", "101023", "101031");
        try (InputStream golden = getClass().getResourceAsStream("/seed/seed-unit-2026.json")) {
            assertThat(GoldenFile.differences(json.readTree(golden),
                    json.readTree(Path.of("target/demo-run-test/2026/101023/disclosure.json").toFile()))).isEmpty();
        }
    }

    @Test
    void aRunForOneAgencyExportsOnlyThatAgency() {
        RunReport report = producer.requestBody("direct:run", new RunRequest(2026, "104002", "test"), RunReport.class);

        assertThat(report.exported()).extracting(RunReport.Exported::agency).containsExactly("104002");
        assertThat(report.succeeded()).isTrue();
    }
}
