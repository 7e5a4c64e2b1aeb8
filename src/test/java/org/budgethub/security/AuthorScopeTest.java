package org.budgethub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Whose words each role sees, on hand-made logins and scopes: no database, no Spring context. */
class AuthorScopeTest {

    private final Map<String, Set<String>> assigned = Map.of("author-a", Set.of("101023", "101"), "author-none", Set.of());
    private final List<String> reads = new ArrayList<>();
    private final AuthorScope scope = new AuthorScope(name -> {
        reads.add(name);
        return assigned.getOrDefault(name, Set.of());
    });

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    /** A login as Users makes it: the Spring Security roles the stored role grants. */
    private static Authentication login(String name, Role role) {
        return UsernamePasswordAuthenticationToken.authenticated(name, "n/a",
                AuthorityUtils.createAuthorityList(Arrays.stream(Users.grants(name, role.name())).map(r -> "ROLE_" + r).toArray(String[]::new)));
    }

    @Test
    void anAuthorSeesExactlyItsOwnCodes() {
        Authentication author = login("author-a", Role.AUTHOR);
        assertThat(scope.limitedTo(author)).contains(Set.of("101023", "101"));
        assertThat(scope.permits(author, "101023")).isTrue();
        assertThat(scope.permits(author, "101")).isTrue();
        // Neither a sibling unit, nor a unit of its department, nor a prefix, nor nothing.
        assertThat(scope.permits(author, "101031")).isFalse();
        assertThat(scope.permits(author, "101001")).isFalse();
        assertThat(scope.permits(author, "10102")).isFalse();
        assertThat(scope.permits(author, null)).isFalse();
    }

    @Test
    void anAuthorGivenNothingSeesNothing() {
        Authentication author = login("author-none", Role.AUTHOR);
        assertThat(scope.limitedTo(author)).contains(Set.of());
        assertThat(scope.permits(author, "101023")).isFalse();
        // A user the store does not know (a test login, a deleted row) likewise.
        assertThat(scope.permits(login("nobody", Role.AUTHOR), "101023")).isFalse();
    }

    @Test
    void everyOtherRoleSeesEveryAgencyWithoutReadingAScope() {
        for (Role role : List.of(Role.VIEWER, Role.OPERATOR, Role.REVIEWER, Role.ADMIN)) {
            // Even a scope left behind from when the user was an author counts for nothing.
            Authentication user = login("author-a", role);
            assertThat(scope.limitedTo(user)).as(role.name()).isEmpty();
            assertThat(scope.permits(user, "101031")).as(role.name()).isTrue();
            assertThat(scope.permits(user, "999999")).as(role.name()).isTrue();
        }
        assertThat(reads).isEmpty();
    }

    @Test
    void nobodyLoggedInAndNoRoleSeeNothing() {
        assertThat(scope.permits(null, "101023")).isFalse();
        assertThat(scope.limitedTo(null)).contains(Set.of());
        Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        assertThat(scope.permits(anonymous, "101023")).isFalse();
        Authentication unauthenticated = UsernamePasswordAuthenticationToken.unauthenticated("author-a", "pw");
        assertThat(scope.permits(unauthenticated, "101023")).isFalse();
        // A stored role that is no role of the hub's grants nothing, the scope included.
        Authentication noRole = UsernamePasswordAuthenticationToken.authenticated("author-a", "n/a",
                AuthorityUtils.createAuthorityList(Users.grants("author-a", "EDITOR")));
        assertThat(scope.permits(noRole, "101023")).isFalse();
    }

    @Test
    void anAuthorLandsOnItsWordsAndEveryoneElseOnTheDashboard() {
        assertThat(SecurityConfiguration.landing(login("author-a", Role.AUTHOR))).isEqualTo("/console/narratives");
        for (Role role : List.of(Role.VIEWER, Role.OPERATOR, Role.REVIEWER, Role.ADMIN)) {
            assertThat(SecurityConfiguration.landing(login("someone", role))).as(role.name()).isEqualTo("/console");
        }
    }

    @Test
    void theCodesAreReadOncePerRequestAndAgainInTheNext() {
        Authentication author = login("author-a", Role.AUTHOR);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        for (int i = 0; i < 300; i++) {
            scope.permits(author, "1010" + i);
        }
        assertThat(reads).containsExactly("author-a");

        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        scope.permits(author, "101023");
        assertThat(reads).containsExactly("author-a", "author-a");
        // Outside a request (a background task) every question reads.
        RequestContextHolder.resetRequestAttributes();
        scope.permits(author, "101023");
        scope.permits(author, "101023");
        assertThat(reads).hasSize(4);
    }
}
