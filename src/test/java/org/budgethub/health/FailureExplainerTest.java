package org.budgethub.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

import org.budgethub.model.DataError;
import org.budgethub.model.Stage;

/** The operator's sentence for each kind of failure: one place, one line, the database or server named. */
class FailureExplainerTest {

    private static final String URL = "jdbc:postgresql://finance-db:5432/finance";
    private static final String HUB_URL = "jdbc:postgresql://hub-db:5433/hub";
    private static final FailureExplainer EXPLAINER = new FailureExplainer(
            new FailureExplainer.Database("财政数据库", URL + "?user=hub&password=secret", 10_000, 60_000, "finance"),
            new FailureExplainer.Database("中枢数据库", HUB_URL, 30_000, 0, "hub"));

    private static Throwable wrapped(Throwable cause) {
        return new CamelExecutionException("Exception occurred during execution on the exchange: Exchange[1]", null,
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", (SQLException) cause));
    }

    @Test
    void aDataErrorSaysItsOwnReasonWhateverWrapsIt() {
        assertThat(EXPLAINER.explain(new RuntimeException(new DataError(Stage.VALIDATE, "input.code-unknown: 没有科目 2999999")),
                Stage.PUBLISH)).isEqualTo("input.code-unknown: 没有科目 2999999");
    }

    @Test
    void aStalledDatabaseIsNamedWithItsTimeOutAndNeverWithItsPassword() {
        SQLException stalled = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketTimeoutException("Read timed out"));
        String line = EXPLAINER.explain(new UncategorizedSQLException("select", "SELECT 1", stalled), Stage.INGEST);

        assertThat(line).isEqualTo("财政数据库在 60 秒内无响应（" + URL + "?user=hub&password=***）");
    }

    @Test
    void aPoolThatGetsNoConnectionInTimeSaysSo() {
        assertThat(EXPLAINER.explain(wrapped(new SQLTransientConnectionException("finance - Connection is not available, "
                + "request timed out after 10000ms.")), null))
                .startsWith("财政数据库在 10 秒内无响应（").endsWith("），未能建立连接");
    }

    @Test
    void aRefusedConnectionAndARefusedLoginAreOneLineEach() {
        SQLException refused = new SQLException("Connection to finance-db:5432 refused.", "08001",
                new ConnectException("Connection refused"));
        assertThat(EXPLAINER.explain(wrapped(refused), null)).startsWith("无法连接财政数据库（" + URL).endsWith("）：Connection refused");

        SQLException login = new SQLException("FATAL: password authentication failed for user \"hub\"", "28P01");
        assertThat(EXPLAINER.explain(wrapped(login), null))
                .isEqualTo("财政数据库拒绝登录（" + URL + "?user=hub&password=***）：FATAL: password authentication failed for user \"hub\"");
    }

    @Test
    void anUploadErrorSaysWhatHappenedAndWhatToDoThenKeepsTheServersWords() {
        assertThat(EXPLAINER.explain(new GenericFileOperationFailedException("Cannot store file: packages/2026/1/v1/a.pdf.part",
                new java.io.IOException("Failure")), Stage.PUBLISH))
                .startsWith("网站 CMS 服务器无法写入文件，多半是磁盘已满或配额用尽")
                .endsWith("（Cannot store file: packages/2026/1/v1/a.pdf.part: Failure）");
        assertThat(FailureExplainer.delivery(new GenericFileOperationFailedException("Cannot connect to sftp://hub@cms:22",
                new RuntimeException("HostKey has been changed: [cms]:22"))))
                .startsWith("网站 CMS 服务器的主机密钥").contains("known-hosts-file").contains("HostKey has been changed");
        assertThat(FailureExplainer.delivery(new GenericFileOperationFailedException("Cannot connect to sftp://hub@cms:22",
                new java.net.ConnectException("Connection refused"))))
                .startsWith("无法连接网站 CMS 服务器").contains("Connection refused");
        assertThat(FailureExplainer.delivery(new GenericFileOperationFailedException("Cannot store file: x",
                new java.io.IOException("Permission denied"))))
                .startsWith("网站 CMS 服务器拒绝写入（权限不足）");
        assertThat(FailureExplainer.delivery(new GenericFileOperationFailedException("Cannot change directory to: 103005",
                new java.io.IOException("Accessed location is not a directory"))))
                .startsWith("网站 CMS 服务器上的发布目录不存在或不是文件夹").endsWith("Accessed location is not a directory）");
    }

    @Test
    void aMissingKeyFileIsTheHubsOwnNotTheCmsFolder() {
        assertThat(FailureExplainer.delivery(new GenericFileOperationFailedException("Cannot connect to sftp://hub@cms:22",
                new java.io.FileNotFoundException("data/cms-keys/hub_ecdsa (No such file or directory)"))))
                .startsWith("中枢本机缺少连接网站 CMS 服务器所需的文件（data/cms-keys/hub_ecdsa (No such file or directory)）：请核对 hub.cms.private-key-file")
                .doesNotContain("发布目录");
    }

