-- Scale (issue 9). Sources are pulled every 15 minutes and every sync scores every account; within a day most
-- accounts' scores come out exactly as stored. A 64-bit fingerprint of what a health_score row holds (but when it was
-- computed) lets a save skip those rows: at 100,000 accounts rewriting them (drivers and signals, some 1.1 KB each)
-- was most of a same-day run's scoring time. NULL (rows stored before this): written at the next save.
ALTER TABLE health_score ADD COLUMN fingerprint BIGINT;
