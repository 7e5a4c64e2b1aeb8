-- Issue 21: an AUTHOR (单位填报员) sees and edits the words of the agencies and departments an admin
-- assigned it, and no others (security.AuthorScope). One row per (user, code); a code is an agency's
-- or a department's (bas_agency.agency_code or parent_agency_code of some year), checked when assigned.
-- Only AUTHORs have rows: a user given another role loses them (security.Users).
CREATE TABLE user_agency (
    username        VARCHAR(100)  NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    code            VARCHAR(32)   NOT NULL,
    PRIMARY KEY (username, code)
);

-- Who may write an agency's words: the narrative pages and the review ask by code.
CREATE INDEX user_agency_code ON user_agency (code);
