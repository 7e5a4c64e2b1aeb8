-- The audit log is filtered by user and by action (GET /api/audit, the admin page), newest first.
CREATE INDEX ix_audit_user ON audit_log (username, id);
CREATE INDEX ix_audit_action ON audit_log (action, id);
CREATE INDEX ix_audit_at ON audit_log (at);
