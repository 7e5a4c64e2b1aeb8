package org.budgethub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration metadata the build writes (spring-configuration-metadata.json, what IDEs
 * complete and describe) covers every hub.* key the hub reads: each key the yaml files set and each
 * placeholder of the routes is a known property, every property is described, and its default is
 * the one the jar's application.yaml sets. So a key cannot be added, renamed or re-defaulted in one
 * place only.
 */
class HubPropertiesMetadataTest {

    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??(hub\\.[^}:]+)(:[^}]*)?}}");
    private static final Pattern SPRING_PLACEHOLDER = Pattern.compile("\\$\\{(hub\\.[^}:]+)(:[^}]*)?}");

    /** hub.* properties of the metadata, by name. */
    private static Map<String, JsonNode> properties;

    @BeforeAll
    static void readMetadata() throws IOException {
        assertThat(METADATA).as("built by the configuration processor (./mvnw test-compile)").exists();
        properties = new LinkedHashMap<>();
        for (JsonNode p : new ObjectMapper().readTree(METADATA.toFile()).path("properties")) {
            if (p.path("name").asText().startsWith("hub.")) {
                properties.put(p.path("name").asText(), p);
            }
        }
    }

    @Test
    void everyHubPropertyIsListedAndDescribed() {
        assertThat(properties).hasSizeGreaterThanOrEqualTo(30);
        List<String> undescribed = properties.values().stream().filter(p -> p.path("description").asText("").isBlank())
                .map(p -> p.path("name").asText()).toList();
        assertThat(properties.size() - undescribed.size()).as("described").isGreaterThanOrEqualTo((int) Math.ceil(properties.size() * 0.9));
        // all of them, in fact: a new key gets its @param line (or additional-spring-configuration-metadata.json)
        assertThat(undescribed).as("hub.* properties without a description").isEmpty();
    }

    @Test
    void everyPlaceholderOfTheRoutesIsAKnownProperty() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                Matcher m = PLACEHOLDER.matcher(Files.readString(route));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).as("the routes read hub.* keys").contains("hub.publish.mode", "hub.cms.host", "hub.run.parallelism");
        assertThat(used).allSatisfy(key -> assertThat(known(key)).as("{{%s}} in routes/ is not a property of HubProperties", key).isTrue());
    }

    @Test
    void everyKeyTheYamlFilesSetIsAKnownProperty() throws IOException {
        for (Path file : List.of(Path.of("src/main/resources/application.yaml"), Path.of("src/main/resources/application-demo.yaml"),
                Path.of("config/application.yaml"))) {
            Map<String, Object> keys = hubKeys(file);
            assertThat(keys).as(file.toString()).isNotEmpty();
            assertThat(keys.keySet()).allSatisfy(key -> assertThat(known(key)).as("%s sets %s, which is not a property", file, key).isTrue());
        }
        // Spring's own keys that follow a hub key (spring.quartz.auto-startup: ${hub.schedule.enabled:true})
        Matcher m = SPRING_PLACEHOLDER.matcher(Files.readString(Path.of("src/main/resources/application.yaml")));
        int references = 0;
        while (m.find()) {
            references++;
            assertThat(known(m.group(1))).as("application.yaml refers to ${%s}, which is not a property", m.group(1)).isTrue();
        }
        assertThat(references).isPositive();
    }

    /** HubProperties' defaults (@DefaultValue, so metadata) and the jar's application.yaml say the same. */
    @Test
    void theDefaultsOfTheMetadataAreThoseOfApplicationYaml() throws IOException {
        Map<String, Object> yaml = hubKeys(Path.of("src/main/resources/application.yaml"));
        int compared = 0;
        for (Map.Entry<String, Object> e : yaml.entrySet()) {
            JsonNode property = properties.get(e.getKey());
            String value = String.valueOf(e.getValue());
            if (property == null || !property.has("defaultValue") || value.startsWith("${")) {
                continue;
            }
            compared++;
            String metadata = property.path("defaultValue").asText();
            if (property.path("type").asText().equals(Duration.class.getName())) {
                assertThat(millis(value)).as(e.getKey()).isEqualTo(millis(metadata));
            } else {
                assertThat(value).as("default of %s: application.yaml vs HubProperties", e.getKey()).isEqualTo(metadata);
            }
        }
        assertThat(compared).isGreaterThan(50);
    }

    private static Duration millis(String value) {
        return DurationStyle.detectAndParse(value, ChronoUnit.MILLIS);
    }

    /** A property, or a key inside a map property (hub.validation.severity.[input.duties-empty]). */
    private static boolean known(String key) {
        if (properties.containsKey(key)) {
            return true;
        }
        return properties.values().stream().filter(p -> p.path("type").asText().startsWith("java.util.Map<"))
                .map(p -> p.path("name").asText()).anyMatch(map -> key.startsWith(map + ".") || key.startsWith(map + "["));
    }

    /** The hub.* leaves of a yaml file, as dotted keys; a map property's entries under their own keys. */
    private static Map<String, Object> hubKeys(Path file) throws IOException {
        Map<String, Object> keys = new LinkedHashMap<>();
        Object root = new Yaml().load(Files.readString(file));
        if (root instanceof Map<?, ?> map && map.get("hub") != null) {
            flatten("hub", map.get("hub"), keys);
        }
        return keys;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> keys) {
        if (value instanceof Map<?, ?> map && !properties.containsKey(prefix)) {
            map.forEach((k, v) -> flatten(prefix + "." + k, v, keys));
        } else if (value == null && properties.keySet().stream().anyMatch(name -> name.startsWith(prefix + "."))) {
            // a group whose keys are all commented out (config/application.yaml shows the defaults so)
            return;
        } else {
            keys.put(prefix, value);
        }
    }
}
