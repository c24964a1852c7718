-- Each account's score per day, kept (health_score holds only the latest): the playbooks' triggers read how
-- a score moved (a drop within a window, days in red). A re-run on the same day replaces that day's row.
CREATE TABLE score_history (
    account_id    VARCHAR(18) NOT NULL,
    as_of         DATE        NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    band          VARCHAR(10) NOT NULL,
    model_version VARCHAR(80),
    PRIMARY KEY (account_id, as_of)
);
