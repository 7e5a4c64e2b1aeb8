package org.budgethub.ingest;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The finance system's database, read only. With {@code hub.finance.url} set it is that database
 * (PostgreSQL in production); left empty, the hub starts an embedded demo database (H2 in
 * PostgreSQL mode) holding the seed agency and a few synthetic ones.
 */
@Configuration(proxyBeanMethods = false)
public class FinanceDataSourceConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(FinanceDataSourceConfiguration.class);

    /** One in-memory database per application context, so two contexts in one JVM never share it. */
    static final String DEMO_URL = "jdbc:h2:mem:finance-demo-%s;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    static final String[] DEMO_SCRIPTS = {"demo/schema.sql", "demo/seed-unit.sql", "demo/finance-demo-agencies.sql"};

    @Bean(destroyMethod = "close")
    public HikariDataSource financeDataSource(
            @Value("${hub.finance.url:}") String url,
            @Value("${hub.finance.user:}") String user,
            @Value("${hub.finance.password:}") String password,
            @Value("${hub.finance.pool-size:4}") int poolSize,
            @Value("${hub.run.parallelism:2}") int parallelism,
            @Value("${hub.finance.connection-timeout-ms:30000}") long connectionTimeout) {
        boolean demo = url == null || url.isBlank();
        HikariConfig config = new HikariConfig();
        config.setPoolName("finance");
        config.setJdbcUrl(demo ? DEMO_URL.formatted(UUID.randomUUID()) : url);
        if (!demo) {
            config.setUsername(user);
            config.setPassword(password);
        }
        config.setReadOnly(!demo);
        // The agency list stays open while workers (and the splitter itself) query: never fewer.
        config.setMaximumPoolSize(Math.max(poolSize, parallelism + 2));
        config.setConnectionTimeout(connectionTimeout);
        HikariDataSource dataSource = new HikariDataSource(config);
        if (demo) {
            loadDemoData(dataSource, config.getJdbcUrl());
        }
        return dataSource;
    }

    private static void loadDemoData(DataSource dataSource, String url) {
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
        populator.setSqlScriptEncoding(StandardCharsets.UTF_8.name());
        for (String script : DEMO_SCRIPTS) {
            populator.addScript(new ClassPathResource(script));
        }
        populator.execute(dataSource);
        LOG.info("No hub.finance.url set: using the embedded demo finance database ({})", url);
    }
}
