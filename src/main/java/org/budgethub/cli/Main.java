package org.budgethub.cli;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;

import org.budgethub.HubApplication;

/**
 * The jar's entry point: {@code export …}, {@code generate …} and {@code benchmark …} run one command
 * and exit; without one the hub runs as a service (the demo when no finance database is configured).
 */
public final class Main {

    private Main() {
    }

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
