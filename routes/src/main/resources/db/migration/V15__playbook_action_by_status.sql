-- Each plan marks the actions of earlier plans still planned or failed as superseded. Without an index on status
-- that update read every action ever decided (some 76,000 a run at 100,000 accounts, 25,000 on a quiet day), so a
-- plan grew with the number of runs before it; with it, the update reads the few actions still open.
CREATE INDEX playbook_action_by_status ON playbook_action (status);
