package org.budgethub.publish;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name of this hub instance ({@code hub.instance-id}, default the host name): it owns the runs
 * and deliveries it starts, so after a crash it recovers its own and never another live instance's.
 */
public final class HubInstance {

    private HubInstance() {
    }

    public static String id(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "hub";
        }
    }
}
