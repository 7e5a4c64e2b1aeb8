package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.ProducerTemplate;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.run.distributed.DistributedRuns;
import org.budgethub.run.distributed.RunCompletion;
import org.budgethub.run.journey.AgencyMessage;
import org.budgethub.support.HubNodes;

/**
 * Runs past one machine (hub.run.distributed): an ActiveMQ Artemis broker of the test's own on a free
 * TCP port, and hub instances on one PostgreSQL hub database connected to it as clients. The
 * agencies of a run spread over the instances, each delivered once; an instance that goes down
 * mid-run leaves its agencies to the other, which finishes the run; a message that keeps failing
 * ends in the dead-letter queue with its agency FAILED; the planning instance hears on the broker
 * topic that another instance finished its run.
 */
class DistributedRunIT {

    private static final List<String> AGENCIES = List.of("101001", "101023", "101031", "102001", "103005", "104002");

    /** Slows every SFTP write, as a distant CMS would: the run is I/O-bound, and still going when an instance is stopped. */
    private static SftpEventListener slow(long millis) {
        return new SftpEventListener() {
            @Override
            public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                                int dataOffset, int dataLen) throws IOException {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    @Test
    void twoInstancesShareOneRunEveryAgencyOnce() throws Exception {
        long alone;
        try (Broker broker = Broker.start("target/distributed-run-test/broker-1");
             HubNodes hub = new HubNodes(Path.of("target/distributed-run-test/one"), List.of(slow(40)))) {
            ConfigurableApplicationContext a = hub.start("node-a", broker.clientProperties());
            RunHistory.Run run = runAll(a);
            alone = run.elapsed().toMillis();
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(a.getBean(DistributedRuns.class).processed()).isEqualTo(AGENCIES.size());
        }
        try (Broker broker = Broker.start("target/distributed-run-test/broker-2");
             HubNodes hub = new HubNodes(Path.of("target/distributed-run-test/two"), List.of(slow(40)))) {
            ConfigurableApplicationContext a = hub.start("node-a", broker.clientProperties());
            ConfigurableApplicationContext b = hub.start("node-b", broker.clientProperties());

            RunHistory.Run run = runAll(a);

            assertThat(run.status()).as("the run, finished by whichever instance recorded its last agency").isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.total()).isEqualTo(AGENCIES.size());
            assertThat(run.done()).isEqualTo(AGENCIES.size());
            // A journey cut short after its delivery (a failed index upload, see DistributedRuns#journey)
            // is done again and then finds its package already delivered: unchanged, not a second version.
            assertThat(run.newVersions() + run.unchanged()).isEqualTo(AGENCIES.size());
            assertEveryAgencyOnce(a.getBean(JdbcTemplate.class), hub, run.id());
            int byA = a.getBean(DistributedRuns.class).processed();
            int byB = b.getBean(DistributedRuns.class).processed();
            assertThat(byA + byB).isEqualTo(AGENCIES.size());
            assertThat(byA).as("node-a took agencies").isPositive();
            assertThat(byB).as("node-b took agencies").isPositive();
            long together = run.elapsed().toMillis();
            System.out.printf("Distributed run of %d agencies: one instance %d ms, two instances %d ms (node-a %d, node-b %d agencies), "
                    + "ratio %.2f%n", AGENCIES.size(), alone, together, byA, byB, together / (double) alone);
        }
    }

    @Test
    void anInstanceStoppedMidRunLeavesItsAgenciesToTheOther() throws Exception {
        try (Broker broker = Broker.start("target/distributed-run-test/broker-3");
             HubNodes hub = new HubNodes(Path.of("target/distributed-run-test/kill"), List.of(slow(150)))) {
            ConfigurableApplicationContext a = hub.start("node-a", broker.clientProperties());
            ConfigurableApplicationContext b = hub.start("node-b", broker.clientProperties());
            JdbcTemplate db = b.getBean(JdbcTemplate.class);
            DistributedRuns onA = a.getBean(DistributedRuns.class);
            long runId = a.getBean(RunLauncher.class).launch(RunRequest.allAgencies(2026, "test"));
            // node-a planned the run and is in the middle of an agency of its own.
            Await.until(() -> delivered(db) >= 1 && onA.inFlight() > 0 ? Optional.of(true) : Optional.empty(), 180);
            int aHadDone = onA.processed();

            a.close();

            RunHistory history = b.getBean(RunHistory.class);
            RunHistory.Run run = Await.until(() -> history.run(runId).filter(r -> r.status() != RunStatus.RUNNING), 180);
            assertThat(run.status()).as("node-b finished the run node-a planned").isEqualTo(RunStatus.SUCCEEDED);
            assertEveryAgencyOnce(db, hub, runId);
            DistributedRuns onB = b.getBean(DistributedRuns.class);
            assertThat(onB.processed()).isPositive();
            System.out.printf("Instance stopped mid-run: node-a got %d agencies through before it stopped (%d by the end), node-b %d%n",
                    aHadDone, onA.processed(), onB.processed());
        }
    }

    @Test
    void aMessageThatKeepsFailingEndsInTheDeadLetterQueueItsAgencyFailed() throws Exception {
        try (Broker broker = Broker.start("target/distributed-run-test/broker-4");
             HubNodes hub = new HubNodes(Path.of("target/distributed-run-test/poison"), List.of())) {
            Map<String, String> properties = new java.util.HashMap<>(broker.clientProperties());
            properties.put("hub.run.distributed-max-redeliveries", "2");
            ConfigurableApplicationContext a = hub.start("node-a", properties);
            RunHistory history = a.getBean(RunHistory.class);
            long runId = history.startRun(RunRequest.allAgencies(2026, "test"));
            history.expect(runId, 1);
            ProducerTemplate producer = a.getBean(ProducerTemplate.class);
            // A year that is not its run's: no instance can ever take it through.
            producer.sendBody("jms:queue:hub.agencies?disableReplyTo=true", new AgencyMessage(runId, 2025, "101001", false, 1, false).toJson());
            producer.sendBody("jms:queue:hub.agencies?disableReplyTo=true", "not an agency");

            RunHistory.Run run = Await.until(() -> history.run(runId).filter(r -> r.status() != RunStatus.RUNNING), 60);

            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.failed()).isEqualTo(1);
            RunHistory.Task task = history.tasks(runId, RunHistory.TaskFilter.ALL, 1, org.budgethub.web.Paged.MAX_SIZE).items().stream().filter(t -> t.status() == TaskStatus.FAILED).findFirst().orElseThrow();
            assertThat(task.agencyCode()).isEqualTo("101001");
            assertThat(task.error()).contains("消息已处理 3 次均未完成", "死信队列 hub.agencies.DLQ", "消息与运行 #" + runId + " 不符");
            // Both counts settle together: the source queue counts a message until the move to the DLQ is
            // acknowledged, a moment after the DLQ counts it (seen once as 1 right after the DLQ reached 2).
            Await.until(() -> broker.count("hub.agencies.DLQ") == 2 && broker.count("hub.agencies") == 0 ? Optional.of(true)
                    : Optional.empty(), 30);
        }
    }

