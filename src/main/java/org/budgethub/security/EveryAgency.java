package org.budgethub.security;

import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Seam only (branch i21-author replaces it with the AUTHOR role's scope): everybody may see every agency. */
@Component
class EveryAgency implements AgencyScope {

    @Override
    public boolean permits(Authentication user, String code) {
        return user != null && user.isAuthenticated();
    }

    @Override
    public Optional<Set<String>> limitedTo(Authentication user) {
        return Optional.empty();
    }
}
