-- At district and city scale every list is read a page at a time and counted in the database: the
-- indexes those queries need (a run's tasks by status and stage, the runs of a year by status, the
-- latest run per agency and year). Plain CREATE INDEX: portable to H2
-- (PostgreSQL mode) and PostgreSQL.
CREATE INDEX ix_task_run_status ON task (run_id, status, agency_code);
CREATE INDEX ix_task_run_stage ON task (run_id, stage, status);
CREATE INDEX ix_task_agency_run ON task (agency_code, run_id);
CREATE INDEX ix_run_status ON run (status, id);
CREATE INDEX ix_run_year_status ON run (fiscal_year, status, id);
