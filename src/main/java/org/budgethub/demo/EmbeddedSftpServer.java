package org.budgethub.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * An SFTP server (Apache MINA SSHD) serving a local folder: the website CMS of the demo and of the
 * tests. It accepts the hub's user with one key, which it generates on first start next to a
 * known_hosts file naming its own host key, so the hub connects with strict host key checking;
 * and, if asked, a read-only account for the website team with a key and a known_hosts file of its own.
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
        return start(root, hostKeyFile, clientKey, knownHosts, host, port, username, listeners, null);
    }

    /** A user that may list and download, never write, rename or delete: the website team's. */
    public record ReadOnlyAccount(String username, Path privateKey, Path knownHosts) {
    }

    /** @param readOnly the website team's account, or null for none */
    public static EmbeddedSftpServer start(Path root, Path hostKeyFile, Path clientKey, Path knownHosts, String host, int port,
                                           String username, List<SftpEventListener> listeners, ReadOnlyAccount readOnly) {
        try {
            Files.createDirectories(root);
            KeyPair client = clientKeyPair(clientKey);
            PublicKey allowed = client.getPublic();
            PublicKey reader = readOnly == null ? null : clientKeyPair(readOnly.privateKey()).getPublic();
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost(host);
            server.setPort(port);
            SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
            hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
            hostKeys.setKeySize(256);
            server.setKeyPairProvider(hostKeys);
            server.setPublickeyAuthenticator((user, key, session) -> username.equals(user) && KeyUtils.compareKeys(allowed, key)
                    || readOnly != null && readOnly.username().equals(user) && KeyUtils.compareKeys(reader, key));
            server.setPasswordAuthenticator(null);
            server.setKeyboardInteractiveAuthenticator(null);
            SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder()
                    .withFileSystemAccessor(readOnly == null ? SftpFileSystemAccessor.DEFAULT : new ReadOnlyFor(readOnly.username()))
                    .build();
            listeners.forEach(sftp::addSftpEventListener);
            server.setSubsystemFactories(List.of(sftp));
            server.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
            server.start();
            writeKnownHosts(knownHosts, host, server.getPort(), hostKeys);
            if (readOnly != null) {
                writeKnownHosts(readOnly.knownHosts(), host, server.getPort(), hostKeys);
            }
            return new EmbeddedSftpServer(server, root, knownHosts, clientKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded SFTP server on " + host + ":" + port + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create SFTP keys: " + e.getMessage(), e);
        }
    }

    /**
     * Every change to the file system is refused to the read-only user with SSH_FX_PERMISSION_DENIED (it reads,
     * lists, stats and resolves paths only); the others may do as SFTP allows.
     */
    private static final class ReadOnlyFor implements SftpFileSystemAccessor {

        private static final Set<StandardOpenOption> WRITES = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.DELETE_ON_CLOSE);

        private final String user;

        ReadOnlyFor(String user) {
            this.user = user;
        }

        private void refuse(SftpSubsystemProxy subsystem, Path path) throws AccessDeniedException {
            if (user.equals(subsystem.getServerSession().getUsername())) {
                throw new AccessDeniedException(path.toString(), null, "read-only account");
            }
        }

        @Override
        public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
                                            Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
            if (options.stream().anyMatch(WRITES::contains)) {
                refuse(subsystem, file);
            }
            return SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, attrs);
        }

        @Override
        public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory) throws IOException {
            refuse(subsystem, path);
            SftpFileSystemAccessor.super.removeFile(subsystem, path, isDirectory);
        }

        @Override
        public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts) throws IOException {
            refuse(subsystem, oldPath);
            SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
        }

        @Override
        public void copyFile(SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts) throws IOException {
            refuse(subsystem, dst);
            SftpFileSystemAccessor.super.copyFile(subsystem, src, dst, opts);
        }

        @Override
        public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
            refuse(subsystem, path);
            SftpFileSystemAccessor.super.createDirectory(subsystem, path);
        }

        @Override
        public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink) throws IOException {
            refuse(subsystem, link);
            SftpFileSystemAccessor.super.createLink(subsystem, link, existing, symLink);
        }

        // SETSTAT/FSETSTAT: MINA SSHD applies times, permissions, owner, group, ACLs and extensions through separate
        // calls (a chmod never reaches setFileAttribute), so each is refused on its own; a size goes through openFile(WRITE).
        @Override
        public void setFileAttribute(SftpSubsystemProxy subsystem, Path file, String view, String attribute, Object value,
                                     LinkOption... options) throws IOException {
            refuse(subsystem, file);
            SftpFileSystemAccessor.super.setFileAttribute(subsystem, file, view, attribute, value, options);
        }

        @Override
        public void setFilePermissions(SftpSubsystemProxy subsystem, Path path, Set<PosixFilePermission> perms, LinkOption... options)
                throws IOException {
            refuse(subsystem, path);
            SftpFileSystemAccessor.super.setFilePermissions(subsystem, path, perms, options);
        }

        @Override
        public void setFileOwner(SftpSubsystemProxy subsystem, Path path, Principal value, LinkOption... options) throws IOException {
            refuse(subsystem, path);
            SftpFileSystemAccessor.super.setFileOwner(subsystem, path, value, options);
        }

        @Override
        public void setGroupOwner(SftpSubsystemProxy subsystem, Path path, Principal value, LinkOption... options) throws IOException {
            refuse(subsystem, path);
            SftpFileSystemAccessor.super.setGroupOwner(subsystem, path, value, options);
        }

        @Override
        public void setFileAccessControl(SftpSubsystemProxy subsystem, Path path, List<AclEntry> acl, LinkOption... options)
                throws IOException {
            refuse(subsystem, path);
            SftpFileSystemAccessor.super.setFileAccessControl(subsystem, path, acl, options);
        }

        @Override
        public void applyExtensionFileAttributes(SftpSubsystemProxy subsystem, Path file, Map<String, byte[]> extensions,
                                                 LinkOption... options) throws IOException {
            if (extensions != null && !extensions.isEmpty()) {
                refuse(subsystem, file);
            }
            SftpFileSystemAccessor.super.applyExtensionFileAttributes(subsystem, file, extensions, options);
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