    @Test
    void oneInstanceWithTheEmbeddedBrokerAsTheDemoRunsIt() throws Exception {
        try (HubNodes hub = new HubNodes(Path.of("target/distributed-run-test/embedded"), List.of())) {
            // spring.artemis.mode left to Spring Boot: with hub.run.distributed the hub starts its own broker.
            ConfigurableApplicationContext a = hub.start("node-a", Map.of("hub.run.distributed", "true"));
            assertThat(a.getBean(org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ.class).getActiveMQServer().isActive()).isTrue();

            RunHistory.Run run = runAll(a);

            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertEveryAgencyOnce(a.getBean(JdbcTemplate.class), hub, run.id());
            assertThat(a.getBean(DistributedRuns.class).processed()).isEqualTo(AGENCIES.size());
        }
    }

    @Test
    void aRunFinishedByAnotherInstanceWakesItsPlannerThroughTheBrokerTopic() throws Exception {
        try (HubNodes hub = new HubNodes(Path.of("target/distributed-run-test/topic"), List.of())) {
            ConfigurableApplicationContext a = hub.start("node-a", Map.of("hub.run.distributed", "true"));
            RunHistory history = a.getBean(RunHistory.class);
            RunRequest request = RunRequest.allAgencies(2026, "test");
            long runId = history.startRun(request);
            RunContext run = new RunContext(runId, new RunReport(request), null);
            CompletableFuture<RunReport> planner = CompletableFuture.supplyAsync(() -> a.getBean(RunCompletion.class).awaitRun(run));
            Thread.sleep(500); // the planner is waiting (its run has agencies outstanding)
            assertThat(planner).isNotDone();

            // Another instance records the last outcome and finishes the run: it says so on the topic.
            history.finishRun(runId, RunStatus.SUCCEEDED, List.of());
            a.getBean(ProducerTemplate.class).sendBody("jms:topic:hub.runs.done?disableReplyTo=true&jmsMessageType=Text",
                    String.valueOf(runId));

            // Far sooner than hub.run.distributed-recheck-ms (30 s): the word, not a re-read, ended the wait.
            assertThat(planner.get(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    /** Launches a run of every agency of 2026 on {@code node} and waits for it to end, wherever it ends. */
    private static RunHistory.Run runAll(ConfigurableApplicationContext node) throws InterruptedException {
        RunHistory history = node.getBean(RunHistory.class);
        long id = node.getBean(RunLauncher.class).launch(RunRequest.allAgencies(2026, "test"));
        return Await.until(() -> history.run(id).filter(r -> r.finishedAt() != null), 180);
    }

    private static void assertEveryAgencyOnce(JdbcTemplate db, HubNodes hub, long runId) {
        assertThat(db.queryForList("SELECT agency_code FROM task WHERE run_id = ? AND stage = 'publish' AND status IN ('DONE', 'SKIPPED') "
                + "ORDER BY agency_code", String.class, runId)).as("one publish task each").containsExactlyElementsOf(AGENCIES);
        assertThat(db.queryForList("SELECT agency_code FROM task WHERE run_id = ? AND status <> 'DONE' AND status <> 'SKIPPED'", String.class,
                runId)).as("no task left running or failed").isEmpty();
        List<Map<String, Object>> deliveries = db.queryForList("SELECT agency_code, version, status FROM delivery ORDER BY agency_code, version");
        assertThat(deliveries).extracting(d -> d.get("agency_code")).as("one delivery each: " + deliveries).containsExactlyElementsOf(AGENCIES);
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.get("version")).isEqualTo(1);
            assertThat(d.get("status")).isEqualTo("DELIVERED");
        });
        for (String agency : AGENCIES) {
            assertThat(hub.cmsRoot().resolve("2026/" + agency + "/v1/package.done")).exists();
            assertThat(hub.cmsRoot().resolve("2026/" + agency + "/v2")).doesNotExist();
        }
    }

    private static int delivered(JdbcTemplate db) {
        Integer n = db.queryForObject("SELECT COUNT(*) FROM delivery WHERE status = 'DELIVERED'", Integer.class);
        return n == null ? 0 : n;
    }

    /** An Artemis broker of the test's own, as an external one would be: the hub instances are its clients. */
    private record Broker(EmbeddedActiveMQ server, int port) implements AutoCloseable {

        static Broker start(String dir) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path data = Path.of(dir).toAbsolutePath();
            ConfigurationImpl config = new ConfigurationImpl();
            config.setPersistenceEnabled(false);
            config.setSecurityEnabled(false);
            config.setJMXManagementEnabled(false);
            config.setBindingsDirectory(data.resolve("bindings").toString());
            config.setJournalDirectory(data.resolve("journal").toString());
            config.setPagingDirectory(data.resolve("paging").toString());
            config.setLargeMessagesDirectory(data.resolve("large-messages").toString());
            config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
            // As an operator's broker.xml would say: rolled-back agencies come again a little later; the
            // broker's own dead-letter limit lies beyond the hub's (hub.run.distributed-max-redeliveries).
            config.addAddressSetting("hub.agencies", new AddressSettings().setRedeliveryDelay(50).setMaxDeliveryAttempts(10)
                    .setDeadLetterAddress(SimpleString.of("hub.agencies.DLQ")));
            EmbeddedActiveMQ server = new EmbeddedActiveMQ();
            server.setConfiguration(config);
            server.start();
            return new Broker(server, port);
        }

        Map<String, String> clientProperties() {
            return Map.of(
                    "hub.run.distributed", "true",
                    "spring.artemis.mode", "native",
                    "spring.artemis.broker-url", "tcp://127.0.0.1:" + port,
                    "spring.artemis.embedded.enabled", "false");
        }

        long count(String queue) {
            Queue q = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
            return q == null ? -1 : q.getMessageCount();
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
