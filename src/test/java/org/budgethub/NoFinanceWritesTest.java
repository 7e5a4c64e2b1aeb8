package org.budgethub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The hub only reads the finance system: no class that goes into the jar (target/classes) holds an
 * INSERT, UPDATE, DELETE or COPY statement on a finance table ({@code bgt_}, {@code bas_},
 * {@code ele_}, {@code ast_}), nor one on a table named only at run time (a string concatenation
 * whose table is the first argument, as the generator's writer builds them; the hub's own
 * statements name their tables). The generator and the benchmark, which do write there, live in
 * test scope. The demo's seed scripts (src/main/resources/demo/*.sql) are data and are not looked at.
 */
class NoFinanceWritesTest {

    static final Pattern FINANCE_WRITE = Pattern.compile(
            "(?i)\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|COPY)\\s+(bgt_|bas_|ele_|ast_)");
    /** In an invokedynamic concatenation recipe, \u0001 stands for an argument. */
    static final Pattern WRITE_TO_COMPUTED_TABLE = Pattern.compile("(?i)\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|COPY)\\s+\u0001");

    @Test
    void theJarsClassesWriteNothingToTheFinanceSystem() throws IOException, URISyntaxException {
        Path classes = Path.of(HubApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        assertThat(files).as("compiled classes under " + classes).contains(classes.resolve("org/budgethub/HubApplication.class"));
        List<String> writes = new ArrayList<>();
        for (Path f : files) {
            for (String s : constantStrings(f)) {
                if (FINANCE_WRITE.matcher(s).find() || WRITE_TO_COMPUTED_TABLE.matcher(s).find()) {
                    writes.add(classes.relativize(f) + ": " + s.replace('\u0001', '?'));
                }
            }
        }
        assertThat(writes).as("statements writing to the finance system in " + classes).isEmpty();
    }

    @Test
    void seesTheStatementsInAClassFile() throws IOException, URISyntaxException {
        Path self = Path.of(NoFinanceWritesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/budgethub/NoFinanceWritesTest$Writes.class");
        assertThat(constantStrings(self).stream().filter(s -> FINANCE_WRITE.matcher(s).find()
                || WRITE_TO_COMPUTED_TABLE.matcher(s).find())).hasSize(2);
    }

    /** A writer as the check must see it: a statement on a finance table and one on a computed table. */
    @SuppressWarnings("unused")
    static final class Writes {
        static final String LEDGER = "UPDATE bgt_ledger SET amount = amount + ? WHERE entry_id = ?";

        static String copy(String table) {
            return "COPY " + table + " FROM STDIN";
        }
    }

    /** The CONSTANT_Utf8 entries of a class file: its string literals, names and concatenation recipes. */
    static List<String> constantStrings(Path classFile) throws IOException {
        List<String> strings = new ArrayList<>();
        try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
            if (data.readInt() != 0xCAFEBABE) {
                throw new IOException(classFile + " is not a class file");
            }
            data.readUnsignedShort();
            data.readUnsignedShort();
            int count = data.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> strings.add(data.readUTF());
                    case 7, 8, 16, 19, 20 -> data.skipNBytes(2);
                    case 15 -> data.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipNBytes(4);
                    case 5, 6 -> {
                        data.skipNBytes(8);
                        i++;
                    }
                    default -> throw new IOException(classFile + ": constant pool tag " + tag);
                }
            }
        }
        return strings;
    }
}
