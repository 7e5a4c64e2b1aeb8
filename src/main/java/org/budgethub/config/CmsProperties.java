package org.budgethub.config;

import org.budgethub.render.CmsMetadata;

/**
 * {@code hub.cms.*}: the website CMS that receives packages over SFTP, the embedded stand-in of
 * the demo, and the metadata the website needs with every package. Defaults are in the jar's
 * application.yaml; the routes read the same keys as placeholders.
 *
 * @param password used only when set (HUB_CMS_PASSWORD); the hub logs in with its key
 */
public record CmsProperties(
        String host,
        int port,
        String directory,
        String username,
        String password,
        String privateKeyFile,
        String knownHostsFile,
        String strictHostKeyChecking,
        int connectTimeoutMs,
        int soTimeoutMs,
        int serverAliveIntervalMs,
        int healthTimeoutMs,
        Embedded embedded,
        CmsMetadata metadata) {

    /**
     * The demo's embedded SFTP server (Apache MINA SSHD), serving a local folder.
     *
     * @param websiteUser the website team's read-only account (its key {@code <keysDir>/<user>_ecdsa})
     */
    public record Embedded(boolean enabled, String root, String keysDir, String websiteUser) {
    }

}
