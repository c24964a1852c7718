-- What each planned write changes and why (the JSON that apply sends) moves out of outbox into a table of its own,
-- written once when the plan is saved and never updated. The outbox row keeps the write's state, which apply
-- updates once per record: at 100,000 records the JSON (1.1 KB a row) made each status update rewrite, and each
-- commit read back, a hundred times the bytes the status needs.
CREATE TABLE outbox_change (
    plan_id VARCHAR(40)     NOT NULL,
    seq     INTEGER         NOT NULL,
    changes VARCHAR(100000) NOT NULL,
    PRIMARY KEY (plan_id, seq)
);
INSERT INTO outbox_change (plan_id, seq, changes) SELECT plan_id, seq, changes FROM outbox;
ALTER TABLE outbox DROP COLUMN changes;
