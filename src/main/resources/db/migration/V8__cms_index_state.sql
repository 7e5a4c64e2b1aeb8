-- What the hub last wrote as a year's index.json / index.atom on the CMS (the SHA-256 of both).
-- At start-up the hub compares it with the index the delivery records give now: a crash between a
-- delivery (or a withdrawal marker) and the index rewrite leaves them different, and the index is
-- written again.
CREATE TABLE cms_index_state (
    fiscal_year  INTEGER      NOT NULL PRIMARY KEY,
    sha256       VARCHAR(64)  NOT NULL,
    written_at   TIMESTAMP    NOT NULL
);
