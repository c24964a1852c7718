-- Scale (issue 9): scoring reads the store one range of accounts at a time (account_id BETWEEN ? AND ?), so
-- that it never holds every account's history at once. Activities, opportunities and subscriptions have an index
-- led by account_id; product usage days had only their key (source, account_id, usage_date), so each range
-- would scan every stored day: the cost of scoring would grow with the square of the accounts.
CREATE INDEX usage_day_by_account ON usage_day (account_id, usage_date);
