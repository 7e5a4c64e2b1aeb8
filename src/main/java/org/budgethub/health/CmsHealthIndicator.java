package org.budgethub.health;

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

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.core.env.Environment;


/**
 * The website CMS's SFTP server: a TCP connection to {@code hub.cms.host:hub.cms.port} and its
 * SSH identification line ("SSH-2.0-…"), within {@code hub.cms.health-timeout-ms}. It never logs
 * in and never uploads: the line is sent by the server before any authentication. Settings are
 * read from the Environment at every check, because the demo's embedded CMS may take port 0 and
 * publish the real port only once it has started.
 *
 * <p>A CMS that cannot be reached is {@link #CMS_DOWN}, not DOWN: the hub still builds, keeps and
 * shows every package, and sends approved ones once the CMS is back, so a load balancer must not
 * take it out of service for that. application.yaml orders CMS_DOWN after UP (it never decides
 * {@code /actuator/health}) and maps it to 503 where it is the answer ({@code /actuator/health/cms}).
 */
public class CmsHealthIndicator implements HealthIndicator {

    /** The CMS is unreachable; the hub itself is not down for it. */
    public static final Status CMS_DOWN = new Status("CMS_DOWN", "网站 CMS 服务器不可用：已批准的版本暂不能送达网站，恢复后自动重试；中枢其余功能正常");

    static final int DEFAULT_TIMEOUT_MS = 2000;
    /** RFC 4253 §4.2: a server may send other lines first; the identification line is at most 255 bytes. */
    private static final int MAX_PREAMBLE_BYTES = 8192;
    private static final int MAX_LINE = 255;

    private final Environment environment;

    public CmsHealthIndicator(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Health health() {
        String mode = environment.getProperty("hub.publish.mode", "sftp").trim();
        if ("local".equalsIgnoreCase(mode)) {
            return Health.up().withDetail("mode", "local (no CMS)").build();
        }
        String host = environment.getProperty("hub.cms.host", "127.0.0.1").trim();
        String port = environment.getProperty("hub.cms.port", "2222").trim();
        Health.Builder down = Health.status(CMS_DOWN).withDetail("host", host).withDetail("port", port);
        int portNumber;
        int timeoutMs;
        try {
            portNumber = Integer.parseInt(port);
            timeoutMs = Integer.parseInt(environment.getProperty("hub.cms.health-timeout-ms",
                    Integer.toString(DEFAULT_TIMEOUT_MS)).trim());
        } catch (NumberFormatException e) {
            return down.withDetail("error", "hub.cms.port 或 hub.cms.health-timeout-ms 不是数字：" + e.getMessage()).build();
        }
        if (portNumber < 1 || portNumber > 65535) {
            return down.withDetail("error", "hub.cms.port 为 " + port + "，没有可连接的端口（内置 CMS 是否已启动？）").build();
        }
        try {
            String banner = readIdentification(host, portNumber, Math.max(1, timeoutMs));
            if (!banner.startsWith("SSH-2.0-") && !banner.startsWith("SSH-1.99-")) {
                return down.withDetail("banner", banner).withDetail("error", "该服务器不支持 SSH 2，不是 SFTP 服务器：" + banner).build();
            }
            return Health.up().withDetail("host", host).withDetail("port", portNumber).withDetail("banner", banner).build();
        } catch (IOException e) {
            return down.withDetail("error", reason(e, timeoutMs)).build();
        }
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

    private static String reason(IOException e, int timeoutMs) {
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
}
