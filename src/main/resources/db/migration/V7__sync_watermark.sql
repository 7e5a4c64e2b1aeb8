-- Incremental sync (增量同步): what each agency's package was last built from, so that a run of every
-- agency (and the nightly schedule) reads and builds only the agencies whose sources changed since.
--
-- sync_watermark: per budget year, the last sync plan. watermark is the latest update_time of the
-- year's timestamped finance rows (bgt_appropriation, bgt_ledger, bgt_procurement) seen at plan time,
-- but never later than the finance database's own clock (finance_clock) less hub.run.incremental.settle:
-- a row committed late is still newer than it. Rows are compared with > : a row stamped exactly at the
-- watermark was seen. elements_hash fingerprints ele_exp_func and ele_dep_bgt_eco of Y and P and
-- ele_fund_type; settings_hash the templates, rule severities, PDF font, CMS metadata and hub version.
CREATE TABLE sync_watermark (
    fiscal_year     INTEGER       NOT NULL PRIMARY KEY,
    watermark       TIMESTAMP,
    finance_clock   TIMESTAMP,
    latest_seen     TIMESTAMP,                -- the latest update_time seen, before the settle cap
    elements_hash   VARCHAR(64)   NOT NULL,
    settings_hash   VARCHAR(64)   NOT NULL,
    run_id          BIGINT,
    updated_at      TIMESTAMP     NOT NULL
);

-- sync_agency: per unit or department of a year, what its last build in a tracked run was made from.
-- An agency is built again when its rows changed after its watermark, its content fingerprint
-- (source_hash: bas_agency, bgt_project, bgt_perf_indicator and ast_vehicle rows, which have no
-- update_time, and counts and sums of its appropriations, ledger and procurement, which catch hard
-- deletes) or its narrative (narrative_hash: the files' content) differ, shared_hash (elements and
-- settings) differs, or status is not BUILT (FAILED: failed or held back, tried again next time).
-- A department's source_hash is its list of units.
CREATE TABLE sync_agency (
    fiscal_year     INTEGER       NOT NULL,
    agency_code     VARCHAR(32)   NOT NULL,
    kind            VARCHAR(16)   NOT NULL,   -- unit or department
    status          VARCHAR(16)   NOT NULL,   -- BUILT, FAILED
    watermark       TIMESTAMP,
    source_hash     VARCHAR(64)   NOT NULL,
    narrative_hash  VARCHAR(64)   NOT NULL,
    shared_hash     VARCHAR(64)   NOT NULL,
    run_id          BIGINT        NOT NULL,
    updated_at      TIMESTAMP     NOT NULL,
    PRIMARY KEY (fiscal_year, agency_code, kind)
);

-- How many agencies an incremental run left out as unchanged at the source (未变化，来源数据无改动，已跳过).
ALTER TABLE run ADD COLUMN skipped_unchanged INTEGER DEFAULT 0 NOT NULL;
