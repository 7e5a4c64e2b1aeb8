package org.budgethub.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SFTP server (Apache MINA SSHD) serving a local folder: the website CMS of the demo and of the
 * tests. It accepts exactly one user with one key, which it generates on first start next to a
 * known_hosts file naming its own host key, so the hub connects with strict host key checking.
 */
public final class EmbeddedSftpServer implements AutoCloseable {

    private final SshServer server;
    private final Path root;
    private final Path knownHosts;
    private final Path clientKey;

    private EmbeddedSftpServer(SshServer server, Path root, Path knownHosts, Path clientKey) {
        this.server = server;
        this.root = root;
        this.knownHosts = knownHosts;
        this.clientKey = clientKey;
    }

    /**
     * @param port 0 for any free port
     * @param listeners hooks on SFTP operations (tests use them to inject faults)
     */
    public static EmbeddedSftpServer start(Path root, Path hostKeyFile, Path clientKey, Path knownHosts, String host, int port,
                                           String username, List<SftpEventListener> listeners) {
        try {
            Files.createDirectories(root);
            KeyPair client = clientKeyPair(clientKey);
            PublicKey allowed = client.getPublic();
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost(host);
            server.setPort(port);
            SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
            hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
            hostKeys.setKeySize(256);
            server.setKeyPairProvider(hostKeys);
            server.setPublickeyAuthenticator((user, key, session) -> username.equals(user) && KeyUtils.compareKeys(allowed, key));
            server.setPasswordAuthenticator(null);
            server.setKeyboardInteractiveAuthenticator(null);
            SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
            listeners.forEach(sftp::addSftpEventListener);
            server.setSubsystemFactories(List.of(sftp));
            server.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
            server.start();
            writeKnownHosts(knownHosts, host, server.getPort(), hostKeys);
            return new EmbeddedSftpServer(server, root, knownHosts, clientKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded SFTP server on " + host + ":" + port + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create SFTP keys: " + e.getMessage(), e);
        }
    }

    /** The client key of the hub: read if present, else generated (ECDSA P-256, OpenSSH format, mode 600). */
    private static KeyPair clientKeyPair(Path file) throws IOException, GeneralSecurityException {
        Path publicFile = file.resolveSibling(file.getFileName() + ".pub");
        if (Files.exists(file) && Files.exists(publicFile)) {
            PublicKey publicKey = PublicKeyEntry.parsePublicKeyEntry(Files.readString(publicFile).trim()).resolvePublicKey(null, null, null);
            return new KeyPair(publicKey, null);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "budget-disclosure-hub", null, out);
        }
        ownerOnly(file);
        Files.writeString(publicFile, PublicKeyEntry.toString(pair.getPublic()) + " budget-disclosure-hub\n");
        return pair;
    }

    private static void writeKnownHosts(Path knownHosts, String host, int port, KeyPairProvider hostKeys)
            throws IOException, GeneralSecurityException {
        StringBuilder lines = new StringBuilder();
        for (KeyPair pair : hostKeys.loadKeys(null)) {
            lines.append('[').append(host).append("]:").append(port).append(' ').append(PublicKeyEntry.toString(pair.getPublic())).append('\n');
        }
        Files.createDirectories(knownHosts.toAbsolutePath().getParent());
        Files.writeString(knownHosts, lines.toString(), StandardCharsets.UTF_8);
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the key stays as the platform created it
        }
    }

    public int port() {
        return server.getPort();
    }

    public Path root() {
        return root;
    }

    public Path knownHosts() {
        return knownHosts;
    }

    public Path clientKey() {
        return clientKey;
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
