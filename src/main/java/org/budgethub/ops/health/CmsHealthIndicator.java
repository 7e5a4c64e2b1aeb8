package org.budgethub.ops.health;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.core.env.Environment;

/**
 * The website CMS's SFTP server: a TCP connection to {@code hub.cms.host:hub.cms.port} and its
 * SSH identification line ("SSH-2.0-…"), within {@code hub.cms.health-timeout-ms}. It never logs
 * in and never uploads: the line is sent by the server before any authentication. Settings are
 * read from the Environment at every check, because the demo's embedded CMS may take port 0 and
 * publish the real port only once it has started.
 */
public class CmsHealthIndicator implements HealthIndicator {

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
        Health.Builder down = Health.down().withDetail("host", host).withDetail("port", port);
        int portNumber;
        int timeoutMs;
        try {
            portNumber = Integer.parseInt(port);
            timeoutMs = Integer.parseInt(environment.getProperty("hub.cms.health-timeout-ms",
                    Integer.toString(DEFAULT_TIMEOUT_MS)).trim());
        } catch (NumberFormatException e) {
            return down.withDetail("error", "not a number: " + e.getMessage()).build();
        }
        if (portNumber < 1 || portNumber > 65535) {
            return down.withDetail("error", "hub.cms.port is " + port + ": no port to connect to (has the embedded CMS started?)").build();
        }
        try {
            String banner = readIdentification(host, portNumber, Math.max(1, timeoutMs));
            if (!banner.startsWith("SSH-2.0-") && !banner.startsWith("SSH-1.99-")) {
                return down.withDetail("banner", banner).withDetail("error", "the server does not speak SSH 2: " + banner).build();
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
                    throw new EOFException("the server closed the connection without an SSH identification");
                }
                if (++read > MAX_PREAMBLE_BYTES) {
                    throw new IOException("no SSH identification in the first " + MAX_PREAMBLE_BYTES + " bytes: not an SSH server");
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
            return "connected, but no SSH identification within " + timeoutMs + " ms";
        }
        if (e instanceof SocketTimeoutException) {
            return "no TCP connection within " + timeoutMs + " ms";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host: " + e.getMessage();
        }
        if (e instanceof ConnectException) {
            return "cannot connect: " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static final class SshTimeout extends IOException {
        SshTimeout() {
            super("no SSH identification in time");
        }
    }
}
