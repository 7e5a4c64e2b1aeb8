package org.budgethub.security;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password check of the form login and of HTTP Basic, behind the lockout: a name locked from
 * this address (or everywhere) is refused before its password is looked at, a wrong password counts,
 * a right one resets the count.
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
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        lockout.refuseIfLocked(name, address);
        Authentication result;
        try {
            result = passwords.authenticate(attempt);
        } catch (BadCredentialsException e) {
            // Wrong password and unknown name alike (the provider hides which): both count. The failure that
            // locks says so at once, with until when, instead of one more "wrong password".
            Optional<LoginLockout.Lock> lock = lockout.failed(name, address, SecurityAudit.from(attempt.getDetails()));
            if (lock.isPresent()) {
                throw new LockedException(lockout.message(lock.get()), e);
            }
            throw e;
        }
        if (result != null) {
            lockout.succeeded(name, address);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
