-- The reviewer at scale (issue 22). review_look: who opened a version's preview (page, PDF) or its
-- diff, and when first: the review page says 已查看 / 未查看 per reviewer, and a department's units
-- are approved together only when this reviewer looked at each. review_findings: how many findings
-- of each severity a version's disclosure.json carries, counted once per version (the JSON is not
-- parsed again for every card of every page), so the queue filters on warnings without reading it.
-- Portable to H2 and PostgreSQL.
CREATE TABLE review_look (
    delivery_id  BIGINT        NOT NULL REFERENCES delivery (id),
    username     VARCHAR(100)  NOT NULL,
    looked_at    TIMESTAMP     NOT NULL,
    PRIMARY KEY (delivery_id, username)
);

CREATE TABLE review_findings (
    delivery_id  BIGINT   NOT NULL PRIMARY KEY REFERENCES delivery (id),
    fatal        INTEGER  NOT NULL,
    warn         INTEGER  NOT NULL,
    info         INTEGER  NOT NULL
);
