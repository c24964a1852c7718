-- Hardening for months of unattended running (issue 5). Portable between H2 and PostgreSQL.

-- Deletes: Salesforce's queryAll returns deleted records with IsDeleted = true. They are kept as
-- tombstones (never scored, never written) so a late re-read cannot bring them back.
ALTER TABLE account ADD COLUMN is_deleted BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE activity ADD COLUMN is_deleted BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE opportunity ADD COLUMN is_deleted BOOLEAN DEFAULT FALSE NOT NULL;

-- Activities keep their labels as pulled (Subject in raw_type, Type in source_type) and are classified
-- when scored, so an edited taxonomy.yaml applies to everything already stored. type stays only for
-- sources whose records carry a structural type (a ticket opened, an invoice paid).
ALTER TABLE activity ADD COLUMN source_type VARCHAR(255);
ALTER TABLE activity ALTER COLUMN type DROP NOT NULL;
UPDATE activity SET type = NULL WHERE source LIKE 'salesforce.%';

-- Point-in-time facts for opportunities: when each was opened and closed.
ALTER TABLE opportunity ADD COLUMN created_date TIMESTAMP WITH TIME ZONE;
ALTER TABLE opportunity ADD COLUMN system_modstamp TIMESTAMP WITH TIME ZONE;

-- The cursor also says up to where the lookback window has been re-read once it had settled (so a
-- quiet org is not re-read forever), and when the object's last complete pull finished.
ALTER TABLE pull_cursor ADD COLUMN settled_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE pull_cursor ADD COLUMN checked_at TIMESTAMP WITH TIME ZONE;

-- What is already stored lacks what this version reads (an activity's Type, an opportunity's CreatedDate,
-- deletions): the next pull of these objects reads them again from the start (upserts, nothing doubles).
DELETE FROM pull_cursor WHERE source = 'salesforce' AND object_name IN ('Account', 'Task', 'Event', 'Opportunity');

-- Quarantine keyed by record: a record that fails again replaces its row, a record that maps removes it.
CREATE TABLE quarantined_record (
    source      VARCHAR(40)  NOT NULL,
    object_name VARCHAR(80)  NOT NULL,
    record_id   VARCHAR(64)  NOT NULL,
    modstamp    TIMESTAMP WITH TIME ZONE NOT NULL,
    reason      VARCHAR(2000) NOT NULL,
    payload     VARCHAR(100000),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source, object_name, record_id, modstamp)
);
INSERT INTO quarantined_record (source, object_name, record_id, modstamp, reason, payload, created_at)
SELECT source, object_name, COALESCE(record_id, '(no Id) ' || CAST(id AS VARCHAR(20))), created_at, reason, payload,
       created_at
FROM quarantine
WHERE id IN (SELECT MAX(id) FROM quarantine GROUP BY source, object_name, COALESCE(record_id, CAST(id AS VARCHAR(20))));
DROP TABLE quarantine;
ALTER TABLE quarantined_record RENAME TO quarantine;

-- A plan that a newer plan replaced can no longer be applied; the outbox key (plan, sobject, record)
-- with its status is what makes a re-applied plan a no-op, so the unused idempotency_key goes.
ALTER TABLE writeback_plan ADD COLUMN superseded_by VARCHAR(40);
ALTER TABLE outbox DROP COLUMN idempotency_key;
