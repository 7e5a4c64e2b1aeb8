-- What a task decided for its agency, as a typed fact rather than a sentence to compare: on a failed
-- task HELD_BACK (its data kept it back; a correction, not a retry, helps) or FAILED; on the publish
-- task NEW_VERSION, AWAITING_REVIEW or UNCHANGED (not sent). Names of run.AgencyOutcome; NULL on
-- the other tasks. Earlier tasks get the fact their detail stated. Portable to H2 and PostgreSQL.
ALTER TABLE task ADD COLUMN outcome VARCHAR(16);

UPDATE task SET outcome = 'HELD_BACK' WHERE status = 'FAILED' AND detail = '未通过：数据或说明须更正，重试无用';
UPDATE task SET outcome = 'FAILED' WHERE status = 'FAILED' AND outcome IS NULL;
UPDATE task SET outcome = 'UNCHANGED' WHERE stage = 'publish' AND (status = 'SKIPPED' OR (status = 'DONE' AND detail LIKE '未发送：%'));
UPDATE task SET outcome = 'AWAITING_REVIEW' WHERE stage = 'publish' AND status = 'DONE' AND outcome IS NULL AND detail LIKE '待审核：%';
UPDATE task SET outcome = 'NEW_VERSION' WHERE stage = 'publish' AND status = 'DONE' AND outcome IS NULL;
