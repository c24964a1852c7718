-- usage_day keyed by day before account (issue 9). A product-analytics backfill writes a day or two of every
-- account at a time: keyed by account first, each window's rows landed on every page of the key, and H2 rewrote
-- most of the key at each of its stores, a cost that grew with the table (at 30,000 accounts, Amplitude's backfill
-- took 125 s of the app's CPU keyed by account, 97 s keyed by day). A day's rows now go to the end of the key, as a
-- day's runs write them too. An account's days are read through usage_day_by_account, as before.
CREATE TABLE usage_day_by_date (
    source         VARCHAR(40) NOT NULL,
    account_id     VARCHAR(18) NOT NULL,
    usage_date     DATE        NOT NULL,
    active_users   INTEGER     NOT NULL,
    sessions       INTEGER     NOT NULL,
    feature_events VARCHAR(4000),
    PRIMARY KEY (source, usage_date, account_id)
);
INSERT INTO usage_day_by_date (source, account_id, usage_date, active_users, sessions, feature_events)
SELECT source, account_id, usage_date, active_users, sessions, feature_events FROM usage_day;
DROP TABLE usage_day;
ALTER TABLE usage_day_by_date RENAME TO usage_day;
CREATE INDEX usage_day_by_account ON usage_day (account_id, usage_date);
