package org.budgethub.health;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.model.Stage;

/**
 * The one place that turns a failure into the sentence an operator reads: in the run history, the
 * export summary, the delivery record and the health checks. It says which stage, which database
 * or server, what went wrong in its own words (the innermost message, never the wiring around it),
 * and a hint where the cause is terse.
 */
public final class FailureExplainer {

    /**
     * A database as operators know it: its name, its JDBC URL (passwords masked), its time-outs (0:
     * none), and the name of its connection pool, which Hikari puts at the start of its messages.
     */
    public record Database(String name, String url, int connectTimeoutMs, int socketTimeoutMs, String pool) {

        public Database {
            url = url == null || url.isBlank() ? "内置演示数据库" : PASSWORD.matcher(url).replaceAll("$1=***");
        }

        public Database(String name, String url, int connectTimeoutMs, int socketTimeoutMs) {
            this(name, url, connectTimeoutMs, socketTimeoutMs, null);
        }

        /** "host:port" of a PostgreSQL URL, as the driver names the server in its messages; null for others. */
        String server() {
            java.util.regex.Matcher m = PG_SERVER.matcher(url);
            return m.find() ? m.group(1) + ":" + (m.group(2) == null ? "5432" : m.group(2)) : null;
        }

        /** Whether the error says it came from this database: marked so, its pool's words, or its server's address. */
        boolean named(Throwable error) {
            String server = server();
            for (Throwable t : chain(error)) {
                for (Throwable s : t.getSuppressed()) {
                    if (s instanceof From from && pool != null && pool.equals(from.getMessage())) {
                        return true;
                    }
                }
                String message = t.getMessage();
                if (message == null) {
                    continue;
                }
                if (pool != null && message.startsWith(pool + " - ")) {
                    return true;
                }
                if (server != null && t.getClass().getName().startsWith("org.postgresql.") && message.contains(server)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Marks an error with the pool it came from where the caller knows it (the hub's JdbcTemplate),
     * so a statement that fails without naming its server is still blamed on the right database.
     */
    public static final class From extends RuntimeException {

        public From(String pool) {
            super(pool, null, false, false);
        }
    }

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password|pwd)=[^&;]*");
    private static final Pattern PG_SERVER = Pattern.compile("^jdbc:postgresql://([^/:?,]+)(?::(\\d+))?");
    /** Camel's wrappers say where the exchange was, not what happened. */
    private static final List<String> WRAPPERS = List.of("org.apache.camel.CamelExecutionException",
            "org.apache.camel.CamelExchangeException", "org.apache.camel.RuntimeCamelException",
            "org.springframework.beans.factory.BeanCreationException", "java.util.concurrent.CompletionException",
            "java.util.concurrent.ExecutionException");
    /** The hub's own database where a caller knows no better (the command line's explainer). */
    static final Database HUB_DEFAULT = new Database("中枢数据库", null, 0, 0, "hub");

    private final Database finance;
    private final Database hub;

    public FailureExplainer(Database finance) {
        this(finance, HUB_DEFAULT);
    }

    public FailureExplainer(Database finance, Database hub) {
        this.finance = finance;
        this.hub = hub;
    }

    public Database finance() {
        return finance;
    }

    public Database hub() {
        return hub;
    }

    /**
     * Why an agency (or, with {@code stage} null, a whole run) failed: a data error's own reason; a
     * database error named with the database it came from (the finance database, or the hub's own);
     * an upload error with the CMS server's words and hint.
     */
    public String explain(Throwable error, Stage stage) {
        if (error == null) {
            return "未知错误";
        }
        DataError data = find(error, DataError.class);
        if (data != null) {
            return data.getMessage();
        }
        if (isDelivery(error)) {
            return delivery(error);
        }
        if (isDatabase(error)) {
            return database(error, databaseOf(error, stage));
        }
        if (stage == Stage.PUBLISH) {
            return delivery(error);
        }
        if (isProgrammingError(error)) {
            return "中枢程序缺陷，重试无用，请把日志交给开发人员（" + innermostMessage(error) + "）";
        }
        return describe(error);
    }

    /** Faults of code, not of a database, disk or server: retrying cannot help, and their class names mean nothing to an operator. */
    private static final List<Class<? extends Throwable>> PROGRAMMING_ERRORS = List.of(NullPointerException.class,
            ArithmeticException.class, ClassCastException.class, IndexOutOfBoundsException.class);

    public static boolean isProgrammingError(Throwable error) {
        Throwable root = innermost(error);
        return PROGRAMMING_ERRORS.stream().anyMatch(type -> type.isInstance(root));
    }

    /**
     * Which database a database error came from: the one it names (pool, server, mark); else, in the
     * publish stage, the hub's (publishing reads and writes delivery records, never finance data);
     * else the finance database, which the other stages read.
     */
    Database databaseOf(Throwable error, Stage stage) {
        boolean hubNamed = hub.named(error);
        boolean financeNamed = finance.named(error);
        if (hubNamed != financeNamed) {
            return hubNamed ? hub : finance;
        }
        return stage == Stage.PUBLISH ? hub : finance;
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
            return db.name() + within(db.socketTimeoutMs()) + "无响应（" + db.url() + "）";
        }
        if (timeout != null || find(error, SQLTransientConnectionException.class) != null) {
            return db.name() + within(db.connectTimeoutMs()) + "无响应（" + db.url() + "），未能建立连接";
        }
        return db.name() + "出错（" + db.url() + "）：" + cause;
    }

    /**
     * An SFTP delivery error as an operator acts on it: what happened and what to do, in Chinese, then
     * the server's own words in brackets (which file, which server, what it said).
     */
    public static String delivery(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable t : chain(error)) {
            String message = t.getMessage();
            if (!isWrapper(t) && message != null && !message.isBlank() && parts.stream().noneMatch(p -> p.contains(message))) {
                parts.add(message);
            }
        }
        String words = parts.isEmpty() ? describe(error) : String.join(": ", parts);
        return deliverySentence(error, words) + "（" + words + "）";
    }

    private static String deliverySentence(Throwable error, String words) {
        String lower = words.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("hostkey") || lower.contains("host key")) {
            return "网站 CMS 服务器的主机密钥与 hub.cms.known-hosts-file 中记录的不一致，已拒绝连接：若服务器重装过，"
                    + "请向其管理员索取新密钥并替换该行；切勿关闭严格检查";
        }
        if (lower.contains("auth fail") || lower.contains("auth cancel") || lower.contains("authentication")) {
            return "网站 CMS 服务器拒绝登录：请核对 hub.cms.username 与密钥（或 HUB_CMS_PASSWORD）";
        }
        if (lower.contains("permission denied")) {
            return "网站 CMS 服务器拒绝写入（权限不足）：请网站管理员为中枢的账号开放发布目录的写权限";
        }
        if (words.contains("Cannot store file") && (words.endsWith("General failure") || words.endsWith("Failure"))) {
            // SFTP v3 has no status for a full disk or an exhausted quota: servers answer a plain failure.
            return "网站 CMS 服务器无法写入文件，多半是磁盘已满或配额用尽：请网站管理员清理空间";
        }
        java.io.FileNotFoundException local = find(error, java.io.FileNotFoundException.class);
        if (local != null) {
            // A file of the hub's own (its key, its known_hosts) is missing: not the CMS's folder.
            return "中枢本机缺少连接网站 CMS 服务器所需的文件（" + local.getMessage() + "）：请核对 hub.cms.private-key-file 和 hub.cms.known-hosts-file";
        }
        if (lower.contains("not a directory") || lower.contains("no such file")) {
            return "网站 CMS 服务器上的发布目录不存在或不是文件夹（例如被同名文件占用）：请网站管理员检查 hub.cms.directory 下该路径";
        }
        if (find(error, UnknownHostException.class) != null || lower.contains("unknownhost")) {
            return "找不到网站 CMS 服务器的主机：请核对 hub.cms.host";
        }
        if (find(error, ConnectException.class) != null || lower.contains("connection refused") || lower.contains("cannot connect")) {
            return "无法连接网站 CMS 服务器：服务器未启动、端口不对或被防火墙拦截，稍后会自动重试";
        }
        if (find(error, SocketTimeoutException.class) != null || lower.contains("timeout") || lower.contains("timed out")) {
            return "网站 CMS 服务器在规定时间内无响应，稍后会自动重试";
        }
        if (lower.contains("closed") || lower.contains("session is down") || lower.contains("end of io stream")
                || lower.contains("broken pipe") || lower.contains("connection reset")) {
            return "上传途中与网站 CMS 服务器的连接中断；未完成的文件不会出现，稍后会自动重试";
        }
        return "上传到网站 CMS 服务器失败";
    }

