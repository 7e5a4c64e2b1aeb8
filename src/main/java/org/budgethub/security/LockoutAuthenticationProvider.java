package org.budgethub.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The password check of the form login and of HTTP Basic, behind the lockout: a locked name is
 * refused before its password is looked at, a wrong password counts, a right one resets the count.
 */
final class LockoutAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginLockout lockout;

    LockoutAuthenticationProvider(AuthenticationProvider passwords, LoginLockout lockout) {
        this.passwords = passwords;
        this.lockout = lockout;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String name = attempt.getName();
        lockout.refuseIfLocked(name);
        Authentication result;
        try {
            result = passwords.authenticate(attempt);
        } catch (BadCredentialsException e) {
            // Wrong password and unknown name alike (the provider hides which): both count.
            lockout.failed(name, SecurityAudit.from(attempt.getDetails()));
            throw e;
        }
        if (result != null) {
            lockout.succeeded(name);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
