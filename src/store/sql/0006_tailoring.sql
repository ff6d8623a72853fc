-- What the weights of a procurement's evaluated lines must add up to, when the officer sets it.
ALTER TABLE procurement ADD COLUMN weight_total INTEGER CHECK (weight_total IS NULL OR weight_total > 0);

-- Own requirement lines get the stable number an officer refers to them by (EGEN-1, EGEN-2 …),
-- in the order they were added; until now they were named by their place in the list.
UPDATE procurement_line
SET body = json_set(body, '$.own', (
    SELECT n FROM (
        SELECT id, row_number() OVER (PARTITION BY procurement_id ORDER BY id) AS n
        FROM procurement_line WHERE source_req_id IS NULL
    ) numbered WHERE numbered.id = procurement_line.id))
WHERE source_req_id IS NULL;
