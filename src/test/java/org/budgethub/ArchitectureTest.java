package org.budgethub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the house (docs/architecture.md), checked on the compiled main code: the feature
 * packages ({@code org.budgethub.<feature>}, sub-packages included) depend on each other one way
 * only, and the domain core knows neither Camel nor Spring.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.budgethub");
    }

    /**
     * {@code ./mvnw test} (Surefire, the {@code *Test} classes) is the fast loop: it may start no Spring context, database
     * (H2 included), SSH server, browser nor external program. Tests that need one are {@code *IT}, run by Failsafe.
     */
    @Test
    void unitTestsStartNoContextDatabaseServerBrowserNorProgram() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("org.budgethub");
        noClasses().that(describe("unit tests (*Test)", c -> c.getName().replaceAll("\\$.*", "").endsWith("Test")))
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.boot.test..", "org.apache.camel.test..",
                        "io.zonky..", "org.h2..", "org.apache.sshd..", "org.openqa.selenium..", "org.flywaydb..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("DataSource")
                .orShould().dependOnClassesThat().haveNameMatching("org\\.budgethub\\.support\\.(FinanceDatabase|HubTables|HubNodes"
                        + "|SeedDisclosure|ExportRun|TestCms|PackageCheckers)")
                .orShould().dependOnClassesThat().haveNameMatching("org\\.budgethub\\.(demo\\.EmbeddedSftpServer|web\\.ConsoleTestSupport)")
                .check(tests);
    }

    @Test
    void noCycleAmongTheFeaturePackages() {
        slices().matching("org.budgethub.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void theDomainCoreImportsNeitherCamelNorSpring() {
        noClasses().that().resideInAnyPackage("org.budgethub.model..", "org.budgethub.mapping..", "org.budgethub.validation..",
                        "org.budgethub.render..", "org.budgethub.narrative..", "org.budgethub.disclosure..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..")
                .check(main);
    }

    @Test
    void theCoreDependsOnNoFeature() {
        noClasses().that().resideInAnyPackage("org.budgethub.model..", "org.budgethub.mapping..", "org.budgethub.validation..",
                        "org.budgethub.render..", "org.budgethub.narrative..", "org.budgethub.disclosure..", "org.budgethub.ingest..",
                        "org.budgethub.publish..")
                .should().dependOnClassesThat().resideInAnyPackage("org.budgethub.config..", "org.budgethub.run..",
                        "org.budgethub.review..", "org.budgethub.security..", "org.budgethub.web..", "org.budgethub.demo..",
                        "org.budgethub.cli..")
                .check(main);
    }
}
