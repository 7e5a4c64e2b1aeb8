package org.budgethub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.budgethub.config.HubProperties;

/**
 * The console's first start: the users it creates, and the passwords it made up for them written
 * once to a file only the hub's OS user can read (mode 600) — never to the log, which many read and
 * which is kept.
 */
final class InitialPasswords {

    private static final Logger LOG = LoggerFactory.getLogger(InitialPasswords.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private InitialPasswords() {
    }

    /** Creates the first users when there are none. @return the passwords file, or null when none was written */
    public static Path bootstrap(Users users, HubProperties.Console console, ZoneId zone) {
        List<Users.Credential> first = users.firstStart(console.adminPassword(), console.demoUsers());
        if (first.isEmpty()) {
            return null;
        }
        // Checked before anything is written: a refused admin password leaves no file and no user.
        first.stream().filter(c -> !c.generated()).forEach(c -> {
            try {
                users.policy().check(c.username(), c.password());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("HUB_CONSOLE_ADMIN_PASSWORD（hub.console.admin-password）不能用作管理员密码："
                        + e.getMessage() + "也可以不设，由中枢生成随机密码写入 " + console.initialPasswordsFile() + "。", e);
            }
        });
        List<Users.Credential> made = first.stream().filter(Users.Credential::generated).toList();
        Path file = null;
        if (!made.isEmpty()) {
            // The file first, the users after: a file that cannot be written leaves no user whose password nobody knows.
            file = write(console.initialPasswordsFile(), made, ZonedDateTime.now(zone));
        }
        users.createAll(first);
        if (file != null) {
            LOG.warn("首次启动：初始密码已写入 {}（仅本用户可读）；登录后在『账户』页修改密码", file);
        } else {
            LOG.info("首次启动：已创建管理员 admin，密码取自 HUB_CONSOLE_ADMIN_PASSWORD；登录后可在『账户』页修改密码");
        }
        return file;
    }

    /** Writes the file whole (aside, then moved over any old one), readable and writable by its owner only. */
    static Path write(Path configured, List<Users.Credential> made, ZonedDateTime at) {
        Path file = configured.toAbsolutePath().normalize();
        StringBuilder text = new StringBuilder()
                .append("# 预算公开集成中枢：首次启动时生成的控制台初始密码（").append(at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")))
                .append("）。\n# 只写这一次。请登录后在『账户』页修改密码，然后删除本文件。\n# 用户名\t角色\t密码\n");
        made.forEach(c -> text.append(c.username()).append('\t').append(c.role().name()).append('\t').append(c.password()).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path aside = file.resolveSibling("." + file.getFileName() + ".writing");
            Files.deleteIfExists(aside);
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix) {
                // Created owner-only, so the passwords are never readable by others, not even for a moment.
                Files.createFile(aside, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(aside);
                var f = aside.toFile();
                f.setReadable(false, false);
                f.setWritable(false, false);
                f.setReadable(true, true);
                f.setWritable(true, true);
            }
            Files.writeString(aside, text, StandardCharsets.UTF_8);
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (posix) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("无法写入初始密码文件 " + file + "（hub.console.initial-passwords-file）：" + e.getMessage()
                    + "；未创建任何用户", e);
        }
    }
}
