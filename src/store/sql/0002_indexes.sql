-- Reading one contract's reviews (its follow-up plan) must not scan every review: the only
-- index on review.contract_id so far is the partial one on open reviews.
CREATE INDEX review_contract ON review(contract_id, id);

-- The procurement list counts each procurement's included lines; with this partial index
-- the count never reads the lines themselves (their JSON bodies are large).
CREATE INDEX procurement_line_included ON procurement_line(procurement_id) WHERE included;
