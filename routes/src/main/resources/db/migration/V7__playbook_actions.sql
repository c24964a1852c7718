-- Playbooks (issue 8). Every action a plan decided on, held-out and log-only ones included: the record of
-- what was done (and deliberately not done) that cooldowns, suppression and the uplift report read.
-- action_key is the Healthsync_Key__c the Task or Opportunity carries (account, playbook, ISO week).
-- The score an action fired on is score_history's row of (account_id, created_on).
-- status: planned -> written | failed (a Salesforce record), held_out, logged (log-only), superseded (a
-- newer plan decided again before this one was applied).
CREATE TABLE playbook_action (
    action_key     VARCHAR(255) PRIMARY KEY,
    plan_id        VARCHAR(40)  NOT NULL,
    account_id     VARCHAR(18)  NOT NULL,
    playbook_id    VARCHAR(80)  NOT NULL,
    kind           VARCHAR(20)  NOT NULL,
    held_out       BOOLEAN      NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    created_on     DATE         NOT NULL,
    amount         DOUBLE PRECISION,
    salesforce_id  VARCHAR(18),
    created_in_crm BOOLEAN,
    error_code     VARCHAR(80),
    error_message  VARCHAR(2000),
    details        VARCHAR(100000) NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX playbook_action_account ON playbook_action (account_id, playbook_id);

-- Task and Opportunity rows of the outbox are keyed by their external id, longer than a record Id.
ALTER TABLE outbox ALTER COLUMN record_id SET DATA TYPE VARCHAR(255);
