package org.budgethub.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name of this hub instance ({@code hub.instance-id}, default the host name): it owns the runs
 * and deliveries it starts, so after a crash it recovers its own and never another live instance's.
 */
public record HubInstance(String id) {

    public static HubInstance of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new HubInstance(configured.trim());
        }
        try {
            return new HubInstance(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return new HubInstance("hub");
        }
    }
}
