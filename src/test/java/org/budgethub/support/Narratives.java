package org.budgethub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A narratives folder for export tests: the seed unit's authored words, and a short narrative for each agency named. */
public final class Narratives {

    private Narratives() {
    }

    public static Path seedAnd(Path dir, String... agencies) {
        try {
            Path narratives = Files.createDirectories(dir.resolve("narratives"));
            try (InputStream in = Narratives.class.getResourceAsStream("/seed/101023-2026.yaml")) {
                Files.copy(in, narratives.resolve("101023.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            for (String agency : agencies) {
                Files.writeString(narratives.resolve(agency + ".yaml"), "agency: \"" + agency + "\"\nyear: 2026\nduties: 测试\n");
            }
            return narratives;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
