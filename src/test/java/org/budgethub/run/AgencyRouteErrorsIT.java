package org.budgethub.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.model.Stage;
import org.budgethub.validation.Validator;

/**
 * The routes' error classification, fast: the demo's in-memory databases, and the validation step advised to throw what a test asks for. A data error
 * is never retried; a database error or a library's exception is retried with back-off, then the
 * agency fails; an SFTP error is retried, then the delivery is recorded as failed. The CMS is a
 * mock endpoint in place of the sftp: one.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.run.departments=none",
        "hub.publish.review=none",
        "hub.publish.mode=sftp",
        "hub.cms.embedded.enabled=false",
        "hub.retry.max-redeliveries=2",
        "hub.retry.delay-ms=10",
        "hub.publish.retry.max-redeliveries=3",
        "hub.publish.retry.delay-ms=10",
        "spring.datasource.url=jdbc:h2:mem:agency-route-errors;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
class AgencyRouteErrorsIT {

    private static final AtomicInteger VALIDATIONS = new AtomicInteger();
    private static volatile Supplier<RuntimeException> fault;
    private static boolean advised;

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    Validator validator;

    @Autowired
    JdbcTemplate hub;

    @BeforeEach
    void adviseOnce() throws Exception {
        VALIDATIONS.set(0);
        fault = null;
        if (!advised) {
            AdviceWith.adviceWith(camel, "disclosure-agency", a -> a.weaveByToString(".*validator.*").replace().process(this::validate));
            AdviceWith.adviceWith(camel, "sftp-upload", a -> a.weaveByToUri("sftp:*").replace().to("mock:cms"));
            camel.start();
            advised = true;
        }
        sftp().reset();
        sftp().whenAnyExchangeReceived(e -> { });
    }

    /** The validation step as advised: counts its calls, then throws the test's fault or validates for real. */
    private void validate(Exchange exchange) {
        VALIDATIONS.incrementAndGet();
        Supplier<RuntimeException> f = fault;
        if (f != null) {
            throw f.get();
        }
        validator.check(exchange.getProperty("work", AgencyWork.class));
    }

    private MockEndpoint sftp() {
        return camel.getEndpoint("mock:cms", MockEndpoint.class);
    }

    private RunReport run(String agency) {
        return producer.requestBody("direct:run", new RunRequest(2026, agency, "test", true), RunReport.class);
    }

    @Test
    void aDataErrorFailsTheAgencyAtOnceWithoutARetry() {
        fault = () -> new DataError(Stage.VALIDATE, "input.code-unknown: 测试");

        RunReport report = run("101031");

        assertThat(VALIDATIONS.get()).isEqualTo(1);
        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("validate");
            assertThat(f.reason()).isEqualTo("input.code-unknown: 测试");
        });
        assertThat(sftp().getReceivedCounter()).isZero();
    }

    @Test
    void aDatabaseErrorIsRetriedWithBackOffThenTheAgencyFails() {
        fault = () -> new TransientDataAccessResourceException("connection reset");

        RunReport report = run("102001");

        assertThat(VALIDATIONS.get()).as("the first attempt and hub.retry.max-redeliveries").isEqualTo(3);
        assertThat(report.failed()).singleElement().satisfies(f -> assertThat(f.reason()).contains("connection reset"));
    }

    @Test
    void aFaultOfTheHubsOwnCodeFailsTheAgencyAtOnceWithoutAJavaClassName() {
        fault = () -> new NullPointerException("Cannot invoke \"String.length()\" because \"code\" is null");

        RunReport report = run("101031");

        assertThat(VALIDATIONS.get()).as("no retry").isEqualTo(1);
        assertThat(report.failed()).singleElement().satisfies(f -> assertThat(f.reason()).startsWith("中枢程序缺陷，重试无用")
                .doesNotContain("NullPointerException"));
    }

    @Test
    void aLibrarysIllegalStateExceptionIsRetriedNotTakenForBadData() {
        fault = () -> new IllegalStateException("zip entry too large");

        RunReport report = run("103005");

        assertThat(VALIDATIONS.get()).isEqualTo(3);
        assertThat(report.failed()).singleElement()
                .satisfies(f -> assertThat(f.reason()).startsWith("尝试 3 次均失败（重试用时 ")
                        .endsWith("秒）：IllegalStateException: zip entry too large"));
    }

    @Test
    void anSftpErrorIsRetriedThenTheDeliveryIsRecordedAsFailed() {
        sftp().whenAnyExchangeReceived(e -> {
            throw new GenericFileOperationFailedException("Cannot store file: " + e.getMessage().getHeader(Exchange.FILE_NAME));
        });

        RunReport report = run("104002");

        assertThat(VALIDATIONS.get()).as("only the upload is retried, not the stages before it").isEqualTo(1);
        assertThat(sftp().getReceivedCounter()).as("the first file, once and hub.publish.retry.max-redeliveries again").isEqualTo(4);
        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("publish");
            assertThat(f.reason()).startsWith("尝试 4 次均失败（重试用时 ")
                    .contains("上传到网站 CMS 服务器失败（Cannot store file: 2026/104002/v");
        });
        assertThat(hub.queryForList("SELECT status, error FROM delivery WHERE agency_code = '104002' ORDER BY version DESC"))
                .first().satisfies(d -> {
                    assertThat(d.get("status")).isEqualTo("FAILED");
                    assertThat((String) d.get("error")).contains("（Cannot store file:");
                });
    }

    @Test
    void aGoodPackageGoesUpFileByFileWithTheManifestAndThenTheDoneMarkerLast() {
        RunReport report = run("101023");

        assertThat(report.failed()).isEmpty();
        List<String> uploaded = sftp().getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(Exchange.FILE_NAME, String.class)).toList();
        assertThat(uploaded).hasSize(10);
        assertThat(uploaded.get(6)).endsWith("/manifest.json");
        assertThat(uploaded.get(7)).endsWith("/package.done");
        assertThat(uploaded.subList(8, 10)).containsExactly("2026/index.json", "2026/index.atom");
        assertThat(hub.queryForObject("SELECT status FROM delivery WHERE agency_code = '101023' ORDER BY version DESC FETCH FIRST 1 ROWS ONLY",
                String.class)).isEqualTo("DELIVERED");
    }

    @Test
    void anIndexThatCannotBeWrittenNeitherUndoesTheDeliveryNorDropsTheAgencyFromTheRun() {
        sftp().whenAnyExchangeReceived(e -> {
            String name = e.getMessage().getHeader(Exchange.FILE_NAME, String.class);
            if (name.endsWith("/index.json")) {
                throw new GenericFileOperationFailedException("Cannot store file: " + name);
            }
        });

        RunReport report = run("102001");

        assertThat(report.failed()).isEmpty();
        assertThat(report.counts()).as("the agency is counted, its journey finished").contains("新版本 1");
        assertThat(hub.queryForObject("SELECT status FROM task WHERE agency_code = '102001' AND stage = 'publish' "
                + "ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", String.class)).isEqualTo("DONE");
        assertThat(hub.queryForObject("SELECT status FROM delivery WHERE agency_code = '102001' ORDER BY version DESC "
                + "FETCH FIRST 1 ROWS ONLY", String.class)).isEqualTo("DELIVERED");
    }
}
