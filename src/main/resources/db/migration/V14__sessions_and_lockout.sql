-- Issue 22. A session remembers the credentials_version its user had at login; an admin disabling,
-- re-roling or resetting a user raises it, so every hub instance ends that user's sessions at the next request.
ALTER TABLE app_user ADD COLUMN credentials_version BIGINT DEFAULT 0 NOT NULL;

-- Failed logins of one user name from one source address, and that pair's lockout with back-off
-- (locks: how many times it was locked, doubling the next). An outsider's guesses lock only its own
-- address; app_user.failed_logins/locked_until now count and lock across all addresses, at a much higher count.
CREATE TABLE login_failure (
    username        VARCHAR(100)  NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    address         VARCHAR(64)   NOT NULL,
    failures        INTEGER       DEFAULT 0 NOT NULL,
    locks           INTEGER       DEFAULT 0 NOT NULL,
    locked_until    TIMESTAMP,
    last_failure    TIMESTAMP     NOT NULL,
    PRIMARY KEY (username, address)
);
