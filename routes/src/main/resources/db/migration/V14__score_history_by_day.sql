-- score_history keyed by day first: every reader asks for days, not accounts (the playbooks read the days since a
-- month ago, the backfill asks whether a day is scored), and a day's scores are written together. Keyed by account
-- first, those reads scanned the whole table, which grows by a row per account per day (36 million rows in a year
-- at 100,000 accounts), and a day's 100,000 rows were spread over every page of it.
CREATE TABLE score_history_by_day (
    as_of         DATE        NOT NULL,
    account_id    VARCHAR(18) NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    band          VARCHAR(10) NOT NULL,
    model_version VARCHAR(80),
    PRIMARY KEY (as_of, account_id)
);
INSERT INTO score_history_by_day (as_of, account_id, score, band, model_version)
SELECT as_of, account_id, score, band, model_version FROM score_history;
DROP TABLE score_history;
ALTER TABLE score_history_by_day RENAME TO score_history;
