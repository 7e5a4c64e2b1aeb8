-- The law's two steps (预算法实施条例 第六条): a department discloses within 20 days of the finance
-- bureau's 批复 to it, its units within 20 days of the department's 批复 to them. budget_approval
-- stays the year's default date for every department; a row here overrides it for one department
-- (approved_on) and sets the department's own 批复 to its units (units_approved_on). Null: the
-- default (approved_on) or the same day as the department's (units_approved_on).
CREATE TABLE department_approval (
    fiscal_year        INTEGER       NOT NULL,
    department_code    VARCHAR(32)   NOT NULL,
    approved_on        DATE,
    units_approved_on  DATE,
    set_by             VARCHAR(100)  NOT NULL,
    set_at             TIMESTAMP     NOT NULL,
    PRIMARY KEY (fiscal_year, department_code)
);
