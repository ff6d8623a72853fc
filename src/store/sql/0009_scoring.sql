-- How a procurement's evaluated requirements are scored: 'points' (added up) or 'merit_sek'
-- (a merit value in kronor per requirement, deducted from the price). Procurements made before
-- the choice existed were scored in points.
ALTER TABLE procurement ADD COLUMN scoring TEXT NOT NULL DEFAULT 'points';
