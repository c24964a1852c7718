-- The Accounts a pull found to be only the echo of healthsync's own writes (issue 9): what the echo held in the fields
-- healthsync writes, and its SystemModstamp, instead of the whole row stored again. After a full write every Account
-- comes back, and at 100,000 accounts storing the whole rows (some 1 KB of CRM fields each) was most of a drifted
-- run's pull. Reads of the account table apply a row of this table over the account's; storing the account whole
-- again (any other change) deletes it.
CREATE TABLE account_echo (
    crm_id          VARCHAR(18) PRIMARY KEY,
    system_modstamp TIMESTAMP WITH TIME ZONE,
    fields          VARCHAR(100000) NOT NULL
);
