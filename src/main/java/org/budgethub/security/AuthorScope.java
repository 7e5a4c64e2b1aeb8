package org.budgethub.security;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Whose words a user may see and edit (issue 21). A user holding VIEWER (every role but AUTHOR
 * does) sees every agency and department; an AUTHOR (单位填报员) only the codes an admin assigned
 * it (table {@code user_agency}), exactly those: a department's code does not include its units,
 * nor a unit's its department. Anyone else (not logged in, no role) sees none.
 *
 * <p>The codes are read once per request (kept in its attributes), so a list that asks for each of
 * its rows reads them once, and an admin's change applies from the author's next request on.
 */
@Component
class AuthorScope implements AgencyScope {

    private static final String VIEWER = "ROLE_" + Role.VIEWER.name();
    private static final String AUTHOR = "ROLE_" + Role.AUTHOR.name();
    private static final String KEPT = AuthorScope.class.getName() + ".codes:";

    private final Function<String, Set<String>> assigned;

    @Autowired
    public AuthorScope(Users users) {
        this(users::agencies);
    }

    /** @param assigned an author's codes, by user name */
    AuthorScope(Function<String, Set<String>> assigned) {
        this.assigned = assigned;
    }

    @Override
    public boolean permits(Authentication user, String code) {
        return code != null && limitedTo(user).map(codes -> codes.contains(code)).orElse(true);
    }

    @Override
    public Optional<Set<String>> limitedTo(Authentication user) {
        if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
            return Optional.of(Set.of());
        }
        if (holds(user, VIEWER)) {
            return Optional.empty();
        }
        return Optional.of(holds(user, AUTHOR) ? codes(user.getName()) : Set.of());
    }

    private static boolean holds(Authentication user, String role) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(role::equals);
    }

    /** The author's codes, read once per request (every time outside one). */
    private Set<String> codes(String username) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return Set.copyOf(assigned.apply(username));
        }
        @SuppressWarnings("unchecked")
        Set<String> kept = (Set<String>) request.getAttribute(KEPT + username, RequestAttributes.SCOPE_REQUEST);
        if (kept == null) {
            kept = Set.copyOf(assigned.apply(username));
            request.setAttribute(KEPT + username, kept, RequestAttributes.SCOPE_REQUEST);
        }
        return kept;
    }
}
