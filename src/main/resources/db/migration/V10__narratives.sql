-- The words (说明撰写内容) of each agency or department and year, as versions (issue 21): the run
-- reads the latest version of (agency_code, fiscal_year); nothing is ever updated or deleted.
--
-- narrative_version: agency_code is a unit's or a department's code. status CONFIRMED (已确认: imported
-- from a file or saved by a person) or DRAFTED (草稿: reserved for words the hub made; the hub uses its
-- draft without storing it today). words is the JSON of the CONTRACT §1 keys (duties, composition,
-- reasons{…}, notes[], contact{name, phone}), only the non-empty ones, in the contract's order;
-- content_hash its SHA-256 (hex): the incremental sync's narrative fingerprint, and what an import
-- compares to skip unchanged content. author is the user's name, or 'import:<file>'. source says
-- how the version came: IMPORT (the YAML folder), CONSOLE (the console's page), API.
CREATE TABLE narrative_version (
    agency_code    VARCHAR(32)   NOT NULL,
    fiscal_year    INTEGER       NOT NULL,
    version        INTEGER       NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    words          TEXT          NOT NULL,
    author         VARCHAR(300)  NOT NULL,
    created_at     TIMESTAMP     NOT NULL,
    source         VARCHAR(16)   NOT NULL,
    content_hash   VARCHAR(64)   NOT NULL,
    CONSTRAINT pk_narrative_version PRIMARY KEY (agency_code, fiscal_year, version),
    CONSTRAINT ck_narrative_version CHECK (version >= 1),
    CONSTRAINT ck_narrative_status CHECK (status IN ('DRAFTED', 'CONFIRMED')),
    CONSTRAINT ck_narrative_source CHECK (source IN ('IMPORT', 'CONSOLE', 'API'))
);

-- A year's latest versions (the run's one query) and an agency's earlier years (the draft's words).
CREATE INDEX ix_narrative_year ON narrative_version (fiscal_year, agency_code, version);

-- narrative_file: what the import last took from each file of hub.narratives.dir (by file name):
-- file_hash the SHA-256 of its bytes, so an unchanged file is not even parsed again, and content_hash
-- the words it held, so an unchanged file never overwrites newer words saved in the console.
CREATE TABLE narrative_file (
    file_name      VARCHAR(255)  NOT NULL PRIMARY KEY,
    file_hash      VARCHAR(64)   NOT NULL,
    content_hash   VARCHAR(64)   NOT NULL,
    agency_code    VARCHAR(32)   NOT NULL,
    fiscal_year    INTEGER       NOT NULL,
    version        INTEGER,                 -- the version it made or matched
    imported_at    TIMESTAMP     NOT NULL
);
