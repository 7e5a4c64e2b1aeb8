-- Release review (先审后发): a built package version waits for a person's approval before it goes
-- to the website CMS. A version is AWAITING_REVIEW, then APPROVED (and SENDING, DELIVERED or FAILED)
-- or REJECTED; a newer build replaces an undelivered one (SUPERSEDED); a delivered one may be
-- WITHDRAWN. The package's files are kept with the version, so the reviewer sees, and approval
-- delivers, exactly what was built.
ALTER TABLE delivery ADD COLUMN built_by VARCHAR(200);        -- who or what started the build (run trigger)
ALTER TABLE delivery ADD COLUMN kind VARCHAR(16);             -- unit or department
ALTER TABLE delivery ADD COLUMN agency_name VARCHAR(200);
ALTER TABLE delivery ADD COLUMN reviewed_by VARCHAR(100);     -- the approver or rejecter
ALTER TABLE delivery ADD COLUMN reviewed_at TIMESTAMP;
ALTER TABLE delivery ADD COLUMN review_reason VARCHAR(2000);  -- why it was rejected
ALTER TABLE delivery ADD COLUMN withdrawn_by VARCHAR(100);
ALTER TABLE delivery ADD COLUMN withdrawn_at TIMESTAMP;
ALTER TABLE delivery ADD COLUMN withdraw_reason VARCHAR(2000);

CREATE INDEX ix_delivery_status ON delivery (fiscal_year, status);

CREATE TABLE package_file (
    delivery_id  BIGINT        NOT NULL REFERENCES delivery (id),
    seq          INTEGER       NOT NULL,   -- upload order; the manifest comes last
    name         VARCHAR(100)  NOT NULL,
    content      BYTEA         NOT NULL,
    sha256       VARCHAR(64)   NOT NULL,
    PRIMARY KEY (delivery_id, seq)
);

-- The approval date (批复日期) of a year's budget: the disclosures are due 20 days after it.
CREATE TABLE budget_approval (
    fiscal_year  INTEGER    NOT NULL PRIMARY KEY,
    approved_on  DATE       NOT NULL,
    set_by       VARCHAR(100) NOT NULL,
    set_at       TIMESTAMP  NOT NULL
);
