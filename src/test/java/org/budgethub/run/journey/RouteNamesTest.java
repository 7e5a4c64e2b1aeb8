package org.budgethub.run.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every property and header the routes set has its constant, and every constant is a name the routes use. */
class RouteNamesTest {

    private static final Pattern SET = Pattern.compile("set(?:Property|Header):\\s*\\n\\s*name:\\s*(\\w+)");

    @Test
    void theRoutesAndTheConstantsNameTheSame() throws IOException, IllegalAccessException {
        StringBuilder routes = new StringBuilder();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                routes.append(Files.readString(f)).append('\n');
            }
        }
        List<String> constants = new ArrayList<>();
        for (Field f : RouteNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                constants.add((String) f.get(null));
            }
        }
        List<String> set = new ArrayList<>();
        Matcher m = SET.matcher(routes);
        while (m.find()) {
            if (!m.group(1).startsWith("Camel")) {
                set.add(m.group(1));
            }
        }
        assertThat(constants).containsAll(set);
        assertThat(set).containsAll(constants);
    }
}
