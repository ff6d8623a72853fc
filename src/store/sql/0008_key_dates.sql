-- A set's key dates (`[[date]]` in its file) as JSON, like its sources: a list of
-- { key, date, what, basis }. Versions imported before key dates existed have none.
ALTER TABLE set_version ADD COLUMN dates TEXT NOT NULL DEFAULT '[]';
