package org.budgethub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy in front of a database that can stop answering, as a database whose server hangs or
 * whose network drops packets does: once a client sends a statement containing the trigger text,
 * the proxy keeps every connection open but forwards nothing more, in either direction.
 */
public final class StallingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final byte[] trigger;
    private final AtomicBoolean stalled = new AtomicBoolean();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** @param trigger the first statement that carries this text is never answered, nor anything after it */
    public StallingProxy(String targetHost, int targetPort, String trigger) {
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.trigger = trigger.getBytes(StandardCharsets.UTF_8);
        Thread accept = new Thread(this::accept, "stalling-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public boolean stalled() {
        return stalled.get();
    }

    /** From now on nothing is forwarded, on open connections and new ones alike: a hung server. */
    public void stall() {
        stalled.set(true);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (fromClient && contains(buffer, n)) {
                        stalled.set(true);
                    }
                    if (stalled.get()) {
                        continue; // swallowed: the database "stopped answering"
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            }
        }, "stalling-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private boolean contains(byte[] buffer, int length) {
        outer:
        for (int i = 0; i + trigger.length <= length; i++) {
            for (int j = 0; j < trigger.length; j++) {
                if (buffer[i + j] != trigger[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
