package org.budgethub;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import org.budgethub.cli.BenchmarkCommand;
import org.budgethub.cli.ExportCommand;
import org.budgethub.cli.GenerateCommand;

/**
 * The Budget Disclosure Hub. Without arguments it runs as a service (the demo when no finance
 * database is configured); {@code export …} runs the whole pipeline once and exits.
 */
@SpringBootApplication
public class HubApplication {

    public static void main(String[] args) {
        if (args.length > 0 && ExportCommand.NAME.equals(args[0])) {
            System.exit(ExportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && GenerateCommand.NAME.equals(args[0])) {
            System.exit(GenerateCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && BenchmarkCommand.NAME.equals(args[0])) {
            System.exit(BenchmarkCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(HubApplication.class, args);
    }
}
