-- The scores of past days that a run estimates from stored data when the days have none (a first run, or days
-- without a run), so that the playbooks see drops and red spells from the first run. Kept beside score_history, one
-- row per block of up to 1,000 accounts of a day: at 100,000 accounts a first run estimates 11 days, 1.1 million
-- scores, which took H2 some 7 s to insert a row each and the plan as long to read back. scores: see ScoreBlock.
CREATE TABLE score_backfill (
    as_of         DATE        NOT NULL,
    first_account VARCHAR(18) NOT NULL,
    scores        BYTEA       NOT NULL,
    PRIMARY KEY (as_of, first_account)
);
