package org.budgethub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.budgethub.render.DisclosureJson;

/** The fixture the renderer tests rely on is the seed disclosure itself. */
class SeedDisclosureIT {

    @Test
    void theFixtureIsTheGoldenDisclosure() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (InputStream golden = getClass().getResourceAsStream("/seed/seed-unit-2026.json")) {
            assertThat(GoldenFile.differences(json.readTree(golden), DisclosureJson.toTree(SeedDisclosure.disclosure()))).isEmpty();
        }
    }
}
