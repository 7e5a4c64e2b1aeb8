package org.budgethub.publish;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * Hooks into the embedded SFTP server: records what arrives (renames, in order) and injects the
 * faults a real CMS server shows: a connection cut mid-upload, permission denied, a full disk.
 */
final class FaultInjection implements SftpEventListener {

    enum Fault { NONE, CUT_CONNECTION, PERMISSION_DENIED, DISK_FULL }

    private volatile Fault fault = Fault.NONE;
    private volatile String onFile = "";
    private final AtomicInteger remaining = new AtomicInteger();
    private final List<String> renamedTo = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger writes = new AtomicInteger();

    /** Injects {@code fault} on the next {@code times} writes to a file whose name contains {@code fileName}. */
    void inject(Fault fault, String fileName, int times) {
        this.onFile = fileName;
        this.remaining.set(times);
        this.fault = fault;
    }

    void clear() {
        fault = Fault.NONE;
        renamedTo.clear();
        writes.set(0);
    }

    List<String> renamedTo() {
        return List.copyOf(renamedTo);
    }

    int writes() {
        return writes.get();
    }

    @Override
    public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                        int dataOffset, int dataLen) throws IOException {
        writes.incrementAndGet();
        String name = localHandle.getFile().getFileName().toString();
        if (fault == Fault.NONE || !name.contains(onFile) || remaining.get() <= 0) {
            return;
        }
        remaining.decrementAndGet();
        switch (fault) {
            case CUT_CONNECTION -> {
                session.close(true);
                throw new IOException("connection cut by the test");
            }
            case DISK_FULL -> throw new IOException("No space left on device");
            default -> {
            }
        }
    }

    @Override
    public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
        String name = localHandle.getFile().getFileName().toString();
        if (fault == Fault.PERMISSION_DENIED && name.contains(onFile) && remaining.get() > 0 && localHandle instanceof FileHandle) {
            remaining.decrementAndGet();
            throw new AccessDeniedException(localHandle.getFile().toString(), null, "Permission denied");
        }
    }

    @Override
    public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<java.nio.file.CopyOption> opts, Throwable thrown) {
        if (thrown == null) {
            renamedTo.add(dstPath.getFileName().toString());
        }
    }
}
