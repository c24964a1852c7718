-- The latest score's model probabilities, for the read API (GET /api/accounts/{id}/health): null while the
-- scorecard scores (it has none).
ALTER TABLE health_score ADD COLUMN churn_probability DOUBLE PRECISION;
ALTER TABLE health_score ADD COLUMN expansion_probability DOUBLE PRECISION;
