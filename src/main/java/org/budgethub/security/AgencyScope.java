package org.budgethub.security;

import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;

/**
 * Which agencies' and departments' words a console user may see and edit (issue 21): an AUTHOR
 * (单位填报员) only the codes an admin assigned, every other role all of them.
 */
public interface AgencyScope {

    /** Whether {@code user} may see and edit the words of {@code code} (an agency or a department). */
    boolean permits(Authentication user, String code);

    /** The codes {@code user} is limited to; empty: every agency and department. */
    Optional<Set<String>> limitedTo(Authentication user);
}
