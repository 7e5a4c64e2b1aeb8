package org.budgethub.health;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntSupplier;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;


/**
 * The website CMS's SFTP server, checked as delivery uses it: its SSH identification line, then a
 * login with the hub's key (JSch, as camel-ftp's delivery: the same user, key, known_hosts and host
 * key checking), then a temporary file created and removed in the publish folder, all within
 * {@code hub.cms.health-timeout-ms} ({@link BoundedHealth}). A server that answers but refuses the
 * login or the upload is as useless to delivery as one that is off.
 *
 * <p>A CMS that fails the check is {@link #CMS_DOWN}, not DOWN: the hub still builds, keeps and
 * shows every package, and sends approved ones once the CMS is back, so a load balancer must not
 * take it out of service for that. application.yaml orders CMS_DOWN after UP (it never decides
 * {@code /actuator/health}) and maps it to 503 where it is the answer ({@code /actuator/health/cms}).
 */
public class CmsHealthIndicator extends BoundedHealth {

    /** The CMS cannot be reached, refuses the hub's login or its uploads; the hub itself is not down for it. */
    public static final Status CMS_DOWN = new Status("CMS_DOWN",
            "网站 CMS 服务器不可用或不能写入：已批准的版本暂不能送达网站，恢复后自动重试；中枢其余功能正常");

    /**
     * Each check logs in and writes on the CMS: an answer is reused this long, so a monitor asking
     * every second does not log in every second.
     */
    public static final Duration REUSE = Duration.ofSeconds(10);

    /** RFC 4253 §4.2: a server may send other lines first; the identification line is at most 255 bytes. */
    private static final int MAX_PREAMBLE_BYTES = 8192;
    private static final int MAX_LINE = 255;
    private static final byte[] PROBE = "budget-disclosure-hub health check: safe to delete\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * {@code hub.cms.*} as delivery reads them. The port is asked at every check: the demo's
     * embedded CMS may take port 0 and publish the port it took only once it has started.
     */
    public record Login(String host, IntSupplier port, String directory, String username, String password,
                        String privateKeyFile, String knownHostsFile, boolean strictHostKeys) {
    }

    private final boolean toCms;
    private final Login login;
    private final long timeoutMs;
    /** The steps' own time-outs end a little before the bound, so their reason, which names the step, comes first. */
    private final long stepsMs;
    private final String probeName;
    private final long reuseNanos;
    private volatile Health last;
    private volatile long lastAt;

    /**
     * @param toCms    false in {@code hub.publish.mode=local}: no CMS, always UP
     * @param instance this hub's instance id, in the temporary file's name so instances never share one
     * @param reuse    how long an answer is given again without a new check ({@link #REUSE})
     */
    public CmsHealthIndicator(boolean toCms, Login login, Duration timeout, String instance, Duration reuse) {
        super("cms", timeout);
        this.toCms = toCms;
        this.login = login;
        this.timeoutMs = Math.max(1, timeout.toMillis());
        this.stepsMs = Math.max(1, timeoutMs - Math.min(250, timeoutMs / 5));
        this.probeName = probeName(instance);
        this.reuseNanos = reuse.toNanos();
    }

    /**
     * ".hub-health-<instance>.tmp": a dot file with a .tmp suffix, which the website's import skips
     * like the hub's own ".part" files; only letters, digits, '.', '_' and '-' (JSch globs the rest).
     */
    static String probeName(String instance) {
        String safe = instance == null || instance.isBlank() ? "hub" : instance.strip().replaceAll("[^A-Za-z0-9._-]", "_");
        return ".hub-health-" + safe + ".tmp";
    }

    @Override
    public Health health() {
        if (!toCms) {
            return Health.up().withDetail("mode", "local (no CMS)").build();
        }
        Health reused = last;
        if (reused != null && System.nanoTime() - lastAt < reuseNanos) {
            return reused;
        }
        Health now = super.health();
        last = now;
        lastAt = System.nanoTime();
        return now;
    }