    @Test
    void anythingElseIsItsInnermostCauseWithItsType() {
        assertThat(EXPLAINER.explain(new RuntimeException("outer", new IllegalStateException("zip entry too large")), Stage.RENDER))
                .isEqualTo("IllegalStateException: zip entry too large");
    }

    @Test
    void aFaultOfTheHubsOwnCodeSaysSoWithoutAJavaClassName() {
        String reason = EXPLAINER.explain(new CamelExecutionException("on the exchange", null, new NullPointerException()), Stage.MODEL);

        assertThat(reason).startsWith("中枢程序缺陷，重试无用").doesNotContain("Exception");
        assertThat(FailureExplainer.isProgrammingError(new ArithmeticException("Division by zero"))).isTrue();
        assertThat(FailureExplainer.isProgrammingError(new IllegalStateException("zip entry too large"))).as("a library's state: retried").isFalse();
    }

    // ------------------------------------------------------------ which system failed

    @Test
    void theHubsPoolRunningDryIsTheHubDatabaseInEveryStageNeverTheFinanceDatabaseNorTheCms() {
        Throwable outage = wrapped(new SQLTransientConnectionException("hub - Connection is not available, request timed out after 30000ms.",
                "08001", new PSQLException("Connection to hub-db:5433 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                        new ConnectException("Connection refused"))));

        for (Stage stage : new Stage[] {null, Stage.INGEST, Stage.PUBLISH}) {
            assertThat(EXPLAINER.explain(outage, stage)).as("stage %s", stage)
                    .isEqualTo("无法连接中枢数据库（" + HUB_URL + "）：Connection refused");
        }
        Throwable timedOut = wrapped(new SQLTransientConnectionException("hub - Connection is not available, request timed out after 30000ms."));
        assertThat(EXPLAINER.explain(timedOut, Stage.PUBLISH)).isEqualTo("中枢数据库在 30 秒内无响应（" + HUB_URL + "），未能建立连接");
    }

    @Test
    void aPostgresErrorNamingAServerIsThatServersDatabase() {
        PSQLException refused = new PSQLException("Connection to finance-db:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
        assertThat(EXPLAINER.explain(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", refused), Stage.PUBLISH))
                .startsWith("无法连接财政数据库（" + URL);

        PSQLException hub = new PSQLException("Connection to hub-db:5433 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        assertThat(EXPLAINER.explain(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", hub), Stage.INGEST))
                .startsWith("中枢数据库出错（" + HUB_URL + "）");
    }

    @Test
    void aStatementTheHubsJdbcTemplateMarkedIsTheHubDatabaseEvenWhileReadingFinanceData() {
        SQLException stalled = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketTimeoutException("Read timed out"));
        stalled.addSuppressed(new FailureExplainer.From("hub"));

        assertThat(EXPLAINER.explain(new UncategorizedSQLException("insert task", "INSERT INTO task", stalled), Stage.INGEST))
                .isEqualTo("中枢数据库无响应（" + HUB_URL + "）");
    }

    @Test
    void aDatabaseErrorOfNoKnownOriginInThePublishStageIsTheHubsOwnNotTheCms() {
        SQLException locked = new SQLException("Timeout trying to lock table \"delivery\"", "HYT00");

        String line = EXPLAINER.explain(new CamelExecutionException("exchange", null,
                new UncategorizedSQLException("claim", "UPDATE delivery", locked)), Stage.PUBLISH);

        assertThat(line).isEqualTo("中枢数据库出错（" + HUB_URL + "）：Timeout trying to lock table \"delivery\"").doesNotContain("CMS");
        assertThat(EXPLAINER.explain(new UncategorizedSQLException("read", "SELECT", locked), Stage.INGEST)).startsWith("财政数据库出错（");
    }

    @Test
    void anErrorWithoutAMessageIsStillASentenceNotABareExceptionName() {
        assertThat(EXPLAINER.explain(new RuntimeException(new IllegalStateException()), Stage.RENDER))
                .isEqualTo("程序内部错误，未给出原因（IllegalStateException）");
        assertThat(EXPLAINER.explain(new RuntimeException(new NullPointerException()), Stage.RENDER))
                .isEqualTo("中枢程序缺陷，重试无用，请把日志交给开发人员（无详细信息，见日志）");
        assertThat(EXPLAINER.explain(wrapped(new SQLTransientConnectionException((String) null)), null))
                .isEqualTo("财政数据库在 10 秒内无响应（" + URL + "?user=hub&password=***），未能建立连接");
        assertThat(FailureExplainer.database(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", new SQLException()),
                EXPLAINER.hub())).isEqualTo("中枢数据库出错（" + HUB_URL + "）：Failed to obtain JDBC Connection");
    }
}