    /** The innermost cause as "Type: message", or the message alone when it says enough. */
    public static String describe(Throwable error) {
        Throwable root = innermost(error);
        String message = root.getMessage();
        return message == null || message.isBlank() ? "程序内部错误，未给出原因（" + root.getClass().getSimpleName() + "）"
                : root.getClass().getSimpleName() + ": " + message;
    }

    /** The innermost message in the chain; where no cause says anything, that it said nothing, and its type. */
    public static String innermostMessage(Throwable error) {
        List<Throwable> chain = chain(error);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Throwable t = chain.get(i);
            String message = t.getMessage();
            // new RuntimeException(cause) says only cause.toString(): the class name, nothing of what happened.
            boolean onlyItsCause = t.getCause() != null && String.valueOf(message).equals(t.getCause().toString());
            if (message != null && !message.isBlank() && !isWrapper(t) && !onlyItsCause) {
                return message.strip();
            }
        }
        if (isProgrammingError(error)) {
            return "无详细信息，见日志";
        }
        return "未给出原因（" + innermost(error).getClass().getSimpleName() + "）";
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
                        || t.getClass().getName().startsWith("org.springframework.jdbc.")
                        || t.getClass().getName().equals("org.springframework.transaction.CannotCreateTransactionException"));
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

    /** A database that did not answer a health check in time. */
    public static String noAnswer(Database db, long timeoutMs) {
        return db.name() + within(timeoutMs) + "无响应（" + db.url() + "）";
    }

    /** "在 N 秒内", or nothing for a database without that time-out. */
    private static String within(long ms) {
        return ms <= 0 ? "" : "在 " + seconds(ms) + " 秒内";
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
    }

    // ------------------------------------------------------------ retries, as the console shows them

    /** "第 2/4 次尝试": the attempt under way, of all the error handler allows. */
    public static String attempts(int attempt, int of) {
        return "第 " + attempt + "/" + of + " 次尝试";
    }

    /** The final reason of a stage that was retried: how often, over how long, then why. */
    public static String afterRetries(AgencyWork work, String reason) {
        if (work == null || work.retries() == 0) {
            return reason;
        }
        return "尝试 " + (work.retries() + 1) + " 次均失败（重试用时 " + String.format("%.1f", work.retryingMs() / 1000.0) + " 秒）：" + reason;
    }
}
