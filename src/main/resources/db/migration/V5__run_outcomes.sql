-- What each run did, counted as an operator needs it: new package versions, unchanged packages,
-- packages held back by the validation gate (bad data), and failures of the machinery. A run
-- waiting for another is QUEUED before it is RUNNING.
ALTER TABLE run ADD COLUMN new_versions INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE run ADD COLUMN unchanged INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE run ADD COLUMN held_back INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE run ADD COLUMN queued_at TIMESTAMP;

-- Console logins: consecutive failures and the lockout they cause.
ALTER TABLE app_user ADD COLUMN failed_logins INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE app_user ADD COLUMN locked_until TIMESTAMP;
