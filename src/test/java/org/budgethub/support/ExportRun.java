package org.budgethub.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.budgethub.cli.ExportCommand;

/** Runs the export command in-process, exactly as {@code java -jar … export} does, capturing its output. */
public record ExportRun(int exitCode, String out, String err) {

    public static ExportRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new ExportRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static String[] args(FinanceDatabase db, int year, String agency, java.nio.file.Path narratives, java.nio.file.Path out) {
        List<String> args = new ArrayList<>(List.of("--finance-url=" + db.jdbcUrl(), "--finance-user=postgres",
                "--finance-password=postgres", "--year=" + year, "--narratives=" + narratives, "--out=" + out));
        if (agency != null) {
            args.add("--agency=" + agency);
        }
        return args.toArray(String[]::new);
    }
}
