package org.budgethub.config;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The finance system's database, read only. With {@code hub.finance.url} set it is that database
 * (PostgreSQL in production); left empty, the hub starts an embedded demo database (H2 in
 * PostgreSQL mode) holding the seed agency and a few synthetic ones.
 *
 * <p>Nothing may wait on it forever: connecting, logging in and borrowing a pooled connection are
 * bounded by {@code connect-timeout-ms}, a database that stops sending by {@code socket-timeout-ms},
 * a statement by {@code query-timeout-ms} (enforced by PostgreSQL itself). The pool does not
 * connect at start-up, so a finance database that is down does not keep the hub from starting:
 * its health check and the runs say what is wrong.
 */
@Configuration(proxyBeanMethods = false)
class FinanceDataSourceConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(FinanceDataSourceConfiguration.class);

    /** The pool's name, which Hikari puts in its messages: how a failure is known to be the finance database's. */
    static final String POOL = "finance";

    /** One in-memory database per application context, so two contexts in one JVM never share it. */
    static final String DEMO_URL = "jdbc:h2:mem:finance-demo-%s;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    static final String[] DEMO_SCRIPTS = {"demo/schema.sql", "demo/seed-unit.sql", "demo/finance-demo-agencies.sql",
            "demo/finance-demo-department.sql"};

    @Bean(destroyMethod = "close")
    public HikariDataSource financeDataSource(HubProperties hub) {
        HubProperties.Finance finance = hub.finance();
        boolean demo = finance.url() == null || finance.url().isBlank();
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL);
        config.setJdbcUrl(demo ? DEMO_URL.formatted(UUID.randomUUID()) : finance.url());
        if (!demo) {
            config.setUsername(finance.user());
            config.setPassword(finance.password());
        }
        config.setReadOnly(!demo);
        // The agency list stays open while workers (and the splitter itself) query: never fewer.
        config.setMaximumPoolSize(Math.max(finance.poolSize(), hub.run().parallelism() + 2));
        config.setConnectionTimeout(finance.connectTimeoutMs().toMillis());
        config.setInitializationFailTimeout(-1);
        if (config.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            // Driver properties travel as java.util.Properties: only String values are read.
            String connectSeconds = Long.toString(Math.max(1, finance.connectTimeoutMs().toSeconds()));
            config.addDataSourceProperty("connectTimeout", connectSeconds);
            config.addDataSourceProperty("loginTimeout", connectSeconds);
            config.addDataSourceProperty("socketTimeout", Long.toString(Math.max(1, finance.socketTimeoutMs().toSeconds())));
            config.addDataSourceProperty("tcpKeepAlive", "true");
            if (!config.getJdbcUrl().contains("options=")) {
                config.addDataSourceProperty("options", "-c statement_timeout=" + finance.queryTimeoutMs().toMillis());
            }
        }
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
        LOG.info("未设置 hub.finance.url：使用内置的演示财政数据库（{}）", url);
    }
}
