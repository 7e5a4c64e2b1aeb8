package org.budgethub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.ingest.ElementRows;
import org.budgethub.ingest.IngestStage;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.NarrativeInput;
import org.budgethub.narrative.NarrativeLibrary;
import org.budgethub.narrative.NarrativeRenderer;

/**
 * The seed agency's extract and disclosure for renderer and package tests, without Camel: an H2
 * database with the seed extract, queried with the hub's own SQL files over plain JDBC.
 */
public final class SeedDisclosure {

    private static final Pattern PARAMETER = Pattern.compile(":#(in:)?(\\w+)");
    private static AgencyExtract extract;
    private static Disclosure disclosure;

    private SeedDisclosure() {
    }

    /** The seed's extract (agency 101023, 2026 and 2025). */
    public static synchronized AgencyExtract extract() {
        if (extract == null) {
            extract = load(demoDatabase("seed"), "101023", 2026);
        }
        return extract;
    }

    /** The seed's disclosure, as the pipeline builds it. */
    public static synchronized Disclosure disclosure() {
        if (disclosure == null) {
            disclosure = new DisclosureBuilder(new NarrativeRenderer(Path.of("config/templates"))).build(extract(), narrative());
        }
        return disclosure;
    }

    public static NarrativeInput narrative() {
        try (InputStream in = SeedDisclosure.class.getResourceAsStream("/seed/101023-2026.yaml")) {
            Path file = Files.createTempFile("seed-narrative", ".yaml");
            Files.write(file, in.readAllBytes());
            return NarrativeLibrary.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An in-memory H2 database (PostgreSQL mode) with the schema, the seed and, if asked, the demo agencies. */
    public static DataSource demoDatabase(String name, String... moreScripts) {
        DriverManagerDataSource ds = new DriverManagerDataSource(
                "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        ResourceDatabasePopulator p = new ResourceDatabasePopulator();
        p.setSqlScriptEncoding(StandardCharsets.UTF_8.name());
        p.addScript(new ClassPathResource("demo/schema.sql"));
        p.addScript(new ClassPathResource("demo/seed-unit.sql"));
        for (String script : moreScripts) {
            p.addScript(new ClassPathResource(script));
        }
        p.execute(ds);
        return ds;
    }

    /** One agency's extract read with the SQL files of src/main/resources/sql, as the routes do. */
    public static AgencyExtract load(DataSource ds, String agency, int year) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("agency", agency);
        params.put("agencies", List.of(agency));
        params.put("codes", new String[] {agency});
        params.put("year", year);
        params.put("previousYear", year - 1);
        List<Map<String, Object>> functional = query(ds, "functional-elements.sql", params);
        List<Map<String, Object>> economic = query(ds, "economic-elements.sql", params);
        AgencyWork work = new AgencyWork(new DisclosureId(year, agency), ElementRows.of(year, functional, economic),
                ElementRows.of(year - 1, functional, economic), false);
        new IngestStage().read(work, query(ds, "agency-years.sql", params), query(ds, "appropriations.sql", params),
                query(ds, "projects.sql", params), query(ds, "indicators.sql", params), query(ds, "procurement.sql", params),
                query(ds, "vehicles.sql", params));
        return work.extract();
    }

    private static List<Map<String, Object>> query(DataSource ds, String file, Map<String, Object> params) {
        return query(ds, "/sql/", file, params);
    }

    /**
     * The rows of one SQL file of a classpath folder (the hub's /sql/, or a test's), its {@code :#name}
     * and {@code :#in:name} parameters bound from {@code params} as camel-sql binds them.
     */
    public static List<Map<String, Object>> query(DataSource ds, String folder, String file, Map<String, Object> params) {
        String sql;
        try (InputStream in = SeedDisclosure.class.getResourceAsStream(folder + file)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.trim().startsWith("--")).reduce("", (a, b) -> a + " " + b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Object> values = new ArrayList<>();
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (m.find()) {
            Object value = params.get(m.group(2));
            if (m.group(1) != null) {
                List<?> list = (List<?>) value;
                m.appendReplacement(jdbc, String.join(", ", list.stream().map(x -> "?").toList()));
                values.addAll(list);
            } else {
                m.appendReplacement(jdbc, "?");
                values.add(value);
            }
        }
        m.appendTail(jdbc);
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(jdbc.toString())) {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
