package org.budgethub.config;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;

/**
 * hub.* is read only through HubProperties (typed, checked at start-up, described for IDEs): no
 * {@code @Value("${hub…}")}, no {@code environment.getProperty("hub…")}. A string key read on the
 * side would escape the checks, its default would drift from application.yaml, and a typo in it
 * would read nothing without a word.
 */
class TypedSettingsTest {

    private static final Pattern STRING_KEY = Pattern.compile("getProperty\\(\\s*\"hub\\.|@Value\\(\\s*\"\\$\\{hub\\.|resolve(Required)?Placeholders\\([^)]*hub\\.");

    private static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.budgethub");
    }

    private static final ArchRule NO_VALUE_ANNOTATION = noClasses().should().dependOnClassesThat()
            .haveFullyQualifiedName(Value.class.getName())
            .because("settings come from HubProperties (or Spring's own properties classes), not from @Value");

    @Test
    void noClassUsesValue() {
        NO_VALUE_ANNOTATION.check(main);
    }

    /** The rule above sees an @Value on a constructor parameter, where the hub had them. */
    @Test
    void theRuleSeesValueOnAParameter() {
        JavaClasses fixture = new ClassFileImporter().importClasses(WithValue.class);
        assertThatThrownBy(() -> NO_VALUE_ANNOTATION.check(fixture)).isInstanceOf(AssertionError.class);
    }

    static class WithValue {
        WithValue(@Value("${hub.run.parallelism}") int parallelism) {
        }
    }

    @Test
    void onlyConfigReadsTheEnvironment() {
        noClasses().that().resideOutsideOfPackage("org.budgethub.config..")
                .should().callMethodWhere(describe("Environment.getProperty(…)", (JavaMethodCall call) ->
                        call.getTargetOwner().isAssignableTo(PropertyResolver.class) && call.getName().matches("getProperty|getRequiredProperty")))
                .because("features take their settings from HubProperties; " + Environment.class.getSimpleName() + " keys are unchecked strings")
                .check(main);
    }

    /** Not even config reads a hub.* key by its name (config.CmsPort re-binds hub.cms.port with the Binder, typed). */
    @Test
    void noSourceNamesAHubKeyToTheEnvironment() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    if (STRING_KEY.matcher(lines.get(i)).find()) {
                        found.add(source + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertThat(found).as("hub.* read by its name instead of through HubProperties").isEmpty();
    }
}
