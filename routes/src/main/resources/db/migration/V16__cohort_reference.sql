-- The cohorts a day's scores rank against (CohortReference): the day's first run stores each cohort's sorted values
-- of each signal, and the day's later runs rank against them, so an account whose data did not change keeps its
-- score, and its row is not rewritten. Only the latest day is kept. ranked_values: distinct values, ascending, each
-- a big-endian IEEE 754 double followed by a 4-byte count of accounts with it.
CREATE TABLE cohort_reference (
    as_of           DATE         NOT NULL,
    cohort          VARCHAR(300) NOT NULL,
    signal_key      VARCHAR(80)  NOT NULL,
    min_cohort_size INTEGER      NOT NULL,
    ranked_values   BYTEA        NOT NULL,
    PRIMARY KEY (as_of, cohort, signal_key)
);
