package org.budgethub.config;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.budgethub.config.CmsProperties;
import org.budgethub.model.Finding.Severity;

/**
 * Every {@code hub.*} setting, bound once. The defaults live in the jar's application.yaml (the
 * routes read the same keys as placeholders); operators override them in config/application.yaml
 * or the environment, and every key is described there.
 */
@ConfigurationProperties("hub")
public record HubProperties(
        String instanceId,
        Finance finance,
        Folder narratives,
        Folder templates,
        Publish publish,
        Render render,
        CmsProperties cms,
        Schedule schedule,
        Console console,
        Run run,
        Retry retry,
        Demo demo,
        Metrics metrics,
        @DefaultValue Database database,
        @DefaultValue Validation validation) {

    /**
     * The finance system's database, read only; an empty url is the embedded demo database.
     *
     * @param connectTimeoutMs a TCP connection, a login and a free pooled connection, each within this
     * @param socketTimeoutMs  a database that sends nothing for this long is taken for stalled
     * @param queryTimeoutMs   a statement running longer is cancelled by the server
     */
    public record Finance(String url, String user, String password, int poolSize, int connectTimeoutMs, int socketTimeoutMs,
                          int queryTimeoutMs, int healthTimeoutMs) {
    }

    public record Folder(String dir) {
    }

    /**
     * @param mode          sftp (deliver to the CMS) or local (write to dir)
     * @param review        required: a person approves every version before it goes to the CMS (先审后发); none
     * @param fourEyes      the person who started a build may not approve it
     * @param releaseWindow "HH:mm-HH:mm" (Asia/Shanghai) when approved versions go out; empty: at once
     * @param approvalDates per year, the date its budget was approved (批复日期): disclosures are due 20 days later
     */
    public record Publish(String mode, String dir, String zone, java.time.Duration staleAfter, Retry retry,
                          @DefaultValue("required") String review, @DefaultValue("false") boolean fourEyes,
                          @DefaultValue("") String releaseWindow, @DefaultValue Map<Integer, java.time.LocalDate> approvalDates) {

        public boolean toCms() {
            return "sftp".equals(mode);
        }

        public boolean reviewRequired() {
            return !"none".equalsIgnoreCase(review);
        }
    }

    /** @param font a TrueType CJK font for the PDF; empty: the system font folders */
    public record Render(String font, boolean requireFont) {
    }

    /** @param years empty: the current and the next year; @param agencies empty: every agency */
    public record Schedule(boolean enabled, String cron, String zone, @DefaultValue List<Integer> years,
                           @DefaultValue List<String> agencies) {
    }

    /**
     * @param adminPassword         the first admin's password; empty: a random one, written to initialPasswordsFile
     * @param demoUsers             also an operator, a reviewer and a viewer on first start (the demo profile)
     * @param initialPasswordsFile  where first start writes the passwords it made up (owner-only), relative to the working folder
     * @param lockout               how many failed logins in a row lock an account, and for how long
     */
    public record Console(String adminPassword, boolean demoUsers,
                          @DefaultValue("data/initial-passwords.txt") java.nio.file.Path initialPasswordsFile,
                          @DefaultValue Lockout lockout) {
    }

    public record Lockout(@DefaultValue("10") int maxFailures, @DefaultValue("15m") java.time.Duration duration) {
    }

    /** @param departments which departments a run builds besides its units, unless its request says */
    public record Run(int parallelism, @DefaultValue("with-parents") Departments departments) {
    }

    /** Redeliveries with exponential back-off. */
    public record Retry(int maxRedeliveries, long delayMs) {
    }

    public record Demo(boolean exportOnStart, int year) {
    }

    public record Metrics(boolean enabled) {
    }

    /** The hub's own database (spring.datasource is the connection). */
    public record Database(@DefaultValue("2000") long healthTimeoutMs) {
    }

    /**
     * @param severity       severity per rule id, as operators override them
     * @param maxEntryAmount the largest plausible absolute amount of one ledger entry, in yuan: beyond it, input.amount-range
     */
    public record Validation(@DefaultValue Map<String, Severity> severity,
                             @DefaultValue("10000000000000") java.math.BigDecimal maxEntryAmount) {
    }
}
