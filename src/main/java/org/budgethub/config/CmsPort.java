package org.budgethub.config;

import java.util.function.IntSupplier;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * hub.cms.port as the routes use it. With 0 in the settings the demo's embedded CMS takes a free port
 * after HubProperties was bound and puts it into the environment (DemoCmsConfiguration), so the port is
 * bound again, as an int, each time it is asked for.
 */
final class CmsPort {

    private CmsPort() {
    }

    static IntSupplier live(Environment environment, CmsProperties cms) {
        return () -> Binder.get(environment).bind("hub.cms.port", Integer.class).orElse(cms.port());
    }
}
