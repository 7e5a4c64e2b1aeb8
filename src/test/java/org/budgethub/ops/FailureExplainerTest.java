package org.budgethub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

import org.budgethub.model.DataError;
import org.budgethub.model.Stage;

/** The operator's sentence for each kind of failure: one place, one line, the database or server named. */
class FailureExplainerTest {

    private static final String URL = "jdbc:postgresql://finance-db:5432/finance";
    private static final FailureExplainer EXPLAINER = new FailureExplainer(
            new FailureExplainer.Database("财政数据库", URL + "?user=hub&password=secret", 10_000, 60_000));

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
}
