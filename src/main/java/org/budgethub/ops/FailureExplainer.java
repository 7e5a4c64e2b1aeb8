package org.budgethub.ops;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.budgethub.model.DataError;
import org.budgethub.model.Stage;

/**
 * The one place that turns a failure into the sentence an operator reads: in the run history, the
 * export summary, the delivery record and the health checks. It says which stage, which database
 * or server, what went wrong in its own words (the innermost message, never the wiring around it),
 * and a hint where the cause is terse.
 */
public final class FailureExplainer {

    /** A database as operators know it: its name, its JDBC URL (passwords masked) and its time-outs. */
    public record Database(String name, String url, int connectTimeoutMs, int socketTimeoutMs) {

        public Database {
            url = url == null || url.isBlank() ? "内置演示数据库" : PASSWORD.matcher(url).replaceAll("$1=***");
        }
    }

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password|pwd)=[^&;]*");
    /** Camel's wrappers say where the exchange was, not what happened. */
    private static final List<String> WRAPPERS = List.of("org.apache.camel.CamelExecutionException",
            "org.apache.camel.CamelExchangeException", "org.apache.camel.RuntimeCamelException",
            "org.springframework.beans.factory.BeanCreationException", "java.util.concurrent.CompletionException",
            "java.util.concurrent.ExecutionException");
    private static final String DISK_FULL_HINT =
            " (the CMS server could not write the file: most often its disk is full or a quota is reached)";
    private static final String HOST_KEY_HINT =
            " (the CMS server's host key is not the one in hub.cms.known-hosts-file: if the server was rebuilt, "
                    + "ask its administrators for the new key and replace the line; never switch strict checking off)";

    private final Database finance;

    public FailureExplainer(Database finance) {
        this.finance = finance;
    }

    public Database finance() {
        return finance;
    }

    /**
     * Why an agency (or, with {@code stage} null, a whole run) failed: a data error's own reason; a
     * database error named with the finance database; an upload error with its server's words and hint.
     */
    public String explain(Throwable error, Stage stage) {
        if (error == null) {
            return "未知错误";
        }
        DataError data = find(error, DataError.class);
        if (data != null) {
            return data.getMessage();
        }
        if (stage == Stage.PUBLISH || isDelivery(error)) {
            return delivery(error);
        }
        if (isDatabase(error)) {
            return database(error, finance);
        }
        return describe(error);
    }

    /**
     * One short line for a database that cannot be reached or does not answer: refused, unknown host,
     * login refused, or silent (no answer within the socket time-out to a query, within the connect
     * time-out to a new connection).
     */
    public static String database(Throwable error, Database db) {
        String cause = innermostMessage(error);
        if (find(error, UnknownHostException.class) != null) {
            return "找不到" + db.name() + "的主机（" + db.url() + "）：" + cause;
        }
        if (find(error, ConnectException.class) != null) {
            return "无法连接" + db.name() + "（" + db.url() + "）：" + cause;
        }
        String state = innermostState(error);
        if (state != null && state.startsWith("28")) {
            return db.name() + "拒绝登录（" + db.url() + "）：" + cause;
        }
        SocketTimeoutException timeout = find(error, SocketTimeoutException.class);
        if (timeout != null && !String.valueOf(timeout.getMessage()).contains("connect")) {
            return db.name() + "在 " + seconds(db.socketTimeoutMs()) + " 秒内无响应（" + db.url() + "）";
        }
        if (timeout != null || find(error, SQLTransientConnectionException.class) != null) {
            return db.name() + "在 " + seconds(db.connectTimeoutMs()) + " 秒内无响应（" + db.url() + "），未能建立连接";
        }
        return db.name() + "出错（" + db.url() + "）：" + cause;
    }

    /**
     * An SFTP delivery error: the chain of messages (which file, which server, what it said), and a
     * hint where SFTP itself is terse (a full disk, a changed host key).
     */
    public static String delivery(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable t : chain(error)) {
            String message = t.getMessage();
            if (!isWrapper(t) && message != null && !message.isBlank() && parts.stream().noneMatch(p -> p.contains(message))) {
                parts.add(message);
            }
        }
        String text = parts.isEmpty() ? describe(error) : String.join(": ", parts);
        if (text.contains("Cannot store file") && (text.endsWith("General failure") || text.endsWith("Failure"))) {
            // SFTP v3 has no status for a full disk or an exhausted quota: servers answer a plain failure.
            text += DISK_FULL_HINT;
        } else if (text.contains("HostKey") || text.contains("host key")) {
            text += HOST_KEY_HINT;
        }
        return text;
    }

    /** The innermost cause as "Type: message", or the message alone when it says enough. */
    public static String describe(Throwable error) {
        Throwable root = innermost(error);
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + message;
    }

    public static String innermostMessage(Throwable error) {
        Throwable root = innermost(error);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
    }

    /** The first throwable of {@code type} in the chain of causes, or null. */
    public static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t : chain(error)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean isDatabase(Throwable error) {
        return find(error, SQLException.class) != null || chain(error).stream()
                .anyMatch(t -> t.getClass().getName().startsWith("org.springframework.dao.")
                        || t.getClass().getName().startsWith("org.springframework.jdbc."));
    }

    private static boolean isDelivery(Throwable error) {
        return chain(error).stream().anyMatch(t -> t.getClass().getName().startsWith("com.jcraft.jsch.")
                || t.getClass().getName().equals("org.apache.camel.component.file.GenericFileOperationFailedException"));
    }

    private static boolean isWrapper(Throwable t) {
        return WRAPPERS.contains(t.getClass().getName());
    }

    private static String innermostState(Throwable error) {
        String state = null;
        for (Throwable t : chain(error)) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                state = s.getSQLState();
            }
        }
        return state;
    }

    private static Throwable innermost(Throwable error) {
        List<Throwable> chain = chain(error);
        return chain.get(chain.size() - 1);
    }

    /** The error and its causes, outermost first, each once. */
    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String seconds(int ms) {
        return ms % 1000 == 0 ? Integer.toString(ms / 1000) : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
