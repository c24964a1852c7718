-- Scale (issue 9): after every batch of an apply, the plan's state asks whether any of its rows is still to be
-- written. Without this index that question read every row of the plan, written ones included, once per batch:
-- an apply cost grew with the square of the plan (100,000 records: 160 s). With it, a lookup by status.
CREATE INDEX outbox_by_plan_status ON outbox (plan_id, status);
