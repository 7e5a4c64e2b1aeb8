package org.budgethub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class AuditWordsTest {

    /** audit.record("run.start", …) and audit.record(user, "login.failed", …): the code is the first string literal that looks like one. */
    private static final Pattern RECORDED = Pattern.compile("\\.record\\((?:[\\w.()]+,\\s*)?\"([a-z]+(?:[.-][a-z]+)*)\"");

    @Test
    void everyActionTheHubRecordsHasWordsForThePages() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = RECORDED.matcher(Files.readString(file));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        assertThat(codes).as("the codes found in the sources").contains("login", "login.failed", "run.start", "review.approve");
        assertThat(codes.stream().filter(c -> !AuditWords.knows(c))).as("codes without a Chinese label in AuditWords").isEmpty();
    }

    @Test
    void aCodeWithoutWordsIsShownAsOtherNeverAsTheCode() {
        AuditWords words = new AuditWords();
        assertThat(words.label("login.failed")).isEqualTo("登录失败");
        assertThat(words.label("something.new")).isEqualTo("其他操作");
    }
}
