-- The account index (its fingerprint: accounts, domains and links) that each source's unmatched records were all
-- last tried against. A pull whose index has the same fingerprint does not read and try them again: at 100,000
-- accounts some 100,000 strays of Zendesk and as many of Stripe took a day's later run 7-11 s each (issue 9).
CREATE TABLE source_rematch (
    source        VARCHAR(40) PRIMARY KEY,
    tried_against VARCHAR(80) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
