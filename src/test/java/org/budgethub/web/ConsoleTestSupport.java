package org.budgethub.web;

import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The running hub the console tests share (one application context): the web server on a random
 * port, the demo's in-memory finance database, the embedded SFTP server standing in for the CMS on
 * a free port, and the hub's own database in memory. Everything on disk lands in {@link #WORK}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.export-on-start=false",
        "hub.publish.mode=sftp",
        "hub.publish.dir=target/console-browser-test/packages",
        "hub.cms.embedded.enabled=true",
        "hub.cms.port=0",
        "hub.cms.embedded.root=target/console-browser-test/cms",
        "hub.cms.embedded.keys-dir=target/console-browser-test/keys",
        "hub.cms.private-key-file=target/console-browser-test/keys/hub_ecdsa",
        "hub.cms.known-hosts-file=target/console-browser-test/keys/known_hosts",
        "hub.schedule.enabled=false",
        "hub.console.initial-passwords-file=target/console-browser-test/initial-passwords.txt",
        "hub.run.departments=none",
        "hub.publish.review=none",
        "hub.console.demo-users=false",
        "spring.datasource.url=jdbc:h2:mem:console-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
abstract class ConsoleTestSupport {

    static final Path WORK = Path.of("target/console-browser-test").toAbsolutePath();
    static final Path CMS_PACKAGES = WORK.resolve("cms/packages");

    /** Runs once, when the shared context starts: a clean folder, so no package of an earlier build is served. */
    @DynamicPropertySource
    static void cleanWorkFolder(DynamicPropertyRegistry registry) throws Exception {
        FileSystemUtils.deleteRecursively(WORK.resolve("cms"));
        FileSystemUtils.deleteRecursively(WORK.resolve("keys"));
        FileSystemUtils.deleteRecursively(WORK.resolve("packages"));
        registry.add("hub.console.test-work", WORK::toString);
    }
}
