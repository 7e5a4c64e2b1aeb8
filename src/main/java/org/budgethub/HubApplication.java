package org.budgethub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Budget Disclosure Hub as a Spring Boot application. The jar starts at
 * {@link org.budgethub.cli.Main}, which runs a one-shot command or this.
 */
@SpringBootApplication
public class HubApplication {

    public static void main(String[] args) {
        SpringApplication.run(HubApplication.class, args);
    }
}