    @Override
    protected Health.Builder failed() {
        return Health.status(CMS_DOWN).withDetail("host", login.host()).withDetail("port", login.port().getAsInt());
    }

    @Override
    protected Health check() throws Exception {
        String host = login.host();
        int port = login.port().getAsInt();
        if (port < 1 || port > 65535) {
            throw new Refused("hub.cms.port 为 " + port + "，没有可连接的端口（内置 CMS 是否已启动？）");
        }
        long deadline = System.nanoTime() + stepsMs * 1_000_000L;
        String banner;
        try {
            banner = readIdentification(host, port, remaining(deadline));
        } catch (IOException e) {
            throw new Refused(reason(e, timeoutMs));
        }
        if (!banner.startsWith("SSH-2.0-") && !banner.startsWith("SSH-1.99-")) {
            throw new Refused("该服务器不支持 SSH 2，不是 SFTP 服务器：" + banner);
        }
        Session session = session(host, port, deadline);
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(remaining(deadline));
            String folder = folder(sftp);
            String probe = folder.isEmpty() ? probeName : folder + "/" + probeName;
            try {
                sftp.put(new ByteArrayInputStream(PROBE), probe);
            } catch (SftpException e) {
                throw new Refused(writeRefused(e, folder));
            }
            try {
                sftp.rm(probe);
            } catch (SftpException e) {
                throw new Refused("已在网站 CMS 服务器的发布目录写入检查文件 " + probe + "，但删除被拒绝：中枢发送时要覆盖和改名文件，"
                        + "请网站管理员为账号 " + login.username() + " 开放删除权限，并删除该文件（" + e.getMessage() + "）");
            }
        } finally {
            session.disconnect();
        }
        return Health.up().withDetail("host", host).withDetail("port", port).withDetail("banner", banner)
                .withDetail("username", login.username()).withDetail("directory", login.directory())
                .withDetail("check", "已用中枢的密钥登录，并在发布目录中写入、删除了临时文件 " + probeName).build();
    }

    /** Logs in as delivery does (camel-ftp's sftp: the same key, known_hosts and strict host key checking). */
    private Session session(String host, int port, long deadline) throws Refused {
        try {
            JSch jsch = new JSch();
            if (login.knownHostsFile() != null && !login.knownHostsFile().isBlank()) {
                jsch.setKnownHosts(login.knownHostsFile());
            }
            if (login.privateKeyFile() != null && !login.privateKeyFile().isBlank()) {
                jsch.addIdentity(login.privateKeyFile());
            }
            Session session = jsch.getSession(login.username(), host, port);
            if (login.password() != null && !login.password().isEmpty()) {
                session.setPassword(login.password());
            }
            session.setConfig("StrictHostKeyChecking", login.strictHostKeys() ? "yes" : "no");
            // After the login every read waits at most the rest of the time-out (0 would be forever).
            session.setTimeout(remaining(deadline));
            session.connect(remaining(deadline));
            return session;
        } catch (JSchException e) {
            throw new Refused(FailureExplainer.delivery(e));
        }
    }

    /** The publish folder, created as delivery would on its first upload when it does not exist yet. */
    private String folder(ChannelSftp sftp) throws Refused {
        String directory = login.directory() == null ? "" : login.directory().strip();
        String path = directory.startsWith("/") ? "" : null;
        for (String part : directory.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            path = path == null ? part : path + "/" + part;
            try {
                sftp.stat(path);
            } catch (SftpException missing) {
                if (missing.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                    throw new Refused("网站 CMS 服务器上的发布目录 " + path + " 无法读取（" + missing.getMessage() + "）");
                }
                try {
                    sftp.mkdir(path);
                } catch (SftpException e) {
                    throw new Refused("网站 CMS 服务器上没有发布目录 " + path + "，中枢的账号 " + login.username()
                            + " 也不能创建它：请网站管理员创建该目录并开放写权限（" + e.getMessage() + "）");
                }
            }
        }
        return path == null ? "" : path;
    }

    private String writeRefused(SftpException e, String folder) {
        String where = "发布目录" + (folder.isEmpty() ? "（登录目录）" : " " + folder + " ");
        if (e.id == ChannelSftp.SSH_FX_PERMISSION_DENIED) {
            return "网站 CMS 服务器接受了中枢的登录，但拒绝账号 " + login.username() + " 在" + where
                    + "中写入（权限不足）：请网站管理员为该账号开放写权限（" + e.getMessage() + "）";
        }
        if (e.id == ChannelSftp.SSH_FX_FAILURE) {
            // SFTP v3 has no status for a full disk, a quota or a read-only file system: servers answer a plain failure.
            return "网站 CMS 服务器接受了中枢的登录，但不能在" + where + "中写入文件：多半是磁盘已满、配额用尽或文件系统只读，"
                    + "请网站管理员检查（" + e.getMessage() + "）";
        }
        return "网站 CMS 服务器接受了中枢的登录，但在" + where + "中写入文件失败（" + e.getMessage() + "）";
    }

    private static int remaining(long deadline) throws Refused {
        long ms = (deadline - System.nanoTime()) / 1_000_000L;
        if (ms <= 0) {
            throw new Refused(null);
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    @Override
    protected String explain(Throwable error) {
        if (error instanceof Refused refused) {
            return refused.getMessage() == null ? noAnswer(timeoutMs) : refused.getMessage();
        }
        return FailureExplainer.delivery(error);
    }

    @Override
    protected String noAnswer(long timeoutMs) {
        return "网站 CMS 服务器在 " + timeoutMs + " 毫秒内没有完成登录和写入检查：服务器可能挂起或过载";
    }

    /** Connects, reads up to the first line that starts with "SSH-" and hangs up, all within {@code timeoutMs}. */
    static String readIdentification(String host, int port, int timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int read = 0;
            while (true) {
                long remaining = (deadline - System.nanoTime()) / 1_000_000L;
                if (remaining <= 0) {
                    throw new SshTimeout();
                }
                socket.setSoTimeout((int) remaining);
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    throw new SshTimeout();
                }
                if (b < 0) {
                    throw new EOFException("服务器未发来 SSH 标识就断开了连接，不是 SFTP 服务器");
                }
                if (++read > MAX_PREAMBLE_BYTES) {
                    throw new IOException("前 " + MAX_PREAMBLE_BYTES + " 字节中没有 SSH 标识，不是 SFTP 服务器");
                }
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.US_ASCII).strip();
                    if (text.startsWith("SSH-")) {
                        return text;
                    }
                    line.reset();
                } else if (line.size() < MAX_LINE) {
                    line.write(b);
                }
            }
        }
    }

    private static String reason(IOException e, long timeoutMs) {
        if (e instanceof SshTimeout) {
            return "已连上网站 CMS 服务器，但它在 " + timeoutMs + " 毫秒内没有发来 SSH 标识：服务器可能挂起或过载";
        }
        if (e instanceof SocketTimeoutException) {
            return "网站 CMS 服务器在 " + timeoutMs + " 毫秒内未接受 TCP 连接：请检查网络和防火墙";
        }
        if (e instanceof UnknownHostException) {
            return "找不到网站 CMS 服务器的主机：请核对 hub.cms.host（" + e.getMessage() + "）";
        }
        if (e instanceof ConnectException) {
            return "无法连接网站 CMS 服务器：服务器未启动、端口不对或被防火墙拦截（" + e.getMessage() + "）";
        }
        return "网站 CMS 服务器异常：" + FailureExplainer.innermostMessage(e);
    }

    private static final class SshTimeout extends IOException {
        SshTimeout() {
            super("no SSH identification in time");
        }
    }

    /** A step of the check failed; its message is the reason an operator reads (null: out of time). */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
