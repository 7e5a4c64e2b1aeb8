package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.support.HubNodes;

/**
 * A run stopped mid-way (its hub instance goes down) is marked INTERRUPTED when the instance
 * starts again and is resumed over the agencies it had not finished, none delivered twice.
 */
class ResumeAfterCrashIT {

    /** Slows every write, so the run is still going when the instance is stopped. */
    private static final SftpEventListener SLOW = new SftpEventListener() {
        @Override
        public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                            int dataOffset, int dataLen) throws IOException {
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    @Test
    void aStoppedRunIsInterruptedAndResumedWithNoAgencyDeliveredTwice() throws Exception {
        try (HubNodes hub = new HubNodes(Path.of("target/resume-after-crash-test"), List.of(SLOW))) {
            Map<String, String> oneAtATime = Map.of("hub.run.parallelism", "1");
            ConfigurableApplicationContext first = hub.start("node-a", oneAtATime);
            long runId = first.getBean(RunLauncher.class).launch(RunRequest.allAgencies(2026, "test"));
            JdbcTemplate db = first.getBean(JdbcTemplate.class);
            Await.until(() -> delivered(db) >= 2 ? Optional.of(true) : Optional.empty(), 120);

            first.close();

            ConfigurableApplicationContext second = hub.start("node-a", oneAtATime);
            RunHistory history = second.getBean(RunHistory.class);
            assertThat(history.run(runId)).get().extracting(RunHistory.Run::status).isEqualTo(RunStatus.INTERRUPTED);
            RunLauncher launcher = second.getBean(RunLauncher.class);
            RunRequest resume = launcher.resumeOf(runId, "test");
            assertThat(resume.agencies()).isNotEmpty().hasSizeLessThan(5);

            RunReport report = launcher.runNow(resume);

            assertThat(report.failed()).isEmpty();
            JdbcTemplate hubDb = second.getBean(JdbcTemplate.class);
            List<Map<String, Object>> deliveries = hubDb.queryForList(
                    "SELECT agency_code, version, status FROM delivery ORDER BY agency_code, version");
            assertThat(deliveries).extracting(d -> d.get("agency_code"))
                    .as("every agency exactly once").containsExactly("101001", "101023", "101031", "102001", "103005", "104002");
            assertThat(deliveries).allSatisfy(d -> {
                assertThat(d.get("version")).isEqualTo(1);
                assertThat(d.get("status")).isEqualTo("DELIVERED");
            });
            for (String agency : List.of("101001", "101023", "101031", "102001", "103005", "104002")) {
                assertThat(hub.cmsRoot().resolve("2026/" + agency + "/v1/package.done")).exists();
                assertThat(hub.cmsRoot().resolve("2026/" + agency + "/v2")).doesNotExist();
            }
        }
    }

    private static int delivered(JdbcTemplate db) {
        Integer n = db.queryForObject("SELECT COUNT(*) FROM delivery WHERE status = 'DELIVERED'", Integer.class);
        return n == null ? 0 : n;
    }
}
