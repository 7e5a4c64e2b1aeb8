package org.budgethub.cli;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;

import org.budgethub.HubApplication;
import org.budgethub.config.StartupLog;

/**
 * The jar's entry point: {@code export …} runs one command and exits; without one the hub runs as a
 * service (the demo when no finance database is configured). The synthetic data generator and the
 * benchmark write to a finance database, so they are not in the jar: they live in test scope
 * ({@code GenerateCommand}, {@code BenchmarkCommand}, run from the source tree; see the README's Scale section).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && ExportCommand.NAME.equals(args[0])) {
            System.exit(ExportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication hub = new SpringApplication(HubApplication.class);
        // The start-up lines in Chinese, in place of Spring Boot's (spring.main.log-startup-info is off).
        hub.addListeners(new StartupLog());
        hub.run(args);
    }
}
