-- The profile tells the AI Act's high-risk routes apart, knows whether the supplier processes
-- personal data for the buyer, and gives the value as direct / below / above the EU threshold.
-- Stored profiles are rewritten to keep what they meant: `high` was Annex III (the route of
-- municipal uses), every line about processors applied to any personal data, and
-- `above_threshold` becomes `value`. The program reads the old form too; this keeps the
-- database in one form for other readers (exports, sqlite3).
UPDATE procurement
SET profile = json_remove(
    json_set(
        profile,
        '$.ai_risk', CASE json_extract(profile, '$.ai_risk')
            WHEN 'high' THEN 'high_annex3'
            ELSE coalesce(json_extract(profile, '$.ai_risk'), 'minimal') END,
        '$.processor', json(CASE
            WHEN json_type(profile, '$.processor') IS NOT NULL
                THEN CASE json_extract(profile, '$.processor') WHEN 1 THEN 'true' ELSE 'false' END
            WHEN coalesce(json_extract(profile, '$.personal_data'), 'none') = 'none' THEN 'false'
            ELSE 'true' END),
        '$.generative', json(CASE json_extract(profile, '$.generative') WHEN 1 THEN 'true' ELSE 'false' END),
        '$.value', coalesce(json_extract(profile, '$.value'),
            CASE json_extract(profile, '$.above_threshold') WHEN 1 THEN 'above' ELSE 'below' END)
    ),
    '$.above_threshold');
