package org.budgethub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.ElementTables;
import org.budgethub.run.RunReport;
import org.budgethub.run.RunRequest;
import org.budgethub.support.CountingDataSource;
import org.budgethub.support.FinanceDatabase;
import org.budgethub.support.GoldenFile;
import org.budgethub.support.SeedDisclosure;

/**
 * Batch ingest on real PostgreSQL: the seed unit and eleven copies of it under other codes, read in
 * batches of five, take three queries per finance table, not seven queries per agency; every
 * disclosure is the golden seed document (the copies differ in their code only). And on the demo
 * data, PostgreSQL and H2 alike, every unit's and department's extract read in one batch is the
 * extract the per-agency queries (src/test/resources/per-agency-sql) read.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=none",
        "hub.publish.mode=local",
        "hub.publish.dir=target/batch-ingest-test/packages",
        "hub.cms.embedded.enabled=false",
        "hub.metrics.enabled=false",
        "hub.run.batch-size=5"})
@Import(CountingDataSource.Config.class)
class BatchIngestIT {

    private static final Path WORK = Path.of("target/batch-ingest-test").toAbsolutePath();
    private static final List<String> COPIES = IntStream.rangeClosed(1, 11).mapToObj(i -> String.format("9001%02d", i)).toList();
    private static final String[] TABLES = {"FROM bas_agency", "LEFT JOIN bgt_ledger", "FROM bgt_project", "FROM bgt_perf_indicator",
        "FROM bgt_procurement", "FROM ast_vehicle"};

    @Autowired
    ProducerTemplate producer;

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) throws IOException {
        org.springframework.util.FileSystemUtils.deleteRecursively(WORK);
        Path narratives = Files.createDirectories(WORK.resolve("narratives"));
        String seed;
        try (InputStream in = BatchIngestIT.class.getResourceAsStream("/seed/101023-2026.yaml")) {
            seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(narratives.resolve("101023.yaml"), seed);
        for (String code : COPIES) {
            Files.writeString(narratives.resolve(code + ".yaml"), seed.replace("agency: \"101023\"", "agency: \"" + code + "\""));
        }
        FinanceDatabase finance = FinanceDatabase.create("demo/seed-unit.sql").sql(copiesOfTheSeed());
        registry.add("hub.finance.url", finance::jdbcUrl);
        registry.add("hub.finance.user", () -> "postgres");
        registry.add("hub.finance.password", () -> "postgres");
        registry.add("hub.narratives.dir", narratives::toString);
        registry.add("spring.datasource.url", FinanceDatabase.empty()::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    /** The seed unit's rows of every table again under each copy's code (ids suffixed, so keys stay unique). */
    private static String copiesOfTheSeed() {
        String codes = "(VALUES " + COPIES.stream().map(c -> "('" + c + "')").collect(Collectors.joining(", ")) + ") c(code)";
        return """
                INSERT INTO bas_agency SELECT fiscal_year, c.code, agency_name, parent_agency_code, agency_kind, in_admin_cost_scope,
                    supervisor_name FROM bas_agency, %1$s WHERE agency_code = '101023';
                INSERT INTO bgt_appropriation SELECT bgt_id || '-' || c.code, fiscal_year, c.code, exp_func_code, dep_bgt_eco_code,
                    fund_type_code, exp_kind, source, CASE WHEN pro_code IS NULL THEN NULL ELSE TRIM(pro_code) || '-' || c.code END,
                    is_deleted, update_time FROM bgt_appropriation, %1$s WHERE agency_code = '101023';
                INSERT INTO bgt_ledger SELECT l.entry_id || '-' || c.code, l.bgt_id || '-' || c.code, l.stage, l.amount, l.doc_no,
                    l.entry_date, l.update_time FROM bgt_ledger l JOIN bgt_appropriation a ON a.bgt_id = l.bgt_id, %1$s
                    WHERE a.agency_code = '101023';
                INSERT INTO bgt_project SELECT fiscal_year, pro_code || '-' || c.code, c.code, pro_name, pro_summary, pro_basis, perf_goal
                    FROM bgt_project, %1$s WHERE agency_code = '101023';
                INSERT INTO bgt_perf_indicator SELECT i.fiscal_year, i.pro_code || '-' || c.code, i.seq, i.name, i.weight, i.unit, i.nature,
                    i.target FROM bgt_perf_indicator i JOIN bgt_project p ON p.fiscal_year = i.fiscal_year AND p.pro_code = i.pro_code, %1$s
                    WHERE p.agency_code = '101023';
                INSERT INTO bgt_procurement SELECT fiscal_year, c.code, item_code, item_name, category, fund_type_code, amount, update_time
                    FROM bgt_procurement, %1$s WHERE agency_code = '101023';
                INSERT INTO ast_vehicle SELECT fiscal_year, c.code, general_held, enforcement_held, general_planned, enforcement_planned
                    FROM ast_vehicle, %1$s WHERE agency_code = '101023';
                """.formatted(codes);
    }

    @Test
    void twelveAgenciesInBatchesOfFiveTakeThreeQueriesPerTableAndEachDisclosureIsTheSeeds() throws Exception {
        CountingDataSource.reset();
        RunReport report = producer.requestBody("direct:run", RunRequest.allAgencies(2026, "test").withFull(true), RunReport.class);

        assertThat(report.failed()).isEmpty();
        assertThat(report.exported()).hasSize(12);
        List<String> batchReads = CountingDataSource.statements().stream().filter(sql -> sql.contains("ANY(")).toList();
        for (String table : TABLES) {
            assertThat(batchReads.stream().filter(sql -> sql.contains(table)).count()).as("ceil(12 / 5) queries of " + table).isEqualTo(3);
        }
        assertThat(batchReads).as("nothing else reads agencies: " + batchReads).hasSize(3 * TABLES.length);

        ObjectMapper json = new ObjectMapper();
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/seed/seed-unit-2026.json")) {
            golden = json.readTree(in);
        }
        assertThat(GoldenFile.differences(golden, json.readTree(WORK.resolve("packages/2026/101023/disclosure.json").toFile()))).isEmpty();
        for (String code : COPIES) {
            JsonNode copy = json.readTree(WORK.resolve("packages/2026/" + code + "/disclosure.json").toFile());
            assertThat(GoldenFile.differences(golden, copy)).as(code).containsExactly("agency.code");
        }
    }

    @Test
    void onPostgresqlABatchReadsWhatTheQueriesOfEachAgencyRead() {
        FinanceDatabase demo = FinanceDatabase.create("demo/seed-unit.sql", "demo/finance-demo-agencies.sql", "demo/finance-demo-department.sql");
        assertBatchEqualsPerAgency(demo.dataSource());
    }

    @Test
    void onH2ABatchReadsWhatTheQueriesOfEachAgencyRead() {
        assertBatchEqualsPerAgency(SeedDisclosure.demoDatabase("batch-ingest", "demo/finance-demo-agencies.sql",
                "demo/finance-demo-department.sql"));
    }

    /** Every unit of 2026 in one batch, every department in another, against the per-agency queries. */
    private static void assertBatchEqualsPerAgency(DataSource ds) {
        int year = 2026;
        Map<String, Object> params = new LinkedHashMap<>(Map.of("year", year, "previousYear", year - 1));
        List<Map<String, Object>> functional = SeedDisclosure.query(ds, "/sql/", "functional-elements.sql", params);
        List<Map<String, Object>> economic = SeedDisclosure.query(ds, "/sql/", "economic-elements.sql", params);
        ElementTables elements = ElementRows.of(year, functional, economic);
        ElementTables previous = ElementRows.of(year - 1, functional, economic);
        List<String> units = SeedDisclosure.query(ds, "/sql/", "agencies.sql", params).stream().map(r -> Rows.text(r, "agency_code")).toList();
        List<String> departments = SeedDisclosure.query(ds, "/sql/", "departments.sql", params).stream()
                .map(r -> Rows.text(r, "agency_code")).toList();
        assertThat(units).hasSize(6);
        assertThat(departments).containsExactly("101", "102");
        IngestStage ingest = new IngestStage();

        Function<String, AgencyWork> unit = code -> new AgencyWork(new DisclosureId(year, code), elements, previous, false);
        Function<String, AgencyWork> department = code -> new AgencyWork(new DisclosureId(year, code), elements, previous, false, true);
        for (boolean ofDepartments : new boolean[] {false, true}) {
            List<String> codes = ofDepartments ? departments : units;
            Function<String, AgencyWork> work = ofDepartments ? department : unit;
            IngestBatch batch = new IngestBatch(codes.stream().map(work).toList());
            Map<String, Object> batchParams = new LinkedHashMap<>(params);
            if (ofDepartments) {
                batchParams.put("departments", batch.departments());
                ingest.departmentUnits(batch, SeedDisclosure.query(ds, "/sql/", "department-units.sql", batchParams));
            }
            batchParams.put("codes", batch.codes());
            for (String[] table : new String[][] {{"agencies", "agency-years.sql"}, {"appropriations", "appropriations.sql"},
                {"projects", "projects.sql"}, {"indicators", "indicators.sql"}, {"procurement", "procurement.sql"},
                {"vehicles", "vehicles.sql"}}) {
                ingest.rows(batch, table[0], SeedDisclosure.query(ds, "/sql/", table[1], batchParams));
            }
            List<AgencyExtract> batched = new ArrayList<>();
            List<AgencyExtract> single = new ArrayList<>();
            for (AgencyWork w : batch.works()) {
                ingest.read(w, batch);
                batched.add(w.extract());
                single.add(perAgency(ds, ingest, work.apply(w.agency()), params));
                assertThat(w.unitExtracts()).as(w.agency() + "'s units").hasSize(ofDepartments ? w.agencies().size() : 0);
            }
            assertThat(batched).isEqualTo(single);
            assertThat(batched).allSatisfy(e -> assertThat(e.appropriations()).isNotEmpty());
        }
    }

    /** One agency's (or department's) extract read with the queries of its own, as the routes read them before batching. */
    private static AgencyExtract perAgency(DataSource ds, IngestStage ingest, AgencyWork work, Map<String, Object> params) {
        Map<String, Object> own = new LinkedHashMap<>(params);
        own.put("agency", work.agency());
        if (work.department()) {
            ingest.units(work, SeedDisclosure.query(ds, "/per-agency-sql/", "department-units.sql", own));
        }
        own.put("agencies", work.agencies());
        ingest.read(work, SeedDisclosure.query(ds, "/per-agency-sql/", "agency-years.sql", own),
                SeedDisclosure.query(ds, "/per-agency-sql/", "appropriations.sql", own),
                SeedDisclosure.query(ds, "/per-agency-sql/", "projects.sql", own),
                SeedDisclosure.query(ds, "/per-agency-sql/", "indicators.sql", own),
                SeedDisclosure.query(ds, "/per-agency-sql/", "procurement.sql", own),
                SeedDisclosure.query(ds, "/per-agency-sql/", "vehicles.sql", own));
        return work.extract();
    }
}
