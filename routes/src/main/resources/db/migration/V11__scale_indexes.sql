-- Scale (issue 9).
-- Scoring reads the store one range of accounts at a time (account_id BETWEEN ? AND ?), so that it never holds
-- every account's history at once. Activities, opportunities and subscriptions have an index led by account_id;
-- product usage days had only their key (source, account_id, usage_date), so each range would scan every stored
-- day: scoring would grow with the square of the accounts.
CREATE INDEX usage_day_by_account ON usage_day (account_id, usage_date);

-- An apply reads its plan's playbook actions (the light touches to log, the report's counts) by plan_id. Without
-- an index that read scanned every action of every earlier plan: at 100,000 accounts a plan decides some 76,000,
-- so each run's apply grew with the number of runs before it.
CREATE INDEX playbook_action_by_plan ON playbook_action (plan_id);

-- Each plan reads the actions within the playbooks' longest cooldown (by created_on), not every action ever decided.
CREATE INDEX playbook_action_by_day ON playbook_action (created_on);
